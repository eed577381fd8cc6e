/**
 * Containers (regular, init and ephemeral) with ports, env, resources and mounts.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, k8s, quantity } from "../k8s.ts";
import {
  ConfigMapKeySelectorSchema,
  ObjectFieldSelectorSchema,
  ResourceFieldSelectorSchema,
  SecretKeySelectorSchema,
} from "./selectors.ts";
import { LifecycleSchema, ProbeSchema } from "./probe.ts";
import { SecurityContextSchema } from "./security_context.ts";

/**
 * ContainerPort represents a network port in a single container.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerPortSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerPortSchema, { containerPort: 1 });
 * ```
 */
export const ContainerPortSchema = v.pipe(
  v.object({
    name: v.optional(v.string()),
    hostPort: v.optional(int32()),
    containerPort: int32(),
    protocol: v.optional(v.pipe(v.picklist(["SCTP", "TCP", "UDP"]), k8s({ default: "TCP" }))),
    hostIP: v.optional(v.string()),
  }),
  fieldDocs({
    name:
      "If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.",
    hostPort:
      "Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.",
    containerPort:
      "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.",
    protocol: 'Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".',
    hostIP: "What host IP to bind the external port to.",
  }),
);

/**
 * ContainerPort as TypeScript sees it (see {@link ContainerPortSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerPort } from "@skiff/kinds";
 *
 * const value: ContainerPort = { containerPort: 1 };
 * ```
 */
export type ContainerPort = v.InferOutput<typeof ContainerPortSchema>;

/**
 * ConfigMapEnvSource selects a ConfigMap to populate the environment variables with.
 *
 * The contents of the target ConfigMap's Data field will represent the key-value pairs as environment variables. Keys in the BinaryData field are not currently propagated to container env vars.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ConfigMapEnvSourceSchema } from "@skiff/kinds";
 *
 * v.parse(ConfigMapEnvSourceSchema, {});
 * ```
 */
export const ConfigMapEnvSourceSchema = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string(), k8s({ default: "" }))),
    optional: v.optional(v.boolean()),
  }),
  fieldDocs({
    name:
      "Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
    optional: "Specify whether the ConfigMap must be defined",
  }),
);

/**
 * ConfigMapEnvSource as TypeScript sees it (see {@link ConfigMapEnvSourceSchema}).
 *
 * @example
 * ```ts
 * import type { ConfigMapEnvSource } from "@skiff/kinds";
 *
 * const value: ConfigMapEnvSource = {};
 * ```
 */
export type ConfigMapEnvSource = v.InferOutput<typeof ConfigMapEnvSourceSchema>;

/**
 * SecretEnvSource selects a Secret to populate the environment variables with.
 *
 * The contents of the target Secret's Data field will represent the key-value pairs as environment variables.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SecretEnvSourceSchema } from "@skiff/kinds";
 *
 * v.parse(SecretEnvSourceSchema, {});
 * ```
 */
export const SecretEnvSourceSchema = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string(), k8s({ default: "" }))),
    optional: v.optional(v.boolean()),
  }),
  fieldDocs({
    name:
      "Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
    optional: "Specify whether the Secret must be defined",
  }),
);

/**
 * SecretEnvSource as TypeScript sees it (see {@link SecretEnvSourceSchema}).
 *
 * @example
 * ```ts
 * import type { SecretEnvSource } from "@skiff/kinds";
 *
 * const value: SecretEnvSource = {};
 * ```
 */
export type SecretEnvSource = v.InferOutput<typeof SecretEnvSourceSchema>;

/**
 * EnvFromSource represents the source of a set of ConfigMaps or Secrets
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EnvFromSourceSchema } from "@skiff/kinds";
 *
 * v.parse(EnvFromSourceSchema, {});
 * ```
 */
export const EnvFromSourceSchema = v.pipe(
  v.object({
    prefix: v.optional(v.string()),
    configMapRef: v.optional(ConfigMapEnvSourceSchema),
    secretRef: v.optional(SecretEnvSourceSchema),
  }),
  fieldDocs({
    prefix:
      "Optional text to prepend to the name of each environment variable. May consist of any printable ASCII characters except '='.",
    configMapRef: "The ConfigMap to select from",
    secretRef: "The Secret to select from",
  }),
);

