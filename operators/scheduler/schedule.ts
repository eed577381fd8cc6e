/**
 * One scheduling cycle (pkg/scheduler/schedule_one.go): PreFilter every plugin once, Filter nodes
 * round-robin from where the last cycle stopped until enough feasible nodes are found
 * (percentageOfNodesToScore, adaptive by default), PreScore/Score/NormalizeScore the feasible ones,
 * weight and sum, and pick the best, breaking ties at random. A pod that fits nowhere gets a FitError
 * carrying Kubernetes' FailedScheduling message, preemption's verdict included.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { type Diagnosis, fitErrorMessage } from "./fit_error.ts";
import {
  type Cycle,
  type Filter,
  type FilterPlugin,
  newStatus,
  type ScorePlugin,
  type Status,
} from "./framework.ts";
import type { NodeInfo } from "./node_info.ts";
import { PodInfo } from "./pod_info.ts";
import { evaluatePreemption } from "./preemption.ts";
import type { Snapshot } from "./snapshot.ts";
import { balancedAllocationScore } from "./plugins/balanced_allocation.ts";
import { imageLocalityScore } from "./plugins/image_locality.ts";
import { interPodAffinityFilter, interPodAffinityScore } from "./plugins/inter_pod_affinity.ts";
import { nodeAffinityFilter, nodeAffinityScore, requiredNodeAffinity } from "./plugins/node_affinity.ts";
import { nodeName } from "./plugins/node_name.ts";
import { nodePorts } from "./plugins/node_ports.ts";
import { nodeResourcesFitFilter, nodeResourcesFitScore } from "./plugins/node_resources_fit.ts";
import { nodeUnschedulable } from "./plugins/node_unschedulable.ts";
import { podTopologySpreadFilter, podTopologySpreadScore } from "./plugins/pod_topology_spread.ts";
import { taintTolerationFilter, taintTolerationScore } from "./plugins/taint_toleration.ts";

/** The default profile's filters, in the order kube-scheduler 1.32 runs them (volume plugins aside). */
export const DEFAULT_FILTERS: readonly FilterPlugin[] = [
  nodeUnschedulable,
  nodeName,
  taintTolerationFilter,
  nodeAffinityFilter,
  nodePorts,
  nodeResourcesFitFilter,
  podTopologySpreadFilter,
  interPodAffinityFilter,
];

/** The default profile's scores with their weights. */
export const DEFAULT_SCORES: readonly ScorePlugin[] = [
  taintTolerationScore,
  nodeAffinityScore,
  nodeResourcesFitScore,
  podTopologySpreadScore,
  interPodAffinityScore,
  balancedAllocationScore,
  imageLocalityScore,
];

/** ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = "no nodes available to schedule pods";

/** How a scheduler is set up. */
export interface SchedulerOptions {
  /** Random numbers in [0, 1) for breaking ties (Math.random by default); inject one for tests. */
  random?: () => number;
  /** percentageOfNodesToScore; 0 or unset is adaptive (50% minus 1% per 125 nodes, at least 5%). */
  percentageOfNodesToScore?: number;
  /** Filter plugins, DEFAULT_FILTERS by default. */
  filters?: readonly FilterPlugin[];
  /** Score plugins, DEFAULT_SCORES by default. */
  scores?: readonly ScorePlugin[];
}

/** Why a pod fits no node. */
export interface FitError {
  /** The FailedScheduling message, as Kubernetes words it. */
  message: string;
  diagnosis: Diagnosis;
  /** Nodes where preempting lower-priority pods would make room (preemption itself is not done here). */
  preemptionCandidates: string[];
}

