/**
 * Pod volumes and the sources Skiff serves: emptyDir, hostPath, configMap, secret, persistentVolumeClaim,
 * projected, downwardAPI, nfs, csi and image. The in-tree cloud and network sources Kubernetes deprecated are left out,
 * so the schema prunes them.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s, quantity } from "../k8s.ts";
import { LocalObjectReferenceSchema } from "./object_reference.ts";
import { KeyToPathSchema, ObjectFieldSelectorSchema, ResourceFieldSelectorSchema } from "./selectors.ts";

/**
 * Represents a host path mapped into a pod. Host path volumes do not support ownership management or SELinux relabeling.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { HostPathVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(HostPathVolumeSourceSchema, { path: "/data" });
 * ```
 */
export const HostPathVolumeSourceSchema = v.pipe(
  v.object({
    path: v.string(),
    type: v.optional(
      v.pipe(
        v.picklist([
          "",
          "BlockDevice",
          "CharDevice",
          "Directory",
          "DirectoryOrCreate",
          "File",
          "FileOrCreate",
          "Socket",
        ]),
        k8s({ default: "" }),
      ),
    ),
  }),
  fieldDocs({
    path:
      "path of the directory on the host. If the path is a symlink, it will follow the link to the real path. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath",
    type:
      'type for HostPath Volume Defaults to "" More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath',
  }),
);

/**
 * HostPathVolumeSource as TypeScript sees it (see {@link HostPathVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { HostPathVolumeSource } from "@skiff/kinds";
 *
 * const value: HostPathVolumeSource = { path: "/data" };
 * ```
 */
export type HostPathVolumeSource = v.InferOutput<typeof HostPathVolumeSourceSchema>;

/**
 * Represents an empty directory for a pod. Empty directory volumes support ownership management and SELinux relabeling.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EmptyDirVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(EmptyDirVolumeSourceSchema, {});
 * ```
 */
export const EmptyDirVolumeSourceSchema = v.pipe(
  v.object({
    medium: v.optional(v.string()),
    sizeLimit: v.optional(quantity()),
  }),
  fieldDocs({
    medium:
      'medium represents what type of storage medium should back this directory. The default is "" which means to use the node\'s default medium. Must be an empty string (default) or Memory. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir',
    sizeLimit:
      "sizeLimit is the total amount of local storage required for this EmptyDir volume. The size limit is also applicable for memory medium. The maximum usage on memory medium EmptyDir would be the minimum value between the SizeLimit specified here and the sum of memory limits of all containers in a pod. The default is nil which means that the limit is undefined. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir",
  }),
);

/**
 * EmptyDirVolumeSource as TypeScript sees it (see {@link EmptyDirVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { EmptyDirVolumeSource } from "@skiff/kinds";
 *
 * const value: EmptyDirVolumeSource = {};
 * ```
 */
export type EmptyDirVolumeSource = v.InferOutput<typeof EmptyDirVolumeSourceSchema>;

/**
 * Adapts a Secret into a volume.
 *
 * The contents of the target Secret's Data field will be presented in a volume as files using the keys in the Data field as the file names. Secret volumes support ownership management and SELinux relabeling.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SecretVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(SecretVolumeSourceSchema, {});
 * ```
 */
