/**
 * PersistentVolumeClaim (v1) as a StatefulSet's volumeClaimTemplates hold it. The storage module serves
 * the kind; these schemas describe the template's shape until a shared one exists.
 *
 * Field descriptions are Kubernetes 1.32's API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go),
 * which `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, k8s, LabelSelectorSchema, ObjectMetaSchema, quantity, time } from "@skiff/kinds";

/**
 * TypedLocalObjectReference contains enough information to let you locate the typed referenced object inside the same namespace.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { TypedLocalObjectReferenceSchema } from "@skiff/workloads";
 *
 * v.parse(TypedLocalObjectReferenceSchema, { kind: "web", name: "web" });
 * ```
 */
export const TypedLocalObjectReferenceSchema = v.pipe(
  v.object({
    apiGroup: v.optional(v.string()),
    kind: v.string(),
    name: v.string(),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  fieldDocs({
    apiGroup:
      "APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group. For any other third-party types, APIGroup is required.",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    name: "Name is the name of resource being referenced",
  }),
);

/**
 * TypedLocalObjectReference as TypeScript sees it (see {@link TypedLocalObjectReferenceSchema}).
 *
 * @example
 * ```ts
 * import type { TypedLocalObjectReference } from "@skiff/workloads";
 *
 * const value: TypedLocalObjectReference = { kind: "web", name: "web" };
 * ```
 */
export type TypedLocalObjectReference = v.InferOutput<typeof TypedLocalObjectReferenceSchema>;

/**
 * TypedObjectReference contains enough information to let you locate the typed referenced object
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { TypedObjectReferenceSchema } from "@skiff/workloads";
 *
 * v.parse(TypedObjectReferenceSchema, { kind: "web", name: "web" });
 * ```
 */
export const TypedObjectReferenceSchema = v.pipe(
  v.object({
    apiGroup: v.optional(v.string()),
    kind: v.string(),
    name: v.string(),
    namespace: v.optional(v.string()),
  }),
  fieldDocs({
    apiGroup:
      "APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group. For any other third-party types, APIGroup is required.",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    name: "Name is the name of resource being referenced",
    namespace:
      "Namespace is the namespace of resource being referenced Note that when a namespace is specified, a gateway.networking.k8s.io/ReferenceGrant object is required in the referent namespace to allow that namespace's owner to accept the reference. See the ReferenceGrant documentation for details. (Alpha) This field requires the CrossNamespaceVolumeDataSource feature gate to be enabled.",
  }),
);

/**
 * TypedObjectReference as TypeScript sees it (see {@link TypedObjectReferenceSchema}).
 *
 * @example
 * ```ts
 * import type { TypedObjectReference } from "@skiff/workloads";
 *
 * const value: TypedObjectReference = { kind: "web", name: "web" };
 * ```
 */
export type TypedObjectReference = v.InferOutput<typeof TypedObjectReferenceSchema>;

/**
 * VolumeResourceRequirements describes the storage resource requirements for a volume.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { VolumeResourceRequirementsSchema } from "@skiff/workloads";
 *
 * v.parse(VolumeResourceRequirementsSchema, {});
 * ```
 */
export const VolumeResourceRequirementsSchema = v.pipe(
  v.object({
    limits: v.optional(v.record(v.string(), quantity())),
    requests: v.optional(v.record(v.string(), quantity())),
  }),
  fieldDocs({
    limits:
      "Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
    requests:
      "Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
  }),
);

/**
 * VolumeResourceRequirements as TypeScript sees it (see {@link VolumeResourceRequirementsSchema}).
 *
 * @example
 * ```ts
 * import type { VolumeResourceRequirements } from "@skiff/workloads";
 *
 * const value: VolumeResourceRequirements = {};
 * ```
 */
export type VolumeResourceRequirements = v.InferOutput<typeof VolumeResourceRequirementsSchema>;

/**
 * PersistentVolumeClaimSpec describes the common attributes of storage devices and allows a Source for provider-specific attributes
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PersistentVolumeClaimSpecSchema } from "@skiff/workloads";
 *
 * v.parse(PersistentVolumeClaimSpecSchema, {});
 * ```
 */
export const PersistentVolumeClaimSpecSchema = v.pipe(
  v.object({
    accessModes: v.optional(
      v.pipe(
        v.array(v.picklist(["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"])),
        k8s({ "x-kubernetes-list-type": "atomic" }),
      ),
    ),
    selector: v.optional(LabelSelectorSchema),
    resources: v.optional(VolumeResourceRequirementsSchema),
    volumeName: v.optional(v.string()),
    storageClassName: v.optional(v.string()),
    volumeMode: v.optional(v.picklist(["Block", "Filesystem"])),
    dataSource: v.optional(TypedLocalObjectReferenceSchema),
    dataSourceRef: v.optional(TypedObjectReferenceSchema),
    volumeAttributesClassName: v.optional(v.string()),
  }),
  fieldDocs({
    accessModes:
      "accessModes contains the desired access modes the volume should have. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1",
    selector: "selector is a label query over volumes to consider for binding.",
    resources:
      "resources represents the minimum resources the volume should have. If RecoverVolumeExpansionFailure feature is enabled users are allowed to specify resource requirements that are lower than previous value but must still be higher than capacity recorded in the status field of the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#resources",
    volumeName: "volumeName is the binding reference to the PersistentVolume backing this claim.",
    storageClassName:
      "storageClassName is the name of the StorageClass required by the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#class-1",
    volumeMode:
      "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.",
    dataSource:
      "dataSource field can be used to specify either: * An existing VolumeSnapshot object (snapshot.storage.k8s.io/VolumeSnapshot) * An existing PVC (PersistentVolumeClaim) If the provisioner or an external controller can support the specified data source, it will create a new volume based on the contents of the specified data source. When the AnyVolumeDataSource feature gate is enabled, dataSource contents will be copied to dataSourceRef, and dataSourceRef contents will be copied to dataSource when dataSourceRef.namespace is not specified. If the namespace is specified, then dataSourceRef will not be copied to dataSource.",
    dataSourceRef:
      "dataSourceRef specifies the object from which to populate the volume with data, if a non-empty volume is desired. This may be any object from a non-empty API group (non core object) or a PersistentVolumeClaim object. When this field is specified, volume binding will only succeed if the type of the specified object matches some installed volume populator or dynamic provisioner. This field will replace the functionality of the dataSource field and as such if both fields are non-empty, they must have the same value. For backwards compatibility, when namespace isn't specified in dataSourceRef, both fields (dataSource and dataSourceRef) will be set to the same value automatically if one of them is empty and the other is non-empty. When namespace is specified in dataSourceRef, dataSource isn't set to the same value and must be empty. There are three important differences between dataSource and dataSourceRef: * While dataSource only allows two specific types of objects, dataSourceRef\n  allows any non-core object, as well as PersistentVolumeClaim objects.\n* While dataSource ignores disallowed values (dropping them), dataSourceRef\n  preserves all values, and generates an error if a disallowed value is\n  specified.\n* While dataSource only allows local objects, dataSourceRef allows objects\n  in any namespaces.\n(Beta) Using this field requires the AnyVolumeDataSource feature gate to be enabled. (Alpha) Using the namespace field of dataSourceRef requires the CrossNamespaceVolumeDataSource feature gate to be enabled.",
    volumeAttributesClassName:
      "volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim. If specified, the CSI driver will create or update the volume with the attributes defined in the corresponding VolumeAttributesClass. This has a different purpose than storageClassName, it can be changed after the claim is created. An empty string value means that no VolumeAttributesClass will be applied to the claim but it's not allowed to reset this field to empty string once it is set. If unspecified and the PersistentVolumeClaim is unbound, the default VolumeAttributesClass will be set by the persistentvolume controller if it exists. If the resource referred to by volumeAttributesClass does not exist, this PersistentVolumeClaim will be set to a Pending state, as reflected by the modifyVolumeStatus field, until such as a resource exists. More info: https://kubernetes.io/docs/concepts/storage/volume-attributes-classes/ (Beta) Using this field requires the VolumeAttributesClass feature gate to be enabled (off by default).",
  }),
);

/**
 * PersistentVolumeClaimSpec as TypeScript sees it (see {@link PersistentVolumeClaimSpecSchema}).
 *
 * @example
 * ```ts
 * import type { PersistentVolumeClaimSpec } from "@skiff/workloads";
 *
 * const value: PersistentVolumeClaimSpec = {};
 * ```
 */
export type PersistentVolumeClaimSpec = v.InferOutput<typeof PersistentVolumeClaimSpecSchema>;

/**
 * PersistentVolumeClaimCondition contains details about state of pvc
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PersistentVolumeClaimConditionSchema } from "@skiff/workloads";
 *
 * v.parse(PersistentVolumeClaimConditionSchema, { type: "Resizing", status: "True" });
 * ```
 */
export const PersistentVolumeClaimConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastProbeTime: v.optional(time()),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type:
      "Type is the type of the condition. More info: https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/#:~:text=set%20to%20%27ResizeStarted%27.-,PersistentVolumeClaimCondition,-contains%20details%20about",
    status:
      "Status is the status of the condition. Can be True, False, Unknown. More info: https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/#:~:text=state%20of%20pvc-,conditions.status,-(string)%2C%20required",
    lastProbeTime: "lastProbeTime is the time we probed the condition.",
    lastTransitionTime:
      "lastTransitionTime is the time the condition transitioned from one status to another.",
    reason:
      'reason is a unique, this should be a short, machine understandable string that gives the reason for condition\'s last transition. If it reports "Resizing" that means the underlying persistent volume is being resized.',
    message: "message is the human-readable message indicating details about last transition.",
  }),
);

