/**
 * Validation of the batch/v1 kinds beyond the schema (pkg/apis/batch/validation): Job counts and
 * completion modes, restartPolicy OnFailure or Never, the generated selector, immutable fields on update;
 * CronJob schedules (robfig/cron's grammar), time zones, concurrency policy and history limits.
 *
 * @module
 */
import {
  type FieldError,
  goLabelSelector,
  goStringMap,
  GoValue,
  invalid,
  invalidNoValue,
  nonNegative,
  notSupported,
  required,
  validateLabelSelector,
} from "@skiff/schema";
import type { CronJob } from "../api/cron_job.ts";
import type { Job, JobSpec, JobTemplateSpec } from "../api/job.ts";
import { isTimeZone, parseSchedule } from "../cron/schedule.ts";
import { CONTROLLER_UID_LABELS, JOB_NAME_LABELS } from "../defaults/batch.ts";
import { matchesSelector } from "../selector/selector.ts";
import { canonical, selectorConverts, selectorMatchesTemplate, validateTemplate } from "./_common.ts";

const MAX_PARALLELISM_INDEXED = 100_000;

/**
 * ValidateJob: the generated selector's labels (unless manualSelector), the spec, and for an Indexed
 * Job a name that still makes valid pod hostnames.
 *
 * @example
 * ```ts
 * import { validateJob } from "@skiff/workloads";
 *
 * validateJob(job).map((e) => e.message);
 * // ['Required value: valid values: "OnFailure", "Never"'] for a template left with restartPolicy Always
 * ```
 */
export function validateJob(job: Job): FieldError[] {
  const errors: FieldError[] = [];
  const spec = job.spec;
  if (!spec) return [required("spec")];
  if (!spec.manualSelector) errors.push(...validateGeneratedSelector(job));
  errors.push(...validateJobSpec(spec, "spec"));
  if (!spec.selector) errors.push(required("spec.selector"));
  else {
    errors.push(...validateLabelSelector(spec.selector, "spec.selector"));
    if (selectorConverts(spec.selector)) {
      errors.push(...selectorMatchesTemplate(spec.selector, spec.template));
    }
  }
  if (spec.completionMode === "Indexed" && (spec.completions ?? 0) > 0) {
    const host = `${job.metadata?.name ?? ""}-${spec.completions! - 1}`;
    if (host.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(host)) {
      errors.push(
        invalid(
          "metadata.name",
          job.metadata?.name ?? "",
          `will not able to create pod with invalid DNS label: ${host}`,
        ),
      );
    }
  }
  return errors;
}

function validateGeneratedSelector(job: Job): FieldError[] {
  const errors: FieldError[] = [];
  const labels = job.spec?.template?.metadata?.labels ?? {};
  const uid = job.metadata?.uid ?? "";
  const name = job.metadata?.name ?? "";
  const want: Record<string, string> = {};
  const expected: [string, string][] = [
    [CONTROLLER_UID_LABELS[0], uid],
    [JOB_NAME_LABELS[0], name],
    [CONTROLLER_UID_LABELS[1], uid],
    [JOB_NAME_LABELS[1], name],
  ];
  for (const [key, value] of expected) {
    want[key] = value;
    const at = `spec.template.metadata.labels[${key}]`;
    if (!(key in labels)) errors.push(required(at, value));
    else if (labels[key] !== value) errors.push(invalid(at, goStringMap(labels), `must be '${value}'`));
  }
  if (
    job.spec?.selector && selectorConverts(job.spec.selector) && !matchesSelector(job.spec.selector, want)
  ) {
    errors.push(
      invalid("spec.selector", goLabelSelector(job.spec.selector), "`selector` not auto-generated"),
    );
  }
  return errors;
}

