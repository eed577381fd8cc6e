/**
 * References to other objects: ObjectReference (Events, ServiceAccount secrets) and LocalObjectReference.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, k8s } from "../k8s.ts";

/**
 * ObjectReference contains enough information to let you inspect or modify the referred object.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ObjectReferenceSchema } from "@skiff/kinds";
 *
 * v.parse(ObjectReferenceSchema, {});
 * ```
 */
export const ObjectReferenceSchema = v.pipe(
  v.object({
    kind: v.optional(v.string()),
    namespace: v.optional(v.string()),
    name: v.optional(v.string()),
    uid: v.optional(v.string()),
    apiVersion: v.optional(v.string()),
    resourceVersion: v.optional(v.string()),
    fieldPath: v.optional(v.string()),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  fieldDocs({
    kind:
      "Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    namespace:
      "Namespace of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
    name:
      "Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
    uid:
      "UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#uids",
    apiVersion: "API version of the referent.",
    resourceVersion:
      "Specific resourceVersion to which this reference is made, if any. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency",
    fieldPath:
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
  }),
);

/**
 * ObjectReference as TypeScript sees it (see {@link ObjectReferenceSchema}).
 *
 * @example
 * ```ts
 * import type { ObjectReference } from "@skiff/kinds";
 *
 * const value: ObjectReference = {};
 * ```
 */
export type ObjectReference = v.InferOutput<typeof ObjectReferenceSchema>;

/**
 * LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LocalObjectReferenceSchema } from "@skiff/kinds";
 *
 * v.parse(LocalObjectReferenceSchema, {});
 * ```
 */
export const LocalObjectReferenceSchema = v.pipe(
  v.object({
    name: v.optional(v.pipe(v.string(), k8s({ default: "" }))),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  fieldDocs({
    name:
      "Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
  }),
);

/**
 * LocalObjectReference as TypeScript sees it (see {@link LocalObjectReferenceSchema}).
 *
 * @example
 * ```ts
 * import type { LocalObjectReference } from "@skiff/kinds";
 *
 * const value: LocalObjectReference = {};
 * ```
 */
export type LocalObjectReference = v.InferOutput<typeof LocalObjectReferenceSchema>;
