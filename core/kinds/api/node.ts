/**
 * The Node kind (v1): spec (pod CIDRs, provider ID, taints) and status (capacity, conditions, addresses, node info).
 * The deprecated configSource/externalID and status.config are left out.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s, quantity, time } from "../k8s.ts";
import { ObjectMetaSchema } from "./meta.ts";

/**
 * The node this Taint is attached to has the "effect" on any pod that does not tolerate the Taint.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { TaintSchema } from "@skiff/kinds";
 *
 * v.parse(TaintSchema, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" });
 * ```
 */
export const TaintSchema = v.pipe(
  v.object({
    key: v.string(),
    value: v.optional(v.string()),
    effect: v.picklist(["NoExecute", "NoSchedule", "PreferNoSchedule"]),
    timeAdded: v.optional(time()),
  }),
  fieldDocs({
    key: "Required. The taint key to be applied to a node.",
    value: "The taint value corresponding to the taint key.",
    effect:
      "Required. The effect of the taint on pods that do not tolerate the taint. Valid effects are NoSchedule, PreferNoSchedule and NoExecute.",
    timeAdded: "TimeAdded represents the time at which the taint was added.",
  }),
);

/**
 * Taint as TypeScript sees it (see {@link TaintSchema}).
 *
 * @example
 * ```ts
 * import type { Taint } from "@skiff/kinds";
 *
 * const value: Taint = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };
 * ```
 */
export type Taint = v.InferOutput<typeof TaintSchema>;

/**
 * NodeSpec describes the attributes that a node is created with.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeSpecSchema } from "@skiff/kinds";
 *
 * v.parse(NodeSpecSchema, {});
 * ```
 */
export const NodeSpecSchema = v.pipe(
  v.object({
    podCIDR: v.optional(v.string()),
    podCIDRs: v.optional(
      v.pipe(
        v.array(v.string()),
        k8s({ "x-kubernetes-patch-strategy": "merge", "x-kubernetes-list-type": "set" }),
      ),
    ),
    providerID: v.optional(v.string()),
    unschedulable: v.optional(v.boolean()),
    taints: v.optional(v.pipe(v.array(TaintSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    podCIDR: "PodCIDR represents the pod IP range assigned to the node.",
    podCIDRs:
      "podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node. If this field is specified, the 0th entry must match the podCIDR field. It may contain at most 1 value for each of IPv4 and IPv6.",
    providerID:
      "ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>",
    unschedulable:
      "Unschedulable controls node schedulability of new pods. By default, node is schedulable. More info: https://kubernetes.io/docs/concepts/nodes/node/#manual-node-administration",
    taints: "If specified, the node's taints.",
  }),
);

/**
 * NodeSpec as TypeScript sees it (see {@link NodeSpecSchema}).
 *
 * @example
 * ```ts
 * import type { NodeSpec } from "@skiff/kinds";
 *
 * const value: NodeSpec = {};
 * ```
 */
export type NodeSpec = v.InferOutput<typeof NodeSpecSchema>;

/**
 * NodeCondition contains condition information for a node.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeConditionSchema } from "@skiff/kinds";
 *
 * v.parse(NodeConditionSchema, { type: "Ready", status: "True" });
 * ```
 */
export const NodeConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastHeartbeatTime: v.optional(time()),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type: "Type of node condition.",
    status: "Status of the condition, one of True, False, Unknown.",
    lastHeartbeatTime: "Last time we got an update on a given condition.",
    lastTransitionTime: "Last time the condition transit from one status to another.",
    reason: "(brief) reason for the condition's last transition.",
    message: "Human readable message indicating details about last transition.",
  }),
);

/**
 * NodeCondition as TypeScript sees it (see {@link NodeConditionSchema}).
 *
 * @example
 * ```ts
 * import type { NodeCondition } from "@skiff/kinds";
 *
 * const value: NodeCondition = { type: "Ready", status: "True" };
 * ```
 */
export type NodeCondition = v.InferOutput<typeof NodeConditionSchema>;

/**
 * NodeAddress contains information for the node's address.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeAddressSchema } from "@skiff/kinds";
 *
 * v.parse(NodeAddressSchema, { type: "Ready", address: "10.0.0.1" });
 * ```
 */
export const NodeAddressSchema = v.pipe(
  v.object({
    type: v.string(),
    address: v.string(),
  }),
  fieldDocs({
    type: "Node address type, one of Hostname, ExternalIP or InternalIP.",
    address: "The node address.",
  }),
);

/**
 * NodeAddress as TypeScript sees it (see {@link NodeAddressSchema}).
 *
 * @example
 * ```ts
 * import type { NodeAddress } from "@skiff/kinds";
 *
 * const value: NodeAddress = { type: "Ready", address: "10.0.0.1" };
 * ```
 */