/**
 * PersistentVolumeClaimCondition as TypeScript sees it (see {@link PersistentVolumeClaimConditionSchema}).
 *
 * @example
 * ```ts
 * import type { PersistentVolumeClaimCondition } from "@skiff/workloads";
 *
 * const value: PersistentVolumeClaimCondition = { type: "Resizing", status: "True" };
 * ```
 */
export type PersistentVolumeClaimCondition = v.InferOutput<typeof PersistentVolumeClaimConditionSchema>;

/**
 * ModifyVolumeStatus represents the status object of ControllerModifyVolume operation
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ModifyVolumeStatusSchema } from "@skiff/workloads";
 *
 * v.parse(ModifyVolumeStatusSchema, { status: "Pending" });
 * ```
 */
export const ModifyVolumeStatusSchema = v.pipe(
  v.object({
    targetVolumeAttributesClassName: v.optional(v.string()),
    status: v.picklist(["InProgress", "Infeasible", "Pending"]),
  }),
  fieldDocs({
    targetVolumeAttributesClassName:
      "targetVolumeAttributesClassName is the name of the VolumeAttributesClass the PVC currently being reconciled",
    status:
      "status is the status of the ControllerModifyVolume operation. It can be in any of following states:\n - Pending\n   Pending indicates that the PersistentVolumeClaim cannot be modified due to unmet requirements, such as\n   the specified VolumeAttributesClass not existing.\n - InProgress\n   InProgress indicates that the volume is being modified.\n - Infeasible\n  Infeasible indicates that the request has been rejected as invalid by the CSI driver. To\n\t  resolve the error, a valid VolumeAttributesClass needs to be specified.\nNote: New statuses can be added in the future. Consumers should check for unknown statuses and fail appropriately.",
  }),
);

