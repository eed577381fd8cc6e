/**
 * syncReplicaSet and manageReplicas (pkg/controller/replicaset/replica_set.go): one reconcile of one
 * set.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import {
  type Informer,
  isAlreadyExists,
  isConflict,
  isNotFound,
  newControllerRef,
  objectKey,
  podsResource,
  type ReconcileContext,
  type ReconcileResult,
} from "@skiff/sdk";
import { claimObjects, patchOwners } from "../controller/claim.ts";
import type { Expectations } from "../controller/expectations.ts";
import { isPodActive } from "../controller/pods.ts";
import { comparePodsForDeletion, podRanksByNode } from "../rollout/pod_ranking.ts";
import { matchesSelector } from "../selector/selector.ts";
import { slowStartBatch } from "./slow_start.ts";
import { calculateReplicaStatus, type ManageError, sameReplicaStatus } from "./status.ts";
import type { ReplicaKind, ReplicaObject } from "./types.ts";

/**
 * What one sync needs besides the reconcile context.
 *
 * @example
 * ```ts
 * await syncReplicaSet(key, { ...ctx, kind, expectations, burstReplicas: 500, pods, sets });
 * ```
 */
export interface ReplicaSyncContext extends ReconcileContext {
  kind: ReplicaKind;
  expectations: Expectations;
  burstReplicas: number;
  pods: Informer<Pod>;
  sets: Informer<ReplicaObject>;
}

/**
 * Reconciles the set named by `key`.
 *
 * @example
 * ```ts
 * import { syncReplicaSet } from "@skiff/workloads";
 *
 * await syncReplicaSet("default/web", ctx);
 * ```
 */
export async function syncReplicaSet(key: string, ctx: ReplicaSyncContext): Promise<ReconcileResult | void> {
  const { kind, expectations } = ctx;
  const cached = ctx.sets.store.get(key);
  if (!cached) {
    expectations.delete(key);
    return;
  }
  const set: ReplicaObject = {
    ...structuredClone(cached),
    apiVersion: cached.apiVersion ?? apiVersion(kind),
    kind: cached.kind ?? kind.resource.kind,
  };
  const namespace = set.metadata!.namespace!;
  const selector = kind.selectorOf(set);
  const needsSync = expectations.satisfied(key);

  const active = ctx.pods.store.byIndex("namespace", namespace).filter(isPodActive);
  const pods = ctx.client.resource(podsResource).namespace(namespace);
  const sets = ctx.client.resource(kind.resource).namespace(namespace);
  const claimed = await claimObjects(active, {
    owner: set,
    matches: (pod) => matchesSelector(selector, pod.metadata?.labels ?? {}),
    setOwners: patchOwners(pods),
    async canAdopt() {
      // RecheckDeletionTimestamp: the cache may not show a deletion yet, the API does.
      const fresh = await sets.get(set.metadata!.name!);
      if (fresh.metadata?.uid !== set.metadata?.uid) {
        throw new Error(`original ${kind.resource.kind} ${key} is gone: got uid ${fresh.metadata?.uid}`);
      }
      if (fresh.metadata?.deletionTimestamp) {
        throw new Error(`${kind.resource.kind} ${key} has just been deleted`);
      }
    },
  });

  let error: ManageError | undefined;
  if (needsSync && !set.metadata?.deletionTimestamp) error = await manageReplicas(set, claimed, key, ctx);

  const now = Date.now();
  const status = calculateReplicaStatus(set, claimed, error, now);
  if (!sameReplicaStatus(set.status, status)) {
    try {
      await sets.updateStatus({ ...set, status });
    } catch (e) {
      if (isNotFound(e)) return;
      // Someone (the deployment controller) changed the set meanwhile: its event brings us back.
      if (isConflict(e)) return { requeue: true };
      throw e;
    }
  }
  if (error) throw new Error(error.message);
  // Pods ready but not yet available for minReadySeconds: look again once they are.
  const minReady = set.spec?.minReadySeconds ?? 0;
  if (
    minReady > 0 && (status.readyReplicas ?? 0) === (set.spec?.replicas ?? 1) &&
    (status.availableReplicas ?? 0) !== (set.spec?.replicas ?? 1)
  ) return { requeueAfter: minReady * 1000 };
}

