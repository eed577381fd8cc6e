/**
 * The ReplicationController kind (v1), the ReplicaSet's predecessor with an equality-based selector.
 *
 * Field descriptions are Kubernetes 1.32's API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go),
 * which `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s, ObjectMetaSchema, time } from "@skiff/kinds";
import { PodTemplateSpecSchema } from "./pod_template.ts";

/**
 * ReplicationControllerSpec is the specification of a replication controller.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ReplicationControllerSpecSchema } from "@skiff/workloads";
 *
 * v.parse(ReplicationControllerSpecSchema, { selector: { app: "web" }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } });
 * ```
 */
export const ReplicationControllerSpecSchema = v.pipe(
  v.object({
    replicas: v.optional(int32()),
    minReadySeconds: v.optional(int32()),
    selector: v.optional(
      v.pipe(v.record(v.string(), v.string()), k8s({ "x-kubernetes-map-type": "atomic" })),
    ),
    template: v.optional(PodTemplateSpecSchema),
  }),
  fieldDocs({
    replicas:
      "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller",
    minReadySeconds:
      "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)",
    selector:
      "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    template:
      'Template is the object that describes the pod that will be created if insufficient replicas are detected. This takes precedence over a TemplateRef. The only allowed template.spec.restartPolicy value is "Always". More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#pod-template',
  }),
);

/**
 * ReplicationControllerSpec as TypeScript sees it (see {@link ReplicationControllerSpecSchema}).
 *
 * @example
 * ```ts
 * import type { ReplicationControllerSpec } from "@skiff/workloads";
 *
 * const value: ReplicationControllerSpec = { selector: { app: "web" }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } };
 * ```
 */
export type ReplicationControllerSpec = v.InferOutput<typeof ReplicationControllerSpecSchema>;

/**
 * ReplicationControllerCondition describes the state of a replication controller at a certain point.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ReplicationControllerConditionSchema } from "@skiff/workloads";
 *
 * v.parse(ReplicationControllerConditionSchema, { type: "ReplicaFailure", status: "True" });
 * ```
 */
export const ReplicationControllerConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type: "Type of replication controller condition.",
    status: "Status of the condition, one of True, False, Unknown.",
    lastTransitionTime: "The last time the condition transitioned from one status to another.",
    reason: "The reason for the condition's last transition.",
    message: "A human readable message indicating details about the transition.",
  }),
);

/**
 * ReplicationControllerCondition as TypeScript sees it (see {@link ReplicationControllerConditionSchema}).
 *
 * @example
 * ```ts
 * import type { ReplicationControllerCondition } from "@skiff/workloads";
 *
 * const value: ReplicationControllerCondition = { type: "ReplicaFailure", status: "True" };
 * ```
 */
export type ReplicationControllerCondition = v.InferOutput<typeof ReplicationControllerConditionSchema>;

/**
 * ReplicationControllerStatus represents the current status of a replication controller.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ReplicationControllerStatusSchema } from "@skiff/workloads";
 *
 * v.parse(ReplicationControllerStatusSchema, { replicas: 3 });
 * ```
 */
export const ReplicationControllerStatusSchema = v.pipe(
  v.object({
    replicas: int32(),
    fullyLabeledReplicas: v.optional(int32()),
    readyReplicas: v.optional(int32()),
    availableReplicas: v.optional(int32()),
    observedGeneration: v.optional(int64()),
    conditions: v.optional(
      v.pipe(
        v.array(ReplicationControllerConditionSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        }),
      ),
    ),
  }),
  fieldDocs({
    replicas:
      "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller",
    fullyLabeledReplicas:
      "The number of pods that have labels matching the labels of the pod template of the replication controller.",
    readyReplicas: "The number of ready replicas for this replication controller.",
    availableReplicas:
      "The number of available replicas (ready for at least minReadySeconds) for this replication controller.",
    observedGeneration:
      "ObservedGeneration reflects the generation of the most recently observed replication controller.",
    conditions: "Represents the latest available observations of a replication controller's current state.",
  }),
);

/**
 * ReplicationControllerStatus as TypeScript sees it (see {@link ReplicationControllerStatusSchema}).
 *
 * @example
 * ```ts
 * import type { ReplicationControllerStatus } from "@skiff/workloads";
 *
 * const value: ReplicationControllerStatus = { replicas: 3 };
 * ```
 */
export type ReplicationControllerStatus = v.InferOutput<typeof ReplicationControllerStatusSchema>;

/**
 * ReplicationController represents the configuration of a replication controller.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ReplicationControllerSchema } from "@skiff/workloads";
 *
 * v.parse(ReplicationControllerSchema, { apiVersion: "v1", kind: "ReplicationController", metadata: { name: "web" }, spec: { selector: { app: "web" }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } });
 * ```
 */
export const ReplicationControllerSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(ReplicationControllerSpecSchema),
    status: v.optional(ReplicationControllerStatusSchema),
  }),
  v.description(
    "ReplicationController represents the configuration of a replication controller.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "If the Labels of a ReplicationController are empty, they are defaulted to be the same as the Pod(s) that the replication controller manages. Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Spec defines the specification of the desired behavior of the replication controller. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
    status:
      "Status is the most recently observed status of the replication controller. This data may be out of date by some window of time. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * ReplicationController as TypeScript sees it (see {@link ReplicationControllerSchema}).
 *
 * @example
 * ```ts
 * import type { ReplicationController } from "@skiff/workloads";
 *
 * const value: ReplicationController = { apiVersion: "v1", kind: "ReplicationController", metadata: { name: "web" }, spec: { selector: { app: "web" }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } };
 * ```
 */
export type ReplicationController = v.InferOutput<typeof ReplicationControllerSchema>;
