/**
 * Job conditions as the Job controller writes them (newCondition, ensureJobConditionStatus and the
 * reasons and messages of pkg/controller/job and k8s.io/api/batch/v1), and the finished checks the
 * CronJob and TTL-after-finished controllers share (pkg/controller/job/util).
 *
 * @module
 */
import { formatTime } from "@skiff/sdk";
import type { Job, JobCondition } from "./_types.ts";

/** Condition reasons and messages of Kubernetes 1.32. */
export const JOB_REASONS = {
  backoffLimitExceeded: {
    reason: "BackoffLimitExceeded",
    message: "Job has reached the specified backoff limit",
  },
  deadlineExceeded: { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" },
  completionsReached: { reason: "CompletionsReached", message: "Reached expected number of succeeded pods" },
  podFailurePolicy: { reason: "PodFailurePolicy", message: "" },
  successPolicy: { reason: "SuccessPolicy", message: "" },
  maxFailedIndexesExceeded: {
    reason: "MaxFailedIndexesExceeded",
    message: "Job has exceeded the specified maximal number of failed indexes",
  },
  failedIndexes: { reason: "FailedIndexes", message: "Job has failed indexes" },
} as const;

/** newCondition: both times now. */
export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): JobCondition {
  const t = formatTime(new Date(now));
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

/** findConditionByType. */
export function findCondition(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type);
}

/**
 * ensureJobConditionStatus: updates the condition of that type when status, reason or message differ,
 * appends it unless it would be appended as False; answers whether the list changed.
 */
export function ensureCondition(
  list: JobCondition[],
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): boolean {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status === status && (c.reason ?? "") === reason && (c.message ?? "") === message) return false;
    list[i] = newCondition(type, status, reason, message, now);
    return true;
  }
  if (status === "False") return false;
  list.push(newCondition(type, status, reason, message, now));
  return true;
}

function hasTrue(job: Job, type: string): boolean {
  return job.status?.conditions?.some((c) => c.type === type && c.status === "True") ?? false;
}

/**
 * IsJobFinished: a Complete or Failed condition is True.
 *
 * @example
 * ```ts
 * import { isJobFinished } from "@skiff/workloads";
 *
 * isJobFinished({ status: { conditions: [{ type: "Complete", status: "True" }] } }); // true
 * ```
 */
export function isJobFinished(job: Job): boolean {
  return hasTrue(job, "Complete") || hasTrue(job, "Failed");
}

/**
 * The type of the condition that finished the Job ("Complete" or "Failed"), if any (getFinishedStatus).
 *
 * @example
 * ```ts
 * import { jobFinishedType } from "@skiff/workloads";
 *
 * jobFinishedType({ status: { conditions: [{ type: "Failed", status: "True" }] } }); // "Failed"
 * ```
 */
export function jobFinishedType(job: Job): "Complete" | "Failed" | undefined {
  const c = job.status?.conditions?.find((c) =>
    (c.type === "Complete" || c.type === "Failed") && c.status === "True"
  );
  return c?.type as "Complete" | "Failed" | undefined;
}