/**
 * ModifyVolumeStatus as TypeScript sees it (see {@link ModifyVolumeStatusSchema}).
 *
 * @example
 * ```ts
 * import type { ModifyVolumeStatus } from "@skiff/workloads";
 *
 * const value: ModifyVolumeStatus = { status: "Pending" };
 * ```
 */
export type ModifyVolumeStatus = v.InferOutput<typeof ModifyVolumeStatusSchema>;

/**
 * PersistentVolumeClaimStatus is the current status of a persistent volume claim.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PersistentVolumeClaimStatusSchema } from "@skiff/workloads";
 *
 * v.parse(PersistentVolumeClaimStatusSchema, {});
 * ```
 */
export const PersistentVolumeClaimStatusSchema = v.pipe(
  v.object({
    phase: v.optional(v.picklist(["Bound", "Lost", "Pending"])),
    accessModes: v.optional(
      v.pipe(
        v.array(v.picklist(["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"])),
        k8s({ "x-kubernetes-list-type": "atomic" }),
      ),
    ),
    capacity: v.optional(v.record(v.string(), quantity())),
    conditions: v.optional(
      v.pipe(
        v.array(PersistentVolumeClaimConditionSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        }),
      ),
    ),
    allocatedResources: v.optional(v.record(v.string(), quantity())),
    allocatedResourceStatuses: v.optional(
      v.pipe(
        v.record(
          v.string(),
          v.picklist([
            "ControllerResizeInProgress",
            "ControllerResizeInfeasible",
            "NodeResizeInProgress",
            "NodeResizeInfeasible",
            "NodeResizePending",
          ]),
        ),
        k8s({ "x-kubernetes-map-type": "granular" }),
      ),
    ),
    currentVolumeAttributesClassName: v.optional(v.string()),
    modifyVolumeStatus: v.optional(ModifyVolumeStatusSchema),
  }),
  fieldDocs({
    phase: "phase represents the current phase of PersistentVolumeClaim.",
    accessModes:
      "accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1",
    capacity: "capacity represents the actual resources of the underlying volume.",
    conditions:
      "conditions is the current Condition of persistent volume claim. If underlying persistent volume is being resized then the Condition will be set to 'Resizing'.",
    allocatedResources:
      'allocatedResources tracks the resources allocated to a PVC including its capacity. Key names follow standard Kubernetes label syntax. Valid values are either:\n\t* Un-prefixed keys:\n\t\t- storage - the capacity of the volume.\n\t* Custom resources must use implementation-defined prefixed names such as "example.com/my-custom-resource"\nApart from above values - keys that are unprefixed or have kubernetes.io prefix are considered reserved and hence may not be used.\n\nCapacity reported here may be larger than the actual capacity when a volume expansion operation is requested. For storage quota, the larger value from allocatedResources and PVC.spec.resources is used. If allocatedResources is not set, PVC.spec.resources alone is used for quota calculation. If a volume expansion capacity request is lowered, allocatedResources is only lowered if there are no expansion operations in progress and if the actual volume capacity is equal or lower than the requested capacity.\n\nA controller that receives PVC update with previously unknown resourceName should ignore the update for the purpose it was designed. For example - a controller that only is responsible for resizing capacity of the volume, should ignore PVC updates that change other valid resources associated with PVC.\n\nThis is an alpha field and requires enabling RecoverVolumeExpansionFailure feature.',
    allocatedResourceStatuses:
      'allocatedResourceStatuses stores status of resource being resized for the given PVC. Key names follow standard Kubernetes label syntax. Valid values are either:\n\t* Un-prefixed keys:\n\t\t- storage - the capacity of the volume.\n\t* Custom resources must use implementation-defined prefixed names such as "example.com/my-custom-resource"\nApart from above values - keys that are unprefixed or have kubernetes.io prefix are considered reserved and hence may not be used.\n\nClaimResourceStatus can be in any of following states:\n\t- ControllerResizeInProgress:\n\t\tState set when resize controller starts resizing the volume in control-plane.\n\t- ControllerResizeFailed:\n\t\tState set when resize has failed in resize controller with a terminal error.\n\t- NodeResizePending:\n\t\tState set when resize controller has finished resizing the volume but further resizing of\n\t\tvolume is needed on the node.\n\t- NodeResizeInProgress:\n\t\tState set when kubelet starts resizing the volume.\n\t- NodeResizeFailed:\n\t\tState set when resizing has failed in kubelet with a terminal error. Transient errors don\'t set\n\t\tNodeResizeFailed.\nFor example: if expanding a PVC for more capacity - this field can be one of the following states:\n\t- pvc.status.allocatedResourceStatus[\'storage\'] = "ControllerResizeInProgress"\n     - pvc.status.allocatedResourceStatus[\'storage\'] = "ControllerResizeFailed"\n     - pvc.status.allocatedResourceStatus[\'storage\'] = "NodeResizePending"\n     - pvc.status.allocatedResourceStatus[\'storage\'] = "NodeResizeInProgress"\n     - pvc.status.allocatedResourceStatus[\'storage\'] = "NodeResizeFailed"\nWhen this field is not set, it means that no resize operation is in progress for the given PVC.\n\nA controller that receives PVC update with previously unknown resourceName or ClaimResourceStatus should ignore the update for the purpose it was designed. For example - a controller that only is responsible for resizing capacity of the volume, should ignore PVC updates that change other valid resources associated with PVC.\n\nThis is an alpha field and requires enabling RecoverVolumeExpansionFailure feature.',
    currentVolumeAttributesClassName:
      "currentVolumeAttributesClassName is the current name of the VolumeAttributesClass the PVC is using. When unset, there is no VolumeAttributeClass applied to this PersistentVolumeClaim This is a beta field and requires enabling VolumeAttributesClass feature (off by default).",
    modifyVolumeStatus:
      "ModifyVolumeStatus represents the status object of ControllerModifyVolume operation. When this is unset, there is no ModifyVolume operation being attempted. This is a beta field and requires enabling VolumeAttributesClass feature (off by default).",
  }),
);

