/**
 * NodeAffinity (plugins/nodeaffinity): spec.nodeSelector and required node affinity filter nodes,
 * preferred node affinity scores them. A required term on metadata.name narrows the nodes in PreFilter,
 * as DaemonSet pods use it.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import {
  compileNodeSelectorMap,
  compileNodeSelectorTerm,
  compileNodeSelectorTerms,
  type NodeMatcher,
} from "../_selectors.ts";
import {
  defaultNormalizeScore,
  type FilterPlugin,
  MAX_NODE_SCORE,
  newStatus,
  type ScorePlugin,
} from "../framework.ts";

/** The plugin's name. */
export const NODE_AFFINITY = "NodeAffinity";
/** ErrReasonPod. */
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** errReasonConflict: required terms on metadata.name that no node can satisfy together. */
export const ERR_REASON_AFFINITY_CONFLICT = "pod affinity terms conflict";

const rejected = newStatus("UnschedulableAndUnresolvable", NODE_AFFINITY, ERR_REASON_NODE_AFFINITY);
const conflict = newStatus("UnschedulableAndUnresolvable", NODE_AFFINITY, ERR_REASON_AFFINITY_CONFLICT);

/**
 * nodeaffinity.GetRequiredNodeAffinity: the pod's nodeSelector AND its required node affinity terms
 * (ORed); a pod with neither matches every node.
 *
 * @example
 * ```ts
 * import { requiredNodeAffinity } from "@skiff/scheduler";
 *
 * const match = requiredNodeAffinity({ spec: { containers: [], nodeSelector: { disk: "ssd" } } });
 * match({ name: "n1", labels: { disk: "ssd" } }); // true
 * ```
 */
export function requiredNodeAffinity(pod: Pod): NodeMatcher {
  const selector = pod.spec?.nodeSelector;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const bySelector = selector ? compileNodeSelectorMap(selector) : undefined;
  const byAffinity = required ? compileNodeSelectorTerms(required.nodeSelectorTerms ?? []) : undefined;
  if (bySelector && byAffinity) return (node) => bySelector(node) && byAffinity(node);
  return bySelector ?? byAffinity ?? (() => true);
}

/** The node names a pod's required terms pin it to (metadata.name In), or undefined when any node may do. */
function pinnedNodeNames(pod: Pod): Set<string> | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== "metadata.name" || r.operator !== "In") continue;
      const values = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => values.has(n))) : values;
    }
    // A term without a name requirement lets every node through, and the terms are ORed.
    if (!termNames) return undefined;
    names = names ? new Set([...names, ...termNames]) : termNames;
  }
  return names;
}

/**
 * The NodeAffinity filter.
 *
 * @example
 * ```ts
 * import { nodeAffinityFilter } from "@skiff/scheduler";
 *
 * nodeAffinityFilter.name; // "NodeAffinity"
 * ```
 */
export const nodeAffinityFilter: FilterPlugin = {
  name: NODE_AFFINITY,
  preFilter(cycle) {
    const spec = cycle.pod.pod.spec;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !spec?.nodeSelector) return undefined;
    const match = cycle.requiredNodeAffinity;
    const filter = (node: Parameters<NodeMatcher>[0]) => (match(node) ? undefined : rejected);
    const names = pinnedNodeNames(cycle.pod.pod);
    if (names && names.size === 0) return { status: conflict };
    return { filter, nodeNames: names };
  },
};

/**
 * The NodeAffinity score (weight 2): the summed weights of the preferred terms a node matches,
 * normalized to 0..100 by the best node.
 *
 * @example
 * ```ts
 * import { nodeAffinityScore } from "@skiff/scheduler";
 *
 * nodeAffinityScore.weight; // 2
 * ```
 */
export const nodeAffinityScore: ScorePlugin = {
  name: NODE_AFFINITY,
  weight: 2,
  preScore(cycle) {
    const preferred = cycle.pod.pod.spec?.affinity?.nodeAffinity
      ?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!preferred) return undefined;
    const terms: { match: NodeMatcher; weight: number }[] = [];
    for (const t of preferred) {
      if (t.weight === 0) continue;
      const match = compileNodeSelectorTerm(t.preference);
      if (match) terms.push({ match, weight: t.weight });
    }
    return {
      score(node) {
        let sum = 0;
        for (let i = 0; i < terms.length; i++) if (terms[i].match(node)) sum += terms[i].weight;
        return sum;
      },
      normalize: (scores) => defaultNormalizeScore(MAX_NODE_SCORE, false, scores),
    };
  },
};
