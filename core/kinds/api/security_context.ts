/**
 * Container and pod security contexts.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int64, k8s } from "../k8s.ts";

/**
 * Adds and removes POSIX capabilities from running containers.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CapabilitiesSchema } from "@skiff/kinds";
 *
 * v.parse(CapabilitiesSchema, {});
 * ```
 */
export const CapabilitiesSchema = v.pipe(
  v.object({
    add: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    drop: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    add: "Added capabilities",
    drop: "Removed capabilities",
  }),
);

/**
 * Capabilities as TypeScript sees it (see {@link CapabilitiesSchema}).
 *
 * @example
 * ```ts
 * import type { Capabilities } from "@skiff/kinds";
 *
 * const value: Capabilities = {};
 * ```
 */
export type Capabilities = v.InferOutput<typeof CapabilitiesSchema>;

/**
 * SELinuxOptions are the labels to be applied to the container
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SELinuxOptionsSchema } from "@skiff/kinds";
 *
 * v.parse(SELinuxOptionsSchema, {});
 * ```
 */
export const SELinuxOptionsSchema = v.pipe(
  v.object({
    user: v.optional(v.string()),
    role: v.optional(v.string()),
    type: v.optional(v.string()),
    level: v.optional(v.string()),
  }),
  fieldDocs({
    user: "User is a SELinux user label that applies to the container.",
    role: "Role is a SELinux role label that applies to the container.",
    type: "Type is a SELinux type label that applies to the container.",
    level: "Level is SELinux level label that applies to the container.",
  }),
);

/**
 * SELinuxOptions as TypeScript sees it (see {@link SELinuxOptionsSchema}).
 *
 * @example
 * ```ts
 * import type { SELinuxOptions } from "@skiff/kinds";
 *
 * const value: SELinuxOptions = {};
 * ```
 */
export type SELinuxOptions = v.InferOutput<typeof SELinuxOptionsSchema>;

/**
 * WindowsSecurityContextOptions contain Windows-specific options and credentials.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { WindowsSecurityContextOptionsSchema } from "@skiff/kinds";
 *
 * v.parse(WindowsSecurityContextOptionsSchema, {});
 * ```
 */
export const WindowsSecurityContextOptionsSchema = v.pipe(
  v.object({
    gmsaCredentialSpecName: v.optional(v.string()),
    gmsaCredentialSpec: v.optional(v.string()),
    runAsUserName: v.optional(v.string()),
    hostProcess: v.optional(v.boolean()),
  }),
  fieldDocs({
    gmsaCredentialSpecName: "GMSACredentialSpecName is the name of the GMSA credential spec to use.",
    gmsaCredentialSpec:
      "GMSACredentialSpec is where the GMSA admission webhook (https://github.com/kubernetes-sigs/windows-gmsa) inlines the contents of the GMSA credential spec named by the GMSACredentialSpecName field.",
    runAsUserName:
      "The UserName in Windows to run the entrypoint of the container process. Defaults to the user specified in image metadata if unspecified. May also be set in PodSecurityContext. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.",
    hostProcess:
      "HostProcess determines if a container should be run as a 'Host Process' container. All of a Pod's containers must have the same effective HostProcess value (it is not allowed to have a mix of HostProcess containers and non-HostProcess containers). In addition, if HostProcess is true then HostNetwork must also be set to true.",
  }),
);

/**
 * WindowsSecurityContextOptions as TypeScript sees it (see {@link WindowsSecurityContextOptionsSchema}).
 *
 * @example
 * ```ts
 * import type { WindowsSecurityContextOptions } from "@skiff/kinds";
 *
 * const value: WindowsSecurityContextOptions = {};
 * ```
 */
export type WindowsSecurityContextOptions = v.InferOutput<typeof WindowsSecurityContextOptionsSchema>;

/**
 * SeccompProfile defines a pod/container's seccomp profile settings. Only one profile source may be set.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SeccompProfileSchema } from "@skiff/kinds";
 *
 * v.parse(SeccompProfileSchema, { type: "Localhost" });
 * ```
 */
