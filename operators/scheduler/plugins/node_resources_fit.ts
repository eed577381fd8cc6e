/**
 * NodeResourcesFit (plugins/noderesources/fit.go): the pod's requests must fit in what the node has
 * left (allocatable minus the requests of its pods), and the pod count must stay within `pods`.
 * Scoring is the default LeastAllocated strategy over cpu and memory, weight 1 each.
 *
 * @module
 */
import { type FilterPlugin, MAX_NODE_SCORE, newStatus, type ScorePlugin, type Status } from "../framework.ts";
import type { NodeInfo } from "../node_info.ts";

/** The plugin's name. */
export const NODE_RESOURCES_FIT = "NodeResourcesFit";

const statusCache = new Map<string, Status>();

/** One status per combination of reasons, built once. */
function statusOf(reasons: string[]): Status {
  const key = reasons.join("\n");
  let status = statusCache.get(key);
  if (!status) statusCache.set(key, status = newStatus("Unschedulable", NODE_RESOURCES_FIT, ...reasons));
  return status;
}

/**
 * The NodeResourcesFit filter. Every insufficient resource is a reason of its own ("Too many pods",
 * "Insufficient cpu", "Insufficient memory", "Insufficient ephemeral-storage", "Insufficient <name>");
 * in Kubernetes 1.32 they are all Unschedulable, which preemption may resolve.
 *
 * @example
 * ```ts
 * import { nodeResourcesFitFilter } from "@skiff/scheduler";
 *
 * nodeResourcesFitFilter.name; // "NodeResourcesFit"
 * ```
 */
export const nodeResourcesFitFilter: FilterPlugin = {
  name: NODE_RESOURCES_FIT,
  preFilter(cycle) {
    const req = cycle.pod.resources.requested;
    const scalar = req.scalar
      ? [...req.scalar].filter(([, q]) => q !== 0).sort(([a], [b]) => a < b ? -1 : 1)
      : [];
    const onlyPods = req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !req.scalar;
    return {
      filter(node: NodeInfo) {
        const alloc = node.allocatable;
        const used = node.requested;
        let reasons: string[] | undefined;
        if (node.pods.length + 1 > alloc.allowedPodNumber) (reasons ??= []).push("Too many pods");
        if (!onlyPods) {
          if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
            (reasons ??= []).push("Insufficient cpu");
          }
          if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
            (reasons ??= []).push("Insufficient memory");
          }
          if (
            req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage
          ) {
            (reasons ??= []).push("Insufficient ephemeral-storage");
          }
          for (const [name, q] of scalar) {
            if (q > (alloc.scalar?.get(name) ?? 0) - (used.scalar?.get(name) ?? 0)) {
              (reasons ??= []).push(`Insufficient ${name}`);
            }
          }
        }
        return reasons ? statusOf(reasons) : undefined;
      },
    };
  },
};

/** leastRequestedScore: the share of the resource left free, 0..100. */
function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * The NodeResourcesFit score (weight 1), LeastAllocated: the average free share of cpu and memory
 * after placing the pod, counting 100m / 200Mi for containers that request none.
 *
 * @example
 * ```ts
 * import { nodeResourcesFitScore } from "@skiff/scheduler";
 *
 * nodeResourcesFitScore.weight; // 1
 * ```
 */
export const nodeResourcesFitScore: ScorePlugin = {
  name: NODE_RESOURCES_FIT,
  weight: 1,
  preScore(cycle) {
    const cpu = cycle.pod.resources.nonZeroMilliCPU;
    const memory = cycle.pod.resources.nonZeroMemory;
    return {
      score(node) {
        const alloc = node.allocatable;
        let sum = 0;
        let weights = 0;
        if (alloc.milliCPU !== 0) {
          sum += leastRequested(node.nonZeroMilliCPU + cpu, alloc.milliCPU);
          weights++;
        }
        if (alloc.memory !== 0) {
          sum += leastRequested(node.nonZeroMemory + memory, alloc.memory);
          weights++;
        }
        return weights === 0 ? 0 : Math.trunc(sum / weights);
      },
    };
  },
};
