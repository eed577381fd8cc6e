/**
 * A DaemonSet's history (pkg/controller/daemon/update.go: constructHistory, snapshot, dedupCurHistories,
 * cleanupHistory, Match, getPatch). Each distinct pod template is one ControllerRevision named
 * `NAME-HASH`, labelled with the template's labels plus controller-revision-hash, carrying the
 * DaemonSet's annotations and, as data, the strategic merge patch that puts that template back:
 * `{"spec":{"template":{...,"$patch":"replace"}}}`. `kubectl rollout history|undo` read and apply exactly
 * that. The revision matching the current template is renumbered to the highest, so an undo to revision
 * 1 of [1, 2] makes it revision 3.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { isAlreadyExists, isNotFound, newControllerRef, type OwnerReference, podsResource } from "@skiff/sdk";
import type { ControllerRevision } from "../api/controller_revision.ts";
import type { DaemonSet } from "../api/daemon_set.ts";
import { claimObjects, patchOwners } from "../controller/claim.ts";
import { controllerRevisionsResource, daemonSetsResource } from "../resources.ts";
import { goJson } from "../history/hash.ts";
import { templatePatch } from "../history/revision.ts";
import { computeHash } from "../rollout/hash.ts";
import { matchesSelector } from "../selector/selector.ts";
import type { DaemonSetSync } from "./context.ts";
import { DAEMON_SET_HASH_LABEL } from "./util.ts";

/**
 * getPatch: the revision data of the DaemonSet's current template (the history package's template patch,
 * with Go's `creationTimestamp: null` and `resources: {}`), keys sorted as Go's json.Marshal sorts a map's.
 *
 * @example
 * ```ts
 * import { daemonSetRevisionData } from "@skiff/workloads";
 *
 * daemonSetRevisionData(ds); // { spec: { template: { $patch: "replace", metadata: { creationTimestamp: null, ... }, spec: { ... } } } }
 * ```
 */
export function daemonSetRevisionData(ds: DaemonSet): Record<string, unknown> {
  // In Go's key order too: kubectl rollout undo compares these bytes with its own json.Marshal of the
  // DaemonSet to tell "skipped rollback (current template already matches revision N)".
  return JSON.parse(goJson(templatePatch(ds.spec?.template)));
}

/**
 * Match: whether a revision holds the DaemonSet's current template, comparing the bytes Go would write.
 *
 * @example
 * ```ts
 * import { matchesDaemonSetRevision } from "@skiff/workloads";
 *
 * matchesDaemonSetRevision(ds, revision); // true for the revision the current pods are made from
 * ```
 */
export function matchesDaemonSetRevision(ds: DaemonSet, revision: ControllerRevision): boolean {
  return goJson(revision.data ?? null) === goJson(daemonSetRevisionData(ds));
}

/**
 * constructHistory: claims the DaemonSet's revisions, makes sure each has its hash label, finds (or
 * creates) the one matching the current template, dropping duplicates, and gives it the highest
 * revision number. Answers it and the others.
 *
 * @example
 * ```ts
 * import { constructHistory } from "./history.ts";
 *
 * const { cur, old } = await constructHistory(sync);
 * cur.metadata.labels["controller-revision-hash"]; // the hash new pods get
 * ```
 */
export async function constructHistory(
  sync: DaemonSetSync,
): Promise<{ cur: ControllerRevision; old: ControllerRevision[] }> {
  const { ds } = sync;
  const revisions = sync.client.resource(controllerRevisionsResource).namespace(ds.metadata!.namespace!);
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let history of await controlledHistories(sync)) {
    if (history.metadata?.labels?.[DAEMON_SET_HASH_LABEL] === undefined) {
      // The name rather than a fresh hash: no collision to worry about.
      const toUpdate = structuredClone(history);
      toUpdate.metadata!.labels = {
        ...toUpdate.metadata!.labels,
        [DAEMON_SET_HASH_LABEL]: history.metadata!.name!,
      };
      history = await revisions.update(toUpdate);
    }
    (matchesDaemonSetRevision(ds, history) ? current : old).push(history);
  }
  const currRevision = Math.max(0, ...old.map((h) => h.revision ?? 0)) + 1;
  if (current.length === 0) return { cur: await snapshot(sync, currRevision), old };
  const cur = await dedupCurHistories(sync, current);
  if ((cur.revision ?? 0) < currRevision) {
    const updated = await revisions.update({ ...structuredClone(cur), revision: currRevision });
    return { cur: updated, old };
  }
  return { cur, old };
}

/** controlledHistories: the namespace's revisions claimed by the DaemonSet's selector and uid. */
function controlledHistories(sync: DaemonSetSync): Promise<ControllerRevision[]> {
  const { ds } = sync;
  const namespace = ds.metadata!.namespace!;
  const revisions = sync.client.resource(controllerRevisionsResource).namespace(namespace);
  return claimObjects(sync.revisions.store.byIndex("namespace", namespace), {
    owner: ds,
    matches: (h) => matchesSelector(ds.spec?.selector, h.metadata?.labels ?? {}),
    setOwners: patchOwners(revisions),
    canAdopt: () => recheckNotDeleted(sync),
  });
}

