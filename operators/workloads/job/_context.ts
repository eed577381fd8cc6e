/**
 * What one Job sync carries (syncJobCtx in job_controller.go) and what it needs of the controller.
 *
 * @module
 */
import type { Client, EventRecorder, Informer, Logger } from "@skiff/sdk";
import type { Expectations } from "../controller/expectations.ts";
import type { BackoffRecord, BackoffStore } from "./_backoff.ts";
import type { Job, JobCondition, Pod } from "./_types.ts";

/** batch.JobTrackingFinalizer: a finished pod stays until the Job has counted it. */
export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";

/** MaxUncountedPods and MaxPodCreateDeletePerSync. */
export const MAX_UNCOUNTED_PODS = 500;
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** The pod UIDs whose tracking finalizer removal a Job waits to see (uidTrackingExpectations). */
export class FinalizerExpectations {
  #uids = new Map<string, Set<string>>();

  expect(key: string, uids: string[]): void {
    const set = this.#uids.get(key) ?? new Set();
    for (const uid of uids) set.add(uid);
    this.#uids.set(key, set);
  }

  observed(key: string, uid: string): void {
    const set = this.#uids.get(key);
    set?.delete(uid);
    if (set?.size === 0) this.#uids.delete(key);
  }

  expected(key: string): Set<string> {
    return new Set(this.#uids.get(key) ?? []);
  }

  delete(key: string): void {
    this.#uids.delete(key);
  }
}

/** The controller's parts a sync uses. */
export interface JobDeps {
  client: Client;
  recorder: EventRecorder;
  log: Logger;
  jobs: Informer<Job>;
  pods: Informer<Pod>;
  expectations: Expectations;
  finalizerExpectations: FinalizerExpectations;
  backoff: BackoffStore;
  podFailureBackoffMs: number;
  maxPodFailureBackoffMs: number;
  now(): number;
  /** Asks for another sync of the Job after `ms` (the queue keeps the earliest). */
  requeue(key: string, ms: number): void;
}

/** syncJobCtx. */
export interface JobCtx {
  key: string;
  job: Job;
  pods: Pod[];
  activePods: Pod[];
  finishedCondition?: JobCondition;
  succeeded: number;
  failed: number;
  prevSucceededIndexes: Set<number>;
  succeededIndexes: Set<number>;
  /** With backoffLimitPerIndex: the indexes failed for good. */
  failedIndexes?: Set<number>;
  /** With backoffLimitPerIndex: per index, the failed pod kept until its replacement exists. */
  podsWithDelayedDeletionPerIndex: Map<number, Pod>;
  newBackoffRecord: BackoffRecord;
  expectedRmFinalizers: Set<string>;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  terminating: number;
  ready: number;
  /** The first error of a pod write, returned once the status is written. */
  lastError?: unknown;
}

/** Whether a pod still carries the tracking finalizer. */
export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** isIndexedJob. */
export function isIndexed(job: Job): boolean {
  return job.spec?.completionMode === "Indexed";
}

/**
 * onlyReplaceFailedPods: podReplacementPolicy Failed (the default with a podFailurePolicy) waits for a
 * terminating pod to fail before replacing it.
 */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === "Failed" || job.spec?.podFailurePolicy !== undefined;
}

/**
 * isPodFailed: phase Failed, or, unless only failed pods are replaced, deleted before it succeeded
 * (an orphan that never reaches a terminal phase still counts).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === "Failed") return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== "Succeeded";
}

/** controller.CountTerminatingPods: deleted, not yet in a terminal phase. */
export function countTerminating(pods: readonly Pod[]): number {
  return pods.filter((p) =>
    p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed"
  ).length;
}
