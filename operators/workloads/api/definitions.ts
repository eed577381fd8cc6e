/**
 * The workload kinds as ResourceDefinitions. Names, short names, categories, scope and subresources are
 * Kubernetes 1.32's own (`kubectl api-resources`): every kind but ControllerRevision has a status
 * subresource, and Deployment, ReplicaSet, StatefulSet and ReplicationController a scale subresource.
 *
 * Kubernetes fills a built-in kind's Scale `status.selector` from `spec.selector` serialized as a string
 * (`metav1.LabelSelectorAsSelector(...).String()`; for a ReplicationController `labels.SelectorFromSet`),
 * not from a status field: none of these kinds has `status.selector`. So labelSelectorPath points at
 * `.spec.selector`, where the selector really is; the API's scale handler has to render it as the string
 * HPA expects (`formatSelector` in this package does that rendering).
 *
 * @module
 */
import { toDefinition } from "@skiff/kinds";
import type { ResourceDefinition } from "@skiff/schema";
import { DeploymentSchema } from "./deployment.ts";
import { ReplicaSetSchema } from "./replica_set.ts";
import { StatefulSetSchema } from "./stateful_set.ts";
import { DaemonSetSchema } from "./daemon_set.ts";
import { ControllerRevisionSchema } from "./controller_revision.ts";
import { JobSchema } from "./job.ts";
import { CronJobSchema } from "./cron_job.ts";
import { ReplicationControllerSchema } from "./replication_controller.ts";

const SCALE = {
  specReplicasPath: ".spec.replicas",
  statusReplicasPath: ".status.replicas",
  labelSelectorPath: ".spec.selector",
};

/**
 * apps/v1 Deployment (`deploy`, in "all").
 *
 * @example
 * ```ts
 * import { deploymentDefinition } from "@skiff/workloads";
 *
 * deploymentDefinition.names.shortNames; // ["deploy"]
 * ```
 */
export const deploymentDefinition: ResourceDefinition = toDefinition({
  group: "apps",
  version: "v1",
  kind: "Deployment",
  plural: "deployments",
  shortNames: ["deploy"],
  categories: ["all"],
  scope: "Namespaced",
  schema: DeploymentSchema,
  status: true,
  scale: SCALE,
});

/**
 * apps/v1 ReplicaSet (`rs`, in "all").
 *
 * @example
 * ```ts
 * import { replicaSetDefinition } from "@skiff/workloads";
 *
 * replicaSetDefinition.names.shortNames; // ["rs"]
 * ```
 */
export const replicaSetDefinition: ResourceDefinition = toDefinition({
  group: "apps",
  version: "v1",
  kind: "ReplicaSet",
  plural: "replicasets",
  shortNames: ["rs"],
  categories: ["all"],
  scope: "Namespaced",
  schema: ReplicaSetSchema,
  status: true,
  scale: SCALE,
});

/**
 * apps/v1 StatefulSet (`sts`, in "all").
 *
 * @example
 * ```ts
 * import { statefulSetDefinition } from "@skiff/workloads";
 *
 * statefulSetDefinition.names.shortNames; // ["sts"]
 * ```
 */
export const statefulSetDefinition: ResourceDefinition = toDefinition({
  group: "apps",
  version: "v1",
  kind: "StatefulSet",
  plural: "statefulsets",
  shortNames: ["sts"],
  categories: ["all"],
  scope: "Namespaced",
  schema: StatefulSetSchema,
  status: true,
  scale: SCALE,
});

/**
 * apps/v1 DaemonSet (`ds`, in "all"); no scale subresource, a node count decides its size.
 *
 * @example
 * ```ts
 * import { daemonSetDefinition } from "@skiff/workloads";
 *
 * daemonSetDefinition.names.shortNames; // ["ds"]
 * ```
 */
export const daemonSetDefinition: ResourceDefinition = toDefinition({
  group: "apps",
  version: "v1",
  kind: "DaemonSet",
  plural: "daemonsets",
  shortNames: ["ds"],
  categories: ["all"],
  scope: "Namespaced",
  schema: DaemonSetSchema,
  status: true,
});

/**
 * apps/v1 ControllerRevision: no short name, no category, no subresources.
 *
 * @example
 * ```ts
 * import { controllerRevisionDefinition } from "@skiff/workloads";
 *
 * controllerRevisionDefinition.names.plural; // "controllerrevisions"
 * ```
 */
export const controllerRevisionDefinition: ResourceDefinition = toDefinition({
  group: "apps",
  version: "v1",
  kind: "ControllerRevision",
  plural: "controllerrevisions",
  scope: "Namespaced",
  schema: ControllerRevisionSchema,
});

/**
 * batch/v1 Job (in "all", no short name).
 *
 * @example
 * ```ts
 * import { jobDefinition } from "@skiff/workloads";
 *
 * jobDefinition.names.categories; // ["all"]
 * ```
 */
export const jobDefinition: ResourceDefinition = toDefinition({
  group: "batch",
  version: "v1",
  kind: "Job",
  plural: "jobs",
  categories: ["all"],
  scope: "Namespaced",
  schema: JobSchema,
  status: true,
});

/**
 * batch/v1 CronJob (`cj`, in "all").
 *
 * @example
 * ```ts
 * import { cronJobDefinition } from "@skiff/workloads";
 *
 * cronJobDefinition.names.shortNames; // ["cj"]
 * ```
 */
export const cronJobDefinition: ResourceDefinition = toDefinition({
  group: "batch",
  version: "v1",
  kind: "CronJob",
  plural: "cronjobs",
  shortNames: ["cj"],
  categories: ["all"],
  scope: "Namespaced",
  schema: CronJobSchema,
  status: true,
});

/**
 * v1 ReplicationController (`rc`, in "all"), served in the legacy group at /api/v1.
 *
 * @example
 * ```ts
 * import { replicationControllerDefinition } from "@skiff/workloads";
 *
 * replicationControllerDefinition.group; // ""
 * ```
 */
export const replicationControllerDefinition: ResourceDefinition = toDefinition({
  group: "",
  version: "v1",
  kind: "ReplicationController",
  plural: "replicationcontrollers",
  shortNames: ["rc"],
  categories: ["all"],
  scope: "Namespaced",
  schema: ReplicationControllerSchema,
  status: true,
  scale: SCALE,
});

/**
 * Every kind the workloads module serves.
 *
 * @example
 * ```ts
 * import { workloadsDefinitions } from "@skiff/workloads";
 *
 * workloadsDefinitions.map((d) => d.names.plural);
 * ```
 */
export const workloadsDefinitions: ResourceDefinition[] = [
  deploymentDefinition,
  replicaSetDefinition,
  statefulSetDefinition,
  daemonSetDefinition,
  controllerRevisionDefinition,
  jobDefinition,
  cronJobDefinition,
  replicationControllerDefinition,
];
