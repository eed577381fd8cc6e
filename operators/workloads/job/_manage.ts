/**
 * manageJob (job_controller.go): brings the active pods to what the Job wants now. Suspended: none.
 * Otherwise min(parallelism, completions - succeeded) (a work queue Job without completions keeps
 * parallelism until one pod succeeds, then lets the running ones finish). Surplus pods go first (and
 * nothing is created in the same sync); missing pods are created in slow-start batches of 1, 2, 4, …
 * once the pod failure backoff has passed. Completions 5, parallelism 2, succeeded 4, active 0 → want
 * min(2, 5 - 4) = 1 → one pod created.
 *
 * @module
 */
import { isNotFound } from "@skiff/sdk";
import { comparePodsForDeletion } from "../rollout/pod_ranking.ts";
import {
  isIndexed,
  JOB_TRACKING_FINALIZER,
  type JobCtx,
  type JobDeps,
  MAX_POD_CREATE_DELETE_PER_SYNC,
  onlyReplaceFailedPods,
} from "./_context.ts";
import { remainingBackoff } from "./_backoff.ts";
import {
  addCompletionIndexEnv,
  COMPLETION_INDEX_ANNOTATION,
  duplicatedIndexPods,
  firstPendingIndexes,
  generateNameWithIndex,
  INDEX_FAILURE_COUNT_ANNOTATION,
  INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
  UNKNOWN_INDEX,
} from "./_indexed.ts";
import { hasBackoffLimitPerIndex, newIndexFailureCounts, remainingBackoffPerIndex } from "./_per_index.ts";
import { createPod, deleteJobPods, isNamespaceTerminating } from "./_pods.ts";
import type { Job, Pod, PodTemplateSpec } from "./_types.ts";

/** Answers the active count after the sync's creations or deletions, and the first error. */
export async function manageJob(ctx: JobCtx, deps: JobDeps): Promise<{ active: number; error?: unknown }> {
  const { job, key } = ctx;
  let active = ctx.activePods.length;
  const parallelism = job.spec?.parallelism ?? 1;

  if (job.spec?.suspend) {
    const victims = activePodsForRemoval(job, ctx.activePods, active);
    return { active: active - (await removePods(ctx, victims, deps)), error: ctx.lastError };
  }

  let wantActive: number;
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) {
    wantActive = ctx.succeeded > 0 ? active : parallelism;
  } else {
    wantActive = Math.max(0, Math.min(completions - ctx.succeeded, parallelism));
  }

  const rmAtLeast = Math.max(0, active - wantActive);
  const victims = activePodsForRemoval(job, ctx.activePods, rmAtLeast).slice(
    0,
    MAX_POD_CREATE_DELETE_PER_SYNC,
  );
  if (victims.length > 0) {
    deps.log.info("Too many pods running for job", { deleted: victims.length, target: wantActive });
    // Deletions and creations never happen in the same sync; deletions go first.
    return { active: active - (await removePods(ctx, victims, deps)), error: ctx.lastError };
  }

  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  let diff = wantActive - terminating - active;
  if (diff <= 0) return { active };

  const perIndex = hasBackoffLimitPerIndex(job);
  // With backoffLimitPerIndex each index waits on its own (below), not the Job as a whole.
  const wait = perIndex ? 0 : remainingBackoff(
    ctx.newBackoffRecord,
    deps.now(),
    deps.podFailureBackoffMs,
    deps.maxPodFailureBackoffMs,
  );
  if (wait > 0) {
    deps.requeue(key, wait);
    // The running pods stay active (kubernetes#139457: 1.32 answered 0 here, and the API then refused
    // the status with ready > active).
    return { active };
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] = [];
  if (isIndexed(job)) {
    const holding = onlyReplaceFailedPods(job)
      ? [...ctx.activePods, ...ctx.pods.filter(isTerminating)]
      : ctx.activePods;
    indexes = firstPendingIndexes(ctx.succeededIndexes, holding, diff, completions ?? 0, ctx.failedIndexes);
    if (perIndex) {
      // getPodCreationInfoForIndependentIndexes: the indexes whose backoff has passed, else the soonest wait.
      const waits = indexes.map((ix) =>
        remainingBackoffPerIndex(
          ctx.podsWithDelayedDeletionPerIndex.get(ix),
          deps.now(),
          deps.podFailureBackoffMs,
          deps.maxPodFailureBackoffMs,
        )
      );
      const ready = indexes.filter((_, i) => waits[i] === 0);
      if (ready.length === 0 && indexes.length > 0) {
        deps.requeue(key, Math.min(...waits));
        return { active };
      }
      indexes = ready;
    }
    diff = indexes.length;
  }
  if (diff === 0) return { active };

  deps.expectations.expectCreations(key, diff);
  deps.log.info("Too few pods running", { need: wantActive, creating: diff });
  active += diff;
  const template = structuredClone(job.spec!.template);
  if (isIndexed(job)) addCompletionIndexEnv(template);
  const meta = template.metadata ??= {};
  if (!meta.finalizers?.includes(JOB_TRACKING_FINALIZER)) {
    meta.finalizers = [...(meta.finalizers ?? []), JOB_TRACKING_FINALIZER];
  }

  let error: unknown;
  let next = 0;
  // Slow start: batches of 1, 2, 4, … so a Job whose pods are all refused (quota) asks only once.
  for (let batch = Math.min(diff, 1); diff > 0; batch = Math.min(2 * batch, diff)) {
    const failedBefore = error !== undefined;
    const results = await Promise.allSettled(Array.from({ length: batch }, () => {
      const index = next < indexes.length ? indexes[next++] : UNKNOWN_INDEX;
      return createOne(
        job,
        template,
        index,
        deps,
        perIndex ? ctx.podsWithDelayedDeletionPerIndex.get(index) : null,
      );
    }));
    let failedNow = false;
    for (const r of results) {
      if (r.status === "fulfilled") continue;
      if (isNamespaceTerminating(r.reason)) continue;
      // The informer will never see this pod.
      deps.expectations.creationObserved(key);
      active--;
      error ??= r.reason;
      failedNow = true;
    }
    const skipped = diff - batch;
    if (failedNow && !failedBefore && skipped > 0) {
      active -= skipped;
      for (let i = 0; i < skipped; i++) deps.expectations.creationObserved(key);
      break;
    }
    diff -= batch;
  }
  return { active, error };
}

