/**
 * InterPodAffinity (plugins/interpodaffinity): required pod affinity and anti-affinity of the incoming
 * pod, and required anti-affinity of the pods already running, decide by topology domain (the value
 * of a node label) whether a node fits; preferred terms on both sides score nodes.
 *
 * @module
 */
import { type Cycle, type FilterPlugin, MAX_NODE_SCORE, newStatus, type ScorePlugin } from "../framework.ts";
import { internKey, type NodeInfo } from "../node_info.ts";
import { type AffinityTerm, matchesAllTerms, termMatches } from "../pod_info.ts";
import type { Contribution, TopologyCounts } from "../topology_aggregate.ts";

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

const NONE: Contribution = [];
const EMPTY: TopologyCounts = new Map();

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

/** A key naming the terms and the topology keys they book their matches under (Snapshot.topologyCounts). */
function topologyTermsKey(kind: string, terms: readonly AffinityTerm[]): string {
  return internKey(JSON.stringify([termsKey(kind, terms), terms.map((t) => t.topologyKey)]));
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
    // The sums over all nodes are kept on the snapshot (topologyCounts) and only the nodes changed
    // since the last cycle that asked the same question are visited again.
    let existingAnti = EMPTY;
    if (cycle.snapshot.podsWithRequiredAntiAffinity > 0) {
      const key = internKey(JSON.stringify(["existing-anti", pod.namespace, pod.labels ?? {}, nsLabels]));
      existingAnti = cycle.snapshot.topologyCounts(key, (node) => {
        if (node.podsWithRequiredAntiAffinity.length === 0) return NONE;
        const out: [string, number][] = [];
        for (const existing of node.podsWithRequiredAntiAffinity) {
          for (const term of existing.requiredAntiAffinityTerms) {
            if (termMatches(term, pod, nsLabels)) out.push([term.topologyKey, 1]);
          }
        }
        return out;
      });
    }
    // Domains holding pods the incoming pod's required terms select. The per-node counts are cached
    // on the node too (NodeInfo.countPods), for when a sum has to be rebuilt.
    let affinity = EMPTY;
    if (affinityTerms.length > 0) {
      const countKey = termsKey("affinity-all", affinityTerms);
      affinity = cycle.snapshot.topologyCounts(topologyTermsKey("affinity-all", affinityTerms), (node) => {
        if (node.pods.length === 0) return NONE;
        const n = node.countPods(countKey, (p) => matchesAllTerms(affinityTerms, p));
        return n > 0 ? affinityTerms.map((t) => [t.topologyKey, n] as const) : NONE;
      });
    }
    // One sum per anti-affinity term: counts are never negative, so "some term's domain holds a
    // match" reads the same off separate sums as off their total.
    const anti = antiTerms.map((t) => {
      const countKey = termsKey("anti", [t]);
      return cycle.snapshot.topologyCounts(topologyTermsKey("anti", [t]), (node) => {
        if (node.pods.length === 0) return NONE;
        const n = node.countPods(countKey, (p) => termMatches(t, p, undefined));
        return n > 0 ? [[t.topologyKey, n]] : NONE;
      });
    });
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
        for (let i = 0; i < antiTerms.length; i++) {
          const key = antiTerms[i].topologyKey;
          if (anti[i].size > 0 && typeof labels[key] === "string" && countAt(anti[i], key, labels[key]) > 0) {
            return antiAffinityRejected;
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

    // What one node contributes, as [topologyKey, weight] pairs. It depends on the incoming pod's
    // preferred terms (matched against the node's pods) and, through the node's pods' own terms, on the
    // incoming pod's namespace, labels and namespace labels, which is what the cache key names.
    const contributions = (node: NodeInfo): Contribution => {
      const labels = node.labels;
      const pods = hasConstraints ? node.pods : node.podsWithAffinity;
      if (!labels || pods.length === 0) return NONE;
      const out: [string, number][] = [];
      const add = (key: string, weight: number) => {
        if (typeof labels[key] === "string") out.push([key, weight]);
      };
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
      topologyTermsKey("preferred", preferred),
      preferred.map((t) => t.weight),
      topologyTermsKey("preferred-anti", preferredAnti),
      preferredAnti.map((t) => t.weight),
    ]));
    const topology = cycle.snapshot.topologyCounts(cacheKey, contributions);
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