export type NodeAddress = v.InferOutput<typeof NodeAddressSchema>;

/**
 * DaemonEndpoint contains information about a single Daemon endpoint.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DaemonEndpointSchema } from "@skiff/kinds";
 *
 * v.parse(DaemonEndpointSchema, { Port: 1 });
 * ```
 */
export const DaemonEndpointSchema = v.pipe(
  v.object({
    Port: int32(),
  }),
  fieldDocs({
    Port: "Port number of the given endpoint.",
  }),
);

/**
 * DaemonEndpoint as TypeScript sees it (see {@link DaemonEndpointSchema}).
 *
 * @example
 * ```ts
 * import type { DaemonEndpoint } from "@skiff/kinds";
 *
 * const value: DaemonEndpoint = { Port: 1 };
 * ```
 */
export type DaemonEndpoint = v.InferOutput<typeof DaemonEndpointSchema>;

/**
 * NodeDaemonEndpoints lists ports opened by daemons running on the Node.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeDaemonEndpointsSchema } from "@skiff/kinds";
 *
 * v.parse(NodeDaemonEndpointsSchema, {});
 * ```
 */
export const NodeDaemonEndpointsSchema = v.pipe(
  v.object({
    kubeletEndpoint: v.optional(DaemonEndpointSchema),
  }),
  fieldDocs({
    kubeletEndpoint: "Endpoint on which Kubelet is listening.",
  }),
);

/**
 * NodeDaemonEndpoints as TypeScript sees it (see {@link NodeDaemonEndpointsSchema}).
 *
 * @example
 * ```ts
 * import type { NodeDaemonEndpoints } from "@skiff/kinds";
 *
 * const value: NodeDaemonEndpoints = {};
 * ```
 */
export type NodeDaemonEndpoints = v.InferOutput<typeof NodeDaemonEndpointsSchema>;

/**
 * NodeSwapStatus represents swap memory information.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeSwapStatusSchema } from "@skiff/kinds";
 *
 * v.parse(NodeSwapStatusSchema, {});
 * ```
 */
export const NodeSwapStatusSchema = v.pipe(
  v.object({
    capacity: v.optional(int64()),
  }),
  fieldDocs({
    capacity: "Total amount of swap memory in bytes.",
  }),
);

/**
 * NodeSwapStatus as TypeScript sees it (see {@link NodeSwapStatusSchema}).
 *
 * @example
 * ```ts
 * import type { NodeSwapStatus } from "@skiff/kinds";
 *
 * const value: NodeSwapStatus = {};
 * ```
 */
export type NodeSwapStatus = v.InferOutput<typeof NodeSwapStatusSchema>;

/**
 * NodeSystemInfo is a set of ids/uuids to uniquely identify the node.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeSystemInfoSchema } from "@skiff/kinds";
 *
 * v.parse(NodeSystemInfoSchema, { machineID: "m1", systemUUID: "u1", bootID: "b1", kernelVersion: "6.8.0", osImage: "Ubuntu 24.04", containerRuntimeVersion: "containerd://2.0.0", kubeletVersion: "v1.33.0", kubeProxyVersion: "v1.33.0", operatingSystem: "linux", architecture: "amd64" });
 * ```
 */
export const NodeSystemInfoSchema = v.pipe(
  v.object({
    machineID: v.string(),
    systemUUID: v.string(),
    bootID: v.string(),
    kernelVersion: v.string(),
    osImage: v.string(),
    containerRuntimeVersion: v.string(),
    kubeletVersion: v.string(),
    kubeProxyVersion: v.string(),
    operatingSystem: v.string(),
    architecture: v.string(),
    swap: v.optional(NodeSwapStatusSchema),
  }),
  fieldDocs({
    machineID:
      "MachineID reported by the node. For unique machine identification in the cluster this field is preferred. Learn more from man(5) machine-id: http://man7.org/linux/man-pages/man5/machine-id.5.html",
    systemUUID:
      "SystemUUID reported by the node. For unique machine identification MachineID is preferred. This field is specific to Red Hat hosts https://access.redhat.com/documentation/en-us/red_hat_subscription_management/1/html/rhsm/uuid",
    bootID: "Boot ID reported by the node.",
    kernelVersion: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    osImage: "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).",
    containerRuntimeVersion:
      "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
    kubeletVersion: "Kubelet Version reported by the node.",
    kubeProxyVersion: "Deprecated: KubeProxy Version reported by the node.",
    operatingSystem: "The Operating System reported by the node",
    architecture: "The Architecture reported by the node",
    swap: "Swap Info reported by the node.",
  }),
);

