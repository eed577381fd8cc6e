/**
 * backoffLimitPerIndex (JobBackoffLimitPerIndex, on in 1.32; indexed_job_utils.go and backoff_utils.go):
 * each index of an Indexed Job has its own retry budget. A pod carries its index's failure count in the
 * `batch.kubernetes.io/job-index-failure-count` annotation; a replacement gets the count plus one, so a
 * failed pod's finalizer stays until its replacement exists. An index whose pod fails with a count at
 * the limit (or by a FailIndex rule) fails for good and goes into status.failedIndexes. With
 * backoffLimitPerIndex 1: index 2 fails (count 0) → replaced with count 1 → fails again → index 2 failed.
 *
 * @module
 */
import { finishedTime, remainingBackoff } from "./_backoff.ts";
import { hasTrackingFinalizer, isPodFailed, type JobCtx } from "./_context.ts";
import {
  annotationCount,
  completionIndexOf,
  INDEX_FAILURE_COUNT_ANNOTATION,
  INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
  parseIndexes,
  UNKNOWN_INDEX,
} from "./_indexed.ts";
import { matchPodFailurePolicy } from "./_pod_failure_policy.ts";
import type { Job, Pod } from "./_types.ts";

/** hasBackoffLimitPerIndex. */
export function hasBackoffLimitPerIndex(job: Job): boolean {
  return job.spec?.backoffLimitPerIndex !== undefined && job.spec.backoffLimitPerIndex !== null;
}

/** isIndexFailed: a FailIndex rule matched, or a counted failure with the index's budget spent. */
function isIndexFailed(job: Job, pod: Pod): boolean {
  let counted = false;
  if (isPodFailed(pod, job)) {
    if (job.spec?.podFailurePolicy) {
      const m = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
      if (m.action === "FailIndex") return true;
      counted = m.countFailed;
    } else counted = true;
  }
  return counted && annotationCount(pod, INDEX_FAILURE_COUNT_ANNOTATION) >= job.spec!.backoffLimitPerIndex!;
}

/** calculateFailedIndexes: status.failedIndexes plus the indexes that failed since. */
export function calculateFailedIndexes(job: Job, pods: readonly Pod[]): Set<number> {
  const completions = job.spec?.completions ?? 0;
  const failed = parseIndexes(job.status?.failedIndexes ?? "", completions);
  for (const p of pods) {
    const ix = completionIndexOf(p);
    if (ix !== UNKNOWN_INDEX && ix < completions && hasTrackingFinalizer(p) && isIndexFailed(job, p)) {
      failed.add(ix);
    }
  }
  return failed;
}

function absoluteFailureCount(pod: Pod): number {
  return annotationCount(pod, INDEX_FAILURE_COUNT_ANNOTATION) +
    annotationCount(pod, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);
}

/**
 * getPodsWithDelayedDeletionPerIndex: for each index still to be retried (neither succeeded, failed
 * nor running), its latest failed pod, whose finalizer stays until the replacement carries its count.
 */
export function podsWithDelayedDeletion(ctx: JobCtx): Map<number, Pod> {
  const completions = ctx.job.spec?.completions ?? 0;
  const active = new Set(ctx.activePods.map(completionIndexOf));
  const out = new Map<number, Pod>();
  for (const p of ctx.pods) {
    const uid = p.metadata!.uid!;
    if (!hasTrackingFinalizer(p) || ctx.expectedRmFinalizers.has(uid) || !isPodFailed(p, ctx.job)) continue;
    const ix = completionIndexOf(p);
    if (ix === UNKNOWN_INDEX || ix >= completions) continue;
    if (ctx.succeededIndexes.has(ix) || ctx.failedIndexes?.has(ix) || active.has(ix)) continue;
    const last = out.get(ix);
    if (
      !last ||
      (absoluteFailureCount(last) <= absoluteFailureCount(p) && finishedTime(p) >= finishedTime(last))
    ) {
      out.set(ix, p);
    }
  }
  return out;
}

/** getNewIndexFailureCounts: the replaced pod's counts, its own failure added to one of them. */
export function newIndexFailureCounts(
  job: Job,
  replaced: Pod | undefined,
): { failed: number; ignored: number } {
  if (!replaced) return { failed: 0, ignored: 0 };
  let failed = annotationCount(replaced, INDEX_FAILURE_COUNT_ANNOTATION);
  let ignored = annotationCount(replaced, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);
  if (!job.spec?.podFailurePolicy || matchPodFailurePolicy(job.spec.podFailurePolicy, replaced).countFailed) {
    failed++;
  } else ignored++;
  return { failed, ignored };
}

/** getRemainingTimePerIndex: the index's own backoff, from its last failed pod. */
export function remainingBackoffPerIndex(
  lastFailed: Pod | undefined,
  now: number,
  baseMs: number,
  maxMs: number,
): number {
  if (!lastFailed) return 0;
  return remainingBackoff(
    {
      key: "",
      failuresAfterLastSuccess: absoluteFailureCount(lastFailed) + 1,
      lastFailureTime: finishedTime(lastFailed),
    },
    now,
    baseMs,
    maxMs,
  );
}
