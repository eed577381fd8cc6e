/**
 * Pod status: phase, conditions, IPs and container statuses.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s, quantity, time } from "../k8s.ts";
import { ResourceRequirementsSchema } from "./container.ts";

/**
 * PodCondition contains details for the current condition of this pod.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodConditionSchema } from "@skiff/kinds";
 *
 * v.parse(PodConditionSchema, { type: "Ready", status: "True" });
 * ```
 */
export const PodConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    observedGeneration: v.optional(int64()),
    status: v.string(),
    lastProbeTime: v.optional(time()),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type:
      "Type is the type of the condition. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-conditions",
    observedGeneration:
      "If set, this represents the .metadata.generation that the pod condition was set based upon.",
    status:
      "Status is the status of the condition. Can be True, False, Unknown. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-conditions",
    lastProbeTime: "Last time we probed the condition.",
    lastTransitionTime: "Last time the condition transitioned from one status to another.",
    reason: "Unique, one-word, CamelCase reason for the condition's last transition.",
    message: "Human-readable message indicating details about last transition.",
  }),
);

/**
 * PodCondition as TypeScript sees it (see {@link PodConditionSchema}).
 *
 * @example
 * ```ts
 * import type { PodCondition } from "@skiff/kinds";
 *
 * const value: PodCondition = { type: "Ready", status: "True" };
 * ```
 */
export type PodCondition = v.InferOutput<typeof PodConditionSchema>;

/**
 * HostIP represents a single IP address allocated to the host.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { HostIPSchema } from "@skiff/kinds";
 *
 * v.parse(HostIPSchema, { ip: "10.244.1.5" });
 * ```
 */
export const HostIPSchema = v.pipe(
  v.object({
    ip: v.string(),
  }),
  fieldDocs({
    ip: "IP is the IP address assigned to the host",
  }),
);

/**
 * HostIP as TypeScript sees it (see {@link HostIPSchema}).
 *
 * @example
 * ```ts
 * import type { HostIP } from "@skiff/kinds";
 *
 * const value: HostIP = { ip: "10.244.1.5" };
 * ```
 */
export type HostIP = v.InferOutput<typeof HostIPSchema>;

/**
 * PodIP represents a single IP address allocated to the pod.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodIPSchema } from "@skiff/kinds";
 *
 * v.parse(PodIPSchema, { ip: "10.244.1.5" });
 * ```
 */
export const PodIPSchema = v.pipe(
  v.object({
    ip: v.string(),
  }),
  fieldDocs({
    ip: "IP is the IP address assigned to the pod",
  }),
);

/**
 * PodIP as TypeScript sees it (see {@link PodIPSchema}).
 *
 * @example
 * ```ts
 * import type { PodIP } from "@skiff/kinds";
 *
 * const value: PodIP = { ip: "10.244.1.5" };
 * ```
 */
export type PodIP = v.InferOutput<typeof PodIPSchema>;

/**
 * ContainerStateWaiting is a waiting state of a container.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerStateWaitingSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerStateWaitingSchema, {});
 * ```
 */
export const ContainerStateWaitingSchema = v.pipe(
  v.object({
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    reason: "(brief) reason the container is not yet running.",
    message: "Message regarding why the container is not yet running.",
  }),
);

/**
 * ContainerStateWaiting as TypeScript sees it (see {@link ContainerStateWaitingSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerStateWaiting } from "@skiff/kinds";
 *
 * const value: ContainerStateWaiting = {};
 * ```
 */
export type ContainerStateWaiting = v.InferOutput<typeof ContainerStateWaitingSchema>;

/**
 * ContainerStateRunning is a running state of a container.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerStateRunningSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerStateRunningSchema, {});
 * ```
 */
export const ContainerStateRunningSchema = v.pipe(
  v.object({
    startedAt: v.optional(time()),
  }),
  fieldDocs({
    startedAt: "Time at which the container was last (re-)started",
  }),
);

/**
 * ContainerStateRunning as TypeScript sees it (see {@link ContainerStateRunningSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerStateRunning } from "@skiff/kinds";
 *
 * const value: ContainerStateRunning = {};
 * ```
 */