function validateJobSpec(spec: JobSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (
    const f of [
      "parallelism",
      "completions",
      "activeDeadlineSeconds",
      "backoffLimit",
      "ttlSecondsAfterFinished",
      "backoffLimitPerIndex",
      "maxFailedIndexes",
    ] as const
  ) {
    errors.push(...nonNegative(spec[f], `${path}.${f}`));
  }
  if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined) {
    errors.push(required(`${path}.backoffLimitPerIndex`, "when maxFailedIndexes is specified"));
  }
  const mode = spec.completionMode ?? "NonIndexed";
  if (mode === "Indexed") {
    if (spec.completions === undefined) {
      errors.push(required(`${path}.completions`, "when completion mode is Indexed"));
    }
    if ((spec.parallelism ?? 0) > MAX_PARALLELISM_INDEXED) {
      errors.push(
        invalid(
          `${path}.parallelism`,
          spec.parallelism,
          `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`,
        ),
      );
    }
    if (
      spec.completions !== undefined && spec.maxFailedIndexes !== undefined &&
      spec.maxFailedIndexes > spec.completions
    ) {
      errors.push(
        invalid(
          `${path}.maxFailedIndexes`,
          spec.maxFailedIndexes,
          "must be less than or equal to completions",
        ),
      );
    }
  } else {
    if (spec.backoffLimitPerIndex !== undefined) {
      errors.push(
        invalid(
          `${path}.backoffLimitPerIndex`,
          spec.backoffLimitPerIndex,
          "requires indexed completion mode",
        ),
      );
    }
    if (spec.maxFailedIndexes !== undefined) {
      errors.push(
        invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, "requires indexed completion mode"),
      );
    }
  }
  if (spec.successPolicy && mode !== "Indexed") {
    errors.push(
      invalid(
        `${path}.successPolicy`,
        new GoValue(JSON.stringify(spec.successPolicy)),
        "requires indexed completion mode",
      ),
    );
  }
  spec.podFailurePolicy?.rules.forEach((rule, i) => {
    const at = `${path}.podFailurePolicy.rules[${i}]`;
    if (rule.action === "FailIndex" && spec.backoffLimitPerIndex === undefined) {
      errors.push(invalid(`${at}.action`, rule.action, "requires the backoffLimitPerIndex to be set"));
    }
    if (rule.onExitCodes && rule.onPodConditions?.length) {
      errors.push(invalidNoValue(at, "specifying both OnExitCodes and OnPodConditions is not supported"));
    }
    if (!rule.onExitCodes && !rule.onPodConditions?.length) {
      errors.push(invalidNoValue(at, "specifying one of OnExitCodes and OnPodConditions is required"));
    }
  });
  if (spec.podReplacementPolicy !== undefined) {
    if (spec.podFailurePolicy && spec.podReplacementPolicy !== "Failed") {
      errors.push(notSupported(`${path}.podReplacementPolicy`, spec.podReplacementPolicy, ["Failed"]));
    }
  }
  const template = spec.template ?? {};
  errors.push(...validateTemplate(template, `${path}.template`));
  // SetDefaults_PodSpec turns an unset restartPolicy into Always, so both read as "not chosen".
  const restartPolicy = template.spec?.restartPolicy ?? "";
  const restartPath = `${path}.template.spec.restartPolicy`;
  if (restartPolicy === "Always" || restartPolicy === "") {
    errors.push(required(restartPath, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== "OnFailure" && restartPolicy !== "Never") {
    errors.push(notSupported(restartPath, restartPolicy, ["OnFailure", "Never"]));
  } else if (spec.podFailurePolicy && restartPolicy !== "Never") {
    errors.push(
      invalid(restartPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'),
    );
  }
  return errors;
}

/**
 * ValidateJobUpdate: the new Job is valid, and selector, completionMode, podFailurePolicy and
 * backoffLimitPerIndex keep their values; completions change only with parallelism in an Indexed Job
 * (elastic indexed jobs); the template changes only while the Job is suspended and has not started.
 *
 * @example
 * ```ts
 * import { validateJobUpdate } from "@skiff/workloads";
 *
 * validateJobUpdate({ ...job, spec: { ...job.spec, completions: 9 } }, job)[0].message;
 * // "Invalid value: 9: field is immutable"
 * ```
 */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const errors = validateJobSpec(job.spec ?? ({} as JobSpec), "spec");
  const spec = job.spec ?? ({} as JobSpec);
  const was = old.spec ?? ({} as JobSpec);
  const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
  if (!same(spec.selector, was.selector)) {
    errors.push(invalid("spec.selector", goLabelSelector(spec.selector), "field is immutable"));
  }
  const elastic = spec.completionMode === "Indexed" && spec.completions === spec.parallelism &&
    was.completions === was.parallelism;
  if (spec.completions !== was.completions && !elastic) {
    errors.push(invalid("spec.completions", spec.completions ?? null, "field is immutable"));
  }
  for (const f of ["completionMode", "backoffLimitPerIndex"] as const) {
    if (spec[f] !== was[f]) errors.push(invalid(`spec.${f}`, spec[f] ?? null, "field is immutable"));
  }
  if (!same(spec.podFailurePolicy, was.podFailurePolicy)) {
    errors.push(
      invalid(
        "spec.podFailurePolicy",
        new GoValue(JSON.stringify(spec.podFailurePolicy ?? null)),
        "field is immutable",
      ),
    );
  }
  const suspendedUnstarted = was.suspend === true && !old.status?.startTime;
  if (!suspendedUnstarted && !same(spec.template, was.template)) {
    errors.push(invalid("spec.template", new GoValue(JSON.stringify(spec.template)), "field is immutable"));
  }
  return errors;
}

/**
 * ValidateCronJobCreate: a name of at most 52 characters (Jobs get an 11-character suffix), a valid
 * schedule without TZ= (use timeZone), a known timeZone, startingDeadlineSeconds, concurrencyPolicy,
 * history limits, and the job template (a Job spec with restartPolicy OnFailure or Never).
 *
 * @example
 * ```ts
 * import { validateCronJob } from "@skiff/workloads";
 *
 * validateCronJob({ metadata: { name: "c" }, spec: { schedule: "61 * * * *", jobTemplate: {} } })[0].message;
 * // 'Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'
 * ```
 */
export function validateCronJob(cronJob: CronJob, old?: CronJob): FieldError[] {
  const errors: FieldError[] = [];
  const name = cronJob.metadata?.name ?? "";
  if (!old && name.length > 52) {
    errors.push(invalid("metadata.name", name, "must be no more than 52 characters"));
  }
  const spec = cronJob.spec;
  if (!spec) return [...errors, required("spec")];
  const oldSpec = old?.spec;
  if (!spec.schedule) errors.push(required("spec.schedule"));
  else {
    const allowTZ = oldSpec?.schedule.includes("TZ") ?? false;
    try {
      parseSchedule(spec.schedule);
    } catch (e) {
      errors.push(invalid("spec.schedule", spec.schedule, (e as Error).message));
    }
    if (allowTZ && spec.schedule.includes("TZ") && spec.timeZone !== undefined) {
      errors.push(
        invalid(
          "spec.schedule",
          spec.schedule,
          "cannot use both timeZone field and TZ or CRON_TZ in schedule",
        ),
      );
    } else if (!allowTZ && spec.schedule.includes("TZ")) {
      errors.push(
        invalid(
          "spec.schedule",
          spec.schedule,
          "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ),
      );
    }
  }
  errors.push(...nonNegative(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  if (!oldSpec || oldSpec.timeZone !== spec.timeZone) errors.push(...validateTimeZone(spec.timeZone));
  const policy = spec.concurrencyPolicy ?? "";
  if (policy === "") errors.push(required("spec.concurrencyPolicy"));
  else if (!["Allow", "Forbid", "Replace"].includes(policy)) {
    errors.push(notSupported("spec.concurrencyPolicy", policy, ["Allow", "Forbid", "Replace"]));
  }
  errors.push(...validateJobTemplate(spec.jobTemplate, "spec.jobTemplate"));
  errors.push(...nonNegative(spec.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit"));
  errors.push(...nonNegative(spec.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit"));
  return errors;
}

function validateJobTemplate(template: JobTemplateSpec | undefined, path: string): FieldError[] {
  const spec = template?.spec ?? ({} as JobSpec);
  const errors = validateJobSpec(spec, `${path}.spec`);
  // Each Job a CronJob makes gets a generated selector, so the template may not bring one.
  if (spec.selector) {
    errors.push(
      invalid(`${path}.spec.selector`, goLabelSelector(spec.selector), "`selector` will be auto-generated"),
    );
  }
  if (spec.manualSelector) errors.push(notSupported(`${path}.spec.manualSelector`, true, ["nil", "false"]));
  return errors;
}

const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(zone: string | undefined): FieldError[] {
  if (zone === undefined) return [];
  const path = "spec.timeZone";
  if (zone === "") return [invalid(path, zone, "timeZone must be nil or non-empty string")];
  for (const part of zone.split("/")) {
    if (part === "." || part === ".." || part.startsWith("-") || !TZ_PART.test(part)) {
      return [invalid(path, zone, `unknown time zone ${zone}`)];
    }
  }
  const errors: FieldError[] = [];
  if (zone.toLowerCase() === "local") {
    errors.push(
      invalid(
        path,
        zone,
        "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
      ),
    );
  }
  if (!isTimeZone(zone)) errors.push(invalid(path, zone, `unknown time zone ${zone}`));
  return errors;
}
