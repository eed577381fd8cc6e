/**
 * The Deployment kind (apps/v1).
 *
 * Field descriptions are Kubernetes 1.32's API documentation (k8s.io/api apps/v1, types_swagger_doc_generated.go),
 * which `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of apps/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import {
  fieldDocs,
  int32,
  int64,
  intOrString,
  k8s,
  LabelSelectorSchema,
  ObjectMetaSchema,
  time,
} from "@skiff/kinds";
import { PodTemplateSpecSchema } from "./pod_template.ts";

/**
 * Spec to control the desired behavior of rolling update.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { RollingUpdateDeploymentSchema } from "@skiff/workloads";
 *
 * v.parse(RollingUpdateDeploymentSchema, {});
 * ```
 */
export const RollingUpdateDeploymentSchema = v.pipe(
  v.object({
    maxUnavailable: v.optional(intOrString()),
    maxSurge: v.optional(intOrString()),
  }),
  fieldDocs({
    maxUnavailable:
      "The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding down. This can not be 0 if MaxSurge is 0. Defaults to 25%. Example: when this is set to 30%, the old ReplicaSet can be scaled down to 70% of desired pods immediately when the rolling update starts. Once new pods are ready, old ReplicaSet can be scaled down further, followed by scaling up the new ReplicaSet, ensuring that the total number of pods available at all times during the update is at least 70% of desired pods.",
    maxSurge:
      "The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up. Defaults to 25%. Example: when this is set to 30%, the new ReplicaSet can be scaled up immediately when the rolling update starts, such that the total number of old and new pods do not exceed 130% of desired pods. Once old pods have been killed, new ReplicaSet can be scaled up further, ensuring that total number of pods running at any time during the update is at most 130% of desired pods.",
  }),
);

/**
 * RollingUpdateDeployment as TypeScript sees it (see {@link RollingUpdateDeploymentSchema}).
 *
 * @example
 * ```ts
 * import type { RollingUpdateDeployment } from "@skiff/workloads";
 *
 * const value: RollingUpdateDeployment = {};
 * ```
 */
export type RollingUpdateDeployment = v.InferOutput<typeof RollingUpdateDeploymentSchema>;

/**
 * DeploymentStrategy describes how to replace existing pods with new ones.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DeploymentStrategySchema } from "@skiff/workloads";
 *
 * v.parse(DeploymentStrategySchema, {});
 * ```
 */
export const DeploymentStrategySchema = v.pipe(
  v.object({
    type: v.optional(v.picklist(["Recreate", "RollingUpdate"])),
    rollingUpdate: v.optional(RollingUpdateDeploymentSchema),
  }),
  fieldDocs({
    type: 'Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.',
    rollingUpdate: "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.",
  }),
);

/**
 * DeploymentStrategy as TypeScript sees it (see {@link DeploymentStrategySchema}).
 *
 * @example
 * ```ts
 * import type { DeploymentStrategy } from "@skiff/workloads";
 *
 * const value: DeploymentStrategy = {};
 * ```
 */
export type DeploymentStrategy = v.InferOutput<typeof DeploymentStrategySchema>;

/**
 * DeploymentSpec is the specification of the desired behavior of the Deployment.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DeploymentSpecSchema } from "@skiff/workloads";
 *
 * v.parse(DeploymentSpecSchema, { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } });
 * ```
 */
export const DeploymentSpecSchema = v.pipe(
  v.object({
    replicas: v.optional(int32()),
    selector: LabelSelectorSchema,
    template: PodTemplateSpecSchema,
    strategy: v.optional(
      v.pipe(DeploymentStrategySchema, k8s({ "x-kubernetes-patch-strategy": "retainKeys" })),
    ),
    minReadySeconds: v.optional(int32()),
    revisionHistoryLimit: v.optional(int32()),
    paused: v.optional(v.boolean()),
    progressDeadlineSeconds: v.optional(int32()),
  }),
  fieldDocs({
    replicas:
      "Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.",
    selector:
      "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
    template:
      'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
    strategy: "The deployment strategy to use to replace existing pods with new ones.",
    minReadySeconds:
      "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)",
    revisionHistoryLimit:
      "The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.",
    paused: "Indicates that the deployment is paused.",
    progressDeadlineSeconds:
      "The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.",
  }),
);