export const SeccompProfileSchema = v.pipe(
  v.object({
    type: v.picklist(["Localhost", "RuntimeDefault", "Unconfined"]),
    localhostProfile: v.optional(v.string()),
  }),
  fieldDocs({
    type:
      "type indicates which kind of seccomp profile will be applied. Valid options are:\n\nLocalhost - a profile defined in a file on the node should be used. RuntimeDefault - the container runtime default profile should be used. Unconfined - no profile should be applied.",
    localhostProfile:
      'localhostProfile indicates a profile defined in a file on the node should be used. The profile must be preconfigured on the node to work. Must be a descending path, relative to the kubelet\'s configured seccomp profile location. Must be set if type is "Localhost". Must NOT be set for any other type.',
  }),
);

/**
 * SeccompProfile as TypeScript sees it (see {@link SeccompProfileSchema}).
 *
 * @example
 * ```ts
 * import type { SeccompProfile } from "@skiff/kinds";
 *
 * const value: SeccompProfile = { type: "Localhost" };
 * ```
 */
export type SeccompProfile = v.InferOutput<typeof SeccompProfileSchema>;

/**
 * AppArmorProfile defines a pod or container's AppArmor settings.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { AppArmorProfileSchema } from "@skiff/kinds";
 *
 * v.parse(AppArmorProfileSchema, { type: "Localhost" });
 * ```
 */
export const AppArmorProfileSchema = v.pipe(
  v.object({
    type: v.picklist(["Localhost", "RuntimeDefault", "Unconfined"]),
    localhostProfile: v.optional(v.string()),
  }),
  fieldDocs({
    type:
      "type indicates which kind of AppArmor profile will be applied. Valid options are:\n  Localhost - a profile pre-loaded on the node.\n  RuntimeDefault - the container runtime's default profile.\n  Unconfined - no AppArmor enforcement.",
    localhostProfile:
      'localhostProfile indicates a profile loaded on the node that should be used. The profile must be preconfigured on the node to work. Must match the loaded name of the profile. Must be set if and only if type is "Localhost".',
  }),
);

/**
 * AppArmorProfile as TypeScript sees it (see {@link AppArmorProfileSchema}).
 *
 * @example
 * ```ts
 * import type { AppArmorProfile } from "@skiff/kinds";
 *
 * const value: AppArmorProfile = { type: "Localhost" };
 * ```
 */
export type AppArmorProfile = v.InferOutput<typeof AppArmorProfileSchema>;

/**
 * SecurityContext holds security configuration that will be applied to a container. Some fields are present in both SecurityContext and PodSecurityContext.  When both are set, the values in SecurityContext take precedence.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SecurityContextSchema } from "@skiff/kinds";
 *
 * v.parse(SecurityContextSchema, {});
 * ```
 */
