/**
 * The DaemonSet kind (apps/v1).
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
 * Spec to control the desired behavior of daemon set rolling update.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { RollingUpdateDaemonSetSchema } from "@skiff/workloads";
 *
 * v.parse(RollingUpdateDaemonSetSchema, {});
 * ```
 */
export const RollingUpdateDaemonSetSchema = v.pipe(
  v.object({
    maxUnavailable: v.optional(intOrString()),
    maxSurge: v.optional(intOrString()),
  }),
  fieldDocs({
    maxUnavailable:
      "The maximum number of DaemonSet pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of total number of DaemonSet pods at the start of the update (ex: 10%). Absolute number is calculated from percentage by rounding up. This cannot be 0 if MaxSurge is 0 Default value is 1. Example: when this is set to 30%, at most 30% of the total number of nodes that should be running the daemon pod (i.e. status.desiredNumberScheduled) can have their pods stopped for an update at any given time. The update starts by stopping at most 30% of those DaemonSet pods and then brings up new DaemonSet pods in their place. Once the new pods are available, it then proceeds onto other DaemonSet pods, thus ensuring that at least 70% of original number of DaemonSet pods are available at all times during the update.",
    maxSurge:
      "The maximum number of nodes with an existing available DaemonSet pod that can have an updated DaemonSet pod during during an update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up to a minimum of 1. Default value is 0. Example: when this is set to 30%, at most 30% of the total number of nodes that should be running the daemon pod (i.e. status.desiredNumberScheduled) can have their a new pod created before the old pod is marked as deleted. The update starts by launching new pods on 30% of nodes. Once an updated pod is available (Ready for at least minReadySeconds) the old DaemonSet pod on that node is marked deleted. If the old pod becomes unavailable for any reason (Ready transitions to false, is evicted, or is drained) an updated pod is immediatedly created on that node without considering surge limits. Allowing surge implies the possibility that the resources consumed by the daemonset on any given node can double if the readiness check fails, and so resource intensive daemonsets should take into account that they may cause evictions during disruption.",
  }),
);

/**
 * RollingUpdateDaemonSet as TypeScript sees it (see {@link RollingUpdateDaemonSetSchema}).
 *
 * @example
 * ```ts
 * import type { RollingUpdateDaemonSet } from "@skiff/workloads";
 *
 * const value: RollingUpdateDaemonSet = {};
 * ```
 */
export type RollingUpdateDaemonSet = v.InferOutput<typeof RollingUpdateDaemonSetSchema>;

/**
 * DaemonSetUpdateStrategy is a struct used to control the update strategy for a DaemonSet.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DaemonSetUpdateStrategySchema } from "@skiff/workloads";
 *
 * v.parse(DaemonSetUpdateStrategySchema, {});
 * ```
 */
export const DaemonSetUpdateStrategySchema = v.pipe(
  v.object({
    type: v.optional(v.picklist(["OnDelete", "RollingUpdate"])),
    rollingUpdate: v.optional(RollingUpdateDaemonSetSchema),
  }),
  fieldDocs({
    type: 'Type of daemon set update. Can be "RollingUpdate" or "OnDelete". Default is RollingUpdate.',
    rollingUpdate: 'Rolling update config params. Present only if type = "RollingUpdate".',
  }),
);

/**
 * DaemonSetUpdateStrategy as TypeScript sees it (see {@link DaemonSetUpdateStrategySchema}).
 *
 * @example
 * ```ts
 * import type { DaemonSetUpdateStrategy } from "@skiff/workloads";
 *
 * const value: DaemonSetUpdateStrategy = {};
 * ```
 */
export type DaemonSetUpdateStrategy = v.InferOutput<typeof DaemonSetUpdateStrategySchema>;

/**
 * DaemonSetSpec is the specification of a daemon set.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DaemonSetSpecSchema } from "@skiff/workloads";
 *
 * v.parse(DaemonSetSpecSchema, { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } });
 * ```
 */
export const DaemonSetSpecSchema = v.pipe(
  v.object({
    selector: LabelSelectorSchema,
    template: PodTemplateSpecSchema,
    updateStrategy: v.optional(DaemonSetUpdateStrategySchema),
    minReadySeconds: v.optional(int32()),
    revisionHistoryLimit: v.optional(int32()),
  }),
  fieldDocs({
    selector:
      "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    template:
      'An object that describes the pod that will be created. The DaemonSet will create exactly one copy of this pod on every node that matches the template\'s node selector (or on every node if no node selector is specified). The only allowed template.spec.restartPolicy value is "Always". More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#pod-template',
    updateStrategy: "An update strategy to replace existing DaemonSet pods with new pods.",
    minReadySeconds:
      "The minimum number of seconds for which a newly created DaemonSet pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready).",
    revisionHistoryLimit:
      "The number of old history to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.",
  }),
);