function apiVersion(kind: ReplicaKind): string {
  const { group, version } = kind.resource;
  return group ? `${group}/${version}` : version;
}

/**
 * manageReplicas: creates or deletes pods to bring the claimed count to `spec.replicas`, at most
 * burstReplicas at a time, raising the expectations first so the pods' own events lower them.
 */
async function manageReplicas(
  set: ReplicaObject,
  claimed: Pod[],
  key: string,
  ctx: ReplicaSyncContext,
): Promise<ManageError | undefined> {
  const diff = claimed.length - (set.spec?.replicas ?? 1);
  const namespace = set.metadata!.namespace!;
  const pods = ctx.client.resource(podsResource).namespace(namespace);
  if (diff < 0) {
    const want = Math.min(-diff, ctx.burstReplicas);
    ctx.expectations.expectCreations(key, want);
    ctx.log.info("Too few replicas", { need: set.spec?.replicas ?? 1, creating: want });
    const { successes, error } = await slowStartBatch(want, 1, async () => {
      try {
        const pod = await pods.create(podFromTemplate(set));
        await ctx.recorder.event(set, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata?.name}`);
      } catch (e) {
        // A terminating namespace refuses pods: nothing to report, the set goes too.
        if (isNamespaceTerminating(e)) return;
        if (isAlreadyExists(e)) throw e;
        await ctx.recorder.event(set, "Warning", "FailedCreate", `Error creating: ${(e as Error).message}`);
        throw e;
      }
    });
    // Creations never made will never be observed.
    for (let skipped = want - successes; skipped > 0; skipped--) ctx.expectations.creationObserved(key);
    if (error) return { reason: "FailedCreate", message: (error as Error).message };
    return undefined;
  }
  if (diff > 0) {
    const count = Math.min(diff, ctx.burstReplicas);
    const victims = podsToDelete(claimed, count);
    ctx.log.info("Too many replicas", { need: set.spec?.replicas ?? 1, deleting: count });
    ctx.expectations.expectDeletions(key, victims.map(objectKey));
    const results = await Promise.allSettled(victims.map(async (pod) => {
      try {
        await pods.delete(pod.metadata!.name!);
        await ctx.recorder.event(set, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata?.name}`);
      } catch (e) {
        // Not deleted: the deletion will not be observed either.
        ctx.expectations.deletionObserved(key, objectKey(pod));
        if (isNotFound(e)) return;
        await ctx.recorder.event(set, "Warning", "FailedDelete", `Error deleting: ${(e as Error).message}`);
        throw e;
      }
    }));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) return { reason: "FailedDelete", message: (failed.reason as Error).message };
  }
  return undefined;
}

/**
 * getPodsToDelete: the `count` pods to go first, in comparePodsForDeletion order, ranked by how many of
 * the set's pods share their node.
 *
 * @example
 * ```ts
 * import { podsToDelete } from "@skiff/workloads";
 *
 * podsToDelete(pods, 2); // the two least valuable pods
 * ```
 */
export function podsToDelete(pods: readonly Pod[], count: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const ranks = podRanksByNode([...pods], [...pods]);
  return [...pods].sort(comparePodsForDeletion(Date.now(), ranks)).slice(0, count);
}

/**
 * GetPodFromTemplate: a pod from the set's template, named `NAME-` plus a random suffix, controlled by
 * the set.
 *
 * @example
 * ```ts
 * import { podFromTemplate } from "@skiff/workloads";
 *
 * podFromTemplate(rs).metadata.generateName; // "web-"
 * ```
 */
export function podFromTemplate(set: ReplicaObject): Pod {
  const template = structuredClone(set.spec?.template ?? {});
  const meta = template.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${set.metadata!.name}-`,
      namespace: set.metadata!.namespace,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
      ownerReferences: [newControllerRef(set, { apiVersion: set.apiVersion!, kind: set.kind! })],
    },
    spec: template.spec,
  } as Pod;
}

function isNamespaceTerminating(e: unknown): boolean {
  const err = e as { status?: { details?: { causes?: { reason?: string }[] } } };
  return err?.status?.details?.causes?.some((c) => c.reason === "NamespaceTerminating") ?? false;
}
