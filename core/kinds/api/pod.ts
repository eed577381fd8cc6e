/**
 * The Pod kind (v1) and its spec.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s, quantity } from "../k8s.ts";
import { ObjectMetaSchema } from "./meta.ts";
import { LocalObjectReferenceSchema } from "./object_reference.ts";
import { VolumeSchema } from "./volume.ts";
import { ContainerSchema, EphemeralContainerSchema, ResourceRequirementsSchema } from "./container.ts";
import { PodSecurityContextSchema } from "./security_context.ts";
import { AffinitySchema, TolerationSchema, TopologySpreadConstraintSchema } from "./scheduling.ts";
import { PodStatusSchema } from "./pod_status.ts";

/**
 * HostAlias holds the mapping between IP and hostnames that will be injected as an entry in the pod's hosts file.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { HostAliasSchema } from "@skiff/kinds";
 *
 * v.parse(HostAliasSchema, { ip: "10.244.1.5" });
 * ```
 */
export const HostAliasSchema = v.pipe(
  v.object({
    ip: v.string(),
    hostnames: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    ip: "IP address of the host file entry.",
    hostnames: "Hostnames for the above IP address.",
  }),
);

/**
 * HostAlias as TypeScript sees it (see {@link HostAliasSchema}).
 *
 * @example
 * ```ts
 * import type { HostAlias } from "@skiff/kinds";
 *
 * const value: HostAlias = { ip: "10.244.1.5" };
 * ```
 */
export type HostAlias = v.InferOutput<typeof HostAliasSchema>;

/**
 * PodDNSConfigOption defines DNS resolver options of a pod.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodDNSConfigOptionSchema } from "@skiff/kinds";
 *
 * v.parse(PodDNSConfigOptionSchema, {});
 * ```
 */
export const PodDNSConfigOptionSchema = v.pipe(
  v.object({
    name: v.optional(v.string()),
    value: v.optional(v.string()),
  }),
  fieldDocs({
    name: "Name is this DNS resolver option's name. Required.",
    value: "Value is this DNS resolver option's value.",
  }),
);

/**
 * PodDNSConfigOption as TypeScript sees it (see {@link PodDNSConfigOptionSchema}).
 *
 * @example
 * ```ts
 * import type { PodDNSConfigOption } from "@skiff/kinds";
 *
 * const value: PodDNSConfigOption = {};
 * ```
 */
export type PodDNSConfigOption = v.InferOutput<typeof PodDNSConfigOptionSchema>;

/**
 * PodDNSConfig defines the DNS parameters of a pod in addition to those generated from DNSPolicy.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodDNSConfigSchema } from "@skiff/kinds";
 *
 * v.parse(PodDNSConfigSchema, {});
 * ```
 */