/**
 * DaemonSetSpec as TypeScript sees it (see {@link DaemonSetSpecSchema}).
 *
 * @example
 * ```ts
 * import type { DaemonSetSpec } from "@skiff/workloads";
 *
 * const value: DaemonSetSpec = { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } };
 * ```
 */
export type DaemonSetSpec = v.InferOutput<typeof DaemonSetSpecSchema>;

/**
 * DaemonSetCondition describes the state of a DaemonSet at a certain point.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DaemonSetConditionSchema } from "@skiff/workloads";
 *
 * v.parse(DaemonSetConditionSchema, { type: "True", status: "True" });
 * ```
 */
export const DaemonSetConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type: "Type of DaemonSet condition.",
    status: "Status of the condition, one of True, False, Unknown.",
    lastTransitionTime: "Last time the condition transitioned from one status to another.",
    reason: "The reason for the condition's last transition.",
    message: "A human readable message indicating details about the transition.",
  }),
);

/**
 * DaemonSetCondition as TypeScript sees it (see {@link DaemonSetConditionSchema}).
 *
 * @example
 * ```ts
 * import type { DaemonSetCondition } from "@skiff/workloads";
 *
 * const value: DaemonSetCondition = { type: "True", status: "True" };
 * ```
 */
export type DaemonSetCondition = v.InferOutput<typeof DaemonSetConditionSchema>;

/**
 * DaemonSetStatus represents the current status of a daemon set.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DaemonSetStatusSchema } from "@skiff/workloads";
 *
 * v.parse(DaemonSetStatusSchema, { currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 1 });
 * ```
 */
export const DaemonSetStatusSchema = v.pipe(
  v.object({
    currentNumberScheduled: int32(),
    numberMisscheduled: int32(),
    desiredNumberScheduled: int32(),
    numberReady: int32(),
    observedGeneration: v.optional(int64()),
    updatedNumberScheduled: v.optional(int32()),
    numberAvailable: v.optional(int32()),
    numberUnavailable: v.optional(int32()),
    collisionCount: v.optional(int32()),
    conditions: v.optional(
      v.pipe(
        v.array(DaemonSetConditionSchema),
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
    currentNumberScheduled:
      "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/",
    numberMisscheduled:
      "The number of nodes that are running the daemon pod, but are not supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/",
    desiredNumberScheduled:
      "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/",
    numberReady:
      "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.",
    observedGeneration: "The most recent generation observed by the daemon set controller.",
    updatedNumberScheduled: "The total number of nodes that are running updated daemon pod",
    numberAvailable:
      "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)",
    numberUnavailable:
      "The number of nodes that should be running the daemon pod and have none of the daemon pod running and available (ready for at least spec.minReadySeconds)",
    collisionCount:
      "Count of hash collisions for the DaemonSet. The DaemonSet controller uses this field as a collision avoidance mechanism when it needs to create the name for the newest ControllerRevision.",
    conditions: "Represents the latest available observations of a DaemonSet's current state.",
  }),
);

/**
 * DaemonSetStatus as TypeScript sees it (see {@link DaemonSetStatusSchema}).
 *
 * @example
 * ```ts
 * import type { DaemonSetStatus } from "@skiff/workloads";
 *
 * const value: DaemonSetStatus = { currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 1 };
 * ```
 */
export type DaemonSetStatus = v.InferOutput<typeof DaemonSetStatusSchema>;

/**
 * DaemonSet represents the configuration of a daemon set.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DaemonSetSchema } from "@skiff/workloads";
 *
 * v.parse(DaemonSetSchema, { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } });
 * ```
 */
export const DaemonSetSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(DaemonSetSpecSchema),
    status: v.optional(DaemonSetStatusSchema),
  }),
  v.description(
    "DaemonSet represents the configuration of a daemon set.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "The desired behavior of this daemon set. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
    status:
      "The current status of this daemon set. This data may be out of date by some window of time. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * DaemonSet as TypeScript sees it (see {@link DaemonSetSchema}).
 *
 * @example
 * ```ts
 * import type { DaemonSet } from "@skiff/workloads";
 *
 * const value: DaemonSet = { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } };
 * ```
 */
export type DaemonSet = v.InferOutput<typeof DaemonSetSchema>;
