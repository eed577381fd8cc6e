/**
 * syncDaemonSet and updateDaemonSet (pkg/controller/daemon/daemon_controller.go), the ordered dispatcher:
 * gone → forget its expectations; selecting everything → one warning event; being deleted → nothing
 * (its history may already be gone, so no status can be trusted); then build the history to learn the
 * current hash; expectations pending → status only, observedGeneration kept; otherwise manage the pods,
 * take one RollingUpdate step (OnDelete waits for the user to delete pods), trim the history, and write
 * the status with observedGeneration.
 *
 * @module
 */
import type { DaemonSet } from "../api/daemon_set.ts";
import { isEmptySelector } from "../selector/selector.ts";
import type { DaemonSetSync } from "./context.ts";
import { cleanupHistory, constructHistory } from "./history.ts";
import { manageDaemonPods } from "./manage.ts";
import { rollingUpdate } from "./rolling.ts";
import { updateDaemonSetStatus } from "./status.ts";
import { DAEMON_SET_HASH_LABEL } from "./util.ts";

/**
 * One sync of the DaemonSet in `sync` (the caller has found it in the cache).
 *
 * @example
 * ```ts
 * import { syncDaemonSet } from "./sync.ts";
 *
 * await syncDaemonSet(sync);
 * ```
 */
export async function syncDaemonSet(sync: DaemonSetSync): Promise<void> {
  const { ds } = sync;
  if (isEmptySelector(ds.spec?.selector)) {
    await sync.recorder.event(
      ds,
      "Warning",
      "SelectingAll",
      "This daemon set is selecting all pods. A non-empty selector is required.",
    );
    return;
  }
  if (ds.metadata?.deletionTimestamp) return;

  let history;
  try {
    history = await constructHistory(sync);
  } catch (e) {
    throw new Error(`failed to construct revisions of DaemonSet: ${(e as Error).message}`, { cause: e });
  }
  const hash = history.cur.metadata?.labels?.[DAEMON_SET_HASH_LABEL] ?? "";

  if (!sync.expectations.satisfied(sync.key)) {
    // The controller has not acted on this generation: status only.
    await updateDaemonSetStatus(sync, hash, false);
    return;
  }

  let error: unknown;
  try {
    await updateDaemonSet(sync, hash, history.old);
  } catch (e) {
    error = e;
  }
  try {
    await updateDaemonSetStatus(sync, hash, true);
  } catch (e) {
    if (!error) throw e;
    sync.log.error("Failed to update status", { error: (e as Error).message });
  }
  if (error) throw error;
}

async function updateDaemonSet(
  sync: DaemonSetSync,
  hash: string,
  old: Awaited<ReturnType<typeof constructHistory>>["old"],
): Promise<void> {
  await manageDaemonPods(sync, hash);
  if (sync.expectations.satisfied(sync.key) && strategyOf(sync.ds) === "RollingUpdate") {
    await rollingUpdate(sync, hash);
  }
  try {
    await cleanupHistory(sync, old);
  } catch (e) {
    throw new Error(`failed to clean up revisions of DaemonSet: ${(e as Error).message}`, { cause: e });
  }
}

function strategyOf(ds: DaemonSet): string | undefined {
  return ds.spec?.updateStrategy?.type;
}
