/**
 * defaultStatefulSetControl (stateful_set_control.go): one pass over a StatefulSet. It finds (or
 * makes) the current and update ControllerRevisions, then walks the replicas in ordinal order:
 *
 *  1. every ordinal in [start, start + replicas) gets a pod (failed or succeeded ones are deleted and
 *     made again next pass); under OrderedReady ("monotonic") the walk stops at the first pod it created
 *     or that is not yet Running, Ready and available for minReadySeconds, so web-1 is created only
 *     once web-0 is Ready;
 *  2. pods above the range are condemned and deleted from the highest ordinal down, again one at a time
 *     under OrderedReady, each only once the pods below are healthy;
 *  3. a RollingUpdate then deletes the highest-ordinal pod not at the update revision, down to the
 *     partition, one at a time: with replicas 3 and partition 1, web-2 goes, comes back at the new
 *     revision, becomes Ready, then web-1 goes; web-0 stays at the old revision. OnDelete stops at 2.
 *
 * Parallel does 1 and 2 for every pod at once (in slow-start batches of 1, 2, 4 … as Kubernetes does).
 * The status is written after every pass, and old revisions beyond revisionHistoryLimit are deleted.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { type Client, formatTime, isConflict, isNotFound, type Logger } from "@skiff/sdk";
import type { ControllerRevision } from "../api/controller_revision.ts";
import type { StatefulSet, StatefulSetStatus } from "../api/stateful_set.ts";
import type { RevisionHistory } from "../history/history.ts";
import {
  equalRevision,
  findEqualRevisions,
  nextRevision,
  sortControllerRevisions,
} from "../history/revision.ts";
import { statefulSetsResource } from "../resources.ts";
import { CLAIM_KIND_MISSING, type StatefulPodControl } from "./pod_control.ts";

/** The condition a set with volumeClaimTemplates carries while PersistentVolumeClaims are not served. */
export const CLAIMS_CONDITION = "PersistentVolumeClaimsServed";
import {
  allowsBurst,
  applyRevision,
  completeRollingUpdate,
  endOrdinal,
  identityMatches,
  inconsistentStatus,
  isCreated,
  isFailed,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
  newStatefulSetRevision,
  newVersionedStatefulSetPod,
  ordinalOf,
  podInOrdinalRange,
  podRevision,
  startOrdinal,
  storageMatches,
} from "./utils.ts";

/** The most pods one slow-start batch touches (MaxBatchSize). */
const MAX_BATCH_SIZE = 500;
/** How often a status write that keeps conflicting is retried (retry.DefaultRetry). */
const STATUS_RETRIES = 5;

/**
 * The control loop's collaborators.
 *
 * @example
 * ```ts
 * const control = new StatefulSetControl({ client, podControl, history, log });
 * ```
 */
export interface StatefulSetControlOptions {
  client: Client;
  podControl: StatefulPodControl;
  history: RevisionHistory;
  log: Logger;
  /** The cached set, for retrying a status write that conflicted. */
  cached?(namespace: string, name: string): StatefulSet | undefined;
}

/**
 * The StatefulSet control loop (see the module comment).
 *
 * @example
 * ```ts
 * import { StatefulSetControl } from "@skiff/workloads";
 *
 * const status = await new StatefulSetControl(options).updateStatefulSet(sts, pods);
 * ```
 */
export class StatefulSetControl {
  constructor(readonly options: StatefulSetControlOptions) {}

  /** ListRevisions: the set's revisions (and orphans its selector matches). */
  listRevisions(set: StatefulSet): ControllerRevision[] {
    return this.options.history.listControllerRevisions(set, set.spec?.selector);
  }