/**
 * NodeSystemInfo as TypeScript sees it (see {@link NodeSystemInfoSchema}).
 *
 * @example
 * ```ts
 * import type { NodeSystemInfo } from "@skiff/kinds";
 *
 * const value: NodeSystemInfo = { machineID: "m1", systemUUID: "u1", bootID: "b1", kernelVersion: "6.8.0", osImage: "Ubuntu 24.04", containerRuntimeVersion: "containerd://2.0.0", kubeletVersion: "v1.33.0", kubeProxyVersion: "v1.33.0", operatingSystem: "linux", architecture: "amd64" };
 * ```
 */
export type NodeSystemInfo = v.InferOutput<typeof NodeSystemInfoSchema>;

/**
 * Describe a container image
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerImageSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerImageSchema, {});
 * ```
 */
export const ContainerImageSchema = v.pipe(
  v.object({
    names: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    sizeBytes: v.optional(int64()),
  }),
  fieldDocs({
    names:
      'Names by which this image is known. e.g. ["kubernetes.example/hyperkube:v1.0.7", "cloud-vendor.registry.example/cloud-vendor/hyperkube:v1.0.7"]',
    sizeBytes: "The size of the image in bytes.",
  }),
);

/**
 * ContainerImage as TypeScript sees it (see {@link ContainerImageSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerImage } from "@skiff/kinds";
 *
 * const value: ContainerImage = {};
 * ```
 */
export type ContainerImage = v.InferOutput<typeof ContainerImageSchema>;

/**
 * AttachedVolume describes a volume attached to a node
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { AttachedVolumeSchema } from "@skiff/kinds";
 *
 * v.parse(AttachedVolumeSchema, { name: "web", devicePath: "/dev/xvdb" });
 * ```
 */
export const AttachedVolumeSchema = v.pipe(
  v.object({
    name: v.string(),
    devicePath: v.string(),
  }),
  fieldDocs({
    name: "Name of the attached volume",
    devicePath: "DevicePath represents the device path where the volume should be available",
  }),
);

/**
 * AttachedVolume as TypeScript sees it (see {@link AttachedVolumeSchema}).
 *
 * @example
 * ```ts
 * import type { AttachedVolume } from "@skiff/kinds";
 *
 * const value: AttachedVolume = { name: "web", devicePath: "/dev/xvdb" };
 * ```
 */
export type AttachedVolume = v.InferOutput<typeof AttachedVolumeSchema>;

/**
 * NodeRuntimeHandlerFeatures is a set of features implemented by the runtime handler.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeRuntimeHandlerFeaturesSchema } from "@skiff/kinds";
 *
 * v.parse(NodeRuntimeHandlerFeaturesSchema, {});
 * ```
 */
export const NodeRuntimeHandlerFeaturesSchema = v.pipe(
  v.object({
    recursiveReadOnlyMounts: v.optional(v.boolean()),
    userNamespaces: v.optional(v.boolean()),
  }),
  fieldDocs({
    recursiveReadOnlyMounts:
      "RecursiveReadOnlyMounts is set to true if the runtime handler supports RecursiveReadOnlyMounts.",
    userNamespaces:
      "UserNamespaces is set to true if the runtime handler supports UserNamespaces, including for volumes.",
  }),
);

/**
 * NodeRuntimeHandlerFeatures as TypeScript sees it (see {@link NodeRuntimeHandlerFeaturesSchema}).
 *
 * @example
 * ```ts
 * import type { NodeRuntimeHandlerFeatures } from "@skiff/kinds";
 *
 * const value: NodeRuntimeHandlerFeatures = {};
 * ```
 */
export type NodeRuntimeHandlerFeatures = v.InferOutput<typeof NodeRuntimeHandlerFeaturesSchema>;

/**
 * NodeRuntimeHandler is a set of runtime handler information.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeRuntimeHandlerSchema } from "@skiff/kinds";
 *
 * v.parse(NodeRuntimeHandlerSchema, {});
 * ```
 */
export const NodeRuntimeHandlerSchema = v.pipe(
  v.object({
    name: v.optional(v.string()),
    features: v.optional(NodeRuntimeHandlerFeaturesSchema),
  }),
  fieldDocs({
    name: "Runtime handler name. Empty for the default runtime handler.",
    features: "Supported features.",
  }),
);

/**
 * NodeRuntimeHandler as TypeScript sees it (see {@link NodeRuntimeHandlerSchema}).
 *
 * @example
 * ```ts
 * import type { NodeRuntimeHandler } from "@skiff/kinds";
 *
 * const value: NodeRuntimeHandler = {};
 * ```
 */
