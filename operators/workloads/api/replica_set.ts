/**
 * The ReplicaSet kind (apps/v1).
 *
 * Field descriptions are Kubernetes 1.32's API documentation (k8s.io/api apps/v1, types_swagger_doc_generated.go),
 * which `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of apps/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s, LabelSelectorSchema, ObjectMetaSchema, time } from "@skiff/kinds";
import { PodTemplateSpecSchema } from "./pod_template.ts";

/**
 * ReplicaSetSpec is the specification of a ReplicaSet.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ReplicaSetSpecSchema } from "@skiff/workloads";
 *
 * v.parse(ReplicaSetSpecSchema, { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } });
 * ```
 */
export const ReplicaSetSpecSchema = v.pipe(
  v.object({
    replicas: v.optional(int32()),
    minReadySeconds: v.optional(int32()),
    selector: LabelSelectorSchema,
    template: v.optional(PodTemplateSpecSchema),
  }),
  fieldDocs({
    replicas:
      "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller",
    minReadySeconds:
      "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)",
    selector:
      "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    template:
      "Template is the object that describes the pod that will be created if insufficient replicas are detected. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#pod-template",
  }),
);

/**
 * ReplicaSetSpec as TypeScript sees it (see {@link ReplicaSetSpecSchema}).
 *
 * @example
 * ```ts
 * import type { ReplicaSetSpec } from "@skiff/workloads";
 *
 * const value: ReplicaSetSpec = { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } };
 * ```
 */
export type ReplicaSetSpec = v.InferOutput<typeof ReplicaSetSpecSchema>;

/**
 * ReplicaSetCondition describes the state of a replica set at a certain point.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ReplicaSetConditionSchema } from "@skiff/workloads";
 *
 * v.parse(ReplicaSetConditionSchema, { type: "ReplicaFailure", status: "True" });
 * ```
 */
export const ReplicaSetConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type: "Type of replica set condition.",
    status: "Status of the condition, one of True, False, Unknown.",
    lastTransitionTime: "The last time the condition transitioned from one status to another.",
    reason: "The reason for the condition's last transition.",
    message: "A human readable message indicating details about the transition.",
  }),
);

/**
 * ReplicaSetCondition as TypeScript sees it (see {@link ReplicaSetConditionSchema}).
 *
 * @example
 * ```ts
 * import type { ReplicaSetCondition } from "@skiff/workloads";
 *
 * const value: ReplicaSetCondition = { type: "ReplicaFailure", status: "True" };
 * ```
 */
export type ReplicaSetCondition = v.InferOutput<typeof ReplicaSetConditionSchema>;

/**
 * ReplicaSetStatus represents the current status of a ReplicaSet.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ReplicaSetStatusSchema } from "@skiff/workloads";
 *
 * v.parse(ReplicaSetStatusSchema, { replicas: 3 });
 * ```
 */
export const ReplicaSetStatusSchema = v.pipe(
  v.object({
    replicas: int32(),
    fullyLabeledReplicas: v.optional(int32()),
    readyReplicas: v.optional(int32()),
    availableReplicas: v.optional(int32()),
    observedGeneration: v.optional(int64()),
    conditions: v.optional(
      v.pipe(
        v.array(ReplicaSetConditionSchema),
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
      "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller",
    fullyLabeledReplicas:
      "The number of pods that have labels matching the labels of the pod template of the replicaset.",
    readyReplicas: "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.",
    availableReplicas:
      "The number of available replicas (ready for at least minReadySeconds) for this replica set.",
    observedGeneration:
      "ObservedGeneration reflects the generation of the most recently observed ReplicaSet.",
    conditions: "Represents the latest available observations of a replica set's current state.",
  }),
);

/**
 * ReplicaSetStatus as TypeScript sees it (see {@link ReplicaSetStatusSchema}).
 *
 * @example
 * ```ts
 * import type { ReplicaSetStatus } from "@skiff/workloads";
 *
 * const value: ReplicaSetStatus = { replicas: 3 };
 * ```
 */
export type ReplicaSetStatus = v.InferOutput<typeof ReplicaSetStatusSchema>;

/**
 * ReplicaSet ensures that a specified number of pod replicas are running at any given time.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ReplicaSetSchema } from "@skiff/workloads";
 *
 * v.parse(ReplicaSetSchema, { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } });
 * ```
 */
export const ReplicaSetSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(ReplicaSetSpecSchema),
    status: v.optional(ReplicaSetStatusSchema),
  }),
  v.description(
    "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "If the Labels of a ReplicaSet are empty, they are defaulted to be the same as the Pod(s) that the ReplicaSet manages. Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Spec defines the specification of the desired behavior of the ReplicaSet. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
    status:
      "Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * ReplicaSet as TypeScript sees it (see {@link ReplicaSetSchema}).
 *
 * @example
 * ```ts
 * import type { ReplicaSet } from "@skiff/workloads";
 *
 * const value: ReplicaSet = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } };
 * ```
 */
export type ReplicaSet = v.InferOutput<typeof ReplicaSetSchema>;