/** The outcome of scheduling one pod. */
export type ScheduleResult =
  | { node: string; evaluatedNodes: number; feasibleNodes: number; fitError?: undefined }
  | { node?: undefined; fitError: FitError };

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind: how many feasible nodes are enough to stop filtering.
 *
 * @example
 * ```ts
 * import { numFeasibleNodesToFind } from "@skiff/scheduler";
 *
 * numFeasibleNodesToFind(1000); // 420
 * numFeasibleNodesToFind(50); // 50
 * ```
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
      percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
    }
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/**
 * A scheduler: the default plugins and the round-robin position kept between cycles.
 *
 * @example
 * ```ts
 * import { Scheduler, Snapshot } from "@skiff/scheduler";
 *
 * const snapshot = Snapshot.from({ nodes: [
 *   { metadata: { name: "small" }, status: { allocatable: { cpu: "1", memory: "1Gi", pods: "110" } } },
 *   { metadata: { name: "big" }, status: { allocatable: { cpu: "8", memory: "16Gi", pods: "110" } } },
 * ] });
 * const pod = { metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "web", resources: { requests: { cpu: "2" } } }] } };
 * new Scheduler().schedule(pod, snapshot).node; // "big"
 * ```
 */
export class Scheduler {
  private readonly random: () => number;
  private readonly percentage: number;
  private readonly filters: readonly FilterPlugin[];
  private readonly scores: readonly ScorePlugin[];
  private nextStartNodeIndex = 0;
  // Reused between cycles so scoring allocates nothing per node.
  private totals: number[] = [];
  private pluginScores: number[] = [];

  constructor(options: SchedulerOptions = {}) {
    this.random = options.random ?? Math.random;
    this.percentage = options.percentageOfNodesToScore ?? 0;
    this.filters = options.filters ?? DEFAULT_FILTERS;
    this.scores = options.scores ?? DEFAULT_SCORES;
  }

  /** Picks a node for `pod` from `snapshot`, or explains why none fits. */
  schedule(pod: Pod, snapshot: Snapshot): ScheduleResult {
    const allNodes = snapshot.nodes();
    if (allNodes.length === 0) {
      return {
        fitError: {
          message: ERR_NO_NODES_AVAILABLE,
          diagnosis: { numAllNodes: 0, nodeStatuses: new Map() },
          preemptionCandidates: [],
        },
      };
    }
    const podInfo = new PodInfo(pod);
    const cycle: Cycle = {
      pod: podInfo,
      snapshot,
      allNodes,
      requiredNodeAffinity: requiredNodeAffinity(pod),
    };
    const diagnosis: Diagnosis = { numAllNodes: allNodes.length, nodeStatuses: new Map() };

    // PreFilter.
    const filters: Filter[] = [];
    let nodeNames: ReadonlySet<string> | undefined;
    const narrowing: string[] = [];
    for (const plugin of this.filters) {
      const result = plugin.preFilter(cycle);
      if (!result) continue;
      if (result.status) {
        diagnosis.absentNodesStatus = result.status;
        diagnosis.preFilterMsg = result.status.reasons.join(", ");
        return this.fail(podInfo, allNodes, diagnosis, filters);
      }
      if (result.nodeNames) {
        narrowing.push(plugin.name);
        nodeNames = nodeNames
          ? new Set([...nodeNames].filter((n) => result.nodeNames!.has(n)))
          : result.nodeNames;
        if (nodeNames.size === 0) {
          const msg = narrowing.length === 1
            ? `node(s) didn't satisfy plugin ${narrowing[0]}`
            : `node(s) didn't satisfy plugin(s) [${narrowing.join(" ")}] simultaneously`;
          diagnosis.absentNodesStatus = newStatus("Unschedulable", plugin.name, msg);
          diagnosis.preFilterMsg = msg;
          return this.fail(podInfo, allNodes, diagnosis, filters);
        }
      }
      if (result.filter) filters.push(result.filter);
    }
    let nodes = allNodes;
    if (nodeNames) {
      nodes = allNodes.filter((n) => nodeNames!.has(n.name));
      diagnosis.absentNodesStatus = newStatus(
        "UnschedulableAndUnresolvable",
        narrowing[0],
        `node(s) didn't satisfy plugin(s) [${[...narrowing].sort().join(" ")}]`,
      );
    }

    // Filter, round-robin, until enough feasible nodes are found.
    const feasible: NodeInfo[] = [];
    // Rejections are kept in plain arrays and only turned into the diagnosis's map if the pod fits
    // nowhere; most cycles succeed and never need it.
    const rejected: NodeInfo[] = [];
    const statuses: Status[] = [];
    const n = nodes.length;
    if (n > 0) {
      const wanted = numFeasibleNodesToFind(n, this.percentage);
      const start = this.nextStartNodeIndex % n;
      let processed = 0;
      for (let i = 0; i < n && feasible.length < wanted; i++) {
        const node = nodes[(start + i) % n];
        processed++;
        let status: Status | undefined;
        for (let f = 0; f < filters.length; f++) {
          status = filters[f](node);
          if (status) break;
        }
        if (status) {
          rejected.push(node);
          statuses.push(status);
        } else feasible.push(node);
      }
      this.nextStartNodeIndex = (start + processed) % n;
    }
    if (feasible.length === 0) {
      for (let i = 0; i < rejected.length; i++) diagnosis.nodeStatuses.set(rejected[i].name, statuses[i]);
      return this.fail(podInfo, allNodes, diagnosis, filters);
    }
    const evaluatedNodes = feasible.length + rejected.length;
    if (feasible.length === 1) return { node: feasible[0].name, evaluatedNodes, feasibleNodes: 1 };

    return { node: this.selectHost(cycle, feasible), evaluatedNodes, feasibleNodes: feasible.length };
  }