/**
 * EnvFromSource as TypeScript sees it (see {@link EnvFromSourceSchema}).
 *
 * @example
 * ```ts
 * import type { EnvFromSource } from "@skiff/kinds";
 *
 * const value: EnvFromSource = {};
 * ```
 */
export type EnvFromSource = v.InferOutput<typeof EnvFromSourceSchema>;

/**
 * EnvVarSource represents a source for the value of an EnvVar.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EnvVarSourceSchema } from "@skiff/kinds";
 *
 * v.parse(EnvVarSourceSchema, {});
 * ```
 */
export const EnvVarSourceSchema = v.pipe(
  v.object({
    fieldRef: v.optional(ObjectFieldSelectorSchema),
    resourceFieldRef: v.optional(ResourceFieldSelectorSchema),
    configMapKeyRef: v.optional(ConfigMapKeySelectorSchema),
    secretKeyRef: v.optional(SecretKeySelectorSchema),
  }),
  fieldDocs({
    fieldRef:
      "Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.",
    resourceFieldRef:
      "Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.",
    configMapKeyRef: "Selects a key of a ConfigMap.",
    secretKeyRef: "Selects a key of a secret in the pod's namespace",
  }),
);

/**
 * EnvVarSource as TypeScript sees it (see {@link EnvVarSourceSchema}).
 *
 * @example
 * ```ts
 * import type { EnvVarSource } from "@skiff/kinds";
 *
 * const value: EnvVarSource = {};
 * ```
 */
export type EnvVarSource = v.InferOutput<typeof EnvVarSourceSchema>;

/**
 * EnvVar represents an environment variable present in a Container.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EnvVarSchema } from "@skiff/kinds";
 *
 * v.parse(EnvVarSchema, { name: "LOG_LEVEL", value: "debug" });
 * ```
 */
export const EnvVarSchema = v.pipe(
  v.object({
    name: v.string(),
    value: v.optional(v.string()),
    valueFrom: v.optional(EnvVarSourceSchema),
  }),
  fieldDocs({
    name: "Name of the environment variable. May consist of any printable ASCII characters except '='.",
    value:
      'Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Defaults to "".',
    valueFrom: "Source for the environment variable's value. Cannot be used if value is not empty.",
  }),
);

/**
 * EnvVar as TypeScript sees it (see {@link EnvVarSchema}).
 *
 * @example
 * ```ts
 * import type { EnvVar } from "@skiff/kinds";
 *
 * const value: EnvVar = { name: "LOG_LEVEL", value: "debug" };
 * ```
 */
export type EnvVar = v.InferOutput<typeof EnvVarSchema>;

/**
 * ResourceClaim references one entry in PodSpec.ResourceClaims.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ResourceClaimSchema } from "@skiff/kinds";
 *
 * v.parse(ResourceClaimSchema, { name: "web" });
 * ```
 */
export const ResourceClaimSchema = v.pipe(
  v.object({
    name: v.string(),
    request: v.optional(v.string()),
  }),
  fieldDocs({
    name:
      "Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.",
    request:
      "Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.",
  }),
);

/**
 * ResourceClaim as TypeScript sees it (see {@link ResourceClaimSchema}).
 *
 * @example
 * ```ts
 * import type { ResourceClaim } from "@skiff/kinds";
 *
 * const value: ResourceClaim = { name: "web" };
 * ```
 */
export type ResourceClaim = v.InferOutput<typeof ResourceClaimSchema>;

/**
 * ResourceRequirements describes the compute resource requirements.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ResourceRequirementsSchema } from "@skiff/kinds";
 *
 * v.parse(ResourceRequirementsSchema, { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } });
 * ```
 */
export const ResourceRequirementsSchema = v.pipe(
  v.object({
    limits: v.optional(v.record(v.string(), quantity())),
    requests: v.optional(v.record(v.string(), quantity())),
    claims: v.optional(
      v.pipe(
        v.array(ResourceClaimSchema),
        k8s({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] }),
      ),
    ),
  }),
  fieldDocs({
    limits:
      "Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
    requests:
      "Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
    claims:
      "Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.\n\nThis field depends on the DynamicResourceAllocation feature gate.\n\nThis field is immutable. It can only be set for containers.",
  }),
);

/**
 * ResourceRequirements as TypeScript sees it (see {@link ResourceRequirementsSchema}).
 *
 * @example
 * ```ts
 * import type { ResourceRequirements } from "@skiff/kinds";
 *
 * const value: ResourceRequirements = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } };
 * ```
 */