/** One pod; `replaced` (null: none tracked) is the failed pod of the index whose counts it carries on. */
function createOne(
  job: Job,
  template: PodTemplateSpec,
  index: number,
  deps: JobDeps,
  replaced: Pod | null | undefined,
) {
  if (index === UNKNOWN_INDEX) return createPod(job, template, undefined, deps);
  const t = structuredClone(template);
  const meta = t.metadata ??= {};
  meta.annotations = { ...meta.annotations, [COMPLETION_INDEX_ANNOTATION]: String(index) };
  if (replaced !== null) {
    const counts = newIndexFailureCounts(job, replaced);
    meta.annotations[INDEX_FAILURE_COUNT_ANNOTATION] = String(counts.failed);
    if (counts.ignored > 0) meta.annotations[INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = String(counts.ignored);
  }
  // PodIndexLabel (GA in 1.32): the index as a label too.
  meta.labels = { ...meta.labels, [COMPLETION_INDEX_ANNOTATION]: String(index) };
  t.spec = { ...t.spec!, hostname: `${job.metadata!.name}-${index}` };
  return createPod(job, t, generateNameWithIndex(job.metadata!.name!, index), deps);
}

/** Deletes pods (finalizer first), keeping the counts in `ctx` right; answers how many went. */
async function removePods(ctx: JobCtx, victims: Pod[], deps: JobDeps): Promise<number> {
  if (victims.length === 0) return 0;
  deps.expectations.expectDeletions(
    ctx.key,
    victims.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`),
  );
  const { deleted, deletedReady, error } = await deleteJobPods(ctx.job, ctx.key, victims, deps);
  ctx.terminating += deleted;
  ctx.ready -= deletedReady;
  if (error && !isNotFound(error)) ctx.lastError ??= error;
  return deleted;
}

/**
 * activePodsForRemoval: for an Indexed Job, pods with a repeated, missing or out-of-range index first;
 * then, up to `rmAtLeast`, the least advanced (unscheduled < scheduled, pending < running, not ready <
 * ready).
 */
export function activePodsForRemoval(job: Job, pods: readonly Pod[], rmAtLeast: number): Pod[] {
  let rm: Pod[] = [];
  let left: Pod[] = [...pods];
  if (isIndexed(job)) ({ rm, left } = duplicatedIndexPods(pods, job.spec?.completions ?? 0));
  if (rm.length < rmAtLeast) {
    left.sort(comparePodsForDeletion(Date.now()));
    rm = [...rm, ...left.slice(0, rmAtLeast - rm.length)];
  }
  return rm;
}

/** controller.FilterTerminatingPods' test: deleted, not yet in a terminal phase. */
function isTerminating(p: Pod): boolean {
  return !!p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";
}
