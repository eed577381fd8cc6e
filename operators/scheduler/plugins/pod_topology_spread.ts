/**
 * PodTopologySpread (plugins/podtopologyspread): DoNotSchedule constraints filter nodes whose domain
 * would exceed maxSkew over the least-loaded eligible domain (0 when fewer than minDomains domains
 * exist); ScheduleAnyway constraints score nodes in emptier domains higher. Eligible nodes carry every
 * constraint's topology key and pass nodeAffinityPolicy (default Honor) and nodeTaintsPolicy (default
 * Ignore); terminating pods and pods of other namespaces are not counted.
 *
 * @module
 */
import type { TopologySpreadConstraint } from "@skiff/kinds";
import { compileLabelSelector, mergeMatchLabels, type Selector } from "../_selectors.ts";
import { type Cycle, type FilterPlugin, MAX_NODE_SCORE, newStatus, type ScorePlugin } from "../framework.ts";
import { internKey, type NodeInfo } from "../node_info.ts";
import type { PodInfo } from "../pod_info.ts";
import { findUntoleratedTaint, isDoNotScheduleTaint } from "../tolerations.ts";
import type { Contribution } from "../topology_aggregate.ts";

/** The plugin's name. */
export const POD_TOPOLOGY_SPREAD = "PodTopologySpread";
/** ErrReasonConstraintsNotMatch. */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** ErrReasonNodeLabelNotMatch: the node lacks a constraint's topology key. */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)";

const HOSTNAME = "kubernetes.io/hostname";
const skewRejected = newStatus("Unschedulable", POD_TOPOLOGY_SPREAD, ERR_REASON_CONSTRAINTS_NOT_MATCH);
const labelRejected = newStatus(
  "UnschedulableAndUnresolvable",
  POD_TOPOLOGY_SPREAD,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
);

/** A constraint with its defaults applied and its selector compiled (topologySpreadConstraint). */
interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  /** Whether an existing pod counts: same namespace, not terminating, selected. */
  counts: (pod: PodInfo) => boolean;
  /** Identifies the selector (with matchLabelKeys applied) and namespace for NodeInfo.countPods. */
  countKey: string;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

function constraintsOf(cycle: Cycle, action: "DoNotSchedule" | "ScheduleAnyway"): Constraint[] {
  const labels = cycle.pod.labels ?? {};
  const out: Constraint[] = [];
  for (const c of cycle.pod.pod.spec?.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== action) continue;
    out.push(compile(c, labels, cycle.pod.namespace));
  }
  return out;
}

function compile(
  c: TopologySpreadConstraint,
  podLabels: Record<string, string>,
  namespace: string,
): Constraint {
  let selector = compileLabelSelector(c.labelSelector);
  // matchLabelKeys: the pod's own values for these keys are ANDed into the selector.
  const extra: Record<string, string> = {};
  for (const key of c.matchLabelKeys ?? []) {
    if (typeof podLabels[key] === "string") extra[key] = podLabels[key];
  }
  if (c.labelSelector != null) selector = mergeMatchLabels(selector, extra);
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    counts: (p) => !p.terminating && p.namespace === namespace && selector.matches(p.labels),
    countKey: internKey(
      JSON.stringify(["spread", namespace, c.labelSelector ?? null, c.labelSelector != null ? extra : {}]),
    ),
    minDomains: c.minDomains ?? 1,
    honorNodeAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
    honorNodeTaints: (c.nodeTaintsPolicy ?? "Ignore") === "Honor",
  };
}

function hasAllKeys(node: NodeInfo, constraints: readonly Constraint[]): boolean {
  const labels = node.labels;
  if (!labels) return constraints.length === 0;
  for (const c of constraints) if (typeof labels[c.topologyKey] !== "string") return false;
  return true;
}

/** countPodsMatchSelector: pods of the namespace, not terminating, that the selector matches; none for an empty selector. */
function countMatching(node: NodeInfo, c: Constraint): number {
  const selector = c.selector;
  if (selector.empty || node.pods.length === 0) return 0;
  return node.countPods(c.countKey, c.counts);
}

function includedByPolicies(cycle: Cycle, c: Constraint, node: NodeInfo): boolean {
  if (c.honorNodeAffinity && !cycle.requiredNodeAffinity(node)) return false;
  if (c.honorNodeTaints) {
    const tolerations = cycle.pod.pod.spec?.tolerations ?? [];
    if (findUntoleratedTaint(node.taints, tolerations, isDoNotScheduleTaint)) return false;
  }
  return true;
}

/**
 * Matching pods per domain of constraint `i` over every node that carries all the constraints' keys
 * and passes the constraint's node policies; a domain of such nodes with no matching pod counts 0.
 * The sum is kept on the snapshot under a key naming all it depends on: the selector and namespace
 * (countKey), the topology keys, and the pod's required node affinity and tolerations when the
 * policies honour them (cycle.requiredNodeAffinity is built from exactly these fields).
 */
