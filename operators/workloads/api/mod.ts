/**
 * The workload kinds as valibot schemas with their TypeScript types (apps/v1 Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, ControllerRevision; batch/v1 Job, CronJob; v1 ReplicationController) and
 * their ResourceDefinitions.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DeploymentSchema, workloadsDefinitions } from "@skiff/workloads";
 *
 * v.parse(DeploymentSchema, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } });
 * workloadsDefinitions.length; // 8
 * ```
 *
 * @module
 */
export * from "./pod_template.ts";
export * from "./persistent_volume_claim.ts";
export * from "./deployment.ts";
export * from "./replica_set.ts";
export * from "./stateful_set.ts";
export * from "./daemon_set.ts";
export * from "./controller_revision.ts";
export * from "./job.ts";
export * from "./cron_job.ts";
export * from "./replication_controller.ts";
export * from "./definitions.ts";
