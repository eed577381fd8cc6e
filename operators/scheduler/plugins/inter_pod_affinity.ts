/**
 * InterPodAffinity (plugins/interpodaffinity): required pod affinity and anti-affinity of the incoming
 * pod, and required anti-affinity of the pods already running, decide by topology domain (the value
 * of a node label) whether a node fits; preferred terms on both sides score nodes.
 *
 * @module
 */
import type { Labels } from "../_selectors.ts";
import { type Cycle, type FilterPlugin, MAX_NODE_SCORE, newStatus, type ScorePlugin } from "../framework.ts";
import { internKey, type NodeInfo } from "../node_info.ts";
import { type AffinityTerm, matchesAllTerms, termMatches } from "../pod_info.ts";

/** The plugin's name. */
export const INTER_POD_AFFINITY = "InterPodAffinity";
/** ErrReasonAffinityRulesNotMatch. */
export const ERR_REASON_AFFINITY_RULES = "node(s) didn't match pod affinity rules";
/** ErrReasonAntiAffinityRulesNotMatch. */
export const ERR_REASON_ANTI_AFFINITY_RULES = "node(s) didn't match pod anti-affinity rules";
/** ErrReasonExistingAntiAffinityRulesNotMatch. */
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
/** The default hardPodAffinityWeight: what an existing pod's required affinity adds to a node's score. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

const affinityRejected = newStatus(
  "UnschedulableAndUnresolvable",
  INTER_POD_AFFINITY,
  ERR_REASON_AFFINITY_RULES,
);
const antiAffinityRejected = newStatus("Unschedulable", INTER_POD_AFFINITY, ERR_REASON_ANTI_AFFINITY_RULES);
const existingRejected = newStatus("Unschedulable", INTER_POD_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY);

/** Counts by topology key, then by topology value (topologyToMatchedTermCount). */
type TopologyCounts = Map<string, Map<string, number>>;

function bump(counts: TopologyCounts, labels: Labels, key: string, by: number): void {
  if (!labels || typeof labels[key] !== "string") return;
  let byValue = counts.get(key);
  if (!byValue) counts.set(key, byValue = new Map());
  const value = labels[key];
  byValue.set(value, (byValue.get(value) ?? 0) + by);
}

function countAt(counts: TopologyCounts, key: string, value: string): number {
  return counts.get(key)?.get(value) ?? 0;
}

/**
 * mergeAffinityTermNamespacesIfNotEmpty: the incoming pod's namespaceSelector is resolved against the
 * known namespaces once, so matching existing pods needs no namespace lookup. `{}` (every namespace)
 * is left as it is.
 */
function mergeNamespaces<T extends AffinityTerm>(cycle: Cycle, term: T): T {
  if (term.namespaceSelector.empty) return term;
  const namespaces = new Set(term.namespaces);
  for (const name of cycle.snapshot.namespacesWhere((l) => term.namespaceSelector.matches(l))) {
    namespaces.add(name);
  }
  return { ...term, namespaces, namespaceSelector: { empty: false, matches: () => false } };
}

/** A key naming which pods some terms select: their selectors and (resolved) namespaces. */
function termsKey(kind: string, terms: readonly AffinityTerm[]): string {
  return internKey(JSON.stringify([
    kind,
    terms.map((t) => [t.selectorKey, [...t.namespaces].sort(), t.namespaceSelector.empty]),
  ]));
}

/**
 * The InterPodAffinity filter.
 *
 * @example
 * ```ts
 * import { interPodAffinityFilter } from "@skiff/scheduler";
 *
 * interPodAffinityFilter.name; // "InterPodAffinity"
 * ```
 */
export const interPodAffinityFilter: FilterPlugin = {
  name: INTER_POD_AFFINITY,
  preFilter(cycle) {
    const pod = cycle.pod;
    const affinityTerms = pod.requiredAffinityTerms.map((t) => mergeNamespaces(cycle, t));
    const antiTerms = pod.requiredAntiAffinityTerms.map((t) => mergeNamespaces(cycle, t));
    if (
      affinityTerms.length === 0 && antiTerms.length === 0 &&
      cycle.snapshot.podsWithRequiredAntiAffinity === 0
    ) {
      return undefined;
    }
    const nsLabels = cycle.snapshot.labelsOfNamespace(pod.namespace);

    // Domains where an existing pod's required anti-affinity term selects the incoming pod.
    // The answer depends only on the incoming pod's namespace, its labels and the namespace's labels.
    const existingAnti: TopologyCounts = new Map();
    if (cycle.snapshot.podsWithRequiredAntiAffinity > 0) {
      const key = internKey(JSON.stringify(["existing-anti", pod.namespace, pod.labels ?? {}, nsLabels]));
      for (const node of cycle.allNodes) {
        if (node.podsWithRequiredAntiAffinity.length === 0) continue;
        const keys = node.fromPods(key, () => {
          const out: string[] = [];
          for (const existing of node.podsWithRequiredAntiAffinity) {
            for (const term of existing.requiredAntiAffinityTerms) {
              if (termMatches(term, pod, nsLabels)) out.push(term.topologyKey);
            }
          }
          return out;
        });
        for (const topologyKey of keys) bump(existingAnti, node.labels, topologyKey, 1);
      }
    }
    // Domains holding pods the incoming pod's required terms select. The per-node counts are cached
    // on the node (NodeInfo.countPods) under a key naming the terms, since replicas repeat them.
    const affinity: TopologyCounts = new Map();
    const anti: TopologyCounts = new Map();
    if (affinityTerms.length > 0 || antiTerms.length > 0) {
      const affinityKey = termsKey("affinity-all", affinityTerms);
      const antiKeys = antiTerms.map((t) => termsKey("anti", [t]));
      for (const node of cycle.allNodes) {
        if (node.pods.length === 0) continue;
        if (affinityTerms.length > 0) {
          const n = node.countPods(affinityKey, (p) => matchesAllTerms(affinityTerms, p));
          if (n > 0) { for (const t of affinityTerms) bump(affinity, node.labels, t.topologyKey, n); }
        }
        for (let i = 0; i < antiTerms.length; i++) {
          const t = antiTerms[i];
          const n = node.countPods(antiKeys[i], (p) => termMatches(t, p, undefined));
          if (n > 0) bump(anti, node.labels, t.topologyKey, n);
        }
      }
    }
    if (existingAnti.size === 0 && affinityTerms.length === 0 && antiTerms.length === 0) return undefined;

    // The first pod of a group with affinity to itself may go anywhere its topology keys exist.
    const selfAffine = affinity.size === 0 && matchesAllTerms(affinityTerms, pod);

    return {
      filter(node: NodeInfo) {
        const labels = node.labels ?? {};
        if (affinityTerms.length > 0) {
          let podsExist = true;
          for (const term of affinityTerms) {
            if (typeof labels[term.topologyKey] !== "string") return affinityRejected;
            if (countAt(affinity, term.topologyKey, labels[term.topologyKey]) <= 0) podsExist = false;
          }
          if (!podsExist && !selfAffine) return affinityRejected;
        }
        if (anti.size > 0) {
          for (const term of antiTerms) {
            if (
              typeof labels[term.topologyKey] === "string" &&
              countAt(anti, term.topologyKey, labels[term.topologyKey]) > 0
            ) {
              return antiAffinityRejected;
            }
          }
        }
        if (existingAnti.size > 0) {
          for (const [key, byValue] of existingAnti) {
            if (typeof labels[key] === "string" && (byValue.get(labels[key]) ?? 0) > 0) {
              return existingRejected;
            }
          }
        }
        return undefined;
      },
    };
  },
};

