/**
 * The StatefulSet kind (apps/v1).
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
import { PersistentVolumeClaimSchema } from "./persistent_volume_claim.ts";

/**
 * RollingUpdateStatefulSetStrategy is used to communicate parameter for RollingUpdateStatefulSetStrategyType.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { RollingUpdateStatefulSetStrategySchema } from "@skiff/workloads";
 *
 * v.parse(RollingUpdateStatefulSetStrategySchema, {});
 * ```
 */
export const RollingUpdateStatefulSetStrategySchema = v.pipe(
  v.object({
    partition: v.optional(int32()),
    maxUnavailable: v.optional(intOrString()),
  }),
  fieldDocs({
    partition:
      "Partition indicates the ordinal at which the StatefulSet should be partitioned for updates. During a rolling update, all pods from ordinal Replicas-1 to Partition are updated. All pods from ordinal Partition-1 to 0 remain untouched. This is helpful in being able to do a canary based deployment. The default value is 0.",
    maxUnavailable:
      "The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding up. This can not be 0. Defaults to 1. This field is alpha-level and is only honored by servers that enable the MaxUnavailableStatefulSet feature. The field applies to all pods in the range 0 to Replicas-1. That means if there is any unavailable pod in the range 0 to Replicas-1, it will be counted towards MaxUnavailable.",
  }),
);

/**
 * RollingUpdateStatefulSetStrategy as TypeScript sees it (see {@link RollingUpdateStatefulSetStrategySchema}).
 *
 * @example
 * ```ts
 * import type { RollingUpdateStatefulSetStrategy } from "@skiff/workloads";
 *
 * const value: RollingUpdateStatefulSetStrategy = {};
 * ```
 */
export type RollingUpdateStatefulSetStrategy = v.InferOutput<typeof RollingUpdateStatefulSetStrategySchema>;

/**
 * StatefulSetUpdateStrategy indicates the strategy that the StatefulSet controller will use to perform updates. It includes any additional parameters necessary to perform the update for the indicated strategy.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { StatefulSetUpdateStrategySchema } from "@skiff/workloads";
 *
 * v.parse(StatefulSetUpdateStrategySchema, {});
 * ```
 */
export const StatefulSetUpdateStrategySchema = v.pipe(
  v.object({
    type: v.optional(v.picklist(["OnDelete", "RollingUpdate"])),
    rollingUpdate: v.optional(RollingUpdateStatefulSetStrategySchema),
  }),
  fieldDocs({
    type: "Type indicates the type of the StatefulSetUpdateStrategy. Default is RollingUpdate.",
    rollingUpdate:
      "RollingUpdate is used to communicate parameters when Type is RollingUpdateStatefulSetStrategyType.",
  }),
);

/**
 * StatefulSetUpdateStrategy as TypeScript sees it (see {@link StatefulSetUpdateStrategySchema}).
 *
 * @example
 * ```ts
 * import type { StatefulSetUpdateStrategy } from "@skiff/workloads";
 *
 * const value: StatefulSetUpdateStrategy = {};
 * ```
 */
export type StatefulSetUpdateStrategy = v.InferOutput<typeof StatefulSetUpdateStrategySchema>;

/**
 * StatefulSetPersistentVolumeClaimRetentionPolicy describes the policy used for PVCs created from the StatefulSet VolumeClaimTemplates.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { StatefulSetPersistentVolumeClaimRetentionPolicySchema } from "@skiff/workloads";
 *
 * v.parse(StatefulSetPersistentVolumeClaimRetentionPolicySchema, {});
 * ```
 */
export const StatefulSetPersistentVolumeClaimRetentionPolicySchema = v.pipe(
  v.object({
    whenDeleted: v.optional(v.string()),
    whenScaled: v.optional(v.string()),
  }),
  fieldDocs({
    whenDeleted:
      "WhenDeleted specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is deleted. The default policy of `Retain` causes PVCs to not be affected by StatefulSet deletion. The `Delete` policy causes those PVCs to be deleted.",
    whenScaled:
      "WhenScaled specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is scaled down. The default policy of `Retain` causes PVCs to not be affected by a scaledown. The `Delete` policy causes the associated PVCs for any excess pods above the replica count to be deleted.",
  }),
);

/**
 * StatefulSetPersistentVolumeClaimRetentionPolicy as TypeScript sees it (see {@link StatefulSetPersistentVolumeClaimRetentionPolicySchema}).
 *
 * @example
 * ```ts
 * import type { StatefulSetPersistentVolumeClaimRetentionPolicy } from "@skiff/workloads";
 *
 * const value: StatefulSetPersistentVolumeClaimRetentionPolicy = {};
 * ```
 */
export type StatefulSetPersistentVolumeClaimRetentionPolicy = v.InferOutput<
  typeof StatefulSetPersistentVolumeClaimRetentionPolicySchema
>;