export const SecurityContextSchema = v.pipe(
  v.object({
    capabilities: v.optional(CapabilitiesSchema),
    privileged: v.optional(v.boolean()),
    seLinuxOptions: v.optional(SELinuxOptionsSchema),
    windowsOptions: v.optional(WindowsSecurityContextOptionsSchema),
    runAsUser: v.optional(int64()),
    runAsGroup: v.optional(int64()),
    runAsNonRoot: v.optional(v.boolean()),
    readOnlyRootFilesystem: v.optional(v.boolean()),
    allowPrivilegeEscalation: v.optional(v.boolean()),
    procMount: v.optional(v.picklist(["Default", "Unmasked"])),
    seccompProfile: v.optional(SeccompProfileSchema),
    appArmorProfile: v.optional(AppArmorProfileSchema),
  }),
  fieldDocs({
    capabilities:
      "The capabilities to add/drop when running containers. Defaults to the default set of capabilities granted by the container runtime. Note that this field cannot be set when spec.os.name is windows.",
    privileged:
      "Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false. Note that this field cannot be set when spec.os.name is windows.",
    seLinuxOptions:
      "The SELinux context to be applied to the container. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.",
    windowsOptions:
      "The Windows specific settings applied to all containers. If unspecified, the options from the PodSecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux.",
    runAsUser:
      "The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.",
    runAsGroup:
      "The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.",
    runAsNonRoot:
      "Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.",
    readOnlyRootFilesystem:
      "Whether this container has a read-only root filesystem. Default is false. Note that this field cannot be set when spec.os.name is windows.",
    allowPrivilegeEscalation:
      "AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process. This bool directly controls if the no_new_privs flag will be set on the container process. AllowPrivilegeEscalation is true always when the container is: 1) run as Privileged 2) has CAP_SYS_ADMIN Note that this field cannot be set when spec.os.name is windows.",
    procMount:
      "procMount denotes the type of proc mount to use for the containers. The default value is Default which uses the container runtime defaults for readonly paths and masked paths. Note that this field cannot be set when spec.os.name is windows.",
    seccompProfile:
      "The seccomp options to use by this container. If seccomp options are provided at both the pod & container level, the container options override the pod options. Note that this field cannot be set when spec.os.name is windows.",
    appArmorProfile:
      "appArmorProfile is the AppArmor options to use by this container. If set, this profile overrides the pod's appArmorProfile. Note that this field cannot be set when spec.os.name is windows.",
  }),
);

/**
 * SecurityContext as TypeScript sees it (see {@link SecurityContextSchema}).
 *
 * @example
 * ```ts
 * import type { SecurityContext } from "@skiff/kinds";
 *
 * const value: SecurityContext = {};
 * ```
 */
export type SecurityContext = v.InferOutput<typeof SecurityContextSchema>;

/**
 * Sysctl defines a kernel parameter to be set
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SysctlSchema } from "@skiff/kinds";
 *
 * v.parse(SysctlSchema, { name: "web", value: "v" });
 * ```
 */
export const SysctlSchema = v.pipe(
  v.object({
    name: v.string(),
    value: v.string(),
  }),
  fieldDocs({
    name: "Name of a property to set",
    value: "Value of a property to set",
  }),
);

/**
 * Sysctl as TypeScript sees it (see {@link SysctlSchema}).
 *
 * @example
 * ```ts
 * import type { Sysctl } from "@skiff/kinds";
 *
 * const value: Sysctl = { name: "web", value: "v" };
 * ```
 */
export type Sysctl = v.InferOutput<typeof SysctlSchema>;

/**
 * PodSecurityContext holds pod-level security attributes and common container settings. Some fields are also present in container.securityContext.  Field values of container.securityContext take precedence over field values of PodSecurityContext.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodSecurityContextSchema } from "@skiff/kinds";
 *
 * v.parse(PodSecurityContextSchema, {});
 * ```
 */
