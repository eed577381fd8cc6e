/**
 * Kubernetes' defaulting of the batch/v1 kinds (SetDefaults_Job, SetDefaults_CronJob and
 * SetDefaults_PodFailurePolicyOnPodConditionsPattern in kubernetes/pkg/apis/batch/v1/defaults.go, with
 * the JobPodReplacementPolicy gate on as in 1.32), plus the selector a Job's registry strategy
 * generates (generateSelector in pkg/registry/batch/job/strategy.go).
 *
 * @module
 */
import type { CronJob } from "../api/cron_job.ts";
import type { Job, JobSpec } from "../api/job.ts";
import { fillTemplateDefaults } from "./_template.ts";

/** batch.LegacyJobNameLabel and batch.JobNameLabel. */
export const JOB_NAME_LABELS = ["job-name", "batch.kubernetes.io/job-name"] as const;
/** batch.LegacyControllerUidLabel and batch.ControllerUidLabel; the selector uses the second. */
export const CONTROLLER_UID_LABELS = ["controller-uid", "batch.kubernetes.io/controller-uid"] as const;

const MAX_INT32 = 2147483647;

/**
 * A copy of `job` with Kubernetes' defaults: completions and parallelism 1 when both are unset
 * (parallelism 1 when only it is), backoffLimit 6 (MaxInt32 with backoffLimitPerIndex), the template's
 * labels as the Job's when it has none, completionMode NonIndexed, suspend false, podReplacementPolicy
 * (Failed with a podFailurePolicy, TerminatingOrFailed without), manualSelector false.
 *
 * @example
 * ```ts
 * import { defaultJob } from "@skiff/workloads";
 *
 * const job = defaultJob({ spec: { template: { spec: { restartPolicy: "Never", containers: [] } } } });
 * [job.spec?.completions, job.spec?.parallelism, job.spec?.backoffLimit]; // [1, 1, 6]
 * ```
 */
export function defaultJob(job: Job): Job {
  const copy = structuredClone(job);
  fillJobDefaults(copy);
  return copy;
}

/**
 * Fills a Job's defaults in place (see {@link defaultJob}). When the Job takes its labels from the
 * template, both name the same object, as the Go map is shared; {@link generateJobSelector} run on the
 * same object then labels the Job too, as Kubernetes does.
 *
 * @example
 * ```ts
 * import { fillJobDefaults, type Job } from "@skiff/workloads";
 *
 * const job: Job = { spec: { parallelism: 3, template: {} } };
 * fillJobDefaults(job);
 * job.spec?.completions; // undefined: a work queue Job
 * ```
 */
export function fillJobDefaults(job: Job): void {
  const spec = job.spec ??= {} as JobSpec;
  fillJobSpecDefaults(spec);
  const labels = spec.template?.metadata?.labels;
  job.metadata ??= {};
  if (labels && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = labels;
  fillTemplateDefaults(spec.template);
}

function fillJobSpecDefaults(spec: JobSpec): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  fillPodFailurePolicyDefaults(spec);
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  spec.manualSelector ??= false;
}

// SetDefaults_PodFailurePolicyOnPodConditionsPattern is a type default, so it applies wherever the
// type appears, a CronJob's job template included.
function fillPodFailurePolicyDefaults(spec: JobSpec): void {
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ||= "True";
  }
}

/**
 * Gives a Job whose selector is not manual the selector Kubernetes generates: the pod template is
 * labelled `job-name`/`batch.kubernetes.io/job-name` with the Job's name and
 * `controller-uid`/`batch.kubernetes.io/controller-uid` with its uid (labels the user set are kept, and
 * validation rejects a conflict), and the selector matches `batch.kubernetes.io/controller-uid`. Needs
 * the uid, so it runs after the API server assigned one (Kubernetes does it in the strategy's Validate).
 *
 * @example
 * ```ts
 * import { generateJobSelector, type Job } from "@skiff/workloads";
 *
 * const job: Job = { metadata: { name: "pi", uid: "7c3e" }, spec: { template: {} } };
 * generateJobSelector(job);
 * job.spec?.selector; // { matchLabels: { "batch.kubernetes.io/controller-uid": "7c3e" } }
 * ```
 */
export function generateJobSelector(job: Job): void {
  const spec = job.spec ??= {} as JobSpec;
  if (spec.manualSelector) return;
  const template = spec.template ??= {};
  const labels = (template.metadata ??= {}).labels ??= {};
  const name = job.metadata?.name ?? "";
  const uid = job.metadata?.uid ?? "";
  for (const key of JOB_NAME_LABELS) if (!(key in labels)) labels[key] = name;
  for (const key of CONTROLLER_UID_LABELS) if (!(key in labels)) labels[key] = uid;
  const matchLabels = (spec.selector ??= {}).matchLabels ??= {};
  if (!(CONTROLLER_UID_LABELS[1] in matchLabels)) matchLabels[CONTROLLER_UID_LABELS[1]] = uid;
}

/**
 * A copy of `cronJob` with Kubernetes' defaults: concurrencyPolicy Allow, suspend false,
 * successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1. The job template gets pod template defaults
 * but not a Job's (no SetDefaults_JobSpec exists), so its backoffLimit stays unset until a Job is made.
 *
 * @example
 * ```ts
 * import { defaultCronJob } from "@skiff/workloads";
 *
 * const cj = defaultCronJob({ spec: { schedule: "@hourly", jobTemplate: {} } });
 * cj.spec?.concurrencyPolicy; // "Allow"
 * ```
 */
export function defaultCronJob(cronJob: CronJob): CronJob {
  const copy = structuredClone(cronJob);
  fillCronJobDefaults(copy);
  return copy;
}

/**
 * Fills a CronJob's defaults in place (see {@link defaultCronJob}).
 *
 * @example
 * ```ts
 * import { type CronJob, fillCronJobDefaults } from "@skiff/workloads";
 *
 * const cj: CronJob = { spec: { schedule: "@hourly", jobTemplate: {} } };
 * fillCronJobDefaults(cj);
 * cj.spec?.successfulJobsHistoryLimit; // 3
 * ```
 */
export function fillCronJobDefaults(cronJob: CronJob): void {
  const spec = cronJob.spec ??= {} as NonNullable<CronJob["spec"]>;
  spec.concurrencyPolicy ||= "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jobSpec = spec.jobTemplate?.spec;
  if (jobSpec) {
    fillPodFailurePolicyDefaults(jobSpec);
    fillTemplateDefaults(jobSpec.template);
  }
}
