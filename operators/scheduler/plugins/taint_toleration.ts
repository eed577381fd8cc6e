/**
 * TaintToleration (plugins/tainttoleration): a node's NoSchedule and NoExecute taints must be
 * tolerated; scoring prefers nodes with fewer untolerated PreferNoSchedule taints.
 *
 * @module
 */
import type { Taint, Toleration } from "@skiff/kinds";
import {
  defaultNormalizeScore,
  type FilterPlugin,
  MAX_NODE_SCORE,
  newStatus,
  type ScorePlugin,
} from "../framework.ts";
import { findUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from "../tolerations.ts";

/** The plugin's name. */
export const TAINT_TOLERATION = "TaintToleration";

/**
 * The reason for a node with an untolerated taint, as Kubernetes formats it.
 *
 * @example
 * ```ts
 * import { untoleratedTaintReason } from "@skiff/scheduler";
 *
 * untoleratedTaintReason({ key: "gpu", value: "yes", effect: "NoSchedule" }); // "node(s) had untolerated taint {gpu: yes}"
 * ```
 */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
}

/**
 * The TaintToleration filter.
 *
 * @example
 * ```ts
 * import { taintTolerationFilter } from "@skiff/scheduler";
 *
 * taintTolerationFilter.name; // "TaintToleration"
 * ```
 */
export const taintTolerationFilter: FilterPlugin = {
  name: TAINT_TOLERATION,
  preFilter(cycle) {
    const tolerations = cycle.pod.pod.spec?.tolerations ?? [];
    // Statuses are shared between nodes with the same first untolerated taint.
    const statuses = new Map<string, ReturnType<typeof newStatus>>();
    return {
      filter(node) {
        if (node.taints.length === 0) return undefined;
        const taint = findUntoleratedTaint(node.taints, tolerations, isDoNotScheduleTaint);
        if (!taint) return undefined;
        const reason = untoleratedTaintReason(taint);
        let status = statuses.get(reason);
        if (!status) {
          statuses.set(reason, status = newStatus("UnschedulableAndUnresolvable", TAINT_TOLERATION, reason));
        }
        return status;
      },
    };
  },
};

function countIntolerablePreferNoSchedule(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): number {
  let n = 0;
  for (const taint of taints) {
    if (taint.effect === "PreferNoSchedule" && !tolerationsTolerateTaint(tolerations, taint)) n++;
  }
  return n;
}

/**
 * The TaintToleration score (weight 3): untolerated PreferNoSchedule taints, normalized in reverse.
 *
 * @example
 * ```ts
 * import { taintTolerationScore } from "@skiff/scheduler";
 *
 * taintTolerationScore.weight; // 3
 * ```
 */
export const taintTolerationScore: ScorePlugin = {
  name: TAINT_TOLERATION,
  weight: 3,
  preScore(cycle) {
    const tolerations = (cycle.pod.pod.spec?.tolerations ?? []).filter((t) =>
      !t.effect || t.effect === "PreferNoSchedule"
    );
    return {
      score: (node) =>
        node.taints.length === 0 ? 0 : countIntolerablePreferNoSchedule(node.taints, tolerations),
      normalize: (scores) => defaultNormalizeScore(MAX_NODE_SCORE, true, scores),
    };
  },
};