/**
 * The InterPodAffinity score (weight 2): per topology domain, the weights of the incoming pod's
 * preferred terms matching pods there (anti-affinity subtracting), plus existing pods' preferred terms
 * and required affinity (hardPodAffinityWeight) selecting the incoming pod; min-max normalized.
 *
 * @example
 * ```ts
 * import { interPodAffinityScore } from "@skiff/scheduler";
 *
 * interPodAffinityScore.weight; // 2
 * ```
 */
export const interPodAffinityScore: ScorePlugin = {
  name: INTER_POD_AFFINITY,
  weight: 2,
  preScore(cycle) {
    const pod = cycle.pod;
    const preferred = pod.preferredAffinityTerms.map((t) => mergeNamespaces(cycle, t));
    const preferredAnti = pod.preferredAntiAffinityTerms.map((t) => mergeNamespaces(cycle, t));
    const hasConstraints = preferred.length > 0 || preferredAnti.length > 0;
    if (!hasConstraints && cycle.snapshot.podsWithAffinity === 0) return undefined;
    const nsLabels = cycle.snapshot.labelsOfNamespace(pod.namespace);
    const topology: TopologyCounts = new Map();

    // What one node contributes, as [topologyKey, weight] pairs. It depends on the incoming pod's
    // preferred terms (matched against the node's pods) and, through the node's pods' own terms, on the
    // incoming pod's namespace, labels and namespace labels, which is what the cache key names.
    const contributions = (node: NodeInfo): [string, number][] => {
      const out: [string, number][] = [];
      const labels = node.labels;
      if (!labels || Object.keys(labels).length === 0) return out;
      const add = (key: string, weight: number) => {
        if (typeof labels[key] === "string") out.push([key, weight]);
      };
      const pods = hasConstraints ? node.pods : node.podsWithAffinity;
      for (const existing of pods) {
        for (const t of preferred) if (termMatches(t, existing, undefined)) add(t.topologyKey, t.weight);
        for (const t of preferredAnti) if (termMatches(t, existing, undefined)) add(t.topologyKey, -t.weight);
        for (const t of existing.requiredAffinityTerms) {
          if (termMatches(t, pod, nsLabels)) add(t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
        }
        for (const t of existing.preferredAffinityTerms) {
          if (termMatches(t, pod, nsLabels)) add(t.topologyKey, t.weight);
        }
        for (const t of existing.preferredAntiAffinityTerms) {
          if (termMatches(t, pod, nsLabels)) add(t.topologyKey, -t.weight);
        }
      }
      return out;
    };
    const cacheKey = internKey(JSON.stringify([
      "affinity-score",
      pod.namespace,
      pod.labels ?? {},
      nsLabels,
      termsKey("preferred", preferred),
      preferred.map((t) => t.weight),
      termsKey("preferred-anti", preferredAnti),
      preferredAnti.map((t) => t.weight),
    ]));
    for (const node of cycle.allNodes) {
      if ((hasConstraints ? node.pods : node.podsWithAffinity).length === 0) continue;
      for (const [key, weight] of node.fromPods(cacheKey, () => contributions(node))) {
        bump(topology, node.labels, key, weight);
      }
    }
    if (topology.size === 0) return undefined;

    return {
      score(node) {
        const labels = node.labels;
        if (!labels) return 0;
        let score = 0;
        for (const [key, byValue] of topology) {
          if (typeof labels[key] === "string") score += byValue.get(labels[key]) ?? 0;
        }
        return score;
      },
      normalize(scores) {
        let min = Infinity;
        let max = -Infinity;
        for (const s of scores) {
          if (s > max) max = s;
          if (s < min) min = s;
        }
        const diff = max - min;
        for (let i = 0; i < scores.length; i++) {
          scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
        }
      },
    };
  },
};
