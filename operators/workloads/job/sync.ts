/**
 * syncJob (pkg/controller/job/job_controller.go): one reconcile of one Job. Count the pods (claiming
 * them), decide whether the Job is finishing (pod failure policy FailJob, backoffLimit, activeDeadline,
 * an Indexed Job's success policy, or enough successes), then either delete the remaining pods or manage
 * them (create, delete, suspend), and write the status through the two-step finalizer tracking.
 *
 * @module
 */
import { formatTime, type ReconcileResult } from "@skiff/sdk";
import { isPodActive, isPodReady } from "../controller/pods.ts";
import { findCondition, isJobFinished, JOB_REASONS, newCondition } from "./_conditions.ts";
import {
  countTerminating,
  hasTrackingFinalizer,
  isIndexed,
  isPodFailed,
  type JobCtx,
  type JobDeps,
} from "./_context.ts";
import { completionIndexOf, parseIndexes, UNKNOWN_INDEX } from "./_indexed.ts";
import { manageJob } from "./_manage.ts";
import { matchPodFailurePolicy } from "./_pod_failure_policy.ts";
import { deleteActivePods, podsForJob } from "./_pods.ts";
import { calculateFailedIndexes, hasBackoffLimitPerIndex, podsWithDelayedDeletion } from "./_per_index.ts";
import { matchSuccessPolicy } from "./_success_policy.ts";
import { trackJobStatusAndRemoveFinalizers } from "./_tracking.ts";
import type { Job, JobCondition, Pod } from "./_types.ts";

/** JobControllerName: a Job managedBy anyone else is left alone. */
export const JOB_CONTROLLER_NAME = "kubernetes.io/job-controller";

/**
 * Reconciles the Job named by `key` ("NAMESPACE/NAME").
 *
 * @example
 * ```ts
 * import { syncJob } from "@skiff/workloads";
 *
 * await syncJob("default/pi", deps);
 * ```
 */