/**
 * StatefulSetOrdinals describes the policy used for replica ordinal assignment in this StatefulSet.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { StatefulSetOrdinalsSchema } from "@skiff/workloads";
 *
 * v.parse(StatefulSetOrdinalsSchema, {});
 * ```
 */
export const StatefulSetOrdinalsSchema = v.pipe(
  v.object({
    start: v.optional(int32()),
  }),
  fieldDocs({
    start:
      "start is the number representing the first replica's index. It may be used to number replicas from an alternate index (eg: 1-indexed) over the default 0-indexed names, or to orchestrate progressive movement of replicas from one StatefulSet to another. If set, replica indices will be in the range:\n  [.spec.ordinals.start, .spec.ordinals.start + .spec.replicas).\nIf unset, defaults to 0. Replica indices will be in the range:\n  [0, .spec.replicas).",
  }),
);

/**
 * StatefulSetOrdinals as TypeScript sees it (see {@link StatefulSetOrdinalsSchema}).
 *
 * @example
 * ```ts
 * import type { StatefulSetOrdinals } from "@skiff/workloads";
 *
 * const value: StatefulSetOrdinals = {};
 * ```
 */
export type StatefulSetOrdinals = v.InferOutput<typeof StatefulSetOrdinalsSchema>;

/**
 * A StatefulSetSpec is the specification of a StatefulSet.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { StatefulSetSpecSchema } from "@skiff/workloads";
 *
 * v.parse(StatefulSetSpecSchema, { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } }, serviceName: "web" });
 * ```
 */
export const StatefulSetSpecSchema = v.pipe(
  v.object({
    replicas: v.optional(int32()),
    selector: LabelSelectorSchema,
    template: PodTemplateSpecSchema,
    volumeClaimTemplates: v.optional(
      v.pipe(v.array(PersistentVolumeClaimSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    serviceName: v.optional(v.string()),
    podManagementPolicy: v.optional(v.picklist(["OrderedReady", "Parallel"])),
    updateStrategy: v.optional(StatefulSetUpdateStrategySchema),
    revisionHistoryLimit: v.optional(int32()),
    minReadySeconds: v.optional(int32()),
    persistentVolumeClaimRetentionPolicy: v.optional(StatefulSetPersistentVolumeClaimRetentionPolicySchema),
    ordinals: v.optional(StatefulSetOrdinalsSchema),
  }),
  fieldDocs({
    replicas:
      "replicas is the desired number of replicas of the given Template. These are replicas in the sense that they are instantiations of the same Template, but individual replicas also have a consistent identity. If unspecified, defaults to 1.",
    selector:
      "selector is a label query over pods that should match the replica count. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    template:
      'template is the object that describes the pod that will be created if insufficient replicas are detected. Each pod stamped out by the StatefulSet will fulfill this Template, but have a unique identity from the rest of the StatefulSet. Each pod will be named with the format <statefulsetname>-<podindex>. For example, a pod in a StatefulSet named "web" with index number "3" would be named "web-3". The only allowed template.spec.restartPolicy value is "Always".',
    volumeClaimTemplates:
      "volumeClaimTemplates is a list of claims that pods are allowed to reference. The StatefulSet controller is responsible for mapping network identities to claims in a way that maintains the identity of a pod. Every claim in this list must have at least one matching (by name) volumeMount in one container in the template. A claim in this list takes precedence over any volumes in the template, with the same name.",
    serviceName:
      'serviceName is the name of the service that governs this StatefulSet. This service must exist before the StatefulSet, and is responsible for the network identity of the set. Pods get DNS/hostnames that follow the pattern: pod-specific-string.serviceName.default.svc.cluster.local where "pod-specific-string" is managed by the StatefulSet controller.',
    podManagementPolicy:
      "podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down. The default policy is `OrderedReady`, where pods are created in increasing order (pod-0, then pod-1, etc) and the controller will wait until each pod is ready before continuing. When scaling down, the pods are removed in the opposite order. The alternative policy is `Parallel` which will create pods in parallel to match the desired scale without waiting, and on scale down will delete all pods at once.",
    updateStrategy:
      "updateStrategy indicates the StatefulSetUpdateStrategy that will be employed to update Pods in the StatefulSet when a revision is made to Template.",
    revisionHistoryLimit:
      "revisionHistoryLimit is the maximum number of revisions that will be maintained in the StatefulSet's revision history. The revision history consists of all revisions not represented by a currently applied StatefulSetSpec version. The default value is 10.",
    minReadySeconds:
      "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)",
    persistentVolumeClaimRetentionPolicy:
      "persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent volume claims created from volumeClaimTemplates. By default, all persistent volume claims are created as needed and retained until manually deleted. This policy allows the lifecycle to be altered, for example by deleting persistent volume claims when their stateful set is deleted, or when their pod is scaled down.",
    ordinals:
      'ordinals controls the numbering of replica indices in a StatefulSet. The default ordinals behavior assigns a "0" index to the first replica and increments the index by one for each additional replica requested.',
  }),
);

/**
 * StatefulSetSpec as TypeScript sees it (see {@link StatefulSetSpecSchema}).
 *
 * @example
 * ```ts
 * import type { StatefulSetSpec } from "@skiff/workloads";
 *
 * const value: StatefulSetSpec = { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } }, serviceName: "web" };
 * ```
 */
export type StatefulSetSpec = v.InferOutput<typeof StatefulSetSpecSchema>;

/**
 * StatefulSetCondition describes the state of a statefulset at a certain point.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { StatefulSetConditionSchema } from "@skiff/workloads";
 *
 * v.parse(StatefulSetConditionSchema, { type: "True", status: "True" });
 * ```
 */
export const StatefulSetConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type: "Type of statefulset condition.",
    status: "Status of the condition, one of True, False, Unknown.",
    lastTransitionTime: "Last time the condition transitioned from one status to another.",
    reason: "The reason for the condition's last transition.",
    message: "A human readable message indicating details about the transition.",
  }),
);

