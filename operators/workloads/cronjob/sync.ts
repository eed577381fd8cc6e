/**
 * One reconcile of one CronJob (sync, cleanupFinishedJobs and syncCronJob in
 * pkg/controller/cronjob/cronjob_controllerv2.go): prune finished Jobs beyond the history limits,
 * reconcile status.active with the Jobs that exist, then, unless suspended, start the Job for the most
 * recent unmet scheduled time (honouring startingDeadlineSeconds and the concurrency policy), write the
 * status once, and come back at the next scheduled time.
 *
 * @module
 */
import {
  type Client,
  type EventRecorder,
  formatTime,
  getControllerOf,
  type Informer,
  isAlreadyExists,
  isNotFound,
  type Logger,
  type ReconcileResult,
} from "@skiff/sdk";
import type { CronJob } from "../api/cron_job.ts";
import type { Job } from "../api/job.ts";
import { mostRecentScheduleTime, TOO_MANY_MISSED } from "../cron/missed.ts";
import { isTimeZone, parseSchedule, type Schedule } from "../cron/schedule.ts";
import { cronJobsResource, jobsResource } from "../resources.ts";
import { isJobFinished, jobFinishedType } from "../job/_conditions.ts";
import {
  byJobStartTime,
  deleteFromActiveList,
  inActiveList,
  jobFromTemplate,
  jobName,
  jobReference,
  nextScheduleDelay,
  rfc1123z,
  scheduleInput,
} from "./_utils.ts";

/**
 * What a CronJob sync needs.
 *
 * @example
 * ```ts
 * const deps: CronJobDeps = { client, recorder, log, cronJobs, jobs, now: () => new Date() };
 * ```
 */
export interface CronJobDeps {
  client: Client;
  recorder: EventRecorder;
  log: Logger;
  cronJobs: Informer<CronJob>;
  jobs: Informer<Job>;
  now(): Date;
}

/**
 * Reconciles the CronJob named by `key`.
 *
 * @example
 * ```ts
 * import { syncCronJob } from "@skiff/workloads";
 *
 * await syncCronJob("default/hello", deps); // { requeueAfter: ms until the next run }
 * ```
 */
export async function syncCronJob(key: string, deps: CronJobDeps): Promise<ReconcileResult | void> {
  const cached = deps.cronJobs.store.get(key);
  if (!cached) return;
  const jobs = deps.jobs.store.byIndex("namespace", cached.metadata?.namespace ?? "").filter((j) => {
    // Jobs whose labels no longer match the template still count while the CronJob controls them.
    const ref = getControllerOf(j);
    return ref?.kind === "CronJob" && ref.name === cached.metadata?.name;
  });
  const cj: CronJob = { ...structuredClone(cached), apiVersion: "batch/v1", kind: "CronJob" };
  const afterCleanup = await cleanupFinishedJobs(cj, jobs, deps);
  const result = await reconcile(cj, jobs, deps);
  if (afterCleanup || result.updateStatus) {
    const current = result.cronJob;
    const status = { ...current.status };
    if (!status.active?.length) delete status.active;
    await deps.client.resource(cronJobsResource).namespace(current.metadata!.namespace!).updateStatus({
      ...current,
      status,
    });
  }
  if (result.requeueAfter !== undefined) return { requeueAfter: Math.max(result.requeueAfter, 1) };
  if (result.error) throw result.error;
}

interface SyncResult {
  cronJob: CronJob;
  requeueAfter?: number;
  updateStatus: boolean;
  error?: unknown;
}