export const SecretVolumeSourceSchema = v.pipe(
  v.object({
    secretName: v.optional(v.string()),
    items: v.optional(v.pipe(v.array(KeyToPathSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    defaultMode: v.optional(v.pipe(int32(), k8s({ default: 420 }))),
    optional: v.optional(v.boolean()),
  }),
  fieldDocs({
    secretName:
      "secretName is the name of the secret in the pod's namespace to use. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret",
    items:
      "items If unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the Secret, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.",
    defaultMode:
      "defaultMode is Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.",
    optional: "optional field specify whether the Secret or its keys must be defined",
  }),
);

/**
 * SecretVolumeSource as TypeScript sees it (see {@link SecretVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { SecretVolumeSource } from "@skiff/kinds";
 *
 * const value: SecretVolumeSource = {};
 * ```
 */
export type SecretVolumeSource = v.InferOutput<typeof SecretVolumeSourceSchema>;

/**
 * Represents an NFS mount that lasts the lifetime of a pod. NFS volumes do not support ownership management or SELinux relabeling.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NFSVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(NFSVolumeSourceSchema, { server: "nfs.example.com", path: "/data" });
 * ```
 */
export const NFSVolumeSourceSchema = v.pipe(
  v.object({
    server: v.string(),
    path: v.string(),
    readOnly: v.optional(v.boolean()),
  }),
  fieldDocs({
    server:
      "server is the hostname or IP address of the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs",
    path:
      "path that is exported by the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs",
    readOnly:
      "readOnly here will force the NFS export to be mounted with read-only permissions. Defaults to false. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs",
  }),
);

/**
 * NFSVolumeSource as TypeScript sees it (see {@link NFSVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { NFSVolumeSource } from "@skiff/kinds";
 *
 * const value: NFSVolumeSource = { server: "nfs.example.com", path: "/data" };
 * ```
 */
export type NFSVolumeSource = v.InferOutput<typeof NFSVolumeSourceSchema>;

/**
 * PersistentVolumeClaimVolumeSource references the user's PVC in the same namespace. This volume finds the bound PV and mounts that volume for the pod. A PersistentVolumeClaimVolumeSource is, essentially, a wrapper around another type of volume that is owned by someone else (the system).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PersistentVolumeClaimVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(PersistentVolumeClaimVolumeSourceSchema, { claimName: "data" });
 * ```
 */
export const PersistentVolumeClaimVolumeSourceSchema = v.pipe(
  v.object({
    claimName: v.string(),
    readOnly: v.optional(v.boolean()),
  }),
  fieldDocs({
    claimName:
      "claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims",
    readOnly: "readOnly Will force the ReadOnly setting in VolumeMounts. Default false.",
  }),
);

/**
 * PersistentVolumeClaimVolumeSource as TypeScript sees it (see {@link PersistentVolumeClaimVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { PersistentVolumeClaimVolumeSource } from "@skiff/kinds";
 *
 * const value: PersistentVolumeClaimVolumeSource = { claimName: "data" };
 * ```
 */
export type PersistentVolumeClaimVolumeSource = v.InferOutput<typeof PersistentVolumeClaimVolumeSourceSchema>;

/**
 * DownwardAPIVolumeFile represents information to create the file containing the pod field
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DownwardAPIVolumeFileSchema } from "@skiff/kinds";
 *
 * v.parse(DownwardAPIVolumeFileSchema, { path: "/data" });
 * ```
 */
export const DownwardAPIVolumeFileSchema = v.pipe(
  v.object({
    path: v.string(),
    fieldRef: v.optional(ObjectFieldSelectorSchema),
    resourceFieldRef: v.optional(ResourceFieldSelectorSchema),
    mode: v.optional(int32()),
  }),
  fieldDocs({
    path:
      "Required: Path is  the relative path name of the file to be created. Must not be absolute or contain the '..' path. Must be utf-8 encoded. The first item of the relative path must not start with '..'",
    fieldRef:
      "Required: Selects a field of the pod: only annotations, labels, name, namespace and uid are supported.",
    resourceFieldRef:
      "Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, requests.cpu and requests.memory) are currently supported.",
    mode:
      "Optional: mode bits used to set permissions on this file, must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.",
  }),
);

/**
 * DownwardAPIVolumeFile as TypeScript sees it (see {@link DownwardAPIVolumeFileSchema}).
 *
 * @example
 * ```ts
 * import type { DownwardAPIVolumeFile } from "@skiff/kinds";
 *
 * const value: DownwardAPIVolumeFile = { path: "/data" };
 * ```
 */
export type DownwardAPIVolumeFile = v.InferOutput<typeof DownwardAPIVolumeFileSchema>;

/**
 * DownwardAPIVolumeSource represents a volume containing downward API info. Downward API volumes support ownership management and SELinux relabeling.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DownwardAPIVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(DownwardAPIVolumeSourceSchema, {});
 * ```
 */
export const DownwardAPIVolumeSourceSchema = v.pipe(
  v.object({
    items: v.optional(
      v.pipe(v.array(DownwardAPIVolumeFileSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    defaultMode: v.optional(v.pipe(int32(), k8s({ default: 420 }))),
  }),
  fieldDocs({
    items: "Items is a list of downward API volume file",
    defaultMode:
      "Optional: mode bits to use on created files by default. Must be a Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.",
  }),
);

/**
 * DownwardAPIVolumeSource as TypeScript sees it (see {@link DownwardAPIVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { DownwardAPIVolumeSource } from "@skiff/kinds";
 *
 * const value: DownwardAPIVolumeSource = {};
 * ```
 */
export type DownwardAPIVolumeSource = v.InferOutput<typeof DownwardAPIVolumeSourceSchema>;

/**
 * Adapts a ConfigMap into a volume.
 *
 * The contents of the target ConfigMap's Data field will be presented in a volume as files using the keys in the Data field as the file names, unless the items element is populated with specific mappings of keys to paths. ConfigMap volumes support ownership management and SELinux relabeling.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ConfigMapVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(ConfigMapVolumeSourceSchema, {});
 * ```
 */
export const ConfigMapVolumeSourceSchema = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string(), k8s({ default: "" }))),
    items: v.optional(v.pipe(v.array(KeyToPathSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    defaultMode: v.optional(v.pipe(int32(), k8s({ default: 420 }))),
    optional: v.optional(v.boolean()),
  }),
  fieldDocs({
    name:
      "Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
    items:
      "items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the ConfigMap, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.",
    defaultMode:
      "defaultMode is optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.",
    optional: "optional specify whether the ConfigMap or its keys must be defined",
  }),
);

/**
 * ConfigMapVolumeSource as TypeScript sees it (see {@link ConfigMapVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { ConfigMapVolumeSource } from "@skiff/kinds";
 *
 * const value: ConfigMapVolumeSource = {};
 * ```
 */
export type ConfigMapVolumeSource = v.InferOutput<typeof ConfigMapVolumeSourceSchema>;

/**
 * Adapts a secret into a projected volume.
 *
 * The contents of the target Secret's Data field will be presented in a projected volume as files using the keys in the Data field as the file names. Note that this is identical to a secret volume source without the default mode.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SecretProjectionSchema } from "@skiff/kinds";
 *
 * v.parse(SecretProjectionSchema, {});
 * ```
 */
export const SecretProjectionSchema = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string(), k8s({ default: "" }))),
    items: v.optional(v.pipe(v.array(KeyToPathSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    optional: v.optional(v.boolean()),
  }),
  fieldDocs({
    name:
      "Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
    items:
      "items if unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the Secret, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.",
    optional: "optional field specify whether the Secret or its key must be defined",
  }),
);

/**
 * SecretProjection as TypeScript sees it (see {@link SecretProjectionSchema}).
 *
 * @example
 * ```ts
 * import type { SecretProjection } from "@skiff/kinds";
 *
 * const value: SecretProjection = {};
 * ```
 */
export type SecretProjection = v.InferOutput<typeof SecretProjectionSchema>;

/**
 * Represents downward API info for projecting into a projected volume. Note that this is identical to a downwardAPI volume source without the default mode.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { DownwardAPIProjectionSchema } from "@skiff/kinds";
 *
 * v.parse(DownwardAPIProjectionSchema, {});
 * ```
 */
export const DownwardAPIProjectionSchema = v.pipe(
  v.object({
    items: v.optional(
      v.pipe(v.array(DownwardAPIVolumeFileSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
  }),
  fieldDocs({
    items: "Items is a list of DownwardAPIVolume file",
  }),
);

/**
 * DownwardAPIProjection as TypeScript sees it (see {@link DownwardAPIProjectionSchema}).
 *
 * @example
 * ```ts
 * import type { DownwardAPIProjection } from "@skiff/kinds";
 *
 * const value: DownwardAPIProjection = {};
 * ```
 */
export type DownwardAPIProjection = v.InferOutput<typeof DownwardAPIProjectionSchema>;

/**
 * Adapts a ConfigMap into a projected volume.
 *
 * The contents of the target ConfigMap's Data field will be presented in a projected volume as files using the keys in the Data field as the file names, unless the items element is populated with specific mappings of keys to paths. Note that this is identical to a configmap volume source without the default mode.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ConfigMapProjectionSchema } from "@skiff/kinds";
 *
 * v.parse(ConfigMapProjectionSchema, {});
 * ```
 */
export const ConfigMapProjectionSchema = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string(), k8s({ default: "" }))),
    items: v.optional(v.pipe(v.array(KeyToPathSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    optional: v.optional(v.boolean()),
  }),
  fieldDocs({
    name:
      "Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
    items:
      "items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the ConfigMap, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.",
    optional: "optional specify whether the ConfigMap or its keys must be defined",
  }),
);

/**
 * ConfigMapProjection as TypeScript sees it (see {@link ConfigMapProjectionSchema}).
 *
 * @example
 * ```ts
 * import type { ConfigMapProjection } from "@skiff/kinds";
 *
 * const value: ConfigMapProjection = {};
 * ```
 */
export type ConfigMapProjection = v.InferOutput<typeof ConfigMapProjectionSchema>;

/**
 * ServiceAccountTokenProjection represents a projected service account token volume. This projection can be used to insert a service account token into the pods runtime filesystem for use against APIs (Kubernetes API Server or otherwise).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServiceAccountTokenProjectionSchema } from "@skiff/kinds";
 *
 * v.parse(ServiceAccountTokenProjectionSchema, { path: "/data" });
 * ```
 */
export const ServiceAccountTokenProjectionSchema = v.pipe(
  v.object({
    audience: v.optional(v.string()),
    expirationSeconds: v.optional(v.pipe(int64(), k8s({ default: 3600 }))),
    path: v.string(),
  }),
  fieldDocs({
    audience:
      "audience is the intended audience of the token. A recipient of a token must identify itself with an identifier specified in the audience of the token, and otherwise should reject the token. The audience defaults to the identifier of the apiserver.",
    expirationSeconds:
      "expirationSeconds is the requested duration of validity of the service account token. As the token approaches expiration, the kubelet volume plugin will proactively rotate the service account token. The kubelet will start trying to rotate the token if the token is older than 80 percent of its time to live or if the token is older than 24 hours.Defaults to 1 hour and must be at least 10 minutes.",
    path: "path is the path relative to the mount point of the file to project the token into.",
  }),
);

/**
 * ServiceAccountTokenProjection as TypeScript sees it (see {@link ServiceAccountTokenProjectionSchema}).
 *
 * @example
 * ```ts
 * import type { ServiceAccountTokenProjection } from "@skiff/kinds";
 *
 * const value: ServiceAccountTokenProjection = { path: "/data" };
 * ```
 */
export type ServiceAccountTokenProjection = v.InferOutput<typeof ServiceAccountTokenProjectionSchema>;

/**
 * Projection that may be projected along with other supported volume types. Exactly one of these fields must be set.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { VolumeProjectionSchema } from "@skiff/kinds";
 *
 * v.parse(VolumeProjectionSchema, {});
 * ```
 */
export const VolumeProjectionSchema = v.pipe(
  v.object({
    secret: v.optional(SecretProjectionSchema),
    downwardAPI: v.optional(DownwardAPIProjectionSchema),
    configMap: v.optional(ConfigMapProjectionSchema),
    serviceAccountToken: v.optional(ServiceAccountTokenProjectionSchema),
  }),
  fieldDocs({
    secret: "secret information about the secret data to project",
    downwardAPI: "downwardAPI information about the downwardAPI data to project",
    configMap: "configMap information about the configMap data to project",
    serviceAccountToken: "serviceAccountToken is information about the serviceAccountToken data to project",
  }),
);

/**
 * VolumeProjection as TypeScript sees it (see {@link VolumeProjectionSchema}).
 *
 * @example
 * ```ts
 * import type { VolumeProjection } from "@skiff/kinds";
 *
 * const value: VolumeProjection = {};
 * ```
 */
export type VolumeProjection = v.InferOutput<typeof VolumeProjectionSchema>;

/**
 * Represents a projected volume source
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ProjectedVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(ProjectedVolumeSourceSchema, {});
 * ```
 */
export const ProjectedVolumeSourceSchema = v.pipe(
  v.object({
    sources: v.optional(v.pipe(v.array(VolumeProjectionSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    defaultMode: v.optional(v.pipe(int32(), k8s({ default: 420 }))),
  }),
  fieldDocs({
    sources: "sources is the list of volume projections. Each entry in this list handles one source.",
    defaultMode:
      "defaultMode are the mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.",
  }),
);

/**
 * ProjectedVolumeSource as TypeScript sees it (see {@link ProjectedVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { ProjectedVolumeSource } from "@skiff/kinds";
 *
 * const value: ProjectedVolumeSource = {};
 * ```
 */
export type ProjectedVolumeSource = v.InferOutput<typeof ProjectedVolumeSourceSchema>;

/**
 * Represents a source location of a volume to mount, managed by an external CSI driver
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CSIVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(CSIVolumeSourceSchema, { driver: "csi.example.com" });
 * ```
 */
export const CSIVolumeSourceSchema = v.pipe(
  v.object({
    driver: v.string(),
    readOnly: v.optional(v.boolean()),
    fsType: v.optional(v.string()),
    volumeAttributes: v.optional(v.record(v.string(), v.string())),
    nodePublishSecretRef: v.optional(LocalObjectReferenceSchema),
  }),
  fieldDocs({
    driver:
      "driver is the name of the CSI driver that handles this volume. Consult with your admin for the correct name as registered in the cluster.",
    readOnly: "readOnly specifies a read-only configuration for the volume. Defaults to false (read/write).",
    fsType:
      'fsType to mount. Ex. "ext4", "xfs", "ntfs". If not provided, the empty value is passed to the associated CSI driver which will determine the default filesystem to apply.',
    volumeAttributes:
      "volumeAttributes stores driver-specific properties that are passed to the CSI driver. Consult your driver's documentation for supported values.",
    nodePublishSecretRef:
      "nodePublishSecretRef is a reference to the secret object containing sensitive information to pass to the CSI driver to complete the CSI NodePublishVolume and NodeUnpublishVolume calls. This field is optional, and  may be empty if no secret is required. If the secret object contains more than one secret, all secret references are passed.",
  }),
);

/**
 * CSIVolumeSource as TypeScript sees it (see {@link CSIVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { CSIVolumeSource } from "@skiff/kinds";
 *
 * const value: CSIVolumeSource = { driver: "csi.example.com" };
 * ```
 */
export type CSIVolumeSource = v.InferOutput<typeof CSIVolumeSourceSchema>;

/**
 * ImageVolumeSource represents a image volume resource.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ImageVolumeSourceSchema } from "@skiff/kinds";
 *
 * v.parse(ImageVolumeSourceSchema, {});
 * ```
 */
export const ImageVolumeSourceSchema = v.pipe(
  v.object({
    reference: v.optional(v.string()),
    pullPolicy: v.optional(v.picklist(["Always", "IfNotPresent", "Never"])),
  }),
  fieldDocs({
    reference:
      "Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[*].image. Pull secrets will be assembled in the same way as for the container image by looking up node credentials, SA image pull secrets, and pod spec image pull secrets. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.",
    pullPolicy:
      "Policy for pulling OCI objects. Possible values are: Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.",
  }),
);

/**
 * ImageVolumeSource as TypeScript sees it (see {@link ImageVolumeSourceSchema}).
 *
 * @example
 * ```ts
 * import type { ImageVolumeSource } from "@skiff/kinds";
 *
 * const value: ImageVolumeSource = {};
 * ```
 */
export type ImageVolumeSource = v.InferOutput<typeof ImageVolumeSourceSchema>;

/**
 * Volume represents a named volume in a pod that may be accessed by any container in the pod.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { VolumeSchema } from "@skiff/kinds";
 *
 * v.parse(VolumeSchema, { name: "cache", emptyDir: { sizeLimit: "1Gi" } });
 * ```
 */
export const VolumeSchema = v.pipe(
  v.object({
    name: v.string(),
    hostPath: v.optional(HostPathVolumeSourceSchema),
    emptyDir: v.optional(EmptyDirVolumeSourceSchema),
    secret: v.optional(SecretVolumeSourceSchema),
    nfs: v.optional(NFSVolumeSourceSchema),
    persistentVolumeClaim: v.optional(PersistentVolumeClaimVolumeSourceSchema),
    downwardAPI: v.optional(DownwardAPIVolumeSourceSchema),
    configMap: v.optional(ConfigMapVolumeSourceSchema),
    projected: v.optional(ProjectedVolumeSourceSchema),
    csi: v.optional(CSIVolumeSourceSchema),
    image: v.optional(ImageVolumeSourceSchema),
  }),
  fieldDocs({
    name:
      "name of the volume. Must be a DNS_LABEL and unique within the pod. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
    hostPath:
      "hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container. This is generally used for system agents or other privileged things that are allowed to see the host machine. Most containers will NOT need this. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath",
    emptyDir:
      "emptyDir represents a temporary directory that shares a pod's lifetime. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir",
    secret:
      "secret represents a secret that should populate this volume. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret",
    nfs:
      "nfs represents an NFS mount on the host that shares a pod's lifetime More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs",
    persistentVolumeClaim:
      "persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims",
    downwardAPI: "downwardAPI represents downward API about the pod that should populate this volume",
    configMap: "configMap represents a configMap that should populate this volume",
    projected: "projected items for all in one resources secrets, configmaps, and downward API",
    csi:
      "csi (Container Storage Interface) represents ephemeral storage that is handled by certain external CSI drivers.",
    image:
      "image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine. The volume is resolved at pod startup depending on which PullPolicy value is provided:\n\n- Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. - Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. - IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails.\n\nThe volume gets re-resolved if the pod gets deleted and recreated, which means that new remote content will become available on pod recreation. A failure to resolve or pull the image during pod startup will block containers from starting and may add significant latency. Failures will be retried using normal volume backoff and will be reported on the pod reason and message. The types of objects that may be mounted by this volume are defined by the container runtime implementation on a host machine and at minimum must include all valid types supported by the container image field. The OCI object gets mounted in a single directory (spec.containers[*].volumeMounts.mountPath) by merging the manifest layers in the same way as for container images. The volume will be mounted read-only (ro). Sub path mounts for containers are not supported (spec.containers[*].volumeMounts.subpath) before 1.33. The field spec.securityContext.fsGroupChangePolicy has no effect on this volume type.",
  }),
);

/**
 * Volume as TypeScript sees it (see {@link VolumeSchema}).
 *
 * @example
 * ```ts
 * import type { Volume } from "@skiff/kinds";
 *
 * const value: Volume = { name: "cache", emptyDir: { sizeLimit: "1Gi" } };
 * ```
 */
export type Volume = v.InferOutput<typeof VolumeSchema>;
