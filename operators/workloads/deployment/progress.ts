/**
 * A deployment's status (pkg/controller/deployment/sync.go calculateStatus, progress.go
 * syncRolloutStatus): counts summed over its ReplicaSets, Available while at least replicas −
 * maxUnavailable pods are available, Progressing with Kubernetes' reasons, and a timed requeue so a
 * stuck rollout is reported ProgressDeadlineExceeded when its deadline passes.
 *
 * @module
 */
import type { Deployment, DeploymentStatus } from "../api/deployment.ts";
import type { ReplicaSet } from "../api/replica_set.ts";
import { maxUnavailable } from "../rollout/fenceposts.ts";
import { type DeploymentSync, writeStatus } from "./context.ts";
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  REASONS,
  removeCondition,
  setCondition,
  sumSpec,
  sumStatus,
} from "./util.ts";

/**
 * calculateStatus: replicas, updated, ready, available and unavailable counts and the Available
 * condition. Replicas 4 with maxUnavailable 1: Available is True from 3 available pods on.
 *
 * @example
 * ```ts
 * import { calculateDeploymentStatus } from "@skiff/workloads";
 *
 * calculateDeploymentStatus(deployment, [oldRS, newRS], newRS).availableReplicas;
 * ```
 */
export function calculateDeploymentStatus(
  d: Deployment,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): DeploymentStatus {
  const available = sumStatus(allRSs, "availableReplicas");
  const total = sumSpec(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation,
    replicas: sumStatus(allRSs, "replicas"),
    updatedReplicas: sumStatus([newRS], "replicas"),
    readyReplicas: sumStatus(allRSs, "readyReplicas"),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= (d.spec?.replicas ?? 1) - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition(
        "Available",
        "True",
        REASONS.minimumReplicasAvailable,
        "Deployment has minimum availability.",
      ),
    );
  } else {
    setCondition(
      status,
      newCondition(
        "Available",
        "False",
        REASONS.minimumReplicasUnavailable,
        "Deployment does not have minimum availability.",
      ),
    );
  }
  return omitZeros(status);
}

/** Go's omitempty: zero counts are not written. */
function omitZeros(status: DeploymentStatus): DeploymentStatus {
  for (
    const k of [
      "replicas",
      "updatedReplicas",
      "readyReplicas",
      "availableReplicas",
      "unavailableReplicas",
    ] as const
  ) {
    if (!status[k]) delete status[k];
  }
  return status;
}

function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return JSON.stringify(canonical(a ?? {})) === JSON.stringify(canonical(b));
}

function canonical(status: DeploymentStatus): unknown {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(status).sort()) {
    const v = (status as Record<string, unknown>)[k];
    if (v === undefined || v === 0) continue;
    out[k] = k === "conditions"
      ? (v as { type: string }[]).map((c) => JSON.stringify(c, Object.keys(c).sort())).sort()
      : v;
  }
  return out;
}

/**
 * syncDeploymentStatus: writes the calculated status when it differs (scaling and paused syncs).
 *
 * @example
 * ```ts
 * await syncDeploymentStatus(sync, allRSs, newRS);
 * ```
 */
export async function syncDeploymentStatus(
  sync: DeploymentSync,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): Promise<void> {
  const status = calculateDeploymentStatus(sync.d, allRSs, newRS);
  if (!sameStatus(sync.d.status, status)) await writeStatus(sync, status);
}

/**
 * syncRolloutStatus: the calculated status plus the Progressing condition (NewReplicaSetAvailable once
 * complete, ReplicaSetUpdated while pods move, ProgressDeadlineExceeded when they stopped moving for
 * progressDeadlineSeconds) and the ReplicaSets' ReplicaFailure. Answers when to look again so a stuck
 * rollout times out on time.
 *
 * @example
 * ```ts
 * const after = await syncRolloutStatus(sync, allRSs, newRS); // ms, or undefined
 * ```
 */
export async function syncRolloutStatus(
  sync: DeploymentSync,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): Promise<number | undefined> {
  const d = sync.d;
  const status = calculateDeploymentStatus(d, allRSs, newRS);
  if (!hasProgressDeadline(d)) removeCondition(status, "Progressing");
  const current = getCondition(d.status, "Progressing");
  const complete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) &&
    current?.reason === REASONS.newRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const rsName = newRS?.metadata?.name;
    if (deploymentComplete(d, status)) {
      setCondition(
        status,
        newCondition(
          "Progressing",
          "True",
          REASONS.newRSAvailable,
          `ReplicaSet "${rsName}" has successfully progressed.`,
        ),
      );
    } else if (deploymentProgressing(d, status)) {
      const condition = newCondition(
        "Progressing",
        "True",
        REASONS.replicaSetUpdated,
        rsName
          ? `ReplicaSet "${rsName}" is progressing.`
          : `Deployment "${d.metadata?.name}" is progressing.`,
      );
      // Progress moves lastUpdateTime (the deadline counts from it); the transition time stays.
      if (current?.status === "True") condition.lastTransitionTime = current.lastTransitionTime;
      removeCondition(status, "Progressing");
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status)) {
      setCondition(
        status,
        newCondition(
          "Progressing",
          "False",
          REASONS.timedOut,
          rsName
            ? `ReplicaSet "${rsName}" has timed out progressing.`
            : `Deployment "${d.metadata?.name}" has timed out progressing.`,
        ),
      );
    }
  }
  const failure = [newRS, ...allRSs.filter((rs) => rs !== newRS)]
    .map((rs) => rs?.status?.conditions?.find((c) => c.type === "ReplicaFailure" && c.status === "True"))
    .find((c) => c);
  if (failure) {
    setCondition(status, {
      type: "ReplicaFailure",
      status: failure.status,
      lastUpdateTime: failure.lastTransitionTime,
      lastTransitionTime: failure.lastTransitionTime,
      reason: failure.reason,
      message: failure.message,
    });
  } else removeCondition(status, "ReplicaFailure");

  if (sameStatus(d.status, status)) return stuckRequeue(d, status);
  await writeStatus(sync, status);
  return stuckRequeue(sync.d, status);
}

/**
 * requeueStuckDeployment: a rollout still in progress is looked at again when its deadline passes.
 */
function stuckRequeue(d: Deployment, status: DeploymentStatus): number | undefined {
  const c = getCondition(status, "Progressing");
  if (!hasProgressDeadline(d) || !c) return undefined;
  if (c.reason === REASONS.newRSAvailable || c.reason === REASONS.timedOut) return undefined;
  if (deploymentComplete(d, status)) return undefined;
  const from = Date.parse(c.lastUpdateTime ?? "");
  if (Number.isNaN(from)) return undefined;
  const after = from + d.spec!.progressDeadlineSeconds! * 1000 - Date.now();
  return after < 1000 ? 1000 : after + 1000;
}
