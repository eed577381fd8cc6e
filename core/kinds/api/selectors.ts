/**
 * Selectors that point into ConfigMaps, Secrets, files and the Pod itself, shared by env vars and volumes.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, k8s, quantity } from "../k8s.ts";

/**
 * Maps a string key to a path within a volume.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { KeyToPathSchema } from "@skiff/kinds";
 *
 * v.parse(KeyToPathSchema, { key: "app", path: "/data" });
 * ```
 */
export const KeyToPathSchema = v.pipe(
  v.object({
    key: v.string(),
    path: v.string(),
    mode: v.optional(int32()),
  }),
  fieldDocs({
    key: "key is the key to project.",
    path:
      "path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element '..'. May not start with the string '..'.",
    mode:
      "mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.",
  }),
);

/**
 * KeyToPath as TypeScript sees it (see {@link KeyToPathSchema}).
 *
 * @example
 * ```ts
 * import type { KeyToPath } from "@skiff/kinds";
 *
 * const value: KeyToPath = { key: "app", path: "/data" };
 * ```
 */
export type KeyToPath = v.InferOutput<typeof KeyToPathSchema>;

/**
 * ObjectFieldSelector selects an APIVersioned field of an object.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ObjectFieldSelectorSchema } from "@skiff/kinds";
 *
 * v.parse(ObjectFieldSelectorSchema, { fieldPath: "metadata.name" });
 * ```
 */
export const ObjectFieldSelectorSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.pipe(v.string(), k8s({ default: "v1" }))),
    fieldPath: v.string(),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  fieldDocs({
    apiVersion: 'Version of the schema the FieldPath is written in terms of, defaults to "v1".',
    fieldPath: "Path of the field to select in the specified API version.",
  }),
);

/**
 * ObjectFieldSelector as TypeScript sees it (see {@link ObjectFieldSelectorSchema}).
 *
 * @example
 * ```ts
 * import type { ObjectFieldSelector } from "@skiff/kinds";
 *
 * const value: ObjectFieldSelector = { fieldPath: "metadata.name" };
 * ```
 */
export type ObjectFieldSelector = v.InferOutput<typeof ObjectFieldSelectorSchema>;

/**
 * ResourceFieldSelector represents container resources (cpu, memory) and their output format
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ResourceFieldSelectorSchema } from "@skiff/kinds";
 *
 * v.parse(ResourceFieldSelectorSchema, { resource: "limits.cpu" });
 * ```
 */
export const ResourceFieldSelectorSchema = v.pipe(
  v.object({
    containerName: v.optional(v.string()),
    resource: v.string(),
    divisor: v.optional(quantity()),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  fieldDocs({
    containerName: "Container name: required for volumes, optional for env vars",
    resource: "Required: resource to select",
    divisor: 'Specifies the output format of the exposed resources, defaults to "1"',
  }),
);

/**
 * ResourceFieldSelector as TypeScript sees it (see {@link ResourceFieldSelectorSchema}).
 *
 * @example
 * ```ts
 * import type { ResourceFieldSelector } from "@skiff/kinds";
 *
 * const value: ResourceFieldSelector = { resource: "limits.cpu" };
 * ```
 */
export type ResourceFieldSelector = v.InferOutput<typeof ResourceFieldSelectorSchema>;

/**
 * Selects a key from a ConfigMap.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ConfigMapKeySelectorSchema } from "@skiff/kinds";
 *
 * v.parse(ConfigMapKeySelectorSchema, { key: "app" });
 * ```
 */
export const ConfigMapKeySelectorSchema = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string(), k8s({ default: "" }))),
    key: v.string(),
    optional: v.optional(v.boolean()),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  fieldDocs({
    name:
      "Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
    key:
      "The key to select from the ConfigMap's Data field. Keys in the BinaryData field are not currently propagated to container env vars.",
    optional: "Specify whether the ConfigMap or its key must be defined",
  }),
);

/**
 * ConfigMapKeySelector as TypeScript sees it (see {@link ConfigMapKeySelectorSchema}).
 *
 * @example
 * ```ts
 * import type { ConfigMapKeySelector } from "@skiff/kinds";
 *
 * const value: ConfigMapKeySelector = { key: "app" };
 * ```
 */
export type ConfigMapKeySelector = v.InferOutput<typeof ConfigMapKeySelectorSchema>;

/**
 * SecretKeySelector selects a key of a Secret.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SecretKeySelectorSchema } from "@skiff/kinds";
 *
 * v.parse(SecretKeySelectorSchema, { key: "app" });
 * ```
 */
export const SecretKeySelectorSchema = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string(), k8s({ default: "" }))),
    key: v.string(),
    optional: v.optional(v.boolean()),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  fieldDocs({
    name:
      "Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
    key: "The key of the secret to select from.  Must be a valid secret key.",
    optional: "Specify whether the Secret or its key must be defined",
  }),
);

/**
 * SecretKeySelector as TypeScript sees it (see {@link SecretKeySelectorSchema}).
 *
 * @example
 * ```ts
 * import type { SecretKeySelector } from "@skiff/kinds";
 *
 * const value: SecretKeySelector = { key: "app" };
 * ```
 */
export type SecretKeySelector = v.InferOutput<typeof SecretKeySelectorSchema>;
