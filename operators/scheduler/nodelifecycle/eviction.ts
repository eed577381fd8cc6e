/**
 * When a pod on a node with NoExecute taints must go (pkg/controller/tainteviction): at once when a
 * NoExecute taint is not tolerated; after the smallest tolerationSeconds of the tolerations used when
 * all are; never when none of those sets tolerationSeconds.
 *
 * @module
 */
import type { Taint, Toleration } from "@skiff/kinds";
import { toleratesTaint } from "../tolerations.ts";

/**
 * How long a pod may stay on a node with these taints: 0 (evict now), a number of milliseconds, or
 * Infinity (stay). Only NoExecute taints count.
 *
 * @example
 * ```ts
 * import { tolerationTimeMs } from "@skiff/scheduler";
 *
 * const unreachable = { key: "node.kubernetes.io/unreachable", effect: "NoExecute" };
 * tolerationTimeMs([unreachable], []); // 0
 * tolerationTimeMs([unreachable], [{ key: unreachable.key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }]); // 300000
 * tolerationTimeMs([unreachable], [{ operator: "Exists" }]); // Infinity
 * ```
 */
export function tolerationTimeMs(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  const noExecute = taints.filter((t) => t.effect === "NoExecute");
  if (noExecute.length === 0) return Infinity;
  // GetMatchingTolerations: every taint needs a toleration; the ones used decide the time.
  const used: Toleration[] = [];
  for (const taint of noExecute) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    used.push(...matching);
  }
  // getMinTolerationTime: the smallest tolerationSeconds, 0 or less meaning now.
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds * 1000);
  }
  return min;
}