export type NodeRuntimeHandler = v.InferOutput<typeof NodeRuntimeHandlerSchema>;

/**
 * NodeFeatures describes the set of features implemented by the CRI implementation. The features contained in the NodeFeatures should depend only on the cri implementation independent of runtime handlers.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeFeaturesSchema } from "@skiff/kinds";
 *
 * v.parse(NodeFeaturesSchema, {});
 * ```
 */
export const NodeFeaturesSchema = v.pipe(
  v.object({
    supplementalGroupsPolicy: v.optional(v.boolean()),
  }),
  fieldDocs({
    supplementalGroupsPolicy:
      "SupplementalGroupsPolicy is set to true if the runtime supports SupplementalGroupsPolicy and ContainerUser.",
  }),
);

/**
 * NodeFeatures as TypeScript sees it (see {@link NodeFeaturesSchema}).
 *
 * @example
 * ```ts
 * import type { NodeFeatures } from "@skiff/kinds";
 *
 * const value: NodeFeatures = {};
 * ```
 */
export type NodeFeatures = v.InferOutput<typeof NodeFeaturesSchema>;

/**
 * NodeStatus is information about the current status of a node.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeStatusSchema } from "@skiff/kinds";
 *
 * v.parse(NodeStatusSchema, {});
 * ```
 */
export const NodeStatusSchema = v.pipe(
  v.object({
    capacity: v.optional(v.record(v.string(), quantity())),
    allocatable: v.optional(v.record(v.string(), quantity())),
    phase: v.optional(v.picklist(["Pending", "Running", "Terminated"])),
    conditions: v.optional(
      v.pipe(
        v.array(NodeConditionSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        }),
      ),
    ),
    addresses: v.optional(
      v.pipe(
        v.array(NodeAddressSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        }),
      ),
    ),
    daemonEndpoints: v.optional(NodeDaemonEndpointsSchema),
    nodeInfo: v.optional(NodeSystemInfoSchema),
    images: v.optional(v.pipe(v.array(ContainerImageSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    volumesInUse: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    volumesAttached: v.optional(
      v.pipe(v.array(AttachedVolumeSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    runtimeHandlers: v.optional(
      v.pipe(v.array(NodeRuntimeHandlerSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    features: v.optional(NodeFeaturesSchema),
  }),
  fieldDocs({
    capacity:
      "Capacity represents the total resources of a node. More info: https://kubernetes.io/docs/reference/node/node-status/#capacity",
    allocatable:
      "Allocatable represents the resources of a node that are available for scheduling. Defaults to Capacity.",
    phase:
      "NodePhase is the recently observed lifecycle phase of the node. More info: https://kubernetes.io/docs/concepts/nodes/node/#phase The field is never populated, and now is deprecated.",
    conditions:
      "Conditions is an array of current observed node conditions. More info: https://kubernetes.io/docs/reference/node/node-status/#condition",
    addresses:
      "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
    daemonEndpoints: "Endpoints of daemons running on the Node.",
    nodeInfo:
      "Set of ids/uuids to uniquely identify the node. More info: https://kubernetes.io/docs/reference/node/node-status/#info",
    images: "List of container images on this node",
    volumesInUse: "List of attachable volumes in use (mounted) by the node.",
    volumesAttached: "List of volumes that are attached to the node.",
    runtimeHandlers: "The available runtime handlers.",
    features: "Features describes the set of features implemented by the CRI implementation.",
  }),
);

/**
 * NodeStatus as TypeScript sees it (see {@link NodeStatusSchema}).
 *
 * @example
 * ```ts
 * import type { NodeStatus } from "@skiff/kinds";
 *
 * const value: NodeStatus = {};
 * ```
 */
export type NodeStatus = v.InferOutput<typeof NodeStatusSchema>;

/**
 * Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeSchema } from "@skiff/kinds";
 *
 * v.parse(NodeSchema, { apiVersion: "v1", kind: "Node", metadata: { name: "node-1" }, spec: { podCIDR: "10.244.1.0/24" } });
 * ```
 */
export const NodeSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(NodeSpecSchema),
    status: v.optional(NodeStatusSchema),
  }),
  v.description(
    "Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Spec defines the behavior of a node. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
    status:
      "Most recently observed status of the node. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * Node as TypeScript sees it (see {@link NodeSchema}).
 *
 * @example
 * ```ts
 * import type { Node } from "@skiff/kinds";
 *
 * const value: Node = { apiVersion: "v1", kind: "Node", metadata: { name: "node-1" }, spec: { podCIDR: "10.244.1.0/24" } };
 * ```
 */
export type Node = v.InferOutput<typeof NodeSchema>;
