/**
 * The Job controller (pkg/controller/job/job_controller.go) as a manager Runnable. Handlers only record
 * what they saw (pod creations and deletions against the expectations, tracking finalizer removals) and
 * enqueue keys: a Job's own events at once, its pods' events batched (syncJobBatchPeriod, 1 s), and
 * orphan pods that still carry the tracking finalizer on a key of their own (the orphan queue), whose
 * sync only removes that finalizer.
 *
 * @module
 */
import {
  Controller,
  type ControllerRuntime,
  type EventRecorder,
  getControllerOf,
  type Informer,
  objectKey,
  podsResource,
  type ReconcileContext,
  type ReconcileResult,
  type Runnable,
} from "@skiff/sdk";
import { Expectations } from "../controller/expectations.ts";
import { resolveControllerRef } from "../controller/resolve.ts";
import { runWithHandlers } from "../controller/run.ts";
import { jobsResource } from "../resources.ts";
import { matchesSelector } from "../selector/selector.ts";
import { BackoffStore } from "./_backoff.ts";
import { isJobFinished } from "./_conditions.ts";
import { FinalizerExpectations, hasTrackingFinalizer, type JobDeps } from "./_context.ts";
import { removeTrackingFinalizer } from "./_pods.ts";
import type { Job, Pod } from "./_types.ts";
import { JOB_CONTROLLER_NAME, syncJob } from "./sync.ts";

/** Queue keys of orphan pods start with this (a namespace never contains ":"). */
const ORPHAN_PREFIX = "orphan-pod:";

/**
 * Options of a {@link JobController}; the defaults are kube-controller-manager's.
 *
 * @example
 * ```ts
 * const options: JobControllerOptions = { podFailureBackoffMs: 50, syncBatchPeriodMs: 10 };
 * ```
 */
export interface JobControllerOptions {
  /** Workers (--concurrent-job-syncs, 5). */
  workers?: number;
  /** The first pod failure backoff, doubled per further failure (DefaultJobPodFailureBackOff, 10 s). */
  podFailureBackoffMs?: number;
  /** The longest pod failure backoff (MaxJobPodFailureBackOff, 10 min). */
  maxPodFailureBackoffMs?: number;
  /** How long pod events are batched before a Job syncs (syncJobBatchPeriod, 1 s). */
  syncBatchPeriodMs?: number;
  /** The clock (ms since the epoch). */
  now?: () => number;
}

/**
 * The Job controller.
 *
 * @example
 * ```ts
 * import { JobController } from "@skiff/workloads";
 *
 * manager.add(new JobController());
 * ```
 */
export class JobController implements Runnable {
  readonly name = "job";
  readonly expectations = new Expectations();
  readonly finalizerExpectations = new FinalizerExpectations();
  readonly backoff = new BackoffStore();
  #options: Required<JobControllerOptions>;
  #controller: Controller<Job>;
  #jobs?: Informer<Job>;
  #pods?: Informer<Pod>;
  #recorder?: EventRecorder;

