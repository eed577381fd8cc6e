/**
 * What DefaultPreemption's PostFilter says when it cannot help (plugins/defaultpreemption and
 * framework/preemption): a pod with preemptionPolicy Never is not eligible; otherwise each node is
 * judged — rejected as unresolvable ("Preemption is not helpful for scheduling"), without lower
 * priority pods ("No preemption victims found for incoming pod"), or still failing a filter with every
 * lower-priority pod removed (that filter's reasons) — and the verdicts are counted like a FitError.
 * A node where removing lower-priority pods makes room is a candidate: Kubernetes then nominates it
 * and evicts victims, and adds no message.
 *
 * @module
 */
import { type Diagnosis, fitErrorMessage } from "./fit_error.ts";
import { type Filter, newStatus, type Status } from "./framework.ts";
import type { NodeInfo } from "./node_info.ts";
import type { PodInfo } from "./pod_info.ts";

const PLUGIN = "DefaultPreemption";
const notHelpful = newStatus(
  "UnschedulableAndUnresolvable",
  PLUGIN,
  "Preemption is not helpful for scheduling",
);
const noVictims = newStatus(
  "UnschedulableAndUnresolvable",
  PLUGIN,
  "No preemption victims found for incoming pod",
);

/** What preemption concluded for a pod that fits no node. */
export interface PreemptionOutcome {
  /** The PostFilter message ("preemption: ..."), empty when there are candidates. */
  message: string;
  /** Nodes where evicting lower-priority pods would make the pod fit. */
  candidates: string[];
}

/**
 * Runs the preemption dry run over `nodes` with the cycle's filters.
 *
 * @example
 * ```ts
 * import { evaluatePreemption, newStatus, PodInfo } from "@skiff/scheduler";
 *
 * const pod = new PodInfo({ metadata: { name: "p" }, spec: { containers: [], preemptionPolicy: "Never" } });
 * evaluatePreemption(pod, [], { numAllNodes: 0, nodeStatuses: new Map() }, []).message;
 * // "preemption: not eligible due to preemptionPolicy=Never."
 * ```
 */
export function evaluatePreemption(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  diagnosis: Diagnosis,
  filters: readonly Filter[],
): PreemptionOutcome {
  if (pod.pod.spec?.preemptionPolicy === "Never") {
    return { message: "preemption: not eligible due to preemptionPolicy=Never.", candidates: [] };
  }
  const statuses = new Map<string, Status>();
  const candidates: string[] = [];
  for (const node of nodes) {
    const status = diagnosis.nodeStatuses.get(node.name) ?? diagnosis.absentNodesStatus;
    if (!status || status.code === "UnschedulableAndUnresolvable") {
      statuses.set(node.name, notHelpful);
      continue;
    }
    const victims = node.pods.filter((p) => p.priority < pod.priority);
    if (victims.length === 0) {
      statuses.set(node.name, noVictims);
      continue;
    }
    const trial = node.clone();
    for (const v of victims) trial.removePod(v.key);
    let failed: Status | undefined;
    for (const filter of filters) {
      failed = filter(trial);
      if (failed) break;
    }
    if (failed) statuses.set(node.name, failed);
    else candidates.push(node.name);
  }
  if (candidates.length > 0) return { message: "", candidates };
  return {
    message: `preemption: ${fitErrorMessage({ numAllNodes: nodes.length, nodeStatuses: statuses })}`,
    candidates,
  };
}
