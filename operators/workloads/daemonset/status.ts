/**
 * updateDaemonSetStatus and storeDaemonSetStatus (pkg/controller/daemon/daemon_controller.go): counts
 * nodes, not pods. For each node that should run the daemon: desired; with a pod, current; its oldest pod
 * ready, ready; ready for minReadySeconds, available; made from the current revision, updated. A node
 * with a pod that should not run one is misscheduled. Unavailable is desired minus available.
 *
 * @module
 */
import { isConflict, isNotFound } from "@skiff/sdk";
import type { DaemonSetStatus } from "../api/daemon_set.ts";
import { isPodAvailable, isPodReady } from "../controller/pods.ts";
import { daemonSetsResource } from "../resources.ts";
import { byCreationTimestampAndPhase, type DaemonSetSync } from "./context.ts";
import { isDaemonPodUpdated, templateGeneration } from "./util.ts";

type Counts = Required<
  Pick<
    DaemonSetStatus,
    | "desiredNumberScheduled"
    | "currentNumberScheduled"
    | "numberMisscheduled"
    | "numberReady"
    | "updatedNumberScheduled"
    | "numberAvailable"
    | "numberUnavailable"
  >
>;

/**
 * Computes the status counts and writes them when they (or observedGeneration, when
 * `updateObservedGen`) changed. Three nodes, pods on two, one of them ready for minReadySeconds:
 * desired 3, current 2, ready 1, available 1, unavailable 2.
 *
 * @example
 * ```ts
 * import { updateDaemonSetStatus } from "./status.ts";
 *
 * await updateDaemonSetStatus(sync, hash, true);
 * ```
 */
export async function updateDaemonSetStatus(
  sync: DaemonSetSync,
  hash: string,
  updateObservedGen: boolean,
): Promise<void> {
  const { ds } = sync;
  const nodeToDaemonPods = await sync.nodesToDaemonPods(false);
  const now = sync.now();
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const generation = templateGeneration(ds);
  const c: Counts = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  for (const node of sync.nodes) {
    const { shouldRun } = sync.verdict(node);
    const pods = nodeToDaemonPods.get(node.metadata!.name!) ?? [];
    if (!shouldRun) {
      if (pods.length > 0) c.numberMisscheduled++;
      continue;
    }
    c.desiredNumberScheduled++;
    if (pods.length === 0) continue;
    c.currentNumberScheduled++;
    const pod = [...pods].sort(byCreationTimestampAndPhase)[0];
    if (isPodReady(pod)) {
      c.numberReady++;
      if (isPodAvailable(pod, minReady, now)) c.numberAvailable++;
    }
    if (isDaemonPodUpdated(pod, hash, generation)) c.updatedNumberScheduled++;
  }
  c.numberUnavailable = c.desiredNumberScheduled - c.numberAvailable;
  await storeDaemonSetStatus(sync, c, updateObservedGen);
  // A last line of defence against clock skew: look again once pods ready now should be available.
  if (minReady > 0 && c.numberReady !== c.numberAvailable) sync.requeueAfter(minReady * 1000);
}

/** storeDaemonSetStatus: writes only a change; a conflict is retried once on a fresh read (StatusUpdateRetries). */
async function storeDaemonSetStatus(
  sync: DaemonSetSync,
  c: Counts,
  updateObservedGen: boolean,
): Promise<void> {
  const { ds } = sync;
  const status = ds.status ?? ({} as DaemonSetStatus);
  const same = (Object.keys(c) as (keyof Counts)[]).every((k) => (status[k] ?? 0) === c[k]);
  if (same && (status.observedGeneration ?? 0) >= (ds.metadata?.generation ?? 0)) return;
  const daemonSets = sync.client.resource(daemonSetsResource).namespace(ds.metadata!.namespace!);
  let toUpdate = structuredClone(ds);
  for (let attempt = 0;; attempt++) {
    toUpdate.status = {
      ...toUpdate.status,
      ...c,
      ...(updateObservedGen ? { observedGeneration: ds.metadata?.generation } : {}),
    } as DaemonSetStatus;
    try {
      await daemonSets.updateStatus(toUpdate);
      return;
    } catch (e) {
      if (isNotFound(e)) return;
      if (attempt >= 1 || !isConflict(e)) throw e;
    }
    toUpdate = await daemonSets.get(ds.metadata!.name!);
  }
}