export const PodDNSConfigSchema = v.pipe(
  v.object({
    nameservers: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    searches: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    options: v.optional(
      v.pipe(v.array(PodDNSConfigOptionSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
  }),
  fieldDocs({
    nameservers:
      "A list of DNS name server IP addresses. This will be appended to the base nameservers generated from DNSPolicy. Duplicated nameservers will be removed.",
    searches:
      "A list of DNS search domains for host-name lookup. This will be appended to the base search paths generated from DNSPolicy. Duplicated search paths will be removed.",
    options:
      "A list of DNS resolver options. This will be merged with the base options generated from DNSPolicy. Duplicated entries will be removed. Resolution options given in Options will override those that appear in the base DNSPolicy.",
  }),
);

/**
 * PodDNSConfig as TypeScript sees it (see {@link PodDNSConfigSchema}).
 *
 * @example
 * ```ts
 * import type { PodDNSConfig } from "@skiff/kinds";
 *
 * const value: PodDNSConfig = {};
 * ```
 */
export type PodDNSConfig = v.InferOutput<typeof PodDNSConfigSchema>;

/**
 * PodReadinessGate contains the reference to a pod condition
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodReadinessGateSchema } from "@skiff/kinds";
 *
 * v.parse(PodReadinessGateSchema, { conditionType: "conditionType" });
 * ```
 */
export const PodReadinessGateSchema = v.pipe(
  v.object({
    conditionType: v.string(),
  }),
  fieldDocs({
    conditionType: "ConditionType refers to a condition in the pod's condition list with matching type.",
  }),
);

/**
 * PodReadinessGate as TypeScript sees it (see {@link PodReadinessGateSchema}).
 *
 * @example
 * ```ts
 * import type { PodReadinessGate } from "@skiff/kinds";
 *
 * const value: PodReadinessGate = { conditionType: "conditionType" };
 * ```
 */
export type PodReadinessGate = v.InferOutput<typeof PodReadinessGateSchema>;

/**
 * PodOS defines the OS parameters of a pod.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodOSSchema } from "@skiff/kinds";
 *
 * v.parse(PodOSSchema, { name: "web" });
 * ```
 */
export const PodOSSchema = v.pipe(
  v.object({
    name: v.string(),
  }),
  fieldDocs({
    name:
      "Name is the name of the operating system. The currently supported values are linux and windows. Additional value may be defined in future and can be one of: https://github.com/opencontainers/runtime-spec/blob/master/config.md#platform-specific-configuration Clients should expect to handle additional values and treat unrecognized values in this field as os: null",
  }),
);

/**
 * PodOS as TypeScript sees it (see {@link PodOSSchema}).
 *
 * @example
 * ```ts
 * import type { PodOS } from "@skiff/kinds";
 *
 * const value: PodOS = { name: "web" };
 * ```
 */
export type PodOS = v.InferOutput<typeof PodOSSchema>;

/**
 * PodSchedulingGate is associated to a Pod to guard its scheduling.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodSchedulingGateSchema } from "@skiff/kinds";
 *
 * v.parse(PodSchedulingGateSchema, { name: "web" });
 * ```
 */
export const PodSchedulingGateSchema = v.pipe(
  v.object({
    name: v.string(),
  }),
  fieldDocs({
    name: "Name of the scheduling gate. Each scheduling gate must have a unique name field.",
  }),
);

/**
 * PodSchedulingGate as TypeScript sees it (see {@link PodSchedulingGateSchema}).
 *
 * @example
 * ```ts
 * import type { PodSchedulingGate } from "@skiff/kinds";
 *
 * const value: PodSchedulingGate = { name: "web" };
 * ```
 */
export type PodSchedulingGate = v.InferOutput<typeof PodSchedulingGateSchema>;

/**
 * PodResourceClaim references exactly one ResourceClaim, either directly or by naming a ResourceClaimTemplate which is then turned into a ResourceClaim for the pod.
 *
 * It adds a name to it that uniquely identifies the ResourceClaim inside the Pod. Containers that need access to the ResourceClaim reference it with this name.
 *
 * When the DRAWorkloadResourceClaims feature gate is enabled and this Pod belongs to a PodGroup, a PodResourceClaim is matched to a PodGroupResourceClaim if all of their fields are equal (Name, ResourceClaimName, and ResourceClaimTemplateName). A matched claim references a single ResourceClaim shared across all Pods in the PodGroup, reserved for the PodGroup in ResourceClaimStatus.ReservedFor rather than for individual Pods.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodResourceClaimSchema } from "@skiff/kinds";
 *
 * v.parse(PodResourceClaimSchema, { name: "web" });
 * ```
 */
export const PodResourceClaimSchema = v.pipe(
  v.object({
    name: v.string(),
    resourceClaimName: v.optional(v.string()),
    resourceClaimTemplateName: v.optional(v.string()),
  }),
  fieldDocs({
    name: "Name uniquely identifies this resource claim inside the pod. This must be a DNS_LABEL.",
    resourceClaimName:
      "ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod.\n\nExactly one of ResourceClaimName and ResourceClaimTemplateName must be set.",
    resourceClaimTemplateName:
      "ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod.\n\nThe template will be used to create a new ResourceClaim, which will be bound to this pod. When this pod is deleted, the ResourceClaim will also be deleted. The pod name and resource name, along with a generated component, will be used to form a unique name for the ResourceClaim, which will be recorded in pod.status.resourceClaimStatuses.\n\nWhen the DRAWorkloadResourceClaims feature gate is enabled and the pod belongs to a PodGroup that defines a PodGroupResourceClaim with the same Name and ResourceClaimTemplateName, this PodResourceClaim resolves to the ResourceClaim generated for the PodGroup. All pods in the group that define an equivalent PodResourceClaim matching the PodGroupResourceClaim's Name and ResourceClaimTemplateName share the same generated ResourceClaim. ResourceClaims generated for a PodGroup are owned by the PodGroup and their lifecycles are tied to the PodGroup instead of any individual pod.\n\nThis field is immutable and no changes will be made to the corresponding ResourceClaim by the control plane after creating the ResourceClaim.\n\nExactly one of ResourceClaimName and ResourceClaimTemplateName must be set.",
  }),
);

/**
 * PodResourceClaim as TypeScript sees it (see {@link PodResourceClaimSchema}).
 *
 * @example
 * ```ts
 * import type { PodResourceClaim } from "@skiff/kinds";
 *
 * const value: PodResourceClaim = { name: "web" };
 * ```
 */
export type PodResourceClaim = v.InferOutput<typeof PodResourceClaimSchema>;

/**
 * PodSpec is a description of a pod.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodSpecSchema } from "@skiff/kinds";
 *
 * v.parse(PodSpecSchema, { containers: [{ name: "web", image: "nginx:1.27" }] });
 * ```
 */
export const PodSpecSchema = v.pipe(
  v.object({
    volumes: v.optional(
      v.pipe(
        v.array(VolumeSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge,retainKeys",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
    initContainers: v.optional(
      v.pipe(
        v.array(ContainerSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
    containers: v.pipe(
      v.array(ContainerSchema),
      k8s({
        "x-kubernetes-patch-merge-key": "name",
        "x-kubernetes-patch-strategy": "merge",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["name"],
      }),
    ),
    ephemeralContainers: v.optional(
      v.pipe(
        v.array(EphemeralContainerSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
    restartPolicy: v.optional(
      v.pipe(v.picklist(["Always", "Never", "OnFailure"]), k8s({ default: "Always" })),
    ),
    terminationGracePeriodSeconds: v.optional(v.pipe(int64(), k8s({ default: 30 }))),
    activeDeadlineSeconds: v.optional(int64()),
    dnsPolicy: v.optional(
      v.pipe(
        v.picklist(["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]),
        k8s({ default: "ClusterFirst" }),
      ),
    ),
    nodeSelector: v.optional(
      v.pipe(v.record(v.string(), v.string()), k8s({ "x-kubernetes-map-type": "atomic" })),
    ),
    serviceAccountName: v.optional(v.string()),
    serviceAccount: v.optional(v.string()),
    automountServiceAccountToken: v.optional(v.boolean()),
    nodeName: v.optional(v.string()),
    hostNetwork: v.optional(v.boolean()),
    hostPID: v.optional(v.boolean()),
    hostIPC: v.optional(v.boolean()),
    shareProcessNamespace: v.optional(v.boolean()),
    securityContext: v.optional(v.pipe(PodSecurityContextSchema, k8s({ default: {} }))),
    imagePullSecrets: v.optional(
      v.pipe(
        v.array(LocalObjectReferenceSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
    hostname: v.optional(v.string()),
    subdomain: v.optional(v.string()),
    affinity: v.optional(AffinitySchema),
    schedulerName: v.optional(v.pipe(v.string(), k8s({ default: "default-scheduler" }))),
    tolerations: v.optional(v.pipe(v.array(TolerationSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    hostAliases: v.optional(
      v.pipe(
        v.array(HostAliasSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "ip",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["ip"],
        }),
      ),
    ),
    priorityClassName: v.optional(v.string()),
    priority: v.optional(int32()),
    dnsConfig: v.optional(PodDNSConfigSchema),
    readinessGates: v.optional(
      v.pipe(v.array(PodReadinessGateSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    runtimeClassName: v.optional(v.string()),
    enableServiceLinks: v.optional(v.boolean()),
    preemptionPolicy: v.optional(v.picklist(["Never", "PreemptLowerPriority"])),
    overhead: v.optional(v.record(v.string(), quantity())),
    topologySpreadConstraints: v.optional(
      v.pipe(
        v.array(TopologySpreadConstraintSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "topologyKey",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["topologyKey", "whenUnsatisfiable"],
        }),
      ),
    ),
    setHostnameAsFQDN: v.optional(v.boolean()),
    os: v.optional(PodOSSchema),
    hostUsers: v.optional(v.boolean()),
    schedulingGates: v.optional(
      v.pipe(
        v.array(PodSchedulingGateSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
    resourceClaims: v.optional(
      v.pipe(
        v.array(PodResourceClaimSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge,retainKeys",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
    resources: v.optional(ResourceRequirementsSchema),
  }),
  fieldDocs({
    volumes:
      "List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes",
    initContainers:
      "List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started. If any init container fails, the pod is considered to have failed and is handled according to its restartPolicy. The name for an init container or normal container must be unique among all containers. Init containers may not have Lifecycle actions, Readiness probes, Liveness probes, or Startup probes. The resourceRequirements of an init container are taken into account during scheduling by finding the highest request/limit for each resource type, and then using the max of that value or the sum of the normal containers. Limits are applied to init containers in a similar fashion. Init containers cannot currently be added or removed. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/",
    containers:
      "List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.",
    ephemeralContainers:
      "List of ephemeral containers run in this pod. Ephemeral containers may be run in an existing pod to perform user-initiated actions such as debugging. This list cannot be specified when creating a pod, and it cannot be modified by updating the pod spec. In order to add an ephemeral container to an existing pod, use the pod's ephemeralcontainers subresource.",
    restartPolicy:
      "Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy",
    terminationGracePeriodSeconds:
      "Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). If this value is nil, the default grace period will be used instead. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. Defaults to 30 seconds.",
    activeDeadlineSeconds:
      "Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers. Value must be a positive integer.",
    dnsPolicy:
      "Set DNS policy for the pod. Defaults to \"ClusterFirst\". Valid values are 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'. DNS parameters given in DNSConfig will be merged with the policy selected with DNSPolicy. To have DNS options set along with hostNetwork, you have to specify DNS policy explicitly to 'ClusterFirstWithHostNet'.",
    nodeSelector:
      "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
    serviceAccountName:
      "ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/",
    serviceAccount:
      "DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead.",
    automountServiceAccountToken:
      "AutomountServiceAccountToken indicates whether a service account token should be automatically mounted.",
    nodeName:
      "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
    hostNetwork:
      "Host networking requested for this pod. Use the host's network namespace. When using HostNetwork you should specify ports so the scheduler is aware. When `hostNetwork` is true, specified `hostPort` fields in port definitions must match `containerPort`, and unspecified `hostPort` fields in port definitions are defaulted to match `containerPort`. Default to false.",
    hostPID: "Use the host's pid namespace. Optional: Default to false.",
    hostIPC: "Use the host's ipc namespace. Optional: Default to false.",
    shareProcessNamespace:
      "Share a single process namespace between all of the containers in a pod. When this is set containers will be able to view and signal processes from other containers in the same pod, and the first process in each container will not be assigned PID 1. HostPID and ShareProcessNamespace cannot both be set. Optional: Default to false.",
    securityContext:
      "SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field.",
    imagePullSecrets:
      "ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec. If specified, these secrets will be passed to individual puller implementations for them to use. More info: https://kubernetes.io/docs/concepts/containers/images#specifying-imagepullsecrets-on-a-pod",
    hostname:
      "Specifies the hostname of the Pod If not specified, the pod's hostname will be set to a system-defined value.",
    subdomain:
      'If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>". If not specified, the pod will not have a domainname at all.',
    affinity: "If specified, the pod's scheduling constraints",
    schedulerName:
      "If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler.",
    tolerations: "If specified, the pod's tolerations.",
    hostAliases:
      "HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified.",
    priorityClassName:
      'If specified, indicates the pod\'s priority. "system-node-critical" and "system-cluster-critical" are two special keywords which indicate the highest priorities with the former being the highest priority. Any other name must be defined by creating a PriorityClass object with that name. If not specified, the pod priority will be default or zero if there is no default.',
    priority:
      "The priority value. Various system components use this field to find the priority of the pod. When Priority Admission Controller is enabled, it prevents users from setting this field. The admission controller populates this field from PriorityClassName. The higher the value, the higher the priority.",
    dnsConfig:
      "Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy.",
    readinessGates:
      'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
    runtimeClassName:
      'RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod.  If no RuntimeClass resource matches the named class, the pod will not be run. If unset or empty, the "legacy" RuntimeClass will be used, which is an implicit class with an empty definition that uses the default runtime handler. More info: https://git.k8s.io/enhancements/keps/sig-node/585-runtime-class',
    enableServiceLinks:
      "EnableServiceLinks indicates whether information about services should be injected into pod's environment variables, matching the syntax of Docker links. Optional: Defaults to true.",
    preemptionPolicy:
      "PreemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. When Priority Admission Controller is enabled, it prevents users from setting this field. The admission controller populates this field from PriorityClassName. Defaults to PreemptLowerPriority if unset.",
    overhead:
      "Overhead represents the resource overhead associated with running a pod for a given RuntimeClass. This field will be autopopulated at admission time by the RuntimeClass admission controller. If the RuntimeClass admission controller is enabled, overhead must not be set in Pod create requests. The RuntimeClass admission controller will reject Pod create requests which have the overhead already set. If RuntimeClass is configured and selected in the PodSpec, Overhead will be set to the value defined in the corresponding RuntimeClass, otherwise it will remain unset and treated as zero. More info: https://git.k8s.io/enhancements/keps/sig-node/688-pod-overhead/README.md",
    topologySpreadConstraints:
      "TopologySpreadConstraints describes how a group of pods ought to spread across topology domains. Scheduler will schedule pods in a way which abides by the constraints. All topologySpreadConstraints are ANDed.",
    setHostnameAsFQDN:
      "If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default). In Linux containers, this means setting the FQDN in the hostname field of the kernel (the nodename field of struct utsname). In Windows containers, this means setting the registry value of hostname for the registry key HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters to FQDN. If a pod does not have FQDN, this has no effect. Default to false.",
    os:
      "Specifies the OS of the containers in the pod. Some pod and container fields are restricted if this is set.\n\nIf the OS field is set to linux, the following fields must be unset: -securityContext.windowsOptions\n\nIf the OS field is set to windows, following fields must be unset: - spec.hostPID - spec.hostIPC - spec.hostUsers - spec.resources - spec.securityContext.appArmorProfile - spec.securityContext.seLinuxOptions - spec.securityContext.seccompProfile - spec.securityContext.fsGroup - spec.securityContext.fsGroupChangePolicy - spec.securityContext.sysctls - spec.shareProcessNamespace - spec.securityContext.runAsUser - spec.securityContext.runAsGroup - spec.securityContext.supplementalGroups - spec.securityContext.supplementalGroupsPolicy - spec.containers[*].securityContext.appArmorProfile - spec.containers[*].securityContext.seLinuxOptions - spec.containers[*].securityContext.seccompProfile - spec.containers[*].securityContext.capabilities - spec.containers[*].securityContext.readOnlyRootFilesystem - spec.containers[*].securityContext.privileged - spec.containers[*].securityContext.allowPrivilegeEscalation - spec.containers[*].securityContext.procMount - spec.containers[*].securityContext.runAsUser - spec.containers[*].securityContext.runAsGroup",
    hostUsers:
      "Use the host's user namespace. Optional: Default to true. If set to true or not present, the pod will be run in the host user namespace, useful for when the pod needs a feature only available to the host user namespace, such as loading a kernel module with CAP_SYS_MODULE. When set to false, a new userns is created for the pod. Setting false is useful for mitigating container breakout vulnerabilities even allowing users to run their containers as root without actually having root privileges on the host.",
    schedulingGates:
      "SchedulingGates is an opaque list of values that if specified will block scheduling the pod. If schedulingGates is not empty, the pod will stay in the SchedulingGated state and the scheduler will not attempt to schedule the pod.\n\nSchedulingGates can only be set at pod creation time, and be removed only afterwards.",
    resourceClaims:
      "ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start. The resources will be made available to those containers which consume them by name.\n\nThis is a stable field but requires that the DynamicResourceAllocation feature gate is enabled.\n\nThis field is immutable.",
    resources:
      'Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for "cpu", "memory" and "hugepages-" resource names only. ResourceClaims are not supported.\n\nThis field enables fine-grained control over resource allocation for the entire pod, allowing resource sharing among containers in a pod.\n\nThis is an alpha field and requires enabling the PodLevelResources feature gate.',
  }),
);

/**
 * PodSpec as TypeScript sees it (see {@link PodSpecSchema}).
 *
 * @example
 * ```ts
 * import type { PodSpec } from "@skiff/kinds";
 *
 * const value: PodSpec = { containers: [{ name: "web", image: "nginx:1.27" }] };
 * ```
 */
export type PodSpec = v.InferOutput<typeof PodSpecSchema>;

/**
 * Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodSchema } from "@skiff/kinds";
 *
 * v.parse(PodSchema, { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } });
 * ```
 */
export const PodSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(PodSpecSchema),
    status: v.optional(PodStatusSchema),
  }),
  v.description(
    "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
    status:
      "Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * Pod as TypeScript sees it (see {@link PodSchema}).
 *
 * @example
 * ```ts
 * import type { Pod } from "@skiff/kinds";
 *
 * const value: Pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } };
 * ```
 */
export type Pod = v.InferOutput<typeof PodSchema>;
