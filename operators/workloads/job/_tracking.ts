/**
 * trackJobStatusAndRemoveFinalizers (job_controller.go): finished pods are counted in two steps so none
 * is counted twice or lost. (1) Their UIDs go into status.uncountedTerminatedPods (and the interim
 * FailureTarget / SuccessCriteriaMet condition is written), (2) their tracking finalizers are removed,
 * (3) the UIDs whose finalizer is gone move into the succeeded / failed counters. Only with nothing
 * uncounted and nothing terminating does the Job get its Complete or Failed condition.
 *
 * @module
 */
import { isNotFound } from "@skiff/sdk";
import { jobsResource } from "../resources.ts";
import { ensureCondition, newCondition } from "./_conditions.ts";
import {
  hasTrackingFinalizer,
  isIndexed,
  isPodFailed,
  type JobCtx,
  type JobDeps,
  MAX_UNCOUNTED_PODS,
} from "./_context.ts";
import { completionIndexOf, formatIndexes, UNKNOWN_INDEX } from "./_indexed.ts";
import { matchPodFailurePolicy } from "./_pod_failure_policy.ts";
import { removeTrackingFinalizer } from "./_pods.ts";
import type { Job, JobCondition, JobStatus, Pod } from "./_types.ts";

/** Writes what the sync found; answers after the status is written. */
export async function trackJobStatusAndRemoveFinalizers(
  ctx: JobCtx,
  deps: JobDeps,
  needsFlushIn: boolean,
): Promise<void> {
  let needsFlush = needsFlushIn;
  const job = ctx.job;
  const indexed = isIndexed(job);
  const completions = job.spec?.completions ?? 0;
  const uncounted = job.status!.uncountedTerminatedPods!;
  uncounted.succeeded ??= [];
  uncounted.failed ??= [];
  const pods = indexed ? [...ctx.pods].sort((a, b) => completionIndexOf(a) - completionIndexOf(b)) : ctx.pods;

  const uidsWithFinalizer = new Set<string>();
  for (const p of pods) {
    const uid = p.metadata!.uid!;
    if (hasTrackingFinalizer(p) && !ctx.expectedRmFinalizers.has(uid)) uidsWithFinalizer.add(uid);
  }
  if (cleanUncounted(job.status!, uidsWithFinalizer)) needsFlush = true;

  const toRemove: Pod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMax = false;
  for (const pod of pods) {
    const uid = pod.metadata!.uid!;
    // Processed in an earlier sync.
    if (!hasTrackingFinalizer(pod) || ctx.expectedRmFinalizers.has(uid)) continue;
    const failed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(ctx, pod, failed)) continue;
    toRemove.push(pod);
    if (pod.status?.phase === "Succeeded" && !ctx.uncountedFailed.has(uid)) {
      if (indexed) {
        // The index is enough to never count a success twice.
        const ix = completionIndexOf(pod);
        if (ix !== UNKNOWN_INDEX && ix < completions && !ctx.prevSucceededIndexes.has(ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!ctx.uncountedSucceeded.has(uid)) {
        needsFlush = true;
        uncounted.succeeded.push(uid);
      }
    } else if (failed || (ctx.finishedCondition && ctx.finishedCondition.type !== "SuccessCriteriaMet")) {
      // A Job that is finishing counts every pod it did not see succeed as failed.
      const ix = completionIndexOf(pod);
      if (!ctx.uncountedFailed.has(uid) && (!indexed || (ix !== UNKNOWN_INDEX && ix < completions))) {
        if (matchPodFailurePolicy(job.spec?.podFailurePolicy, pod).countFailed) {
          needsFlush = true;
          uncounted.failed.push(uid);
        }
      }
    }
    if (
      newSucceededIndexes.length + uncounted.succeeded.length + uncounted.failed.length >= MAX_UNCOUNTED_PODS
    ) {
      // Keep the status small and leave the rest to the next sync, which the writes trigger.
      reachedMax = true;
      break;
    }
  }
  if (indexed) {
    for (const ix of newSucceededIndexes) ctx.succeededIndexes.add(ix);
    const text = formatIndexes(ctx.succeededIndexes);
    if (text !== (job.status!.completedIndexes ?? "")) needsFlush = true;
    job.status!.succeeded = ctx.succeededIndexes.size;
    job.status!.completedIndexes = text;
    if (ctx.failedIndexes) {
      const failedText = formatIndexes(ctx.failedIndexes);
      if (failedText !== job.status!.failedIndexes) {
        job.status!.failedIndexes = failedText;
        needsFlush = true;
      }
    }
  }
  const conditions = job.status!.conditions ??= [];
  if (ctx.finishedCondition?.type === "FailureTarget") {
    // The interim condition records why before the finalizers (and so the pods) go.
    conditions.push(ctx.finishedCondition);
    needsFlush = true;
    ctx.finishedCondition = newCondition(
      "Failed",
      "True",
      ctx.finishedCondition.reason ?? "",
      ctx.finishedCondition.message ?? "",
      deps.now(),
    );
  }
  if (ctx.finishedCondition?.type === "SuccessCriteriaMet") {
    if (!conditions.some((c) => c.type === "SuccessCriteriaMet" && c.status === "True")) {
      conditions.push(ctx.finishedCondition);
      needsFlush = true;
    }
    ctx.finishedCondition = newCondition(
      "Complete",
      "True",
      ctx.finishedCondition.reason ?? "",
      ctx.finishedCondition.message ?? "",
      deps.now(),
    );
  }

  needsFlush = await flushUncountedAndRemoveFinalizers(ctx, deps, toRemove, uidsWithFinalizer, needsFlush);
  const finished = !reachedMax && enactJobFinished(ctx, deps);
  if (finished) needsFlush = true;
  if (needsFlush) {
    ctx.job = await updateStatus(ctx.job, deps);
    if (finished) await recordJobFinished(ctx.job, ctx.finishedCondition!, deps);
  }
}

/**
 * canRemoveFinalizer: when the Job is being deleted or finishing, the pod succeeded, or it failed.
 */
function canRemoveFinalizer(ctx: JobCtx, pod: Pod, failed: boolean): boolean {
  if (ctx.job.metadata?.deletionTimestamp || ctx.finishedCondition || pod.status?.phase === "Succeeded") {
    return true;
  }
  if (!failed) return false;
  // With backoffLimitPerIndex the last failed pod of an index stays until its replacement exists.
  const delayed = ctx.podsWithDelayedDeletionPerIndex.get(completionIndexOf(pod));
  return delayed?.metadata?.uid !== pod.metadata?.uid;
}

async function flushUncountedAndRemoveFinalizers(
  ctx: JobCtx,
  deps: JobDeps,
  toRemove: Pod[],
  uidsWithFinalizer: Set<string>,
  needsFlushIn: boolean,
): Promise<boolean> {
  let needsFlush = needsFlushIn;
  if (needsFlush) {
    ctx.job = await updateStatus(ctx.job, deps);
    deps.backoff.update(ctx.newBackoffRecord);
    needsFlush = false;
  }
  let rmError: unknown;
  if (toRemove.length > 0) {
    const uids = toRemove.map((p) => p.metadata!.uid!);
    deps.finalizerExpectations.expect(ctx.key, uids);
    await Promise.all(toRemove.map(async (pod) => {
      try {
        await removeTrackingFinalizer(pod, deps);
        uidsWithFinalizer.delete(pod.metadata!.uid!);
      } catch (e) {
        // No update will come for a removal that failed.
        deps.finalizerExpectations.observed(ctx.key, pod.metadata!.uid!);
        if (isNotFound(e)) uidsWithFinalizer.delete(pod.metadata!.uid!);
        else rmError ??= e;
      }
    }));
  }
  if (cleanUncounted(ctx.job.status!, uidsWithFinalizer)) needsFlush = true;
  if (rmError) {
    // Keep the partial progress, then fail the sync so it runs again.
    if (needsFlush) ctx.job = await updateStatus(ctx.job, deps);
    throw rmError;
  }
  return needsFlush;
}

/**
 * cleanUncountedPodsWithoutFinalizers: UIDs whose finalizer is gone leave uncountedTerminatedPods for
 * the counters. Succeeded uncounted [a, b], a still with its finalizer → succeeded += 1, uncounted [a].
 */
function cleanUncounted(status: JobStatus, uidsWithFinalizer: Set<string>): boolean {
  const u = status.uncountedTerminatedPods!;
  let updated = false;
  const succeeded = (u.succeeded ?? []).filter((uid) => uidsWithFinalizer.has(uid));
  if (succeeded.length !== (u.succeeded ?? []).length) {
    status.succeeded = (status.succeeded ?? 0) + (u.succeeded!.length - succeeded.length);
    u.succeeded = succeeded;
    updated = true;
  }
  const failed = (u.failed ?? []).filter((uid) => uidsWithFinalizer.has(uid));
  if (failed.length !== (u.failed ?? []).length) {
    status.failed = (status.failed ?? 0) + (u.failed!.length - failed.length);
    u.failed = failed;
    updated = true;
  }
  return updated;
}

/** enactJobFinished: the terminal condition once nothing is uncounted or terminating. */
function enactJobFinished(ctx: JobCtx, deps: JobDeps): boolean {
  const cond = ctx.finishedCondition;
  if (!cond) return false;
  const u = ctx.job.status?.uncountedTerminatedPods;
  if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0) return false;
  if (ctx.terminating > 0) return false;
  const conditions = ctx.job.status!.conditions ??= [];
  ensureCondition(conditions, cond.type, cond.status, cond.reason ?? "", cond.message ?? "", deps.now());
  if (cond.type === "Complete") ctx.job.status!.completionTime = cond.lastTransitionTime;
  return true;
}

