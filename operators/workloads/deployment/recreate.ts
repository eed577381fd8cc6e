/**
 * The Recreate strategy (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to 0, wait
 * until none of their pods runs, then make the new ReplicaSet and scale it to the full count.
 *
 * @module
 */
import type { ReplicaSet } from "../api/replica_set.ts";
import type { DeploymentSync } from "./context.ts";
import { syncRolloutStatus } from "./progress.ts";
import { allReplicaSets, scaleReplicaSet } from "./replicasets.ts";
import { cleanupDeployment } from "./sync.ts";
import { activeReplicaSets, deploymentComplete, sumStatus } from "./util.ts";

/**
 * rolloutRecreate: one step of a Recreate rollout; answers when to look again.
 *
 * @example
 * ```ts
 * await rolloutRecreate(sync);
 * ```
 */
export async function rolloutRecreate(sync: DeploymentSync): Promise<number | undefined> {
  let { newRS, oldRSs } = await allReplicaSets(sync, false);
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    const written = await scaleReplicaSet(sync, rs, 0);
    oldRSs = oldRSs.map((o) => o.metadata?.uid === written.metadata?.uid ? written : o);
    scaledDown = true;
  }
  if (scaledDown) return await syncRolloutStatus(sync, [...oldRSs, newRS], newRS);
  if (oldPodsRunning(sync, newRS, oldRSs)) return await syncRolloutStatus(sync, [...oldRSs, newRS], newRS);
  if (!newRS) ({ newRS, oldRSs } = await allReplicaSets(sync, true));
  newRS = await scaleReplicaSet(sync, newRS!, sync.d.spec?.replicas ?? 1);
  if (deploymentComplete(sync.d, sync.d.status ?? {})) await cleanupDeployment(sync, oldRSs);
  return await syncRolloutStatus(sync, [...oldRSs, newRS], newRS);
}

/** oldPodsRunning: an old ReplicaSet still counts pods, or one of its pods has not finished. */
function oldPodsRunning(sync: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (sumStatus(oldRSs, "replicas") > 0) return true;
  for (const [uid, pods] of sync.podsByRS) {
    if (newRS && newRS.metadata?.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== "Failed" && p.status?.phase !== "Succeeded")) return true;
  }
  return false;
}
