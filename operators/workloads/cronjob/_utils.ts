/**
 * The CronJob controller's helpers (pkg/controller/cronjob/utils.go): the Job a CronJob makes for a
 * scheduled time, the active list, when to look again, and the order finished Jobs are pruned in.
 *
 * @module
 */
import { newControllerRef, type ObjectReference } from "@skiff/sdk";
import type { CronJob } from "../api/cron_job.ts";
import type { Job } from "../api/job.ts";
import { mostRecentScheduleTime } from "../cron/missed.ts";
import type { Schedule } from "../cron/schedule.ts";

/** batch.CronJobScheduledTimestampAnnotation: the scheduled time, RFC 3339 in the CronJob's zone. */
export const SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";

/** nextScheduleDelta: requeues land this long after the scheduled time, so it has surely passed. */
const NEXT_SCHEDULE_DELTA_MS = 100;

/** getJobName: "NAME-<scheduled time in minutes since the epoch>", stable per scheduled time. */
export function jobName(cj: CronJob, scheduled: Date): string {
  return `${cj.metadata!.name}-${Math.floor(scheduled.getTime() / 60_000)}`;
}

/**
 * getJobFromTemplate2: the Job for `scheduled`: the template's labels, annotations plus the
 * scheduled-timestamp one, spec, and the CronJob as its controller.
 */
export function jobFromTemplate(cj: CronJob, scheduled: Date): Job {
  const template = cj.spec!.jobTemplate;
  const labels = { ...template.metadata?.labels };
  const annotations = {
    ...template.metadata?.annotations,
    [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339In(scheduled, cj.spec?.timeZone),
  };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: jobName(cj, scheduled),
      namespace: cj.metadata!.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations,
      ownerReferences: [newControllerRef(cj, { apiVersion: "batch/v1", kind: "CronJob" })],
    },
    spec: structuredClone(template.spec ?? { template: {} }),
  } as Job;
}

/**
 * Go's time.Format(time.RFC3339) of `t` in `zone` (UTC when unset): 2024-05-01T12:00:00+02:00, or …Z
 * in UTC.
 */
export function rfc3339In(t: Date, zone: string | undefined): string {
  const tz = zone || "UTC";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(t).map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second,
  );
  const offsetMin = Math.round((local - Math.floor(t.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  const offset = offsetMin === 0
    ? "Z"
    : `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** Go's time.RFC1123Z in UTC: "Wed, 01 May 2024 10:00:00 +0000" (the MissSchedule event's format). */
export function rfc1123z(t: Date): string {
  return t.toUTCString().replace("GMT", "+0000");
}

/** ref.GetReference for a Job, as status.active holds it. */
export function jobReference(job: Job): ObjectReference {
  return {
    kind: "Job",
    namespace: job.metadata?.namespace,
    name: job.metadata?.name,
    uid: job.metadata?.uid,
    apiVersion: "batch/v1",
    resourceVersion: job.metadata?.resourceVersion,
  };
}

/** inActiveList. */
export function inActiveList(cj: CronJob, uid: string | undefined): boolean {
  return cj.status?.active?.some((r) => r.uid === uid) ?? false;
}

/** deleteFromActiveList. */
export function deleteFromActiveList(cj: CronJob, uid: string | undefined): void {
  if (!cj.status?.active) return;
  cj.status.active = cj.status.active.filter((r) => r.uid !== uid);
}

/**
 * nextScheduleTimeDuration: how long until the activation after the most recent one (ignoring
 * startingDeadlineSeconds), plus 100 ms. Hourly, last scheduled 10:00, now 10:20 → 40 min 0.1 s.
 */
export function nextScheduleDelay(cj: CronJob, now: Date, schedule: Schedule): number {
  let from: Date;
  try {
    const d = mostRecentScheduleTime(schedule, now, scheduleInput(cj, false, now));
    from = d.mostRecent ?? d.earliest;
  } catch {
    // Still come back at some point: the next slot from now.
    from = now;
  }
  const next = schedule.next(from);
  return next ? next.getTime() + NEXT_SCHEDULE_DELTA_MS - now.getTime() : 0;
}

/** The CronJob's times as {@link mostRecentScheduleTime} takes them. */
export function scheduleInput(cj: CronJob, includeDeadline: boolean, now: Date) {
  return {
    creationTimestamp: new Date(cj.metadata?.creationTimestamp ?? now),
    lastScheduleTime: cj.status?.lastScheduleTime ? new Date(cj.status.lastScheduleTime) : undefined,
    startingDeadlineSeconds: includeDeadline ? cj.spec?.startingDeadlineSeconds ?? undefined : undefined,
  };
}

/** byJobStartTime: by status.startTime (unstarted last), then by name. */
export function byJobStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime, sb = b.status?.startTime;
  if (!sb) return sa ? -1 : 0;
  if (!sa) return 1;
  const d = Date.parse(sa) - Date.parse(sb);
  if (d !== 0) return d;
  const na = a.metadata?.name ?? "", nb = b.metadata?.name ?? "";
  return na < nb ? -1 : na > nb ? 1 : 0;
}