export type ResourceRequirements = v.InferOutput<typeof ResourceRequirementsSchema>;

/**
 * ContainerResizePolicy represents resource resize policy for the container.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerResizePolicySchema } from "@skiff/kinds";
 *
 * v.parse(ContainerResizePolicySchema, { resourceName: "cpu", restartPolicy: "NotRequired" });
 * ```
 */
export const ContainerResizePolicySchema = v.pipe(
  v.object({
    resourceName: v.string(),
    restartPolicy: v.string(),
  }),
  fieldDocs({
    resourceName:
      "Name of the resource to which this resource resize policy applies. Supported values: cpu, memory.",
    restartPolicy:
      "Restart policy to apply when specified resource is resized. If not specified, it defaults to NotRequired.",
  }),
);

/**
 * ContainerResizePolicy as TypeScript sees it (see {@link ContainerResizePolicySchema}).
 *
 * @example
 * ```ts
 * import type { ContainerResizePolicy } from "@skiff/kinds";
 *
 * const value: ContainerResizePolicy = { resourceName: "cpu", restartPolicy: "NotRequired" };
 * ```
 */
export type ContainerResizePolicy = v.InferOutput<typeof ContainerResizePolicySchema>;

/**
 * ContainerRestartRuleOnExitCodes describes the condition for handling an exited container based on its exit codes.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerRestartRuleOnExitCodesSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerRestartRuleOnExitCodesSchema, { operator: "In" });
 * ```
 */
export const ContainerRestartRuleOnExitCodesSchema = v.pipe(
  v.object({
    operator: v.string(),
    values: v.optional(v.pipe(v.array(int32()), k8s({ "x-kubernetes-list-type": "set" }))),
  }),
  fieldDocs({
    operator:
      "Represents the relationship between the container exit code(s) and the specified values. Possible values are: - In: the requirement is satisfied if the container exit code is in the\n  set of specified values.\n- NotIn: the requirement is satisfied if the container exit code is\n  not in the set of specified values.",
    values:
      "Specifies the set of values to check for container exit codes. At most 255 elements are allowed.",
  }),
);

/**
 * ContainerRestartRuleOnExitCodes as TypeScript sees it (see {@link ContainerRestartRuleOnExitCodesSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerRestartRuleOnExitCodes } from "@skiff/kinds";
 *
 * const value: ContainerRestartRuleOnExitCodes = { operator: "In" };
 * ```
 */
export type ContainerRestartRuleOnExitCodes = v.InferOutput<typeof ContainerRestartRuleOnExitCodesSchema>;

/**
 * ContainerRestartRule describes how a container exit is handled.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerRestartRuleSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerRestartRuleSchema, { action: "Restart" });
 * ```
 */
export const ContainerRestartRuleSchema = v.pipe(
  v.object({
    action: v.string(),
    exitCodes: v.optional(ContainerRestartRuleOnExitCodesSchema),
  }),
  fieldDocs({
    action:
      'Specifies the action taken on a container exit if the requirements are satisfied. The only possible value is "Restart" to restart the container.',
    exitCodes: "Represents the exit codes to check on container exits.",
  }),
);

/**
 * ContainerRestartRule as TypeScript sees it (see {@link ContainerRestartRuleSchema}).
 *
 * @example
 * ```ts
 * import type { ContainerRestartRule } from "@skiff/kinds";
 *
 * const value: ContainerRestartRule = { action: "Restart" };
 * ```
 */
export type ContainerRestartRule = v.InferOutput<typeof ContainerRestartRuleSchema>;

/**
 * VolumeMount describes a mounting of a Volume within a container.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { VolumeMountSchema } from "@skiff/kinds";
 *
 * v.parse(VolumeMountSchema, { name: "cache", mountPath: "/var/cache" });
 * ```
 */
