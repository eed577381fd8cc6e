/**
 * The FailedScheduling message: framework.FitError.Error() — "0/N nodes are available:", then the
 * PreFilter message, or each distinct reason with how many nodes gave it ("<count> <reason>", sorted
 * as strings and joined with ", "), each part ending in "."; then the PostFilter (preemption) message.
 *
 * @module
 */
import type { Status } from "./framework.ts";

/** framework.Diagnosis: why each node was rejected. */
export interface Diagnosis {
  /** How many nodes the snapshot had. */
  numAllNodes: number;
  /** The status of each node a Filter (or PreFilter) rejected, by node name. */
  nodeStatuses: Map<string, Status>;
  /** The status of every node not in `nodeStatuses` (those a PreFilterResult left out). */
  absentNodesStatus?: Status;
  /** A PreFilter's rejection of the pod, which replaces the per-node reasons. */
  preFilterMsg?: string;
  /** What PostFilter (preemption) said. */
  postFilterMsg?: string;
}

/**
 * The FitError message.
 *
 * @example
 * ```ts
 * import { fitErrorMessage, newStatus } from "@skiff/scheduler";
 *
 * const taint = newStatus("UnschedulableAndUnresolvable", "TaintToleration", "node(s) had untolerated taint {gpu: yes}");
 * const affinity = newStatus("UnschedulableAndUnresolvable", "NodeAffinity", "node(s) didn't match Pod's node affinity/selector");
 * fitErrorMessage({ numAllNodes: 3, nodeStatuses: new Map([["a", taint], ["b", affinity], ["c", affinity]]) });
 * // "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: yes}, 2 node(s) didn't match Pod's node affinity/selector."
 * ```
 */
export function fitErrorMessage(diagnosis: Diagnosis): string {
  let message = `0/${diagnosis.numAllNodes} nodes are available:`;
  if (diagnosis.preFilterMsg) {
    message += ` ${diagnosis.preFilterMsg}.`;
  } else {
    const histogram = new Map<string, number>();
    for (const status of diagnosis.nodeStatuses.values()) {
      for (const reason of status.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
    }
    const absent = diagnosis.numAllNodes - diagnosis.nodeStatuses.size;
    if (absent > 0 && diagnosis.absentNodesStatus) {
      for (const reason of diagnosis.absentNodesStatus.reasons) {
        histogram.set(reason, (histogram.get(reason) ?? 0) + absent);
      }
    }
    // Go's sort.Strings compares bytes; so does a plain JS comparison of these ASCII strings.
    const parts = [...histogram].map(([reason, count]) => `${count} ${reason}`).sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0
    );
    if (parts.length > 0) message += ` ${parts.join(", ")}.`;
  }
  // Kubernetes 1.30+ ends the whole message with one period even when the PostFilter message has its own.
  if (diagnosis.postFilterMsg) {
    message += ` ${diagnosis.postFilterMsg}${diagnosis.postFilterMsg.endsWith(".") ? "" : "."}`;
  }
  return message;
}