export const PodSecurityContextSchema = v.pipe(
  v.object({
    seLinuxOptions: v.optional(SELinuxOptionsSchema),
    windowsOptions: v.optional(WindowsSecurityContextOptionsSchema),
    runAsUser: v.optional(int64()),
    runAsGroup: v.optional(int64()),
    runAsNonRoot: v.optional(v.boolean()),
    supplementalGroups: v.optional(v.pipe(v.array(int64()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    supplementalGroupsPolicy: v.optional(v.picklist(["Merge", "Strict"])),
    fsGroup: v.optional(int64()),
    sysctls: v.optional(v.pipe(v.array(SysctlSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    fsGroupChangePolicy: v.optional(v.picklist(["Always", "OnRootMismatch"])),
    seccompProfile: v.optional(SeccompProfileSchema),
    appArmorProfile: v.optional(AppArmorProfileSchema),
    seLinuxChangePolicy: v.optional(v.string()),
  }),
  fieldDocs({
    seLinuxOptions:
      "The SELinux context to be applied to all containers. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.",
    windowsOptions:
      "The Windows specific settings applied to all containers. If unspecified, the options within a container's SecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux.",
    runAsUser:
      "The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.",
    runAsGroup:
      "The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence for that container. Note that this field cannot be set when spec.os.name is windows.",
    runAsNonRoot:
      "Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in SecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.",
    supplementalGroups:
      "A list of groups applied to the first process run in each container, in addition to the container's primary GID and fsGroup (if specified).  If the SupplementalGroupsPolicy feature is enabled, the supplementalGroupsPolicy field determines whether these are in addition to or instead of any group memberships defined in the container image. If unspecified, no additional groups are added, though group memberships defined in the container image may still be used, depending on the supplementalGroupsPolicy field. Note that this field cannot be set when spec.os.name is windows.",
    supplementalGroupsPolicy:
      'Defines how supplemental groups of the first container processes are calculated. Valid values are "Merge" and "Strict". If not specified, "Merge" is used. (Alpha) Using the field requires the SupplementalGroupsPolicy feature gate to be enabled and the container runtime must implement support for this feature. Note that this field cannot be set when spec.os.name is windows.',
    fsGroup:
      "A special supplemental group that applies to all containers in a pod. Some volume types allow the Kubelet to change the ownership of that volume to be owned by the pod:\n\n1. The owning GID will be the FSGroup 2. The setgid bit is set (new files created in the volume will be owned by FSGroup) 3. The permission bits are OR'd with rw-rw ",
    sysctls:
      "Sysctls hold a list of namespaced sysctls used for the pod. Pods with unsupported sysctls (by the container runtime) might fail to launch. Note that this field cannot be set when spec.os.name is windows.",
    fsGroupChangePolicy:
      'fsGroupChangePolicy defines behavior of changing ownership and permission of the volume before being exposed inside Pod. This field will only apply to volume types which support fsGroup based ownership(and permissions). It will have no effect on ephemeral volume types such as: secret, configmaps and emptydir. Valid values are "OnRootMismatch" and "Always". If not specified, "Always" is used. Note that this field cannot be set when spec.os.name is windows.',
    seccompProfile:
      "The seccomp options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows.",
    appArmorProfile:
      "appArmorProfile is the AppArmor options to use by the containers in this pod. Note that this field cannot be set when spec.os.name is windows.",
    seLinuxChangePolicy:
      'seLinuxChangePolicy defines how the container\'s SELinux label is applied to all volumes used by the Pod. It has no effect on nodes that do not support SELinux or to volumes does not support SELinux. Valid values are "MountOption" and "Recursive".\n\n"Recursive" means relabeling of all files on all Pod volumes by the container runtime. This may be slow for large volumes, but allows mixing privileged and unprivileged Pods sharing the same volume on the same node.\n\n"MountOption" mounts all eligible Pod volumes with `-o context` mount option. This requires all Pods that share the same volume to use the same SELinux label. It is not possible to share the same volume among privileged and unprivileged Pods. Eligible volumes are in-tree FibreChannel and iSCSI volumes, and all CSI volumes whose CSI driver announces SELinux support by setting spec.seLinuxMount: true in their CSIDriver instance. Other volumes are always re-labelled recursively.\n\nIf not specified, "MountOption" is used.\n\nThis field affects only Pods that have SELinux label set, either in PodSecurityContext or in SecurityContext of all containers.\n\nAll Pods that use the same volume should use the same seLinuxChangePolicy, otherwise some pods can get stuck in ContainerCreating state. Note that this field cannot be set when spec.os.name is windows.',
  }),
);

/**
 * PodSecurityContext as TypeScript sees it (see {@link PodSecurityContextSchema}).
 *
 * @example
 * ```ts
 * import type { PodSecurityContext } from "@skiff/kinds";
 *
 * const value: PodSecurityContext = {};
 * ```
 */
export type PodSecurityContext = v.InferOutput<typeof PodSecurityContextSchema>;