/**
 * DeploymentSpec as TypeScript sees it (see {@link DeploymentSpecSchema}).
 *
 * @example
 * ```ts
 * import type { DeploymentSpec } from "@skiff/workloads";
 *
 * const value: DeploymentSpec = { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } };
 * ```
 */
export type DeploymentSpec = v.InferOutput<typeof DeploymentSpecSchema>;

/**
 * DeploymentCondition describes the state of a deployment at a certain point.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DeploymentConditionSchema } from "@skiff/workloads";
 *
 * v.parse(DeploymentConditionSchema, { type: "Available", status: "True" });
 * ```
 */
export const DeploymentConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastUpdateTime: v.optional(time()),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type: "Type of deployment condition.",
    status: "Status of the condition, one of True, False, Unknown.",
    lastUpdateTime: "The last time this condition was updated.",
    lastTransitionTime: "Last time the condition transitioned from one status to another.",
    reason: "The reason for the condition's last transition.",
    message: "A human readable message indicating details about the transition.",
  }),
);

/**
 * DeploymentCondition as TypeScript sees it (see {@link DeploymentConditionSchema}).
 *
 * @example
 * ```ts
 * import type { DeploymentCondition } from "@skiff/workloads";
 *
 * const value: DeploymentCondition = { type: "Available", status: "True" };
 * ```
 */
export type DeploymentCondition = v.InferOutput<typeof DeploymentConditionSchema>;

/**
 * DeploymentStatus is the most recently observed status of the Deployment.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DeploymentStatusSchema } from "@skiff/workloads";
 *
 * v.parse(DeploymentStatusSchema, {});
 * ```
 */
export const DeploymentStatusSchema = v.pipe(
  v.object({
    observedGeneration: v.optional(int64()),
    replicas: v.optional(int32()),
    updatedReplicas: v.optional(int32()),
    readyReplicas: v.optional(int32()),
    availableReplicas: v.optional(int32()),
    unavailableReplicas: v.optional(int32()),
    conditions: v.optional(
      v.pipe(
        v.array(DeploymentConditionSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        }),
      ),
    ),
    collisionCount: v.optional(int32()),
  }),
  fieldDocs({
    observedGeneration: "The generation observed by the deployment controller.",
    replicas:
      "Total number of non-terminated pods targeted by this deployment (their labels match the selector).",
    updatedReplicas:
      "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
    readyReplicas: "readyReplicas is the number of pods targeted by this Deployment with a Ready Condition.",
    availableReplicas:
      "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
    unavailableReplicas:
      "Total number of unavailable pods targeted by this deployment. This is the total number of pods that are still required for the deployment to have 100% available capacity. They may either be pods that are running but not yet available or pods that still have not been created.",
    conditions: "Represents the latest available observations of a deployment's current state.",
    collisionCount:
      "Count of hash collisions for the Deployment. The Deployment controller uses this field as a collision avoidance mechanism when it needs to create the name for the newest ReplicaSet.",
  }),
);

/**
 * DeploymentStatus as TypeScript sees it (see {@link DeploymentStatusSchema}).
 *
 * @example
 * ```ts
 * import type { DeploymentStatus } from "@skiff/workloads";
 *
 * const value: DeploymentStatus = {};
 * ```
 */
export type DeploymentStatus = v.InferOutput<typeof DeploymentStatusSchema>;

/**
 * Deployment enables declarative updates for Pods and ReplicaSets.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DeploymentSchema } from "@skiff/workloads";
 *
 * v.parse(DeploymentSchema, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } });
 * ```
 */
export const DeploymentSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(DeploymentSpecSchema),
    status: v.optional(DeploymentStatusSchema),
  }),
  v.description(
    "Deployment enables declarative updates for Pods and ReplicaSets.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec: "Specification of the desired behavior of the Deployment.",
    status: "Most recently observed status of the Deployment.",
  }),
);

/**
 * Deployment as TypeScript sees it (see {@link DeploymentSchema}).
 *
 * @example
 * ```ts
 * import type { Deployment } from "@skiff/workloads";
 *
 * const value: Deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } };
 * ```
 */
export type Deployment = v.InferOutput<typeof DeploymentSchema>;