/** recordJobFinished: "Completed" / "Job completed", or a Warning with the failure's reason. */
async function recordJobFinished(job: Job, cond: JobCondition, deps: JobDeps): Promise<void> {
  if (cond.type === "Complete") {
    const completions = job.spec?.completions;
    if (typeof completions === "number" && (job.status?.succeeded ?? 0) > completions) {
      await deps.recorder.event(
        job,
        "Warning",
        "TooManySucceededPods",
        "Too many succeeded pods running after completion count reached",
      );
    }
    await deps.recorder.event(job, "Normal", "Completed", "Job completed");
  } else {
    await deps.recorder.event(job, "Warning", cond.reason ?? "", cond.message ?? "");
  }
}

/** The status as Go serializes it: zero counters and empty lists omitted, ready/terminating kept. */
export function wireStatus(status: JobStatus): JobStatus {
  const out: JobStatus = { ...status };
  for (const f of ["active", "succeeded", "failed"] as const) if (!out[f]) delete out[f];
  if (!out.completedIndexes) delete out.completedIndexes;
  if (out.conditions?.length === 0) delete out.conditions;
  const u = out.uncountedTerminatedPods;
  if (u) {
    out.uncountedTerminatedPods = {
      ...(u.succeeded?.length ? { succeeded: [...u.succeeded] } : {}),
      ...(u.failed?.length ? { failed: [...u.failed] } : {}),
    };
  }
  return out;
}

/** updateJobStatus: answers the Job as written, its status ready for the next step. */
export async function updateStatus(job: Job, deps: JobDeps): Promise<Job> {
  const written = await deps.client.resource(jobsResource).namespace(job.metadata!.namespace!).updateStatus({
    ...job,
    status: wireStatus(job.status ?? {}),
  });
  const copy = structuredClone(written);
  copy.status ??= {};
  copy.status.uncountedTerminatedPods ??= {};
  return copy;
}
