/**
 * The deployment controller's non-rollout syncs (pkg/controller/deployment/sync.go): a resize shared out
 * among the ReplicaSets, a paused deployment's sync, revision history cleanup and the paused condition.
 *
 * @module
 */
import { isNotFound } from "@skiff/sdk";
import type { ReplicaSet } from "../api/replica_set.ts";
import { maxSurge, proportionalScale } from "../rollout/fenceposts.ts";
import { type DeploymentSync, writeStatus } from "./context.ts";
import { syncDeploymentStatus } from "./progress.ts";
import { allReplicaSets, scaleReplicaSet } from "./replicasets.ts";
import {
  activeReplicaSets,
  byRevision,
  desiredReplicasAnnotation,
  findActiveOrLatest,
  getCondition,
  hasProgressDeadline,
  isSaturated,
  newCondition,
  REASONS,
  setCondition,
  specReplicas,
} from "./util.ts";

/**
 * sync: for a paused deployment or a resize, scale the ReplicaSets as they are (no new one is made),
 * clean up history when paused, and write the status.
 *
 * @example
 * ```ts
 * await syncScaleOrPaused(sync);
 * ```
 */
export async function syncScaleOrPaused(sync: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await allReplicaSets(sync, false);
  const scaled = await scale(sync, newRS, oldRSs);
  if (sync.d.spec?.paused) await cleanupDeployment(sync, scaled.oldRSs);
  await syncDeploymentStatus(sync, [...scaled.oldRSs, scaled.newRS], scaled.newRS);
}

/**
 * isScalingEvent: some active ReplicaSet was sized for a different replica count than the deployment's.
 *
 * @example
 * ```ts
 * if (isScalingEvent(sync)) await syncScaleOrPaused(sync);
 * ```
 */
export function isScalingEvent(sync: DeploymentSync): boolean {
  const replicas = sync.d.spec?.replicas ?? 1;
  return activeReplicaSets(sync.rsList).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== replicas;
  });
}

/**
 * scale: one active (or the newest) ReplicaSet takes the whole count; a saturated new one empties the
 * old; otherwise a rolling deployment's change is shared in proportion (rollout/proportionalScale).
 * Worked numbers: 10 → 20 mid-rollout with maxSurge 3, old 6 and new 7 → old 11, new 12.
 *
 * @example
 * ```ts
 * const { newRS, oldRSs } = await scale(sync, newRS, oldRSs);
 * ```
 */
export async function scale(
  sync: DeploymentSync,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): Promise<{ newRS?: ReplicaSet; oldRSs: ReplicaSet[] }> {
  const d = sync.d;
  const replicas = d.spec?.replicas ?? 1;
  const swap = (rs: ReplicaSet) => {
    if (newRS && rs.metadata?.uid === newRS.metadata?.uid) newRS = rs;
    else oldRSs = oldRSs.map((o) => o.metadata?.uid === rs.metadata?.uid ? rs : o);
  };
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (specReplicas(only) !== replicas) swap(await scaleReplicaSet(sync, only, replicas));
    return { newRS, oldRSs };
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) swap(await scaleReplicaSet(sync, old, 0));
    return { newRS, oldRSs };
  }
  if ((d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate") {
    const active = activeReplicaSets([...oldRSs, newRS]);
    if (replicas === 0) {
      for (const rs of active) swap(await scaleReplicaSet(sync, rs, 0));
      return { newRS, oldRSs };
    }
    const allowed = replicas + maxSurge(d);
    const total = active.reduce((s, rs) => s + specReplicas(rs), 0);
    if (allowed - total === 0) return { newRS, oldRSs };
    const sizes = proportionalScale(d, active);
    for (const rs of active) {
      const size = sizes.get(rs.metadata?.name ?? "");
      if (size !== undefined) swap(await scaleReplicaSet(sync, rs, size));
    }
  }
  return { newRS, oldRSs };
}

/**
 * cleanupDeployment: deletes the oldest idle old ReplicaSets beyond revisionHistoryLimit (10 by default).
 * An old ReplicaSet still holding pods, or whose status is behind its spec, is kept.
 *
 * @example
 * ```ts
 * await cleanupDeployment(sync, oldRSs);
 * ```
 */
export async function cleanupDeployment(sync: DeploymentSync, oldRSs: ReplicaSet[]): Promise<void> {
  const limit = sync.d.spec?.revisionHistoryLimit;
  if (limit === undefined) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp).sort(byRevision);
  const diff = cleanable.length - limit;
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if (
      (rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 ||
      (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)
    ) continue;
    sync.log.info("Trying to cleanup replica set for deployment", { replicaSet: rs.metadata?.name });
    await sync.replicaSets.delete(rs.metadata!.name!).catch((e) => {
      if (!isNotFound(e)) throw e;
    });
  }
}

/**
 * checkPausedConditions: Progressing Unknown with DeploymentPaused while paused, DeploymentResumed after;
 * a deployment that timed out keeps saying so.
 *
 * @example
 * ```ts
 * await checkPausedConditions(sync);
 * ```
 */
export async function checkPausedConditions(sync: DeploymentSync): Promise<void> {
  if (!hasProgressDeadline(sync.d)) return;
  const c = getCondition(sync.d.status, "Progressing");
  if (c?.reason === REASONS.timedOut) return;
  const pausedShown = c?.reason === REASONS.paused;
  const paused = !!sync.d.spec?.paused;
  if (paused === pausedShown) return;
  const status = structuredClone(sync.d.status ?? {});
  setCondition(
    status,
    paused
      ? newCondition("Progressing", "Unknown", REASONS.paused, "Deployment is paused")
      : newCondition("Progressing", "Unknown", REASONS.resumed, "Deployment is resumed"),
  );
  await writeStatus(sync, status);
}
