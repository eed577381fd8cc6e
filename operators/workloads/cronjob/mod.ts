/**
 * The CronJob controller (pkg/controller/cronjob): Jobs named NAME-<scheduled minutes> at each
 * scheduled time, concurrencyPolicy Allow/Forbid/Replace, startingDeadlineSeconds, suspend, history
 * limits, and status active/lastScheduleTime/lastSuccessfulTime.
 *
 * @example
 * ```ts
 * import { CronJobController } from "@skiff/workloads";
 *
 * manager.add(new CronJobController());
 * ```
 *
 * @module
 */
export * from "./controller.ts";
export * from "./sync.ts";
export { jobFromTemplate, jobName, SCHEDULED_TIMESTAMP_ANNOTATION } from "./_utils.ts";
