/**
 * The workload kinds as SDK resources, for clients, informers and controllers.
 *
 * @module
 */
import { defineResource, type ResourceRef } from "@skiff/sdk";
import { CronJobSchema } from "./api/cron_job.ts";
import type { CronJob } from "./api/cron_job.ts";
import { JobSchema } from "./api/job.ts";
import type { Job } from "./api/job.ts";
import { DeploymentSchema } from "./api/deployment.ts";
import { ReplicaSetSchema } from "./api/replica_set.ts";
import { ReplicationControllerSchema } from "./api/replication_controller.ts";
import { StatefulSetSchema } from "./api/stateful_set.ts";
import { ControllerRevisionSchema } from "./api/controller_revision.ts";
import { DaemonSetSchema } from "./api/daemon_set.ts";
import type { DaemonSet } from "./api/daemon_set.ts";
import type { StatefulSet } from "./api/stateful_set.ts";
import type { ControllerRevision } from "./api/controller_revision.ts";
import type { Deployment } from "./api/deployment.ts";
import type { ReplicaSet } from "./api/replica_set.ts";
import type { ReplicationController } from "./api/replication_controller.ts";

/**
 * apps/v1 deployments.
 *
 * @example
 * ```ts
 * import { deploymentsResource } from "@skiff/workloads";
 *
 * await client.resource(deploymentsResource).namespace("default").get("web");
 * ```
 */
export const deploymentsResource: ResourceRef<Deployment> = defineResource({
  group: "apps",
  version: "v1",
  plural: "deployments",
  kind: "Deployment",
  namespaced: true,
  schema: DeploymentSchema,
});

/**
 * apps/v1 replicasets.
 *
 * @example
 * ```ts
 * import { replicaSetsResource } from "@skiff/workloads";
 *
 * await client.resource(replicaSetsResource).namespace("default").list();
 * ```
 */
export const replicaSetsResource: ResourceRef<ReplicaSet> = defineResource({
  group: "apps",
  version: "v1",
  plural: "replicasets",
  kind: "ReplicaSet",
  namespaced: true,
  schema: ReplicaSetSchema,
});

/**
 * v1 replicationcontrollers.
 *
 * @example
 * ```ts
 * import { replicationControllersResource } from "@skiff/workloads";
 *
 * await client.resource(replicationControllersResource).namespace("default").list();
 * ```
 */
export const replicationControllersResource: ResourceRef<ReplicationController> = defineResource({
  group: "",
  version: "v1",
  plural: "replicationcontrollers",
  kind: "ReplicationController",
  namespaced: true,
  schema: ReplicationControllerSchema,
});

/**
 * apps/v1 statefulsets.
 *
 * @example
 * ```ts
 * import { statefulSetsResource } from "@skiff/workloads";
 *
 * await client.resource(statefulSetsResource).namespace("default").get("web");
 * ```
 */
export const statefulSetsResource: ResourceRef<StatefulSet> = defineResource({
  group: "apps",
  version: "v1",
  plural: "statefulsets",
  kind: "StatefulSet",
  namespaced: true,
  schema: StatefulSetSchema,
});

/**
 * apps/v1 controllerrevisions: the history of StatefulSets and DaemonSets.
 *
 * @example
 * ```ts
 * import { controllerRevisionsResource } from "@skiff/workloads";
 *
 * await client.resource(controllerRevisionsResource).namespace("default").list();
 * ```
 */
export const controllerRevisionsResource: ResourceRef<ControllerRevision> = defineResource({
  group: "apps",
  version: "v1",
  plural: "controllerrevisions",
  kind: "ControllerRevision",
  namespaced: true,
  schema: ControllerRevisionSchema,
});

/**
 * batch/v1 jobs.
 *
 * @example
 * ```ts
 * import { jobsResource } from "@skiff/workloads";
 *
 * await client.resource(jobsResource).namespace("default").get("pi");
 * ```
 */
export const jobsResource: ResourceRef<Job> = defineResource({
  group: "batch",
  version: "v1",
  plural: "jobs",
  kind: "Job",
  namespaced: true,
  schema: JobSchema,
});

/**
 * batch/v1 cronjobs.
 *
 * @example
 * ```ts
 * import { cronJobsResource } from "@skiff/workloads";
 *
 * await client.resource(cronJobsResource).namespace("default").get("hello");
 * ```
 */
export const cronJobsResource: ResourceRef<CronJob> = defineResource({
  group: "batch",
  version: "v1",
  plural: "cronjobs",
  kind: "CronJob",
  namespaced: true,
  schema: CronJobSchema,
});

/**
 * apps/v1 daemonsets.
 *
 * @example
 * ```ts
 * import { daemonSetsResource } from "@skiff/workloads";
 *
 * await client.resource(daemonSetsResource).namespace("kube-system").get("filebeat");
 * ```
 */
export const daemonSetsResource: ResourceRef<DaemonSet> = defineResource({
  group: "apps",
  version: "v1",
  plural: "daemonsets",
  kind: "DaemonSet",
  namespaced: true,
  schema: DaemonSetSchema,
});