export type ContainerStateRunning = v.InferOutput<typeof ContainerStateRunningSchema>;

/**
 * ContainerStateTerminated is a terminated state of a container.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerStateTerminatedSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerStateTerminatedSchema, { exitCode: 1 });
 * ```
 */
export const ContainerStateTerminatedSchema = v.pipe(
  v.object({
    exitCode: int32(),
    signal: v.optional(int32()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
    startedAt: v.optional(time()),
    finishedAt: v.optional(time()),
    containerID: v.optional(v.string()),
  }),
  fieldDocs({
    exitCode: "Exit status from the last termination of the container",
    signal: "Signal from the last termination of the container",
    reason: "(brief) reason from the last termination of the container",
    message: "Message regarding the last termination of the container",
    startedAt: "Time at which previous execution of the container started",
    finishedAt: "Time at which the container last terminated",
    containerID: "Container's ID in the format '<type>://<container_id>'",
  }),
);

/**
 * ContainerStateTerminated as TypeScript sees it (see {@link ContainerStateTerminatedSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerStateTerminated } from "@skiff/kinds";
 *
 * const value: ContainerStateTerminated = { exitCode: 1 };
 * ```
 */
export type ContainerStateTerminated = v.InferOutput<typeof ContainerStateTerminatedSchema>;

/**
 * ContainerState holds a possible state of container. Only one of its members may be specified. If none of them is specified, the default one is ContainerStateWaiting.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerStateSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerStateSchema, {});
 * ```
 */
export const ContainerStateSchema = v.pipe(
  v.object({
    waiting: v.optional(ContainerStateWaitingSchema),
    running: v.optional(ContainerStateRunningSchema),
    terminated: v.optional(ContainerStateTerminatedSchema),
  }),
  fieldDocs({
    waiting: "Details about a waiting container",
    running: "Details about a running container",
    terminated: "Details about a terminated container",
  }),
);

/**
 * ContainerState as TypeScript sees it (see {@link ContainerStateSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerState } from "@skiff/kinds";
 *
 * const value: ContainerState = {};
 * ```
 */
export type ContainerState = v.InferOutput<typeof ContainerStateSchema>;

/**
 * VolumeStatus represents the status of a mounted volume. At most one of its members must be specified.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { VolumeStatusSchema } from "@skiff/kinds";
 *
 * v.parse(VolumeStatusSchema, {});
 * ```
 */
export const VolumeStatusSchema = v.object({});

/**
 * VolumeStatus as TypeScript sees it (see {@link VolumeStatusSchema}).
 *
 * @example
 * ```ts
 * import type { VolumeStatus } from "@skiff/kinds";
 *
 * const value: VolumeStatus = {};
 * ```
 */
export type VolumeStatus = v.InferOutput<typeof VolumeStatusSchema>;

/**
 * VolumeMountStatus shows status of volume mounts.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { VolumeMountStatusSchema } from "@skiff/kinds";
 *
 * v.parse(VolumeMountStatusSchema, { name: "web", mountPath: "/data" });
 * ```
 */
export const VolumeMountStatusSchema = v.pipe(
  v.object({
    name: v.string(),
    mountPath: v.string(),
    readOnly: v.optional(v.boolean()),
    recursiveReadOnly: v.optional(v.string()),
    volumeStatus: v.optional(VolumeStatusSchema),
  }),
  fieldDocs({
    name: "Name corresponds to the name of the original VolumeMount.",
    mountPath: "MountPath corresponds to the original VolumeMount.",
    readOnly: "ReadOnly corresponds to the original VolumeMount.",
    recursiveReadOnly:
      "RecursiveReadOnly must be set to Disabled, Enabled, or unspecified (for non-readonly mounts). An IfPossible value in the original VolumeMount must be translated to Disabled or Enabled, depending on the mount result.",
    volumeStatus: "volumeStatus represents volume-type-specific status about the mounted volume.",
  }),
);

/**
 * VolumeMountStatus as TypeScript sees it (see {@link VolumeMountStatusSchema}).
 *
 * @example
 * ```ts
 * import type { VolumeMountStatus } from "@skiff/kinds";
 *
 * const value: VolumeMountStatus = { name: "web", mountPath: "/data" };
 * ```
 */
export type VolumeMountStatus = v.InferOutput<typeof VolumeMountStatusSchema>;

/**
 * LinuxContainerUser represents user identity information in Linux containers
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LinuxContainerUserSchema } from "@skiff/kinds";
 *
 * v.parse(LinuxContainerUserSchema, { uid: 1, gid: 1 });
 * ```
 */
export const LinuxContainerUserSchema = v.pipe(
  v.object({
    uid: int64(),
    gid: int64(),
    supplementalGroups: v.optional(v.pipe(v.array(int64()), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    uid: "UID is the primary uid initially attached to the first process in the container",
    gid: "GID is the primary gid initially attached to the first process in the container",
    supplementalGroups:
      "SupplementalGroups are the supplemental groups initially attached to the first process in the container",
  }),
);

/**
 * LinuxContainerUser as TypeScript sees it (see {@link LinuxContainerUserSchema}).
 *
 * @example
 * ```ts
 * import type { LinuxContainerUser } from "@skiff/kinds";
 *
 * const value: LinuxContainerUser = { uid: 1, gid: 1 };
 * ```
 */
export type LinuxContainerUser = v.InferOutput<typeof LinuxContainerUserSchema>;

/**
 * ContainerUser represents user identity information
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerUserSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerUserSchema, {});
 * ```
 */
export const ContainerUserSchema = v.pipe(
  v.object({
    linux: v.optional(LinuxContainerUserSchema),
  }),
  fieldDocs({
    linux:
      "Linux holds user identity information initially attached to the first process of the containers in Linux. Note that the actual running identity can be changed if the process has enough privilege to do so.",
  }),
);

/**
 * ContainerUser as TypeScript sees it (see {@link ContainerUserSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerUser } from "@skiff/kinds";
 *
 * const value: ContainerUser = {};
 * ```
 */
export type ContainerUser = v.InferOutput<typeof ContainerUserSchema>;

/**
 * ResourceHealth represents the health of a resource. It has the latest device health information. This is a part of KEP https://kep.k8s.io/4680.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ResourceHealthSchema } from "@skiff/kinds";
 *
 * v.parse(ResourceHealthSchema, { resourceID: "resourceID" });
 * ```
 */
export const ResourceHealthSchema = v.pipe(
  v.object({
    resourceID: v.string(),
    health: v.optional(v.string()),
  }),
  fieldDocs({
    resourceID:
      "ResourceID is the unique identifier of the resource. See the ResourceID type for more information.",
    health:
      "Health of the resource. can be one of:\n - Healthy: operates as normal\n - Unhealthy: reported unhealthy. We consider this a temporary health issue\n              since we do not have a mechanism today to distinguish\n              temporary and permanent issues.\n - Unknown: The status cannot be determined.\n            For example, Device Plugin got unregistered and hasn't been re-registered since.\n\nIn future we may want to introduce the PermanentlyUnhealthy Status.",
  }),
);

/**
 * ResourceHealth as TypeScript sees it (see {@link ResourceHealthSchema}).
 *
 * @example
 * ```ts
 * import type { ResourceHealth } from "@skiff/kinds";
 *
 * const value: ResourceHealth = { resourceID: "resourceID" };
 * ```
 */
export type ResourceHealth = v.InferOutput<typeof ResourceHealthSchema>;

/**
 * ResourceStatus represents the status of a single resource allocated to a Pod.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ResourceStatusSchema } from "@skiff/kinds";
 *
 * v.parse(ResourceStatusSchema, { name: "web" });
 * ```
 */
export const ResourceStatusSchema = v.pipe(
  v.object({
    name: v.string(),
    resources: v.optional(
      v.pipe(
        v.array(ResourceHealthSchema),
        k8s({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["resourceID"] }),
      ),
    ),
  }),
  fieldDocs({
    name:
      'Name of the resource. Must be unique within the pod and in case of non-DRA resource, match one of the resources from the pod spec. For DRA resources, the value must be "claim:<claim_name>/<request>" when container.resources.claims[*].request is set or "claim:<claim_name>" when container.resources.claims[*].request is empty. For DRA-backed extended resources, "claim:<claim_name>/<request>" is used when the claim name and request name are recorded in pod.status.extendedResourceClaimStatus. When this status is reported about a container, the "claim_name" and "request" must match one of the claims of this container.',
    resources:
      "List of unique resources health. Each element in the list contains an unique resource ID and its health. At a minimum, for the lifetime of a Pod, resource ID must uniquely identify the resource allocated to the Pod on the Node. If other Pod on the same Node reports the status with the same resource ID, it must be the same resource they share. See ResourceID type definition for a specific format it has in various use cases.",
  }),
);

/**
 * ResourceStatus as TypeScript sees it (see {@link ResourceStatusSchema}).
 *
 * @example
 * ```ts
 * import type { ResourceStatus } from "@skiff/kinds";
 *
 * const value: ResourceStatus = { name: "web" };
 * ```
 */
export type ResourceStatus = v.InferOutput<typeof ResourceStatusSchema>;

/**
 * ContainerStatus contains details for the current status of this container.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerStatusSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerStatusSchema, { name: "web", ready: true, restartCount: 1, image: "nginx:1.27", imageID: "docker.io/library/nginx@sha256:0123" });
 * ```
 */
export const ContainerStatusSchema = v.pipe(
  v.object({
    name: v.string(),
    state: v.optional(ContainerStateSchema),
    lastState: v.optional(ContainerStateSchema),
    ready: v.boolean(),
    restartCount: int32(),
    image: v.string(),
    imageID: v.string(),
    containerID: v.optional(v.string()),
    started: v.optional(v.boolean()),
    allocatedResources: v.optional(v.record(v.string(), quantity())),
    resources: v.optional(ResourceRequirementsSchema),
    volumeMounts: v.optional(
      v.pipe(
        v.array(VolumeMountStatusSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "mountPath",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["mountPath"],
        }),
      ),
    ),
    user: v.optional(ContainerUserSchema),
    allocatedResourcesStatus: v.optional(
      v.pipe(
        v.array(ResourceStatusSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
  }),
  fieldDocs({
    name:
      "Name is a DNS_LABEL representing the unique name of the container. Each container in a pod must have a unique name across all container types. Cannot be updated.",
    state: "State holds details about the container's current condition.",
    lastState:
      "LastTerminationState holds the last termination state of the container to help debug container crashes and restarts. This field is not populated if the container is still running and RestartCount is 0.",
    ready:
      "Ready specifies whether the container is currently passing its readiness check. The value will change as readiness probes keep executing. If no readiness probes are specified, this field defaults to true once the container is fully started (see Started field).\n\nThe value is typically used to determine whether a container is ready to accept traffic.",
    restartCount:
      "RestartCount holds the number of times the container has been restarted. Kubelet makes an effort to always increment the value, but there are cases when the state may be lost due to node restarts and then the value may be reset to 0. The value is never negative.",
    image:
      "Image is the name of container image that the container is running. The container image may not match the image used in the PodSpec, as it may have been resolved by the runtime. More info: https://kubernetes.io/docs/concepts/containers/images.",
    imageID:
      "ImageID is the image ID of the container's image. The image ID may not match the image ID of the image used in the PodSpec, as it may have been resolved by the runtime.",
    containerID:
      "ContainerID is the ID of the container in the format '<type>://<container_id>'. Where type is a container runtime identifier, returned from Version call of CRI API (for example \"containerd\").",
    started:
      "Started indicates whether the container has finished its postStart lifecycle hook and passed its startup probe. Initialized as false, becomes true after startupProbe is considered successful. Resets to false when the container is restarted, or if kubelet loses state temporarily. In both cases, startup probes will run again. Is always true when no startupProbe is defined and container is running and has passed the postStart lifecycle hook. The null value must be treated the same as false.",
    allocatedResources:
      "AllocatedResources represents the compute resources allocated for this container by the node. Kubelet sets this value to Container.Resources.Requests upon successful pod admission and after successfully admitting desired pod resize.",
    resources:
      "Resources represents the compute resource requests and limits that have been successfully enacted on the running container after it has been started or has been successfully resized.",
    volumeMounts: "Status of volume mounts.",
    user:
      "User represents user identity information initially attached to the first process of the container",
    allocatedResourcesStatus:
      "AllocatedResourcesStatus represents the status of various resources allocated for this Pod.",
  }),
);

/**
 * ContainerStatus as TypeScript sees it (see {@link ContainerStatusSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerStatus } from "@skiff/kinds";
 *
 * const value: ContainerStatus = { name: "web", ready: true, restartCount: 1, image: "nginx:1.27", imageID: "docker.io/library/nginx@sha256:0123" };
 * ```
 */
export type ContainerStatus = v.InferOutput<typeof ContainerStatusSchema>;

/**
 * PodResourceClaimStatus is stored in the PodStatus for each PodResourceClaim which references a ResourceClaimTemplate. It stores the generated name for the corresponding ResourceClaim.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodResourceClaimStatusSchema } from "@skiff/kinds";
 *
 * v.parse(PodResourceClaimStatusSchema, { name: "web" });
 * ```
 */
export const PodResourceClaimStatusSchema = v.pipe(
  v.object({
    name: v.string(),
    resourceClaimName: v.optional(v.string()),
  }),
  fieldDocs({
    name:
      "Name uniquely identifies this resource claim inside the pod. This must match the name of an entry in pod.spec.resourceClaims, which implies that the string must be a DNS_LABEL.",
    resourceClaimName:
      "ResourceClaimName is the name of the ResourceClaim that was generated for the Pod in the namespace of the Pod.\n\nWhen the DRAWorkloadResourceClaims feature is enabled and the corresponding PodResourceClaim matches a PodGroupResourceClaim made by the Pod's PodGroup, then this is the name of the ResourceClaim generated and reserved for the PodGroup.\n\nIf this is unset, then generating a ResourceClaim was not necessary. The pod.spec.resourceClaims entry can be ignored in this case.",
  }),
);

/**
 * PodResourceClaimStatus as TypeScript sees it (see {@link PodResourceClaimStatusSchema}).
 *
 * @example
 * ```ts
 * import type { PodResourceClaimStatus } from "@skiff/kinds";
 *
 * const value: PodResourceClaimStatus = { name: "web" };
 * ```
 */
export type PodResourceClaimStatus = v.InferOutput<typeof PodResourceClaimStatusSchema>;

/**
 * PodStatus represents information about the status of a pod. Status may trail the actual state of a system, especially if the node that hosts the pod cannot contact the control plane.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodStatusSchema } from "@skiff/kinds";
 *
 * v.parse(PodStatusSchema, {});
 * ```
 */
export const PodStatusSchema = v.pipe(
  v.object({
    observedGeneration: v.optional(int64()),
    phase: v.optional(v.picklist(["Failed", "Pending", "Running", "Succeeded", "Unknown"])),
    conditions: v.optional(
      v.pipe(
        v.array(PodConditionSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        }),
      ),
    ),
    message: v.optional(v.string()),
    reason: v.optional(v.string()),
    nominatedNodeName: v.optional(v.string()),
    hostIP: v.optional(v.string()),
    hostIPs: v.optional(
      v.pipe(
        v.array(HostIPSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "ip",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "atomic",
        }),
      ),
    ),
    podIP: v.optional(v.string()),
    podIPs: v.optional(
      v.pipe(
        v.array(PodIPSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "ip",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["ip"],
        }),
      ),
    ),
    startTime: v.optional(time()),
    initContainerStatuses: v.optional(
      v.pipe(v.array(ContainerStatusSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    containerStatuses: v.optional(
      v.pipe(v.array(ContainerStatusSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    qosClass: v.optional(v.picklist(["BestEffort", "Burstable", "Guaranteed"])),
    ephemeralContainerStatuses: v.optional(
      v.pipe(v.array(ContainerStatusSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    resize: v.optional(v.string()),
    resourceClaimStatuses: v.optional(
      v.pipe(
        v.array(PodResourceClaimStatusSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge,retainKeys",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
  }),
  fieldDocs({
    observedGeneration:
      "If set, this represents the .metadata.generation that the pod status was set based upon. The PodObservedGenerationTracking feature gate must be enabled to use this field.",
    phase:
      "The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle. The conditions array, the reason and message fields, and the individual container status arrays contain more detail about the pod's status. There are five possible phase values:\n\nPending: The pod has been accepted by the Kubernetes system, but one or more of the container images has not been created. This includes time before being scheduled as well as time spent downloading images over the network, which could take a while. Running: The pod has been bound to a node, and all of the containers have been created. At least one container is still running, or is in the process of starting or restarting. Succeeded: All containers in the pod have terminated in success, and will not be restarted. Failed: All containers in the pod have terminated, and at least one container has terminated in failure. The container either exited with non-zero status or was terminated by the system. Unknown: For some reason the state of the pod could not be obtained, typically due to an error in communicating with the host of the pod.\n\nMore info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-phase",
    conditions:
      "Current service state of pod. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-conditions",
    message: "A human readable message indicating details about why the pod is in this condition.",
    reason: "A brief CamelCase message indicating details about why the pod is in this state. e.g. 'Evicted'",
    nominatedNodeName:
      "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.",
    hostIP:
      "hostIP holds the IP address of the host to which the pod is assigned. Empty if the pod has not started yet. A pod can be assigned to a node that has a problem in kubelet which in turns mean that HostIP will not be updated even if there is a node is assigned to pod",
    hostIPs:
      "hostIPs holds the IP addresses allocated to the host. If this field is specified, the first entry must match the hostIP field. This list is empty if the pod has not started yet. A pod can be assigned to a node that has a problem in kubelet which in turns means that HostIPs will not be updated even if there is a node is assigned to this pod.",
    podIP:
      "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
    podIPs:
      "podIPs holds the IP addresses allocated to the pod. If this field is specified, the 0th entry must match the podIP field. Pods may be allocated at most 1 value for each of IPv4 and IPv6. This list is empty if no IPs have been allocated yet.",
    startTime:
      "RFC 3339 date and time at which the object was acknowledged by the Kubelet. This is before the Kubelet pulled the container image(s) for the pod.",
    initContainerStatuses:
      "Statuses of init containers in this pod. The most recent successful non-restartable init container will have ready = true, the most recently started container will have startTime set. Each init container in the pod should have at most one status in this list, and all statuses should be for containers in the pod. However this is not enforced. If a status for a non-existent container is present in the list, or the list has duplicate names, the behavior of various Kubernetes components is not defined and those statuses might be ignored. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-and-container-status",
    containerStatuses:
      "Statuses of containers in this pod. Each container in the pod should have at most one status in this list, and all statuses should be for containers in the pod. However this is not enforced. If a status for a non-existent container is present in the list, or the list has duplicate names, the behavior of various Kubernetes components is not defined and those statuses might be ignored. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-and-container-status",
    qosClass:
      "The Quality of Service (QOS) classification assigned to the pod based on resource requirements See PodQOSClass type for available QOS classes More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#quality-of-service-classes",
    ephemeralContainerStatuses:
      "Statuses for any ephemeral containers that have run in this pod. Each ephemeral container in the pod should have at most one status in this list, and all statuses should be for containers in the pod. However this is not enforced. If a status for a non-existent container is present in the list, or the list has duplicate names, the behavior of various Kubernetes components is not defined and those statuses might be ignored. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-and-container-status",
    resize:
      'Status of resources resize desired for pod\'s containers. It is empty if no resources resize is pending. Any changes to container resources will automatically set this to "Proposed" Deprecated: Resize status is moved to two pod conditions PodResizePending and PodResizeInProgress. PodResizePending will track states where the spec has been resized, but the Kubelet has not yet allocated the resources. PodResizeInProgress will track in-progress resizes, and should be present whenever allocated resources != acknowledged resources.',
    resourceClaimStatuses: "Status of resource claims.",
  }),
);

/**
 * PodStatus as TypeScript sees it (see {@link PodStatusSchema}).
 *
 * @example
 * ```ts
 * import type { PodStatus } from "@skiff/kinds";
 *
 * const value: PodStatus = {};
 * ```
 */
export type PodStatus = v.InferOutput<typeof PodStatusSchema>;
