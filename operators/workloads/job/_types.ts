/**
 * The types the Job controller reads and writes.
 *
 * @module
 */
export type { Pod } from "@skiff/kinds";
export type { PodTemplateSpec } from "../api/pod_template.ts";
export type { Job, JobCondition, JobSpec, JobStatus, PodFailurePolicy } from "../api/job.ts";
