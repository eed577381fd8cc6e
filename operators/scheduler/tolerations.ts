/**
 * Taints and tolerations as k8s.io/api core/v1 toleration.go and
 * pkg/apis/core/v1/helper (FindMatchingUntoleratedTaint, TolerationsTolerateTaint) match them.
 *
 * @module
 */
import type { Taint, Toleration } from "@skiff/kinds";

/**
 * Whether one toleration tolerates one taint: an empty effect matches every effect, an empty key
 * (with Exists) matches every key, Exists matches any value and Equal (or no operator) needs the same
 * value. Kubernetes 1.32 tolerates nothing with any other operator.
 *
 * @example
 * ```ts
 * import { toleratesTaint } from "@skiff/scheduler";
 *
 * toleratesTaint({ operator: "Exists" }, { key: "gpu", value: "yes", effect: "NoSchedule" }); // true
 * toleratesTaint({ key: "gpu", value: "no" }, { key: "gpu", value: "yes", effect: "NoSchedule" }); // false
 * ```
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator) {
    case undefined:
    case "Equal":
      return (toleration.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

/**
 * Whether any of `tolerations` tolerates `taint`.
 *
 * @example
 * ```ts
 * import { tolerationsTolerateTaint } from "@skiff/scheduler";
 *
 * tolerationsTolerateTaint([], { key: "gpu", effect: "NoSchedule" }); // false
 * ```
 */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i], taint)) return true;
  return false;
}

/** Taint effects the scheduler's filters refuse unless tolerated (DoNotScheduleTaintsFilterFunc). */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return taint.effect === "NoSchedule" || taint.effect === "NoExecute";
}

/**
 * The first taint, in the node's order, that `filter` keeps and no toleration tolerates.
 *
 * @example
 * ```ts
 * import { findUntoleratedTaint, isDoNotScheduleTaint } from "@skiff/scheduler";
 *
 * findUntoleratedTaint([{ key: "a", effect: "PreferNoSchedule" }, { key: "b", effect: "NoSchedule" }], [], isDoNotScheduleTaint)?.key; // "b"
 * ```
 */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  filter: (taint: Taint) => boolean,
): Taint | undefined {
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i];
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}
