/**
 * Which scheduled run a CronJob is due for, as the CronJob controller decides it
 * (mostRecentScheduleTime in pkg/controller/cronjob/utils.go).
 *
 * @module
 */
import type { Schedule } from "./schedule.ts";

/** How many runs were missed: none, a few (more than one), or many (more than 100). */
export type Missed = "none" | "few" | "many";

/** The warning event Kubernetes records when more than 100 runs were missed. */
export const TOO_MANY_MISSED = {
  reason: "TooManyMissedTimes",
  message: "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
} as const;

/** What {@link mostRecentScheduleTime} found. */
export interface ScheduleDecision {
  /** The time counting started from: the last schedule time, the creation time, or the deadline. */
  earliest: Date;
  /** The latest activation at or before now that has not run, or undefined when none is due. */
  mostRecent?: Date;
  missed: Missed;
}

/**
 * The most recent activation due at `now` for a CronJob last scheduled at `lastScheduleTime` (or
 * created at `creationTimestamp`), never earlier than `now - startingDeadlineSeconds`. Missed runs are
 * estimated from the gap between two activations, as Kubernetes does: hourly, last run 10:00, now 13:30
 * → t1 = 11:00, t2 = 12:00, (13:30 - 11:00) / 1h + 1 = 3 missed, most recent 13:00. Throws for a
 * schedule that never fires twice a second apart (robfig accepts "59 23 31 2 *").
 *
 * @example
 * ```ts
 * import { mostRecentScheduleTime, parseSchedule } from "@skiff/workloads";
 *
 * const d = mostRecentScheduleTime(parseSchedule("@hourly"), new Date("2024-05-01T13:30:00Z"), {
 *   creationTimestamp: new Date("2024-05-01T09:00:00Z"),
 *   lastScheduleTime: new Date("2024-05-01T10:00:00Z"),
 * });
 * [d.mostRecent?.toISOString(), d.missed]; // ["2024-05-01T13:00:00.000Z", "few"]
 * ```
 */
export function mostRecentScheduleTime(
  schedule: Schedule,
  now: Date,
  cronJob: { creationTimestamp: Date; lastScheduleTime?: Date; startingDeadlineSeconds?: number },
): ScheduleDecision {
  let earliest = cronJob.lastScheduleTime ?? cronJob.creationTimestamp;
  if (cronJob.startingDeadlineSeconds !== undefined) {
    const deadline = new Date(now.getTime() - cronJob.startingDeadlineSeconds * 1000);
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = schedule.next(earliest);
  const t2 = t1 && schedule.next(t1);
  if (!t1 || now < t1) return { earliest, missed: "none" };
  if (!t2 || now < t2) return { earliest, mostRecent: t1, missed: "none" };

  const between = Math.round((t2.getTime() - t1.getTime()) / 1000);
  if (between < 1) throw new Error("time difference between two schedules is less than 1 second");
  const elapsed = Math.trunc((now.getTime() - t1.getTime()) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;

  // Jump close to now instead of walking every missed activation (decades of them after a clock
  // error), then walk the last few.
  let mostRecent: Date | undefined;
  const potentialEarliest = new Date(t1.getTime() + (missedCount - 2) * between * 1000);
  for (let t = schedule.next(potentialEarliest); t && t <= now; t = schedule.next(t)) mostRecent = t;

  const missed: Missed = missedCount > 100 ? "many" : missedCount > 1 ? "few" : "none";
  return { earliest, mostRecent, missed };
}