  /** UpdateStatefulSet: one pass; answers the status written. History is truncated even on error. */
  async updateStatefulSet(set: StatefulSet, pods: Pod[]): Promise<StatefulSetStatus | undefined> {
    set = structuredClone(set);
    const revisions = sortControllerRevisions(this.listRevisions(set).map((r) => structuredClone(r)));
    let current: ControllerRevision | undefined;
    let update: ControllerRevision | undefined;
    try {
      const result = await this.#performUpdate(set, pods, revisions, (c, u) => {
        current = c;
        update = u;
      });
      await this.#truncateHistory(set, pods, revisions, current, update);
      return result;
    } catch (e) {
      await this.#truncateHistory(set, pods, revisions, current, update).catch(() => {});
      throw e;
    }
  }

  async #performUpdate(
    set: StatefulSet,
    pods: Pod[],
    revisions: ControllerRevision[],
    seen: (current: ControllerRevision, update: ControllerRevision) => void,
  ): Promise<StatefulSetStatus> {
    const { current, update, collisionCount } = await this.#revisions(set, revisions);
    seen(current, update);
    const { status, error } = await this.#update(set, current, update, collisionCount, pods);
    await this.#claimsCondition(set, status);
    let statusError: unknown;
    try {
      await this.#writeStatus(set, status);
    } catch (e) {
      statusError = e;
    }
    if (error) {
      if (statusError) this.options.log.error("Could not update status", { error: String(statusError) });
      throw error;
    }
    if (statusError) throw statusError;
    return status;
  }

  /**
   * Kubernetes sets no StatefulSet conditions; Skiff adds one while the set has volumeClaimTemplates and
   * no module serves PersistentVolumeClaims, so `kubectl describe sts` says why no pod starts (the
   * FailedCreate events say it too). It goes away once the kind is served.
   */
  async #claimsCondition(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    const others = (set.status?.conditions ?? []).filter((c) => c.type !== CLAIMS_CONDITION);
    const missing = (set.spec?.volumeClaimTemplates?.length ?? 0) > 0 &&
      !(await this.options.podControl.claimsServed());
    if (!missing) {
      if (others.length) status.conditions = others;
      return;
    }
    const previous = set.status?.conditions?.find((c) => c.type === CLAIMS_CONDITION);
    status.conditions = [...others, {
      type: CLAIMS_CONDITION,
      status: "False",
      lastTransitionTime: previous?.lastTransitionTime ?? formatTime(),
      reason: "KindNotServed",
      message: CLAIM_KIND_MISSING,
    }];
  }

  /**
   * truncateHistory: deletes the oldest revisions that no pod, and neither the current nor the update
   * revision, uses, until revisionHistoryLimit are left.
   */
  async #truncateHistory(
    set: StatefulSet,
    pods: Pod[],
    revisions: ControllerRevision[],
    current: ControllerRevision | undefined,
    update: ControllerRevision | undefined,
  ): Promise<void> {
    const live = new Set<string>();
    if (current) live.add(current.metadata!.name!);
    if (update) live.add(update.metadata!.name!);
    for (const pod of pods) live.add(podRevision(pod));
    const history = revisions.filter((r) => !live.has(r.metadata!.name!));
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    if (limit < 0 || history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit)) {
      try {
        await this.options.history.deleteControllerRevision(r);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  /**
   * getStatefulSetRevisions: the update revision is the set's template as a revision: the newest
   * revision when that is equal, an older equal one renumbered to the next number (a rollback), or a
   * new one. The current revision is the one the status names, or the update revision for a new set.
   */
  async #revisions(
    set: StatefulSet,
    revisions: ControllerRevision[],
  ): Promise<{ current: ControllerRevision; update: ControllerRevision; collisionCount: number }> {
    let collisionCount = set.status?.collisionCount ?? 0;
    let update = newStatefulSetRevision(set, nextRevision(revisions), collisionCount);
    const equal = findEqualRevisions(revisions, update);
    if (equal.length > 0 && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
      // The newest revision is this template: nothing changed.
      update = revisions[revisions.length - 1];
    } else if (equal.length > 0) {
      // An older revision holds this template: roll back to it by giving it the next number.
      update = await this.options.history.updateControllerRevision(equal[equal.length - 1], update.revision);
    } else {
      const created = await this.options.history.createControllerRevision(set, update, collisionCount);
      update = created.revision;
      collisionCount = created.collisionCount;
    }
    const current = revisions.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /** updateStatefulSet (the pass itself): answers the status to write and the error that stopped it. */
  async #update(
    set: StatefulSet,
    currentRevision: ControllerRevision,
    updateRevision: ControllerRevision,
    collisionCount: number,
    pods: Pod[],
  ): Promise<{ status: StatefulSetStatus; error?: unknown }> {
    const currentSet = applyRevision(set, currentRevision);
    const updateSet = applyRevision(set, updateRevision);
    const minReady = set.spec?.minReadySeconds ?? 0;
    const currentName = currentRevision.metadata!.name!;
    const updateName = updateRevision.metadata!.name!;
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata?.generation,
      replicas: 0,
      currentRevision: currentName,
      updateRevision: updateName,
      collisionCount,
    };
    countReplicas(status, minReady, currentName, updateName, pods);

    const start = startOrdinal(set);
    const end = endOrdinal(set);
    const replicas: Pod[] = new Array(Math.max(0, end - start + 1));
    const condemned: Pod[] = [];
    for (const pod of pods) {
      if (podInOrdinalRange(pod, set)) replicas[ordinalOf(pod) - start] = pod;
      else if (ordinalOf(pod) >= 0) condemned.push(pod);
    }
    for (let ord = start; ord <= end; ord++) {
      replicas[ord - start] ??= newVersionedStatefulSetPod(
        currentSet,
        updateSet,
        currentName,
        updateName,
        ord,
      );
    }
    condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
    const now = Date.now();
    const firstUnavailable = replicas.find((p) => isUnavailable(p, minReady, now)) ??
      [...condemned].reverse().find((p) => isUnavailable(p, minReady, now));

    // A set being deleted only reports.
    if (set.metadata?.deletionTimestamp) return { status };
    const monotonic = !allowsBurst(set);
    const finish = (error?: unknown) => {
      countReplicas(status, minReady, currentName, updateName, replicas, condemned);
      return { status, error };
    };

    try {
      if (
        await runForAll(
          replicas,
          (i) => this.#processReplica(set, updateSet, monotonic, replicas, i),
          monotonic,
        )
      ) {
        return finish();
      }
      // Claims of condemned pods get their scale-down owners before the pods go.
      const fixPodClaim = async (i: number) => {
        const control = this.options.podControl;
        if (!(await control.claimsMatchRetentionPolicy(updateSet, condemned[i]))) {
          await control.updatePodClaimForRetentionPolicy(updateSet, condemned[i]);
        }
        return false;
      };
      if (await runForAll(condemned, fixPodClaim, monotonic)) return finish();
      if (
        await runForAll(
          condemned,
          (i) => this.#processCondemned(set, firstUnavailable, monotonic, condemned, i),
          monotonic,
        )
      ) return finish();
    } catch (e) {
      return finish(e);
    }
    finish();

    // OnDelete: pods move to the update revision only when someone deletes them.
    if (set.spec?.updateStrategy?.type === "OnDelete") return { status };

    // Kubernetes 1.32 leaves MaxUnavailableStatefulSet off: one pod at a time, highest ordinal first.
    const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target];
      if (podRevision(pod) !== updateName && !isTerminating(pod)) {
        this.options.log.info("Pod of StatefulSet is terminating for update", { pod: pod.metadata?.name });
        try {
          await this.options.podControl.deleteStatefulPod(set, pod);
        } catch (e) {
          if (!isNotFound(e)) return { status, error: e };
        }
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return { status };
      }
      // Wait for the pod just updated to become available before the next.
      if (isUnavailable(pod, minReady)) return { status };
    }
    return { status };
  }

  /** processReplica: answers true when the pass must stop here. */
  async #processReplica(
    set: StatefulSet,
    updateSet: StatefulSet,
    monotonic: boolean,
    replicas: Pod[],
    i: number,
  ): Promise<boolean> {
    const pod = replicas[i];
    const minReady = set.spec?.minReadySeconds ?? 0;
    // A pod that ran to completion (evicted, or its node rebooted) is made again once it is gone (the
    // next pass finds its ordinal empty); Succeeded too, as an evicted pod's phase is its exit code's.
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!pod.metadata?.deletionTimestamp) {
        const { namespace, name } = set.metadata!;
        const [type, reason, what] = isFailed(pod)
          ? ["Warning", "RecreatingFailedPod", "failed"] as const
          : ["Normal", "RecreatingTerminatedPod", "terminated"] as const;
        await this.options.podControl.recorder.event(
          set,
          type,
          reason,
          `StatefulSet ${namespace}/${name} is recreating ${what} Pod ${pod.metadata?.name}`,
        );
        await this.options.podControl.deleteStatefulPod(set, pod);
      }
      return true;
    }
    if (!isCreated(pod)) {
      // A claim still owned by the previous pod of this name is about to be collected: wait for it.
      if (await this.options.podControl.podClaimIsStale(set, pod)) return true;
      await this.options.podControl.createStatefulPod(set, pod);
      if (monotonic) return true;
    }
    // A pending pod may still lack a claim someone deleted: make missing ones.
    if (isPending(pod) && (set.spec?.volumeClaimTemplates?.length ?? 0) > 0 && isCreated(pod)) {
      await this.options.podControl.createPersistentVolumeClaims(set, pod);
    }
    if (monotonic && isTerminating(pod)) return true;
    if (monotonic && !isRunningAndReady(pod)) return true;
    if (monotonic && !isRunningAndAvailable(pod, minReady)) return true;
    if (!isCreated(pod)) return false;
    // An error here means the pod is being updated otherwise: count it as matching.
    const retentionMatch = await this.options.podControl.claimsMatchRetentionPolicy(updateSet, pod)
      .catch(() => true);
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return false;
    await this.options.podControl.updateStatefulPod(updateSet, structuredClone(pod));
    return false;
  }

  /** processCondemned: deletes a pod above the range once those it waits for are healthy. */
  async #processCondemned(
    set: StatefulSet,
    firstUnavailable: Pod | undefined,
    monotonic: boolean,
    condemned: Pod[],
    i: number,
  ): Promise<boolean> {
    const pod = condemned[i];
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnavailable && !isRunningAndReady(pod)) return true;
    if (monotonic && pod !== firstUnavailable && !isRunningAndAvailable(pod, minReady)) return true;
    this.options.log.info("Pod of StatefulSet is terminating for scale down", { pod: pod.metadata?.name });
    await this.options.podControl.deleteStatefulPod(set, pod);
    return true;
  }

  /** updateStatefulSetStatus: completes a finished rolling update, then writes the status if it changed. */
  async #writeStatus(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    completeRollingUpdate(set, status);
    if (!inconsistentStatus(set, status)) return;
    const api = this.options.client.resource(statefulSetsResource).namespace(set.metadata!.namespace!);
    let target = structuredClone(set);
    for (let attempt = 0;; attempt++) {
      try {
        await api.updateStatus({ ...target, status: goStatus(status) });
        return;
      } catch (e) {
        if (!isConflict(e) || attempt + 1 >= STATUS_RETRIES) throw e;
        const name = set.metadata!.name!;
        target = structuredClone(
          this.options.cached?.(set.metadata!.namespace!, name) ?? await api.get(name),
        );
        if (target.metadata?.uid !== set.metadata?.uid) return;
      }
    }
  }
}