export const VolumeMountSchema = v.pipe(
  v.object({
    name: v.string(),
    readOnly: v.optional(v.boolean()),
    recursiveReadOnly: v.optional(v.string()),
    mountPath: v.string(),
    subPath: v.optional(v.string()),
    mountPropagation: v.optional(v.picklist(["Bidirectional", "HostToContainer", "None"])),
    subPathExpr: v.optional(v.string()),
  }),
  fieldDocs({
    name: "This must match the Name of a Volume.",
    readOnly: "Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.",
    recursiveReadOnly:
      "RecursiveReadOnly specifies whether read-only mounts should be handled recursively.\n\nIf ReadOnly is false, this field has no meaning and must be unspecified.\n\nIf ReadOnly is true, and this field is set to Disabled, the mount is not made recursively read-only.  If this field is set to IfPossible, the mount is made recursively read-only, if it is supported by the container runtime.  If this field is set to Enabled, the mount is made recursively read-only if it is supported by the container runtime, otherwise the pod will not be started and an error will be generated to indicate the reason.\n\nIf this field is set to IfPossible or Enabled, MountPropagation must be set to None (or be unspecified, which defaults to None).\n\nIf this field is not specified, it is treated as an equivalent of Disabled.",
    mountPath: "Path within the container at which the volume should be mounted.",
    subPath:
      "Path within the volume from which the container's volume should be mounted. Defaults to \"\" (volume's root).",
    mountPropagation:
      "mountPropagation determines how mounts are propagated from the host to container and the other way around. When not set, MountPropagationNone is used. This field is beta in 1.10. When RecursiveReadOnly is set to IfPossible or to Enabled, MountPropagation must be None or unspecified (which defaults to None).",
    subPathExpr:
      "Expanded path within the volume from which the container's volume should be mounted. Behaves similarly to SubPath but environment variable references $(VAR_NAME) are expanded using the container's environment. Defaults to \"\" (volume's root). SubPathExpr and SubPath are mutually exclusive.",
  }),
);

/**
 * VolumeMount as TypeScript sees it (see {@link VolumeMountSchema}).
 *
 * @example
 * ```ts
 * import type { VolumeMount } from "@skiff/kinds";
 *
 * const value: VolumeMount = { name: "cache", mountPath: "/var/cache" };
 * ```
 */
export type VolumeMount = v.InferOutput<typeof VolumeMountSchema>;

/**
 * volumeDevice describes a mapping of a raw block device within a container.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { VolumeDeviceSchema } from "@skiff/kinds";
 *
 * v.parse(VolumeDeviceSchema, { name: "web", devicePath: "/dev/xvdb" });
 * ```
 */
export const VolumeDeviceSchema = v.pipe(
  v.object({
    name: v.string(),
    devicePath: v.string(),
  }),
  fieldDocs({
    name: "name must match the name of a persistentVolumeClaim in the pod",
    devicePath: "devicePath is the path inside of the container that the device will be mapped to.",
  }),
);

/**
 * VolumeDevice as TypeScript sees it (see {@link VolumeDeviceSchema}).
 *
 * @example
 * ```ts
 * import type { VolumeDevice } from "@skiff/kinds";
 *
 * const value: VolumeDevice = { name: "web", devicePath: "/dev/xvdb" };
 * ```
 */
export type VolumeDevice = v.InferOutput<typeof VolumeDeviceSchema>;

/**
 * A single application container that you want to run within a pod.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ContainerSchema } from "@skiff/kinds";
 *
 * v.parse(ContainerSchema, { name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] });
 * ```
 */
