/**
 * CronJob schedules: robfig/cron's grammar and errors, next runs from croner, and the controller's
 * choice of the run that is due.
 *
 * @example
 * ```ts
 * import { parseSchedule } from "@skiff/workloads";
 *
 * parseSchedule("@daily", "Europe/Berlin").next(new Date("2024-05-01T12:00:00Z")); // 2024-05-01T22:00:00Z
 * ```
 *
 * @module
 */
export * from "./schedule.ts";
export * from "./missed.ts";