/** RecheckDeletionTimestamp against the API: adoption only by the same, live DaemonSet. */
export async function recheckNotDeleted(sync: DaemonSetSync): Promise<void> {
  const { ds } = sync;
  const fresh = await sync.client.resource(daemonSetsResource).namespace(ds.metadata!.namespace!).get(
    ds.metadata!.name!,
  );
  if (fresh.metadata?.uid !== ds.metadata?.uid) {
    throw new Error(
      `original DaemonSet ${ds.metadata?.namespace}/${ds.metadata?.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${ds.metadata?.uid}`,
    );
  }
  if (fresh.metadata?.deletionTimestamp) {
    throw new Error(`DaemonSet ${ds.metadata?.namespace}/${ds.metadata?.name} has just been deleted`);
  }
}

/**
 * snapshot: creates the revision of the current template. A revision of that name holding another
 * template is a hash collision: status.collisionCount goes up (unless ours was stale) and the sync fails,
 * to be retried with a new hash.
 */
async function snapshot(sync: DaemonSetSync, revision: number): Promise<ControllerRevision> {
  const { ds } = sync;
  const namespace = ds.metadata!.namespace!;
  const revisions = sync.client.resource(controllerRevisionsResource).namespace(namespace);
  const hash = computeHash(ds.spec!.template, ds.status?.collisionCount);
  const name = `${ds.metadata!.name}-${hash}`;
  const history: ControllerRevision = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name,
      namespace,
      labels: { ...ds.spec?.template?.metadata?.labels, [DAEMON_SET_HASH_LABEL]: hash },
      ...(ds.metadata?.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [daemonSetControllerRef(ds)],
    },
    data: daemonSetRevisionData(ds),
    revision,
  };
  try {
    return await revisions.create(history);
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    const existing = await revisions.get(name);
    if (matchesDaemonSetRevision(ds, existing)) return existing;
    const daemonSets = sync.client.resource(daemonSetsResource).namespace(namespace);
    const fresh = await daemonSets.get(ds.metadata!.name!);
    if (fresh.status?.collisionCount !== ds.status?.collisionCount) {
      throw new Error(
        `found a stale collision count (${ds.status?.collisionCount}, expected ${fresh.status?.collisionCount}) of DaemonSet "${ds.metadata?.name}" while processing; will retry until it is updated`,
      );
    }
    const status = { ...fresh.status!, collisionCount: (fresh.status?.collisionCount ?? 0) + 1 };
    await daemonSets.updateStatus({ ...fresh, status });
    sync.log.info("Found a hash collision for DaemonSet - bumping collisionCount to resolve it", {
      collisionCount: status.collisionCount,
    });
    throw e;
  }
}

/** dedupCurHistories: keeps the highest-numbered of several matching revisions, relabelling pods to it. */
async function dedupCurHistories(
  sync: DaemonSetSync,
  current: ControllerRevision[],
): Promise<ControllerRevision> {
  if (current.length === 1) return current[0];
  let keep = current[0];
  for (const h of current) if ((h.revision ?? 0) >= (keep.revision ?? 0)) keep = h;
  const namespace = sync.ds.metadata!.namespace!;
  const hash = keep.metadata?.labels?.[DAEMON_SET_HASH_LABEL];
  const pods = sync.client.resource(podsResource).namespace(namespace);
  for (const pod of await sync.daemonPods()) {
    if (pod.metadata?.labels?.[DAEMON_SET_HASH_LABEL] !== hash) {
      await pods.patch(pod.metadata!.name!, { metadata: { labels: { [DAEMON_SET_HASH_LABEL]: hash } } });
    }
  }
  const revisions = sync.client.resource(controllerRevisionsResource).namespace(namespace);
  for (const h of current) {
    if (h.metadata?.name !== keep.metadata?.name) await revisions.delete(h.metadata!.name!);
  }
  return keep;
}

/**
 * cleanupHistory: deletes the oldest revisions beyond spec.revisionHistoryLimit, but never one whose hash
 * a pod of the DaemonSet still carries (deleted terminal pods included).
 *
 * @example
 * ```ts
 * import { cleanupHistory } from "./history.ts";
 *
 * await cleanupHistory(sync, old);
 * ```
 */
export async function cleanupHistory(sync: DaemonSetSync, old: ControllerRevision[]): Promise<void> {
  const pods: Pod[] = [...(await sync.nodesToDaemonPods(true)).values()].flat();
  let toKill = old.length - (sync.ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const liveHashes = new Set(
    pods.map((p) => p.metadata?.labels?.[DAEMON_SET_HASH_LABEL]).filter((h): h is string => !!h),
  );
  const revisions = sync.client.resource(controllerRevisionsResource).namespace(sync.ds.metadata!.namespace!);
  for (const h of [...old].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0))) {
    if (toKill <= 0) break;
    if (liveHashes.has(h.metadata?.labels?.[DAEMON_SET_HASH_LABEL] ?? "")) continue;
    try {
      await revisions.delete(h.metadata!.name!);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    toKill--;
  }
}

/** metav1.NewControllerRef(ds, apps/v1 DaemonSet). */
export function daemonSetControllerRef(ds: DaemonSet): OwnerReference {
  return newControllerRef(ds, { apiVersion: "apps/v1", kind: "DaemonSet" });
}