/**
 * runForAll: in order, stopping at the first pod that says stop (OrderedReady), or all at once in
 * slow-start batches (Parallel). Answers whether the pass must stop.
 */
async function runForAll(
  pods: Pod[],
  fn: (i: number) => Promise<boolean>,
  monotonic: boolean,
): Promise<boolean> {
  if (monotonic) {
    for (let i = 0; i < pods.length; i++) if (await fn(i)) return true;
    return false;
  }
  let next = 0;
  for (let batch = Math.min(pods.length, 1); batch > 0;) {
    const indexes = Array.from({ length: batch }, () => next++);
    const results = await Promise.allSettled(indexes.map((i) => fn(i)));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed.length === 1) throw failed[0].reason;
    if (failed.length > 1) throw new Error(`[${failed.map((f) => (f.reason as Error)?.message).join(", ")}]`);
    batch = Math.min(2 * batch, pods.length - next, MAX_BATCH_SIZE);
  }
  return false;
}

/** updateStatus: the replica counts over the pods of every list. */
function countReplicas(
  status: StatefulSetStatus,
  minReady: number,
  currentName: string,
  updateName: string,
  ...lists: Pod[][]
): void {
  let replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
  const now = Date.now();
  for (const pod of lists.flat()) {
    if (!pod) continue;
    if (isCreated(pod)) replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isRunningAndAvailable(pod, minReady, now)) available++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      if (podRevision(pod) === currentName) current++;
      if (podRevision(pod) === updateName) updated++;
    }
  }
  Object.assign(status, {
    replicas,
    readyReplicas: ready,
    availableReplicas: available,
    currentReplicas: current,
    updatedReplicas: updated,
  });
}

/**
 * The status as Go serializes StatefulSetStatus: zero counts that are omitempty left out, `replicas`,
 * `availableReplicas` and `collisionCount` always present.
 */
function goStatus(status: StatefulSetStatus): StatefulSetStatus {
  const out: StatefulSetStatus = { replicas: status.replicas };
  if (status.observedGeneration) out.observedGeneration = status.observedGeneration;
  if (status.readyReplicas) out.readyReplicas = status.readyReplicas;
  if (status.currentReplicas) out.currentReplicas = status.currentReplicas;
  if (status.updatedReplicas) out.updatedReplicas = status.updatedReplicas;
  if (status.currentRevision) out.currentRevision = status.currentRevision;
  if (status.updateRevision) out.updateRevision = status.updateRevision;
  out.collisionCount = status.collisionCount ?? 0;
  out.availableReplicas = status.availableReplicas ?? 0;
  if (status.conditions?.length) out.conditions = status.conditions;
  return out;
}