/** syncCronJob: everything but the status write. */
async function reconcile(cronJob: CronJob, jobs: Job[], deps: CronJobDeps): Promise<SyncResult> {
  let cj = cronJob;
  const now = deps.now();
  let updateStatus = false;
  const ns = cj.metadata!.namespace!;
  const jobsApi = deps.client.resource(jobsResource).namespace(ns);
  const event = (type: "Normal" | "Warning", reason: string, message: string) =>
    deps.recorder.event(cj, type, reason, message);

  const children = new Set<string>();
  for (const j of jobs) {
    const uid = j.metadata!.uid!;
    children.add(uid);
    const found = inActiveList(cj, uid);
    if (!found && !isJobFinished(j)) {
      // Maybe our own status write is not in the cache yet: ask the API.
      const fresh = await deps.client.resource(cronJobsResource).namespace(ns).get(cj.metadata!.name!);
      if (inActiveList(fresh, uid)) {
        cj = { ...fresh, apiVersion: "batch/v1", kind: "CronJob" };
        continue;
      }
      // A Job we did not create or forgot (`kubectl create job --from=cronjob/…` makes one).
      await event(
        "Warning",
        "UnexpectedJob",
        `Saw a job that the controller did not create or forgot: ${j.metadata!.name}`,
      );
    } else if (found && isJobFinished(j)) {
      deleteFromActiveList(cj, uid);
      await event(
        "Normal",
        "SawCompletedJob",
        `Saw completed job: ${j.metadata!.name}, status: ${jobFinishedType(j)}`,
      );
      updateStatus = true;
    } else if (jobFinishedType(j) === "Complete") {
      // Counted whether or not it was active.
      const completed = j.status?.completionTime;
      const last = cj.status?.lastSuccessfulTime;
      if (completed && (!last || Date.parse(completed) > Date.parse(last))) {
        (cj.status ??= {}).lastSuccessfulTime = completed;
        updateStatus = true;
      }
    }
  }

  // An active Job that no longer exists would keep the CronJob active for good.
  for (const ref of [...(cj.status?.active ?? [])]) {
    if (children.has(ref.uid ?? "")) continue;
    try {
      await jobsApi.get(ref.name!);
    } catch (e) {
      if (!isNotFound(e)) return { cronJob: cj, updateStatus, error: e };
      await event("Normal", "MissingJob", `Active job went missing: ${ref.name}`);
      deleteFromActiveList(cj, ref.uid);
      updateStatus = true;
    }
  }

  if (cj.metadata?.deletionTimestamp) return { cronJob: cj, updateStatus };

  const zone = cj.spec?.timeZone ?? undefined;
  if (zone !== undefined && !isTimeZone(zone)) {
    await event("Warning", "UnknownTimeZone", `invalid timeZone: "${zone}": unknown time zone ${zone}`);
    return { cronJob: cj, updateStatus };
  }
  if (cj.spec?.suspend) return { cronJob: cj, updateStatus };

  const spec = cj.spec!.schedule;
  if (spec.includes("TZ")) {
    await event(
      "Warning",
      "UnsupportedSchedule",
      `CRON_TZ or TZ used in schedule "${spec}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    );
  }
  let schedule: Schedule;
  try {
    schedule = parseSchedule(spec, spec.includes("TZ") ? undefined : zone);
  } catch (e) {
    await event(
      "Warning",
      "UnparseableSchedule",
      `unparseable schedule: "${spec}" : ${(e as Error).message}`,
    );
    return { cronJob: cj, updateStatus };
  }

  let scheduled: Date | undefined;
  try {
    const decision = mostRecentScheduleTime(schedule, now, scheduleInput(cj, true, now));
    scheduled = decision.mostRecent && decision.mostRecent <= now ? decision.mostRecent : undefined;
    if (scheduled && decision.missed === "many") {
      await event("Warning", TOO_MANY_MISSED.reason, TOO_MANY_MISSED.message);
    }
  } catch (e) {
    await event("Warning", "InvalidSchedule", `invalid schedule: ${spec} : ${(e as Error).message}`);
    return { cronJob: cj, updateStatus };
  }
  const next = () => nextScheduleDelay(cj, now, schedule);
  if (!scheduled) return { cronJob: cj, updateStatus, requeueAfter: next() };

  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && scheduled.getTime() + deadline * 1000 < now.getTime()) {
    await event("Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return { cronJob: cj, updateStatus, requeueAfter: next() };
  }
  const name = jobName(cj, scheduled);
  const last = cj.status?.lastScheduleTime;
  if (
    cj.status?.active?.some((r) => r.name === name && r.namespace === ns) ||
    (last && Date.parse(last) === scheduled.getTime())
  ) {
    // Already started for this scheduled time.
    return { cronJob: cj, updateStatus, requeueAfter: next() };
  }
  if (cj.spec?.concurrencyPolicy === "Forbid" && (cj.status?.active?.length ?? 0) > 0) {
    await event(
      "Normal",
      "JobAlreadyActive",
      "Not starting job because prior execution is running and concurrency policy is Forbid",
    );
    return { cronJob: cj, updateStatus, requeueAfter: next() };
  }
  if (cj.spec?.concurrencyPolicy === "Replace") {
    for (const ref of [...(cj.status?.active ?? [])]) {
      let job: Job;
      try {
        job = await jobsApi.get(ref.name!);
      } catch (e) {
        await event("Warning", "FailedGet", `Get job: ${(e as Error).message}`);
        return { cronJob: cj, updateStatus, error: e };
      }
      if (!await deleteJob(cj, job, deps)) {
        return {
          cronJob: cj,
          updateStatus,
          error: new Error(`could not replace job ${ns}/${job.metadata!.name}`),
        };
      }
      updateStatus = true;
    }
  }

  let created: Job;
  const request = jobFromTemplate(cj, scheduled);
  try {
    created = await jobsApi.create(request);
    await event("Normal", "SuccessfulCreate", `Created job ${created.metadata!.name}`);
  } catch (e) {
    if (isNamespaceTerminating(e)) return { cronJob: cj, updateStatus, error: e };
    if (!isAlreadyExists(e)) {
      await event("Warning", "FailedCreate", `Error creating job: ${(e as Error).message}`);
      return { cronJob: cj, updateStatus, error: e };
    }
    // Created before, but the status write that should have followed was lost.
    try {
      created = await jobsApi.get(request.metadata!.name!);
    } catch (err) {
      return { cronJob: cj, updateStatus, error: err };
    }
    if (getControllerOf(created)?.uid !== cj.metadata?.uid) return { cronJob: cj, updateStatus };
    if (inActiveList(cj, created.metadata?.uid)) return { cronJob: cj, updateStatus };
    deps.log.info("Job already exists", { job: request.metadata!.name });
  }
  const status = cj.status ??= {};
  status.active = [...(status.active ?? []), jobReference(created)];
  status.lastScheduleTime = formatTime(scheduled);
  return { cronJob: cj, updateStatus: true, requeueAfter: next() };
}

/**
 * cleanupFinishedJobs: deletes the oldest (by start time) Complete Jobs beyond
 * successfulJobsHistoryLimit and Failed ones beyond failedJobsHistoryLimit.
 */
async function cleanupFinishedJobs(cj: CronJob, jobs: Job[], deps: CronJobDeps): Promise<boolean> {
  const successLimit = cj.spec?.successfulJobsHistoryLimit;
  const failedLimit = cj.spec?.failedJobsHistoryLimit;
  if (successLimit == null && failedLimit == null) return false;
  const succeeded = jobs.filter((j) => jobFinishedType(j) === "Complete");
  const failed = jobs.filter((j) => jobFinishedType(j) === "Failed");
  let update = false;
  if (successLimit != null && await removeOldestJobs(cj, succeeded, successLimit, deps)) update = true;
  if (failedLimit != null && await removeOldestJobs(cj, failed, failedLimit, deps)) update = true;
  return update;
}

async function removeOldestJobs(cj: CronJob, jobs: Job[], max: number, deps: CronJobDeps): Promise<boolean> {
  const count = jobs.length - max;
  if (count <= 0) return false;
  let update = false;
  for (const job of [...jobs].sort(byJobStartTime).slice(0, count)) {
    if (await deleteJob(cj, job, deps)) update = true;
  }
  return update;
}

/** deleteJob: deletes a Job (Background propagation) and drops it from the active list. */
async function deleteJob(cj: CronJob, job: Job, deps: CronJobDeps): Promise<boolean> {
  try {
    await deps.client.resource(jobsResource).namespace(job.metadata!.namespace!).delete(job.metadata!.name!, {
      propagationPolicy: "Background",
    });
  } catch (e) {
    await deps.recorder.event(cj, "Warning", "FailedDelete", `Deleted job: ${(e as Error).message}`);
    deps.log.error("Error deleting job from cronjob", { job: job.metadata?.name, error: String(e) });
    return false;
  }
  deleteFromActiveList(cj, job.metadata?.uid);
  await deps.recorder.event(cj, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata!.name}`);
  return true;
}

function isNamespaceTerminating(e: unknown): boolean {
  const err = e as { status?: { details?: { causes?: { reason?: string }[] } } };
  return err?.status?.details?.causes?.some((c) => c.reason === "NamespaceTerminating") ?? false;
}