  constructor(options: JobControllerOptions = {}) {
    this.#options = {
      workers: options.workers ?? 5,
      podFailureBackoffMs: options.podFailureBackoffMs ?? 10_000,
      maxPodFailureBackoffMs: options.maxPodFailureBackoffMs ?? 10 * 60_000,
      syncBatchPeriodMs: options.syncBatchPeriodMs ?? 1000,
      now: options.now ?? Date.now,
    };
    this.#controller = new Controller<Job>({
      name: "job",
      for: jobsResource,
      maxConcurrentReconciles: this.#options.workers,
      reconcile: (key, ctx) => this.#reconcile(key, ctx),
    });
  }

  /** Called by the manager: asks for the informers before they start. */
  setup(runtime: ControllerRuntime): void {
    this.#controller.setup(runtime);
    this.#recorder = runtime.recorderFor?.("job-controller");
    this.#jobs = runtime.informers.informerFor(jobsResource);
    this.#pods = runtime.informers.informerFor(podsResource);
  }

  /** Runs until the signal aborts. */
  async start(signal: AbortSignal): Promise<void> {
    await runWithHandlers(this.#controller, signal, () => [
      this.#pods!.addEventHandler({
        onAdd: (pod) => this.#addPod(pod),
        onUpdate: (old, cur) => this.#updatePod(old, cur),
        onDelete: (pod) => this.#deletePod(pod, true),
      }),
      this.#jobs!.addEventHandler({
        // The Job is not marked finished before its pods' finalizers go; this is a backup.
        onUpdate: (_old, cur) => isJobFinished(cur) && this.#cleanupPodFinalizers(cur),
        onDelete: (job) => this.#cleanupPodFinalizers(job),
      }),
    ]);
  }

  #enqueue(key: string, afterMs: number): void {
    const queue = this.#controller.queue;
    if (afterMs > 0) queue?.addAfter(key, afterMs);
    else queue?.add(key);
  }

  #enqueueBatched(job: Job): void {
    this.#enqueue(objectKey(job), this.#options.syncBatchPeriodMs);
  }

  #enqueueOrphan(pod: Pod): void {
    this.#enqueue(ORPHAN_PREFIX + objectKey(pod), 0);
  }

  /** resolveControllerRef: the Job a controller reference names, when the uid matches. */
  #resolve(pod: Pod, ref = getControllerOf(pod)): Job | undefined {
    return resolveControllerRef(this.#jobs, pod.metadata?.namespace, ref, "Job");
  }

  /** getPodJobs: the Jobs whose selector matches an orphan. */
  #jobsSelecting(pod: Pod): Job[] {
    return (this.#jobs?.store.byIndex("namespace", pod.metadata?.namespace ?? "") ?? []).filter((j) =>
      j.spec?.selector && matchesSelector(j.spec.selector, pod.metadata?.labels ?? {})
    );
  }

  #addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) {
      // Seen for the first time already being deleted (a relist): not a creation.
      this.#deletePod(pod, false);
      return;
    }
    if (getControllerOf(pod)) {
      const job = this.#resolve(pod);
      if (!job) return;
      this.expectations.creationObserved(objectKey(job));
      this.#enqueueBatched(job);
      return;
    }
    if (hasTrackingFinalizer(pod)) this.#enqueueOrphan(pod);
    for (const job of this.#jobsSelecting(pod)) this.#enqueueBatched(job);
  }

  #updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    if (cur.metadata?.deletionTimestamp) {
      // Graceful deletion: the Job may replace the pod now rather than once the kubelet is done.
      this.#deletePod(cur, false);
      return;
    }
    const finalizerRemoved = !hasTrackingFinalizer(cur);
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (refChanged && oldRef) {
      const job = this.#resolve(old, oldRef);
      if (job) {
        if (finalizerRemoved) this.finalizerExpectations.observed(objectKey(job), cur.metadata!.uid!);
        this.#enqueueBatched(job);
      }
    }
    if (curRef) {
      const job = this.#resolve(cur, curRef);
      if (!job) return;
      if (finalizerRemoved) this.finalizerExpectations.observed(objectKey(job), cur.metadata!.uid!);
      this.#enqueueBatched(job);
      return;
    }
    if (hasTrackingFinalizer(cur)) this.#enqueueOrphan(cur);
    const labelsChanged =
      JSON.stringify(cur.metadata?.labels ?? {}) !== JSON.stringify(old.metadata?.labels ?? {});
    if (labelsChanged || refChanged) {
      for (const job of this.#jobsSelecting(cur)) {
        this.#enqueueBatched(job);
      }
    }
  }

  #deletePod(pod: Pod, final: boolean): void {
    const hasFinalizer = hasTrackingFinalizer(pod);
    const ref = getControllerOf(pod);
    if (!ref) {
      // The garbage collector may have dropped the reference to a Job that is gone.
      if (hasFinalizer) this.#enqueueOrphan(pod);
      return;
    }
    const job = this.#resolve(pod, ref);
    if (!job || isJobFinished(job)) {
      // syncJob will not remove this finalizer.
      if (hasFinalizer) this.#enqueueOrphan(pod);
      return;
    }
    const key = objectKey(job);
    this.expectations.deletionObserved(key, objectKey(pod));
    if (final || !hasFinalizer) this.finalizerExpectations.observed(key, pod.metadata!.uid!);
    this.#enqueueBatched(job);
  }

  #cleanupPodFinalizers(job: Job): void {
    const uid = job.metadata?.uid;
    for (const pod of this.#pods?.store.byIndex("namespace", job.metadata?.namespace ?? "") ?? []) {
      if (getControllerOf(pod)?.uid === uid && hasTrackingFinalizer(pod)) this.#enqueueOrphan(pod);
    }
  }

  #deps(ctx: ReconcileContext): JobDeps {
    return {
      client: ctx.client,
      recorder: this.#recorder ?? ctx.recorder,
      log: ctx.log,
      jobs: this.#jobs!,
      pods: this.#pods!,
      expectations: this.expectations,
      finalizerExpectations: this.finalizerExpectations,
      backoff: this.backoff,
      podFailureBackoffMs: this.#options.podFailureBackoffMs,
      maxPodFailureBackoffMs: this.#options.maxPodFailureBackoffMs,
      now: this.#options.now,
      // enqueueSyncJobWithDelay: never sooner than the batch period.
      requeue: (key, ms) => this.#enqueue(key, Math.max(ms, this.#options.syncBatchPeriodMs)),
    };
  }

  #reconcile(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    if (key.startsWith(ORPHAN_PREFIX)) return this.#syncOrphanPod(key.slice(ORPHAN_PREFIX.length), ctx);
    return syncJob(key, this.#deps(ctx));
  }

  /** syncOrphanPod: removes the tracking finalizer of a pod no unfinished Job of ours controls. */
  async #syncOrphanPod(key: string, ctx: ReconcileContext): Promise<void> {
    const pod = this.#pods?.store.get(key);
    if (!pod) return;
    const ref = getControllerOf(pod);
    if (ref) {
      // Someone else's pod: not our finalizer to remove.
      if (ref.kind !== "Job" || ref.apiVersion !== "batch/v1") return;
      const job = this.#resolve(pod, ref);
      if (job?.spec?.managedBy !== undefined && job.spec.managedBy !== JOB_CONTROLLER_NAME) return;
      // Adopted meanwhile.
      if (job && !isJobFinished(job)) return;
    }
    try {
      await removeTrackingFinalizer(pod, this.#deps(ctx));
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
    }
  }
}
