/**
 * calculateStatus (pkg/controller/replicaset/replica_set_utils.go): counts the set's active pods, those
 * carrying every template label, the ready ones and the available ones (ready for minReadySeconds), and
 * keeps a ReplicaFailure condition while creating or deleting pods fails.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { isPodAvailable, isPodReady } from "../controller/pods.ts";
import type { ReplicaCondition, ReplicaObject, ReplicaStatus } from "./types.ts";

/**
 * Why a replica set could not reach its count: FailedCreate or FailedDelete.
 *
 * @example
 * ```ts
 * const e: ManageError = { reason: "FailedCreate", message: "pods is forbidden" };
 * ```
 */
export interface ManageError {
  reason: "FailedCreate" | "FailedDelete";
  message: string;
}

/**
 * The status the set should have, given its active pods and the error of this sync's create or delete.
 * Zero counts are left out, as Go's omitempty leaves them out (only `replicas` is always there).
 *
 * @example
 * ```ts
 * import { calculateReplicaStatus } from "@skiff/workloads";
 *
 * calculateReplicaStatus(rs, pods, undefined, Date.now()); // { replicas: 3, readyReplicas: 3, ... }
 * ```
 */
export function calculateReplicaStatus(
  set: ReplicaObject,
  pods: readonly Pod[],
  error: ManageError | undefined,
  now: number,
): ReplicaStatus {
  const templateLabels = Object.entries(set.spec?.template?.metadata?.labels ?? {});
  const minReady = set.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    const labels = pod.metadata?.labels ?? {};
    if (templateLabels.every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  const status: ReplicaStatus = { replicas: pods.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (set.metadata?.generation !== undefined) status.observedGeneration = set.metadata.generation;
  const conditions = (set.status?.conditions ?? []).map((c) => ({ ...c }));
  const failure = conditions.find((c) => c.type === "ReplicaFailure");
  if (error && !failure) {
    const condition: ReplicaCondition = {
      type: "ReplicaFailure",
      status: "True",
      lastTransitionTime: new Date(now).toISOString().replace(/\.\d+Z$/, "Z"),
      reason: error.reason,
      message: error.message,
    };
    conditions.push(condition);
  }
  const kept = error ? conditions : conditions.filter((c) => c.type !== "ReplicaFailure");
  if (kept.length) status.conditions = kept;
  return status;
}

/**
 * Whether two statuses say the same (the controller writes only when they differ).
 *
 * @example
 * ```ts
 * import { sameReplicaStatus } from "@skiff/workloads";
 *
 * sameReplicaStatus({ replicas: 1 }, { replicas: 1 }); // true
 * ```
 */
export function sameReplicaStatus(a: ReplicaStatus | undefined, b: ReplicaStatus): boolean {
  return (a?.replicas ?? 0) === b.replicas &&
    (a?.fullyLabeledReplicas ?? 0) === (b.fullyLabeledReplicas ?? 0) &&
    (a?.readyReplicas ?? 0) === (b.readyReplicas ?? 0) &&
    (a?.availableReplicas ?? 0) === (b.availableReplicas ?? 0) &&
    a?.observedGeneration === b.observedGeneration &&
    JSON.stringify(a?.conditions ?? []) === JSON.stringify(b.conditions ?? []);
}
