/**
 * The scheduling framework's shapes (pkg/scheduler/framework/interface.go), cut down to what runs in
 * one thread: a plugin's PreFilter computes the pod's state once and returns the per-node Filter as a
 * closure over it; a score plugin's PreScore returns the per-node Score and its NormalizeScore.
 *
 * @module
 */
import type { NodeMatcher } from "./_selectors.ts";
import type { NodeInfo } from "./node_info.ts";
import type { PodInfo } from "./pod_info.ts";
import type { Snapshot } from "./snapshot.ts";

/** framework.MaxNodeScore: the highest score a plugin gives a node after normalizing. */
export const MAX_NODE_SCORE = 100;

/**
 * Why a node cannot take the pod. `Unschedulable` may be solved by preempting pods on the node;
 * `UnschedulableAndUnresolvable` cannot.
 */
export type StatusCode = "Unschedulable" | "UnschedulableAndUnresolvable";

/** framework.Status of a rejection: the code, the reasons (each counted in the FitError) and the plugin. */
export interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  readonly plugin: string;
}

/**
 * A rejection status; plugins build their constant ones once.
 *
 * @example
 * ```ts
 * import { newStatus } from "@skiff/scheduler";
 *
 * newStatus("UnschedulableAndUnresolvable", "NodeName", "node(s) didn't match the requested node name").reasons.length; // 1
 * ```
 */
export function newStatus(code: StatusCode, plugin: string, ...reasons: string[]): Status {
  return Object.freeze({ code, plugin, reasons: Object.freeze(reasons) });
}

/** What one scheduling cycle of one pod shares between plugins (framework.CycleState). */
export interface Cycle {
  readonly pod: PodInfo;
  readonly snapshot: Snapshot;
  /** Every node in the snapshot, in list order. */
  readonly allNodes: readonly NodeInfo[];
  /** The pod's nodeSelector and required node affinity (nodeaffinity.GetRequiredNodeAffinity). */
  readonly requiredNodeAffinity: NodeMatcher;
}

/** A per-node check; undefined means the node passes. */
export type Filter = (node: NodeInfo) => Status | undefined;

/** What PreFilter decides: skip the plugin, reject the pod, narrow the nodes, and/or filter each node. */
export interface PreFilterResult {
  /** The Filter to run on each node; absent when the plugin has nothing to check for this pod. */
  filter?: Filter;
  /** PreFilterResult.NodeNames: only these nodes can fit. */
  nodeNames?: ReadonlySet<string>;
  /** The pod fits no node at all. */
  status?: Status;
}

/** A plugin with PreFilter and Filter. */
export interface FilterPlugin {
  readonly name: string;
  /** PreFilter; undefined is framework.Skip (the plugin's Filter does not run for this pod). */
  preFilter(cycle: Cycle): PreFilterResult | undefined;
}

/** A plugin's Score for one pod, built by PreScore. */
export interface Scorer {
  /** Score of a feasible node (the index is its position among the feasible nodes). */
  score(node: NodeInfo, index: number): number;
  /** NormalizeScore over the scores of all feasible nodes, in place. */
  normalize?(scores: number[], nodes: readonly NodeInfo[]): void;
}

/** A plugin with PreScore, Score and NormalizeScore. */
export interface ScorePlugin {
  readonly name: string;
  /** Weight the normalized score is multiplied by (the default profile's weights). */
  readonly weight: number;
  /** PreScore; undefined is framework.Skip. */
  preScore(cycle: Cycle, feasible: readonly NodeInfo[]): Scorer | undefined;
}

/**
 * helper.DefaultNormalizeScore: scales scores to 0..MAX_NODE_SCORE by the largest (integer division),
 * reversed if asked; all zero stays zero, or becomes the maximum when reversed.
 *
 * @example
 * ```ts
 * import { defaultNormalizeScore } from "@skiff/scheduler";
 *
 * const scores = [0, 1, 3];
 * defaultNormalizeScore(100, true, scores);
 * scores; // [100, 67, 0]
 * ```
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let score = Math.trunc((maxPriority * scores[i]) / max);
    if (reverse) score = maxPriority - score;
    scores[i] = score;
  }
}
