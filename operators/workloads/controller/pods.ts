/**
 * Pod states the replica controllers count (pkg/api/v1/pod): ready, available for minReadySeconds,
 * active (neither finished nor being deleted).
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";

/**
 * IsPodReady: the Ready condition is True.
 *
 * @example
 * ```ts
 * import { isPodReady } from "@skiff/workloads";
 *
 * isPodReady({ status: { conditions: [{ type: "Ready", status: "True" }] } }); // true
 * ```
 */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/**
 * IsPodAvailable: ready, and ready for at least minReadySeconds by `now` (ms).
 *
 * @example
 * ```ts
 * import { isPodAvailable } from "@skiff/workloads";
 *
 * isPodAvailable(pod, 10, Date.now()); // false during the first 10 s of readiness
 * ```
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const c = pod.status?.conditions?.find((c) => c.type === "Ready");
  const since = c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= now;
}

/**
 * IsPodActive: not Succeeded, not Failed and not being deleted.
 *
 * @example
 * ```ts
 * import { isPodActive } from "@skiff/workloads";
 *
 * isPodActive({ status: { phase: "Running" }, metadata: {} }); // true
 * ```
 */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata?.deletionTimestamp;
}
