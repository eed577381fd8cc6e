/**
 * Indexed Jobs (pkg/controller/job/indexed_job_utils.go): each pod carries its completion index in the
 * `batch.kubernetes.io/job-completion-index` annotation (and label), status.completedIndexes lists the
 * succeeded ones as "1,3-5,7", and the controller creates pods for the lowest indexes that are neither
 * succeeded nor running.
 *
 * @module
 */
import type { Pod, PodTemplateSpec } from "./_types.ts";
import { comparePodsForDeletion } from "../rollout/pod_ranking.ts";

/** batch.JobCompletionIndexAnnotation (also the PodIndexLabel label key). */
export const COMPLETION_INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
/** batch.JobCompletionIndexEnvName. */
export const COMPLETION_INDEX_ENV = "JOB_COMPLETION_INDEX";
/** unknownCompletionIndex. */
export const UNKNOWN_INDEX = -1;
/** names.MaxGeneratedNameLength: 63 minus the 5 random characters. */
const MAX_GENERATED_NAME_LENGTH = 58;

/** getCompletionIndex: the annotation as a non-negative integer, else {@link UNKNOWN_INDEX}. */
export function completionIndexOf(pod: Pod): number {
  const v = pod.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return UNKNOWN_INDEX;
  const i = Number(v);
  return i < 0 || !Number.isSafeInteger(i) ? UNKNOWN_INDEX : i;
}

/**
 * parseIndexesFromString: "1,3-5,7" → {1,3,4,5,7}, keeping only indexes below `completions`; malformed
 * parts are skipped, as Kubernetes logs and skips them.
 */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? "").split(",")) {
    if (part === "") continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const first = Number(m[1]);
    const last = Math.min(m[2] === undefined ? first : Number(m[2]), completions - 1);
    for (let i = first; i <= last; i++) out.add(i);
  }
  return out;
}

/**
 * orderedIntervals.String: runs of three or more are "first-last", a pair is "a,b": {1,3,4,5,7} →
 * "1,3-5,7", {0,1} → "0,1".
 */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const first = sorted[i], last = sorted[j];
    parts.push(last === first ? `${first}` : last === first + 1 ? `${first},${last}` : `${first}-${last}`);
    i = j + 1;
  }
  return parts.join(",");
}

/**
 * firstPendingIndexes: the `count` lowest indexes below `completions` that are neither succeeded, nor
 * failed for good, nor held by one of `holding` (the active pods, and the terminating ones when only
 * failed pods are replaced). Completions 5, succeeded {0,2}, active {1}, count 2 → [3, 4].
 */
export function firstPendingIndexes(
  succeeded: Set<number>,
  holding: readonly Pod[],
  count: number,
  completions: number,
  failed: Set<number> = new Set(),
): number[] {
  const taken = new Set([...succeeded, ...failed]);
  for (const p of holding) taken.add(completionIndexOf(p));
  const result: number[] = [];
  for (let i = 0; i < completions && result.length < count; i++) if (!taken.has(i)) result.push(i);
  return result;
}

/**
 * appendDuplicatedIndexPodsForRemoval: the pods an Indexed Job removes whatever it needs: those with no
 * or an out-of-range index, and for an index held twice all but the most advanced pod (ActivePods
 * order: the last to delete is kept).
 */
export function duplicatedIndexPods(pods: readonly Pod[], completions: number): { rm: Pod[]; left: Pod[] } {
  const rm: Pod[] = [];
  const left: Pod[] = [];
  const byIndex = new Map<number, Pod[]>();
  for (const p of pods) {
    const ix = completionIndexOf(p);
    if (ix === UNKNOWN_INDEX || ix >= completions) {
      rm.push(p);
      continue;
    }
    const group = byIndex.get(ix) ?? [];
    group.push(p);
    byIndex.set(ix, group);
  }
  for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
    const group = byIndex.get(ix)!;
    if (group.length === 1) {
      left.push(group[0]);
      continue;
    }
    group.sort(comparePodsForDeletion(Date.now()));
    rm.push(...group.slice(0, -1));
    left.push(group[group.length - 1]);
  }
  return { rm, left };
}

/**
 * addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX in every container, read from the index label
 * (PodIndexLabel is on in 1.32).
 */
export function addCompletionIndexEnv(template: PodTemplateSpec): void {
  const spec = template.spec;
  if (!spec) return;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (c.env?.some((e) => e.name === COMPLETION_INDEX_ENV)) continue;
    (c.env ??= []).push({
      name: COMPLETION_INDEX_ENV,
      valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX_ANNOTATION}']` } },
    });
  }
}

/**
 * podGenerateNameWithIndex: "NAME-INDEX-", the job name cut so the prefix stays within 58 characters.
 */
export function generateNameWithIndex(jobName: string, index: number): string {
  const appendix = `-${index}-`;
  const prefix = jobName + appendix;
  return prefix.length > MAX_GENERATED_NAME_LENGTH
    ? jobName.slice(0, MAX_GENERATED_NAME_LENGTH - appendix.length) + appendix
    : prefix;
}

/** batch.JobIndexFailureCountAnnotation and batch.JobIndexIgnoredFailureCountAnnotation. */
export const INDEX_FAILURE_COUNT_ANNOTATION = "batch.kubernetes.io/job-index-failure-count";
export const INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = "batch.kubernetes.io/job-index-ignored-failure-count";

/** parseInt32 of an annotation: 0 when absent, malformed, negative or beyond int32. */
export function annotationCount(pod: Pod, key: string): number {
  const v = pod.metadata?.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n < 0 || n > 2147483647 ? 0 : n;
}