/**
 * PersistentVolumeClaimStatus as TypeScript sees it (see {@link PersistentVolumeClaimStatusSchema}).
 *
 * @example
 * ```ts
 * import type { PersistentVolumeClaimStatus } from "@skiff/workloads";
 *
 * const value: PersistentVolumeClaimStatus = {};
 * ```
 */
export type PersistentVolumeClaimStatus = v.InferOutput<typeof PersistentVolumeClaimStatusSchema>;

/**
 * PersistentVolumeClaim is a user's request for and claim to a persistent volume
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PersistentVolumeClaimSchema } from "@skiff/workloads";
 *
 * v.parse(PersistentVolumeClaimSchema, { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } });
 * ```
 */
export const PersistentVolumeClaimSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(PersistentVolumeClaimSpecSchema),
    status: v.optional(PersistentVolumeClaimStatusSchema),
  }),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "spec defines the desired characteristics of a volume requested by a pod author. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims",
    status:
      "status represents the current information/status of a persistent volume claim. Read-only. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims",
  }),
);

/**
 * PersistentVolumeClaim as TypeScript sees it (see {@link PersistentVolumeClaimSchema}).
 *
 * @example
 * ```ts
 * import type { PersistentVolumeClaim } from "@skiff/workloads";
 *
 * const value: PersistentVolumeClaim = { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } };
 * ```
 */
export type PersistentVolumeClaim = v.InferOutput<typeof PersistentVolumeClaimSchema>;