export async function syncJob(key: string, deps: JobDeps): Promise<ReconcileResult | void> {
  const cached = deps.jobs.store.get(key);
  if (!cached) {
    deps.expectations.delete(key);
    deps.finalizerExpectations.delete(key);
    deps.backoff.remove(key);
    return;
  }
  if (cached.spec?.managedBy !== undefined && cached.spec.managedBy !== JOB_CONTROLLER_NAME) return;
  const job: Job = { ...structuredClone(cached), apiVersion: "batch/v1", kind: "Job" };
  // A finished Job is never touched again.
  if (isJobFinished(job)) {
    deps.backoff.remove(key);
    return;
  }
  const mode = job.spec?.completionMode;
  if (mode !== undefined && mode !== "NonIndexed" && mode !== "Indexed") {
    await deps.recorder.event(
      job,
      "Warning",
      "UnknownCompletionMode",
      "Skipped Job sync because completion mode is unknown",
    );
    return;
  }
  const status = job.status ??= {};
  status.uncountedTerminatedPods ??= {};

  // Expectations first: a pod created after this check waits for the next sync instead of sneaking in.
  const satisfied = deps.expectations.satisfied(key);
  const pods = await podsForJob(job, deps);
  const activePods = pods.filter(isPodActive);
  const ctx: JobCtx = {
    key,
    job,
    pods,
    activePods,
    succeeded: 0,
    failed: 0,
    prevSucceededIndexes: new Set(),
    succeededIndexes: new Set(),
    podsWithDelayedDeletionPerIndex: new Map(),
    newBackoffRecord: { key, failuresAfterLastSuccess: 0 },
    expectedRmFinalizers: deps.finalizerExpectations.expected(key),
    uncountedSucceeded: new Set(status.uncountedTerminatedPods.succeeded ?? []),
    uncountedFailed: new Set(status.uncountedTerminatedPods.failed ?? []),
    terminating: countTerminating(pods),
    ready: activePods.filter(isPodReady).length,
  };
  let active = activePods.length;
  const { newSucceeded, newFailed } = newFinishedPods(ctx);
  ctx.succeeded = (status.succeeded ?? 0) + newSucceeded.length + ctx.uncountedSucceeded.size;
  const countedFailures = newFailed.filter((p) =>
    matchPodFailurePolicy(job.spec?.podFailurePolicy, p).countFailed
  );
  ctx.failed = (status.failed ?? 0) + countedFailures.length + ctx.uncountedFailed.size;

  const now = deps.now();
  if (!status.startTime && !job.spec?.suspend) status.startTime = formatTime(new Date(now));
  ctx.newBackoffRecord = deps.backoff.next(key, newSucceeded, newFailed);

  let requeueAfter: number | undefined;
  ctx.finishedCondition = findCondition(job, "SuccessCriteriaMet")?.status === "True"
    ? findCondition(job, "SuccessCriteriaMet")
    : undefined;
  // With SuccessCriteriaMet already recorded, the pod failure policy has had its say.
  if (!ctx.finishedCondition) {
    const target = findCondition(job, "FailureTarget");
    if (target?.status === "True") {
      ctx.finishedCondition = newCondition("Failed", "True", target.reason ?? "", target.message ?? "", now);
    } else {
      const message = failJobMessage(job, pods);
      if (message !== undefined) {
        ctx.finishedCondition = newCondition(
          "FailureTarget",
          "True",
          JOB_REASONS.podFailurePolicy.reason,
          message,
          now,
        );
      }
    }
  }
  if (!ctx.finishedCondition) {
    if (ctx.failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
      ctx.finishedCondition = failureCondition(JOB_REASONS.backoffLimitExceeded, now);
    } else if (pastActiveDeadline(job, now)) {
      ctx.finishedCondition = failureCondition(JOB_REASONS.deadlineExceeded, now);
    } else if (job.spec?.activeDeadlineSeconds !== undefined && !job.spec.suspend) {
      requeueAfter = job.spec.activeDeadlineSeconds * 1000 - (now - Date.parse(status.startTime!));
    }
  }
  if (isIndexed(job)) {
    const completions = job.spec?.completions ?? 0;
    ctx.prevSucceededIndexes = parseIndexes(status.completedIndexes, completions);
    ctx.succeededIndexes = new Set(ctx.prevSucceededIndexes);
    for (const p of pods) {
      const ix = completionIndexOf(p);
      if (
        p.status?.phase === "Succeeded" && ix !== UNKNOWN_INDEX && ix < completions && hasTrackingFinalizer(p)
      ) {
        ctx.succeededIndexes.add(ix);
      }
    }
    ctx.succeeded = ctx.succeededIndexes.size;
    if (hasBackoffLimitPerIndex(job)) {
      const failedIndexes = ctx.failedIndexes = calculateFailedIndexes(job, pods);
      if (!ctx.finishedCondition) {
        const max = job.spec?.maxFailedIndexes;
        if (max !== undefined && max !== null && failedIndexes.size > max) {
          ctx.finishedCondition = failureCondition(JOB_REASONS.maxFailedIndexesExceeded, now);
        } else if (failedIndexes.size > 0 && failedIndexes.size + ctx.succeededIndexes.size >= completions) {
          ctx.finishedCondition = failureCondition(JOB_REASONS.failedIndexes, now);
        }
      }
      ctx.podsWithDelayedDeletionPerIndex = podsWithDelayedDeletion(ctx);
    }
    if (!ctx.finishedCondition) {
      const message = matchSuccessPolicy(job.spec?.successPolicy, completions, ctx.succeededIndexes);
      if (message !== undefined) {
        ctx.finishedCondition = newCondition(
          "SuccessCriteriaMet",
          "True",
          JOB_REASONS.successPolicy.reason,
          message,
          now,
        );
      }
    }
  }

  let suspendChanged = false;
  let manageError: unknown;
  if (ctx.finishedCondition) {
    const { deleted, deletedReady, error } = await deleteActivePods(job, activePods, deps);
    // Not finished while pods may remain (a failed delete, or pods the cache has not shown yet).
    if (deleted !== active || !satisfied) ctx.finishedCondition = undefined;
    active -= deleted;
    ctx.terminating += deleted;
    ctx.ready -= deletedReady;
    manageError = error;
  } else {
    let managed = false;
    if (satisfied && !job.metadata?.deletionTimestamp) {
      const result = await manageJob(ctx, deps);
      active = result.active;
      manageError = result.error;
      managed = true;
    }
    const completions = job.spec?.completions;
    const complete = completions === undefined || completions === null
      ? ctx.succeeded > 0 && active === 0
      : ctx.succeeded >= completions && active === 0;
    if (complete) {
      ctx.finishedCondition = newCondition(
        "SuccessCriteriaMet",
        "True",
        JOB_REASONS.completionsReached.reason,
        JOB_REASONS.completionsReached.message,
        now,
      );
    } else if (managed) {
      suspendChanged = updateSuspendCondition(job, now);
      if (suspendChanged) {
        const resumed = !job.spec?.suspend;
        await deps.recorder.event(
          job,
          "Normal",
          resumed ? "Resumed" : "Suspended",
          resumed ? "Job resumed" : "Job suspended",
        );
        // A resumed Job's activeDeadlineSeconds counts from now, as for one created suspended.
        if (resumed) status.startTime = formatTime(new Date(now));
      }
    }
  }

  const needsUpdate = suspendChanged || active !== (status.active ?? 0) || ctx.ready !== status.ready ||
    ctx.terminating !== status.terminating;
  status.active = active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  await trackJobStatusAndRemoveFinalizers(ctx, deps, needsUpdate);
  if (manageError) throw manageError;
  if (requeueAfter !== undefined) return { requeueAfter: Math.max(requeueAfter, 0) + 1 };
}