  private selectHost(cycle: Cycle, feasible: readonly NodeInfo[]): string {
    const count = feasible.length;
    const totals = this.totals;
    const scores = this.pluginScores;
    totals.length = count;
    scores.length = count;
    totals.fill(0);
    for (const plugin of this.scores) {
      const scorer = plugin.preScore(cycle, feasible);
      if (!scorer) continue;
      for (let i = 0; i < count; i++) scores[i] = scorer.score(feasible[i], i);
      scorer.normalize?.(scores, feasible);
      const weight = plugin.weight;
      for (let i = 0; i < count; i++) totals[i] += scores[i] * weight;
    }
    // Reservoir sampling over the nodes sharing the best total, as selectHost does.
    let best = 0;
    let ties = 1;
    for (let i = 1; i < count; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (Math.floor(this.random() * ties) === 0) best = i;
      }
    }
    return feasible[best].name;
  }

  private fail(
    pod: PodInfo,
    allNodes: readonly NodeInfo[],
    diagnosis: Diagnosis,
    filters: Filter[],
  ): ScheduleResult {
    const preemption = evaluatePreemption(pod, allNodes, diagnosis, filters);
    diagnosis.postFilterMsg = preemption.message || undefined;
    return {
      fitError: {
        message: fitErrorMessage(diagnosis),
        diagnosis,
        preemptionCandidates: preemption.candidates,
      },
    };
  }
}

/**
 * Schedules one pod with a fresh Scheduler (round-robin starts at the first node).
 *
 * @example
 * ```ts
 * import { schedule, Snapshot } from "@skiff/scheduler";
 *
 * const snapshot = Snapshot.from({ nodes: [{ metadata: { name: "n1" }, spec: { taints: [{ key: "gpu", value: "yes", effect: "NoSchedule" }] }, status: { allocatable: { pods: "110" } } }] });
 * schedule({ metadata: { name: "p" }, spec: { containers: [{ name: "c" }] } }, snapshot).fitError?.message;
 * // "0/1 nodes are available: 1 node(s) had untolerated taint {gpu: yes}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
 * ```
 */
export function schedule(pod: Pod, snapshot: Snapshot, options?: SchedulerOptions): ScheduleResult {
  return new Scheduler(options).schedule(pod, snapshot);
}