/**
 * StatefulSetCondition as TypeScript sees it (see {@link StatefulSetConditionSchema}).
 *
 * @example
 * ```ts
 * import type { StatefulSetCondition } from "@skiff/workloads";
 *
 * const value: StatefulSetCondition = { type: "True", status: "True" };
 * ```
 */
export type StatefulSetCondition = v.InferOutput<typeof StatefulSetConditionSchema>;

/**
 * StatefulSetStatus represents the current state of a StatefulSet.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { StatefulSetStatusSchema } from "@skiff/workloads";
 *
 * v.parse(StatefulSetStatusSchema, { replicas: 3 });
 * ```
 */
export const StatefulSetStatusSchema = v.pipe(
  v.object({
    observedGeneration: v.optional(int64()),
    replicas: int32(),
    readyReplicas: v.optional(int32()),
    currentReplicas: v.optional(int32()),
    updatedReplicas: v.optional(int32()),
    currentRevision: v.optional(v.string()),
    updateRevision: v.optional(v.string()),
    collisionCount: v.optional(int32()),
    conditions: v.optional(
      v.pipe(
        v.array(StatefulSetConditionSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        }),
      ),
    ),
    availableReplicas: v.optional(int32()),
  }),
  fieldDocs({
    observedGeneration:
      "observedGeneration is the most recent generation observed for this StatefulSet. It corresponds to the StatefulSet's generation, which is updated on mutation by the API Server.",
    replicas: "replicas is the number of Pods created by the StatefulSet controller.",
    readyReplicas: "readyReplicas is the number of pods created for this StatefulSet with a Ready Condition.",
    currentReplicas:
      "currentReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by currentRevision.",
    updatedReplicas:
      "updatedReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by updateRevision.",
    currentRevision:
      "currentRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas).",
    updateRevision:
      "updateRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)",
    collisionCount:
      "collisionCount is the count of hash collisions for the StatefulSet. The StatefulSet controller uses this field as a collision avoidance mechanism when it needs to create the name for the newest ControllerRevision.",
    conditions: "Represents the latest available observations of a statefulset's current state.",
    availableReplicas:
      "Total number of available pods (ready for at least minReadySeconds) targeted by this statefulset.",
  }),
);

/**
 * StatefulSetStatus as TypeScript sees it (see {@link StatefulSetStatusSchema}).
 *
 * @example
 * ```ts
 * import type { StatefulSetStatus } from "@skiff/workloads";
 *
 * const value: StatefulSetStatus = { replicas: 3 };
 * ```
 */
export type StatefulSetStatus = v.InferOutput<typeof StatefulSetStatusSchema>;

/**
 * StatefulSet represents a set of pods with consistent identities. Identities are defined as:
 *   - Network: A single stable DNS and hostname.
 *   - Storage: As many VolumeClaims as requested.
 *
 * The StatefulSet guarantees that a given network identity will always map to the same storage identity.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { StatefulSetSchema } from "@skiff/workloads";
 *
 * v.parse(StatefulSetSchema, { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "web" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } }, serviceName: "web" } });
 * ```
 */
export const StatefulSetSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(StatefulSetSpecSchema),
    status: v.optional(StatefulSetStatusSchema),
  }),
  v.description(
    "StatefulSet represents a set of pods with consistent identities. Identities are defined as:\n  - Network: A single stable DNS and hostname.\n  - Storage: As many VolumeClaims as requested.\n\nThe StatefulSet guarantees that a given network identity will always map to the same storage identity.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec: "Spec defines the desired identities of pods in this set.",
    status:
      "Status is the current status of Pods in this StatefulSet. This data may be out of date by some window of time.",
  }),
);

/**
 * StatefulSet as TypeScript sees it (see {@link StatefulSetSchema}).
 *
 * @example
 * ```ts
 * import type { StatefulSet } from "@skiff/workloads";
 *
 * const value: StatefulSet = { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "web" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } }, serviceName: "web" } };
 * ```
 */
export type StatefulSet = v.InferOutput<typeof StatefulSetSchema>;
