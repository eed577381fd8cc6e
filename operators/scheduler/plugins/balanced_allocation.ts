/**
 * NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): prefers nodes whose
 * cpu and memory would be used in equal shares after placing the pod (1 - standard deviation of the
 * shares), counting the pods' actual requests.
 *
 * @module
 */
import { MAX_NODE_SCORE, type ScorePlugin } from "../framework.ts";

/** The plugin's name. */
export const BALANCED_ALLOCATION = "NodeResourcesBalancedAllocation";

/**
 * The balanced-allocation score of requested/allocatable pairs (balancedResourceScorer); resources the
 * node does not offer are left out.
 *
 * @example
 * ```ts
 * import { balancedResourceScore } from "@skiff/scheduler";
 *
 * balancedResourceScore([3000, 5000], [10000, 20000]); // 97: shares 0.3 and 0.25
 * ```
 */
export function balancedResourceScore(requested: readonly number[], allocatable: readonly number[]): number {
  let f0 = 0;
  let f1 = 0;
  let n = 0;
  let total = 0;
  const fractions: number[] = [];
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const fraction = Math.min(requested[i] / allocatable[i], 1);
    total += fraction;
    if (n === 0) f0 = fraction;
    else if (n === 1) f1 = fraction;
    fractions.push(fraction);
    n++;
  }
  let std = 0;
  if (n === 2) std = Math.abs((f0 - f1) / 2);
  else if (n > 2) {
    const mean = total / n;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * The NodeResourcesBalancedAllocation score (weight 1).
 *
 * @example
 * ```ts
 * import { balancedAllocationScore } from "@skiff/scheduler";
 *
 * balancedAllocationScore.weight; // 1
 * ```
 */
export const balancedAllocationScore: ScorePlugin = {
  name: BALANCED_ALLOCATION,
  weight: 1,
  preScore(cycle) {
    const cpu = cycle.pod.resources.requested.milliCPU;
    const memory = cycle.pod.resources.requested.memory;
    return {
      score(node) {
        const alloc = node.allocatable;
        // The common two-resource case without allocating arrays per node.
        const cpuOn = alloc.milliCPU !== 0;
        const memOn = alloc.memory !== 0;
        if (cpuOn && memOn) {
          const a = Math.min((node.requested.milliCPU + cpu) / alloc.milliCPU, 1);
          const b = Math.min((node.requested.memory + memory) / alloc.memory, 1);
          return Math.trunc((1 - Math.abs((a - b) / 2)) * MAX_NODE_SCORE);
        }
        return MAX_NODE_SCORE; // one resource or none: the deviation is zero
      },
    };
  },
};
