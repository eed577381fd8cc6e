/**
 * The CronJob kind (batch/v1).
 *
 * Field descriptions are Kubernetes 1.32's API documentation (k8s.io/api batch/v1, types_swagger_doc_generated.go),
 * which `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of batch/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s, ObjectMetaSchema, ObjectReferenceSchema, time } from "@skiff/kinds";
import { JobTemplateSpecSchema } from "./job.ts";

/**
 * CronJobSpec describes how the job execution will look like and when it will actually run.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CronJobSpecSchema } from "@skiff/workloads";
 *
 * v.parse(CronJobSpecSchema, { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "hello", image: "busybox:1.36" }] } } } } });
 * ```
 */
export const CronJobSpecSchema = v.pipe(
  v.object({
    schedule: v.string(),
    timeZone: v.optional(v.string()),
    startingDeadlineSeconds: v.optional(int64()),
    concurrencyPolicy: v.optional(v.picklist(["Allow", "Forbid", "Replace"])),
    suspend: v.optional(v.boolean()),
    jobTemplate: JobTemplateSpecSchema,
    successfulJobsHistoryLimit: v.optional(int32()),
    failedJobsHistoryLimit: v.optional(int32()),
  }),
  fieldDocs({
    schedule: "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.",
    timeZone:
      "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones",
    startingDeadlineSeconds:
      "Optional deadline in seconds for starting the job if it misses scheduled time for any reason.  Missed jobs executions will be counted as failed ones.",
    concurrencyPolicy:
      'Specifies how to treat concurrent executions of a Job. Valid values are:\n\n- "Allow" (default): allows CronJobs to run concurrently; - "Forbid": forbids concurrent runs, skipping next run if previous run hasn\'t finished yet; - "Replace": cancels currently running job and replaces it with a new one',
    suspend:
      "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.",
    jobTemplate: "Specifies the job that will be created when executing a CronJob.",
    successfulJobsHistoryLimit:
      "The number of successful finished jobs to retain. Value must be non-negative integer. Defaults to 3.",
    failedJobsHistoryLimit:
      "The number of failed finished jobs to retain. Value must be non-negative integer. Defaults to 1.",
  }),
);

/**
 * CronJobSpec as TypeScript sees it (see {@link CronJobSpecSchema}).
 *
 * @example
 * ```ts
 * import type { CronJobSpec } from "@skiff/workloads";
 *
 * const value: CronJobSpec = { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "hello", image: "busybox:1.36" }] } } } } };
 * ```
 */
export type CronJobSpec = v.InferOutput<typeof CronJobSpecSchema>;

/**
 * CronJobStatus represents the current state of a cron job.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CronJobStatusSchema } from "@skiff/workloads";
 *
 * v.parse(CronJobStatusSchema, {});
 * ```
 */
export const CronJobStatusSchema = v.pipe(
  v.object({
    active: v.optional(v.pipe(v.array(ObjectReferenceSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    lastScheduleTime: v.optional(time()),
    lastSuccessfulTime: v.optional(time()),
  }),
  fieldDocs({
    active: "A list of pointers to currently running jobs.",
    lastScheduleTime: "Information when was the last time the job was successfully scheduled.",
    lastSuccessfulTime: "Information when was the last time the job successfully completed.",
  }),
);

/**
 * CronJobStatus as TypeScript sees it (see {@link CronJobStatusSchema}).
 *
 * @example
 * ```ts
 * import type { CronJobStatus } from "@skiff/workloads";
 *
 * const value: CronJobStatus = {};
 * ```
 */
export type CronJobStatus = v.InferOutput<typeof CronJobStatusSchema>;

/**
 * CronJob represents the configuration of a single cron job.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CronJobSchema } from "@skiff/workloads";
 *
 * v.parse(CronJobSchema, { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "hello" }, spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "hello", image: "busybox:1.36" }] } } } } } });
 * ```
 */
export const CronJobSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(CronJobSpecSchema),
    status: v.optional(CronJobStatusSchema),
  }),
  v.description(
    "CronJob represents the configuration of a single cron job.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Specification of the desired behavior of a cron job, including the schedule. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
    status:
      "Current status of a cron job. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * CronJob as TypeScript sees it (see {@link CronJobSchema}).
 *
 * @example
 * ```ts
 * import type { CronJob } from "@skiff/workloads";
 *
 * const value: CronJob = { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "hello" }, spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "hello", image: "busybox:1.36" }] } } } } } };
 * ```
 */
export type CronJob = v.InferOutput<typeof CronJobSchema>;
