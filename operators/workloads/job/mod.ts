/**
 * The Job controller (pkg/controller/job) and the TTL-after-finished controller that deletes finished
 * Jobs: completions and parallelism, NonIndexed and Indexed completion, backoffLimit with exponential
 * pod failure backoff, backoffLimitPerIndex and maxFailedIndexes, activeDeadlineSeconds, suspend,
 * podFailurePolicy, successPolicy, and the `batch.kubernetes.io/job-tracking` finalizer with
 * status.uncountedTerminatedPods.
 *
 * @example
 * ```ts
 * import { JobController, TtlAfterFinishedController } from "@skiff/workloads";
 *
 * manager.add(new JobController());
 * manager.add(new TtlAfterFinishedController());
 * ```
 *
 * @module
 */
export * from "./controller.ts";
export * from "./sync.ts";
export * from "./ttl.ts";
export { isJobFinished, jobFinishedType } from "./_conditions.ts";
export { JOB_TRACKING_FINALIZER } from "./_context.ts";
export { COMPLETION_INDEX_ANNOTATION, formatIndexes, parseIndexes } from "./_indexed.ts";