function domainCounts(cycle: Cycle, constraints: readonly Constraint[], i: number): Map<string, number> {
  const c = constraints[i];
  const spec = cycle.pod.pod.spec;
  const key = internKey(JSON.stringify([
    "spread",
    c.countKey,
    c.topologyKey,
    constraints.map((other) => other.topologyKey),
    c.honorNodeAffinity
      ? [
        spec?.nodeSelector ?? null,
        spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null,
      ]
      : null,
    c.honorNodeTaints ? spec?.tolerations ?? [] : null,
  ]));
  const sums = cycle.snapshot.topologyCounts(key, (node): Contribution => {
    if (!hasAllKeys(node, constraints) || !includedByPolicies(cycle, c, node)) return [];
    return [[c.topologyKey, countMatching(node, c)]];
  });
  return sums.get(c.topologyKey) ?? new Map();
}

/**
 * The PodTopologySpread filter.
 *
 * @example
 * ```ts
 * import { podTopologySpreadFilter } from "@skiff/scheduler";
 *
 * podTopologySpreadFilter.name; // "PodTopologySpread"
 * ```
 */
export const podTopologySpreadFilter: FilterPlugin = {
  name: POD_TOPOLOGY_SPREAD,
  preFilter(cycle) {
    const constraints = constraintsOf(cycle, "DoNotSchedule");
    if (constraints.length === 0) return undefined;
    // Matching pods per domain, for each constraint (TpValueToMatchNum).
    const counts = constraints.map((_, i) => domainCounts(cycle, constraints, i));
    // The global minimum per constraint (the first critical path), 0 below minDomains domains.
    const minMatch = constraints.map((c, i) => {
      let min = 2147483647;
      for (const n of counts[i].values()) if (n < min) min = n;
      return counts[i].size < c.minDomains ? 0 : min;
    });
    const selfMatch = constraints.map((c) => (c.selector.matches(cycle.pod.labels ?? {}) ? 1 : 0));

    return {
      filter(node) {
        const labels = node.labels;
        for (let i = 0; i < constraints.length; i++) {
          const c = constraints[i];
          if (!labels || typeof labels[c.topologyKey] !== "string") return labelRejected;
          const matchNum = counts[i].get(labels[c.topologyKey]) ?? 0;
          if (matchNum + selfMatch[i] - minMatch[i] > c.maxSkew) return skewRejected;
        }
        return undefined;
      },
    };
  },
};

/**
 * The PodTopologySpread score (weight 2) for ScheduleAnyway constraints: each node is charged the
 * matching pods in its domain times log(domains + 2), plus maxSkew - 1; fewer is better after
 * normalizing. Nodes lacking a topology key score 0.
 *
 * @example
 * ```ts
 * import { podTopologySpreadScore } from "@skiff/scheduler";
 *
 * podTopologySpreadScore.weight; // 2
 * ```
 */
export const podTopologySpreadScore: ScorePlugin = {
  name: POD_TOPOLOGY_SPREAD,
  weight: 2,
  preScore(cycle, feasible) {
    if (feasible.length === 0 || cycle.allNodes.length === 0) return undefined;
    const constraints = constraintsOf(cycle, "ScheduleAnyway");
    if (constraints.length === 0) return undefined;
    const ignored = new Set<NodeInfo>();
    const counts = constraints.map(() => new Map<string, number>());
    for (const node of feasible) {
      if (!hasAllKeys(node, constraints)) {
        ignored.add(node);
        continue;
      }
      for (let i = 0; i < constraints.length; i++) {
        if (constraints[i].topologyKey === HOSTNAME) continue;
        counts[i].set(node.labels![constraints[i].topologyKey], 0);
      }
    }
    const weights = constraints.map((c, i) =>
      Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : counts[i].size) + 2)
    );
    // Only domains a feasible node is in are counted; hostname domains are counted in Score.
    for (let i = 0; i < constraints.length; i++) {
      if (constraints[i].topologyKey === HOSTNAME) continue;
      const all = domainCounts(cycle, constraints, i);
      for (const value of counts[i].keys()) counts[i].set(value, all.get(value) ?? 0);
    }
    const INVALID = -1;
    return {
      score(node) {
        if (ignored.has(node)) return INVALID;
        let score = 0;
        const labels = node.labels!;
        for (let i = 0; i < constraints.length; i++) {
          const c = constraints[i];
          if (typeof labels[c.topologyKey] !== "string") continue;
          const cnt = c.topologyKey === HOSTNAME
            ? countMatching(node, c)
            : counts[i].get(labels[c.topologyKey]) ?? 0;
          score += cnt * weights[i] + (c.maxSkew - 1);
        }
        return Math.round(score);
      },
      normalize(scores) {
        let min = Infinity;
        let max = 0;
        for (const s of scores) {
          if (s === INVALID) continue;
          if (s < min) min = s;
          if (s > max) max = s;
        }
        for (let i = 0; i < scores.length; i++) {
          const s = scores[i];
          if (s === INVALID) scores[i] = 0;
          else if (max === 0) scores[i] = MAX_NODE_SCORE;
          else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max);
        }
      },
    };
  },
};