/** newFailureCondition: FailureTarget first (delayTerminalCondition is on in 1.32), Failed later. */
function failureCondition(r: { reason: string; message: string }, now: number): JobCondition {
  return newCondition("FailureTarget", "True", r.reason, r.message, now);
}

/** The Suspended condition as `spec.suspend` says; answers whether it changed. */
function updateSuspendCondition(job: Job, now: number): boolean {
  const conditions = job.status!.conditions ??= [];
  const want = job.spec?.suspend
    ? { status: "True", reason: "JobSuspended", message: "Job suspended" }
    : { status: "False", reason: "JobResumed", message: "Job resumed" };
  const i = conditions.findIndex((c) => c.type === "Suspended");
  if (i >= 0) {
    const c = conditions[i];
    if (c.status === want.status && c.reason === want.reason && c.message === want.message) return false;
    conditions[i] = newCondition("Suspended", want.status, want.reason, want.message, now);
    return true;
  }
  if (want.status === "False") return false;
  conditions.push(newCondition("Suspended", want.status, want.reason, want.message, now));
  return true;
}

/**
 * getNewFinishedPods: finished pods not counted yet (still with the finalizer, not in the uncounted
 * lists, not awaiting a finalizer removal, and for an Indexed Job with a valid index).
 */
function newFinishedPods(ctx: JobCtx): { newSucceeded: Pod[]; newFailed: Pod[] } {
  const completions = ctx.job.spec?.completions ?? 0;
  const valid = (p: Pod, uncounted: Set<string>) => {
    const uid = p.metadata!.uid!;
    if (!hasTrackingFinalizer(p) || uncounted.has(uid) || ctx.expectedRmFinalizers.has(uid)) return false;
    if (isIndexed(ctx.job)) {
      const ix = completionIndexOf(p);
      if (ix === UNKNOWN_INDEX || ix >= completions) return false;
    }
    return true;
  };
  return {
    newSucceeded: ctx.pods.filter((p) => valid(p, ctx.uncountedSucceeded) && p.status?.phase === "Succeeded"),
    newFailed: ctx.pods.filter((p) => valid(p, ctx.uncountedFailed) && isPodFailed(p, ctx.job)),
  };
}

/** getFailJobMessage: the message of the first failed pod a FailJob rule matches. */
function failJobMessage(job: Job, pods: readonly Pod[]): string | undefined {
  if (!job.spec?.podFailurePolicy) return undefined;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p).failJobMessage;
    if (m !== undefined) return m;
  }
  return undefined;
}

/**
 * pastBackoffLimitOnFailure: with restartPolicy OnFailure the kubelet restarts containers in place, so
 * the restarts of running and pending pods count against backoffLimit (any restart with a limit of 0).
 */
function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== "OnFailure") return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== "Running" && p.status?.phase !== "Pending") continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
      restarts += s.restartCount ?? 0;
    }
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** pastActiveDeadline: never while suspended. */
function pastActiveDeadline(job: Job, now: number): boolean {
  const ads = job.spec?.activeDeadlineSeconds;
  if (ads === undefined || !job.status?.startTime || job.spec?.suspend) return false;
  return now - Date.parse(job.status.startTime) >= ads * 1000;
}
