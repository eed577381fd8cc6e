/**
 * The RollingUpdate strategy (pkg/controller/deployment/rolling.go): grow the new ReplicaSet up to
 * replicas + maxSurge pods in all, shrink the old ones while at least replicas − maxUnavailable stay
 * available, one step per sync; each ReplicaSet's change brings the next sync.
 *
 * Worked numbers, replicas 4, maxSurge 1, maxUnavailable 1, old RS at 4 available:
 * 1. new RS 0 → 1 (5 pods, the surge); old cannot shrink yet: 5 − 3 − 1 unavailable new = 1 → old 4 → 3;
 * 2. as new pods become available the new RS grows to keep 5 in all and the old shrinks, never below
 *    3 available, until new 4 and old 0.
 *
 * @module
 */
import type { ReplicaSet } from "../api/replica_set.ts";
import { maxUnavailable, newRSNewReplicas } from "../rollout/fenceposts.ts";
import type { DeploymentSync } from "./context.ts";
import { syncRolloutStatus } from "./progress.ts";
import { allReplicaSets, scaleReplicaSet } from "./replicasets.ts";
import { cleanupDeployment } from "./sync.ts";
import {
  activeReplicaSets,
  byCreation,
  deploymentComplete,
  specReplicas,
  sumSpec,
  sumStatus,
} from "./util.ts";

/**
 * rolloutRolling: one step of a rolling update; answers when to look again (a progress deadline).
 *
 * @example
 * ```ts
 * const requeueAfter = await rolloutRolling(sync);
 * ```
 */
export async function rolloutRolling(sync: DeploymentSync): Promise<number | undefined> {
  let { newRS, oldRSs } = await allReplicaSets(sync, true);
  const scaledUp = await reconcileNewReplicaSet(sync, [...oldRSs, newRS!], newRS!);
  if (scaledUp.scaled) {
    newRS = scaledUp.rs;
    return await syncRolloutStatus(sync, [...oldRSs, newRS], newRS);
  }
  const scaledDown = await reconcileOldReplicaSets(sync, oldRSs, newRS!);
  oldRSs = scaledDown.oldRSs;
  if (scaledDown.scaled) return await syncRolloutStatus(sync, [...oldRSs, newRS], newRS);
  if (deploymentComplete(sync.d, sync.d.status ?? {})) await cleanupDeployment(sync, oldRSs);
  return await syncRolloutStatus(sync, [...oldRSs, newRS], newRS);
}

/** reconcileNewReplicaSet: the new ReplicaSet to the deployment's size, within the surge. */
async function reconcileNewReplicaSet(
  sync: DeploymentSync,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet,
): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  const replicas = sync.d.spec?.replicas ?? 1;
  if (specReplicas(newRS) === replicas) return { scaled: false, rs: newRS };
  if (specReplicas(newRS) > replicas) {
    return { scaled: true, rs: await scaleReplicaSet(sync, newRS, replicas) };
  }
  const size = newRSNewReplicas(sync.d, allRSs, newRS);
  if (size === specReplicas(newRS)) return { scaled: false, rs: newRS };
  return { scaled: true, rs: await scaleReplicaSet(sync, newRS, size) };
}

/**
 * reconcileOldReplicaSets: first drop old pods that are not available anyway (cleanupUnhealthyReplicas),
 * then available ones down to the minimum (scaleDownOldReplicaSetsForRollingUpdate).
 * maxScaledDown = all pods − minAvailable − new pods not yet available.
 */
async function reconcileOldReplicaSets(
  sync: DeploymentSync,
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
): Promise<{ scaled: boolean; oldRSs: ReplicaSet[] }> {
  const active = activeReplicaSets(oldRSs);
  if (sumSpec(active) === 0) return { scaled: false, oldRSs };
  const allPods = sumSpec([...active, newRS]);
  const minAvailable = (sync.d.spec?.replicas ?? 1) - maxUnavailable(sync.d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return { scaled: false, oldRSs };

  let total = 0;
  const replace = (rs: ReplicaSet) => {
    oldRSs = oldRSs.map((o) => o.metadata?.uid === rs.metadata?.uid ? rs : o);
  };
  // Unhealthy first: old pods that are not available cost nothing to remove.
  for (const rs of [...activeReplicaSets(oldRSs)].sort(byCreation)) {
    if (total >= maxScaledDown) break;
    const unavailable = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
    if (unavailable <= 0) continue;
    const down = Math.min(maxScaledDown - total, unavailable);
    replace(await scaleReplicaSet(sync, rs, specReplicas(rs) - down));
    total += down;
  }
  // Then available ones, oldest ReplicaSet first, while enough stay available.
  const available = sumStatus([...oldRSs, newRS], "availableReplicas");
  let scaledAvailable = 0;
  if (available > minAvailable) {
    const budget = available - minAvailable;
    for (const rs of [...activeReplicaSets(oldRSs)].sort(byCreation)) {
      if (scaledAvailable >= budget) break;
      const down = Math.min(specReplicas(rs), budget - scaledAvailable);
      replace(await scaleReplicaSet(sync, rs, specReplicas(rs) - down));
      scaledAvailable += down;
    }
  }
  return { scaled: total + scaledAvailable > 0, oldRSs };
}