export const ContainerSchema = v.pipe(
  v.object({
    name: v.string(),
    image: v.optional(v.string()),
    command: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    args: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    workingDir: v.optional(v.string()),
    ports: v.optional(
      v.pipe(
        v.array(ContainerPortSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "containerPort",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
        }),
      ),
    ),
    envFrom: v.optional(v.pipe(v.array(EnvFromSourceSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    env: v.optional(
      v.pipe(
        v.array(EnvVarSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
    resources: v.optional(ResourceRequirementsSchema),
    resizePolicy: v.optional(
      v.pipe(v.array(ContainerResizePolicySchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    restartPolicy: v.optional(v.string()),
    restartPolicyRules: v.optional(
      v.pipe(v.array(ContainerRestartRuleSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    volumeMounts: v.optional(
      v.pipe(
        v.array(VolumeMountSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "mountPath",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["mountPath"],
        }),
      ),
    ),
    volumeDevices: v.optional(
      v.pipe(
        v.array(VolumeDeviceSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "devicePath",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["devicePath"],
        }),
      ),
    ),
    livenessProbe: v.optional(ProbeSchema),
    readinessProbe: v.optional(ProbeSchema),
    startupProbe: v.optional(ProbeSchema),
    lifecycle: v.optional(LifecycleSchema),
    terminationMessagePath: v.optional(v.pipe(v.string(), k8s({ default: "/dev/termination-log" }))),
    terminationMessagePolicy: v.optional(
      v.pipe(v.picklist(["FallbackToLogsOnError", "File"]), k8s({ default: "File" })),
    ),
    imagePullPolicy: v.optional(v.picklist(["Always", "IfNotPresent", "Never"])),
    securityContext: v.optional(SecurityContextSchema),
    stdin: v.optional(v.boolean()),
    stdinOnce: v.optional(v.boolean()),
    tty: v.optional(v.boolean()),
  }),
  fieldDocs({
    name:
      "Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.",
    image:
      "Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.",
    command:
      'Entrypoint array. Not executed within a shell. The container image\'s ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell',
    args:
      'Arguments to the entrypoint. The container image\'s CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell',
    workingDir:
      "Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated.",
    ports:
      'List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.',
    envFrom:
      "List of sources to populate environment variables in the container. The keys defined within a source may consist of any printable ASCII characters except '='. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.",
    env: "List of environment variables to set in the container. Cannot be updated.",
    resources:
      "Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
    resizePolicy:
      "Resources resize policy for the container. This field cannot be set on ephemeral containers.",
    restartPolicy:
      'RestartPolicy defines the restart behavior of individual containers in a pod. This overrides the pod-level restart policy. When this field is not specified, the restart behavior is defined by the Pod\'s restart policy and the container type. Additionally, setting the RestartPolicy as "Always" for the init container will have the following effect: this init container will be continually restarted on exit until all regular containers have terminated. Once all regular containers have completed, all init containers with restartPolicy "Always" will be shut down. This lifecycle differs from normal init containers and is often referred to as a "sidecar" container. Although this init container still starts in the init container sequence, it does not wait for the container to complete before proceeding to the next init container. Instead, the next init container starts immediately after this init container is started, or after any startupProbe has successfully completed.',
    restartPolicyRules:
      "Represents a list of rules to be checked to determine if the container should be restarted on exit. The rules are evaluated in order. Once a rule matches a container exit condition, the remaining rules are ignored. If no rule matches the container exit condition, the Container-level restart policy determines the whether the container is restarted or not. Constraints on the rules: - At most 20 rules are allowed. - Rules can have the same action. - Identical rules are not forbidden in validations. When rules are specified, container MUST set RestartPolicy explicitly even it if matches the Pod's RestartPolicy.",
    volumeMounts: "Pod volumes to mount into the container's filesystem. Cannot be updated.",
    volumeDevices: "volumeDevices is the list of block devices to be used by the container.",
    livenessProbe:
      "Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
    readinessProbe:
      "Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
    startupProbe:
      "StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
    lifecycle:
      "Actions that the management system should take in response to container lifecycle events. Cannot be updated.",
    terminationMessagePath:
      "Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated.",
    terminationMessagePolicy:
      "Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated.",
    imagePullPolicy:
      "Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images",
    securityContext:
      "SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
    stdin:
      "Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.",
    stdinOnce:
      "Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false",
    tty:
      "Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false.",
  }),
);

/**
 * Container as TypeScript sees it (see {@link ContainerSchema}).
 *
 * @example
 * ```ts
 * import type { Container } from "@skiff/kinds";
 *
 * const value: Container = { name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] };
 * ```
 */
export type Container = v.InferOutput<typeof ContainerSchema>;

/**
 * An EphemeralContainer is a temporary container that you may add to an existing Pod for user-initiated activities such as debugging. Ephemeral containers have no resource or scheduling guarantees, and they will not be restarted when they exit or when a Pod is removed or restarted. The kubelet may evict a Pod if an ephemeral container causes the Pod to exceed its resource allocation.
 *
 * To add an ephemeral container, use the ephemeralcontainers subresource of an existing Pod. Ephemeral containers may not be removed or restarted.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EphemeralContainerSchema } from "@skiff/kinds";
 *
 * v.parse(EphemeralContainerSchema, { name: "debugger", image: "busybox:1.36", targetContainerName: "web" });
 * ```
 */
export const EphemeralContainerSchema = v.pipe(
  v.object({
    name: v.string(),
    image: v.optional(v.string()),
    command: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    args: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    workingDir: v.optional(v.string()),
    ports: v.optional(
      v.pipe(
        v.array(ContainerPortSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "containerPort",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
        }),
      ),
    ),
    envFrom: v.optional(v.pipe(v.array(EnvFromSourceSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    env: v.optional(
      v.pipe(
        v.array(EnvVarSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
    resources: v.optional(ResourceRequirementsSchema),
    resizePolicy: v.optional(
      v.pipe(v.array(ContainerResizePolicySchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    restartPolicy: v.optional(v.string()),
    restartPolicyRules: v.optional(
      v.pipe(v.array(ContainerRestartRuleSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    volumeMounts: v.optional(
      v.pipe(
        v.array(VolumeMountSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "mountPath",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["mountPath"],
        }),
      ),
    ),
    volumeDevices: v.optional(
      v.pipe(
        v.array(VolumeDeviceSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "devicePath",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["devicePath"],
        }),
      ),
    ),
    livenessProbe: v.optional(ProbeSchema),
    readinessProbe: v.optional(ProbeSchema),
    startupProbe: v.optional(ProbeSchema),
    lifecycle: v.optional(LifecycleSchema),
    terminationMessagePath: v.optional(v.pipe(v.string(), k8s({ default: "/dev/termination-log" }))),
    terminationMessagePolicy: v.optional(
      v.pipe(v.picklist(["FallbackToLogsOnError", "File"]), k8s({ default: "File" })),
    ),
    imagePullPolicy: v.optional(v.picklist(["Always", "IfNotPresent", "Never"])),
    securityContext: v.optional(SecurityContextSchema),
    stdin: v.optional(v.boolean()),
    stdinOnce: v.optional(v.boolean()),
    tty: v.optional(v.boolean()),
    targetContainerName: v.optional(v.string()),
  }),
  fieldDocs({
    name:
      "Name of the ephemeral container specified as a DNS_LABEL. This name must be unique among all containers, init containers and ephemeral containers.",
    image: "Container image name. More info: https://kubernetes.io/docs/concepts/containers/images",
    command:
      'Entrypoint array. Not executed within a shell. The image\'s ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell',
    args:
      'Arguments to the entrypoint. The image\'s CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container\'s environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell',
    workingDir:
      "Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated.",
    ports: "Ports are not allowed for ephemeral containers.",
    envFrom:
      "List of sources to populate environment variables in the container. The keys defined within a source may consist of any printable ASCII characters except '='. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.",
    env: "List of environment variables to set in the container. Cannot be updated.",
    resources:
      "Resources are not allowed for ephemeral containers. Ephemeral containers use spare resources already allocated to the pod.",
    resizePolicy: "Resources resize policy for the container.",
    restartPolicy:
      "Restart policy for the container to manage the restart behavior of each container within a pod. You cannot set this field on ephemeral containers.",
    restartPolicyRules:
      "Represents a list of rules to be checked to determine if the container should be restarted on exit. You cannot set this field on ephemeral containers.",
    volumeMounts:
      "Pod volumes to mount into the container's filesystem. Subpath mounts are not allowed for ephemeral containers. Cannot be updated.",
    volumeDevices: "volumeDevices is the list of block devices to be used by the container.",
    livenessProbe: "Probes are not allowed for ephemeral containers.",
    readinessProbe: "Probes are not allowed for ephemeral containers.",
    startupProbe: "Probes are not allowed for ephemeral containers.",
    lifecycle: "Lifecycle is not allowed for ephemeral containers.",
    terminationMessagePath:
      "Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated.",
    terminationMessagePolicy:
      "Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated.",
    imagePullPolicy:
      "Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images",
    securityContext:
      "Optional: SecurityContext defines the security options the ephemeral container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext.",
    stdin:
      "Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.",
    stdinOnce:
      "Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false",
    tty:
      "Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false.",
    targetContainerName:
      "If set, the name of the container from PodSpec that this ephemeral container targets. The ephemeral container will be run in the namespaces (IPC, PID, etc) of this container. If not set then the ephemeral container uses the namespaces configured in the Pod spec.\n\nThe container runtime must implement support for this feature. If the runtime does not support namespace targeting then the result of setting this field is undefined.",
  }),
);

/**
 * EphemeralContainer as TypeScript sees it (see {@link EphemeralContainerSchema}).
 *
 * @example
 * ```ts
 * import type { EphemeralContainer } from "@skiff/kinds";
 *
 * const value: EphemeralContainer = { name: "debugger", image: "busybox:1.36", targetContainerName: "web" };
 * ```
 */
export type EphemeralContainer = v.InferOutput<typeof EphemeralContainerSchema>;
