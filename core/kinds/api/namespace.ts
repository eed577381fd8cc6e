/**
 * The Namespace kind (v1).
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, k8s, time } from "../k8s.ts";
import { ObjectMetaSchema } from "./meta.ts";

/**
 * NamespaceSpec describes the attributes on a Namespace.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NamespaceSpecSchema } from "@skiff/kinds";
 *
 * v.parse(NamespaceSpecSchema, {});
 * ```
 */
export const NamespaceSpecSchema = v.pipe(
  v.object({
    finalizers: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    finalizers:
      "Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/",
  }),
);

/**
 * NamespaceSpec as TypeScript sees it (see {@link NamespaceSpecSchema}).
 *
 * @example
 * ```ts
 * import type { NamespaceSpec } from "@skiff/kinds";
 *
 * const value: NamespaceSpec = {};
 * ```
 */
export type NamespaceSpec = v.InferOutput<typeof NamespaceSpecSchema>;

/**
 * NamespaceCondition contains details about state of namespace.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NamespaceConditionSchema } from "@skiff/kinds";
 *
 * v.parse(NamespaceConditionSchema, { type: "Ready", status: "True" });
 * ```
 */
export const NamespaceConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
  fieldDocs({
    type: "Type of namespace controller condition.",
    status: "Status of the condition, one of True, False, Unknown.",
    lastTransitionTime: "Last time the condition transitioned from one status to another.",
    reason: "Unique, one-word, CamelCase reason for the condition's last transition.",
    message: "Human-readable message indicating details about last transition.",
  }),
);

/**
 * NamespaceCondition as TypeScript sees it (see {@link NamespaceConditionSchema}).
 *
 * @example
 * ```ts
 * import type { NamespaceCondition } from "@skiff/kinds";
 *
 * const value: NamespaceCondition = { type: "Ready", status: "True" };
 * ```
 */
export type NamespaceCondition = v.InferOutput<typeof NamespaceConditionSchema>;

/**
 * NamespaceStatus is information about the current status of a Namespace.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NamespaceStatusSchema } from "@skiff/kinds";
 *
 * v.parse(NamespaceStatusSchema, {});
 * ```
 */
export const NamespaceStatusSchema = v.pipe(
  v.object({
    phase: v.optional(v.pipe(v.picklist(["Active", "Terminating"]), k8s({ default: "Active" }))),
    conditions: v.optional(
      v.pipe(
        v.array(NamespaceConditionSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["type"],
        }),
      ),
    ),
  }),
  fieldDocs({
    phase:
      "Phase is the current lifecycle phase of the namespace. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/",
    conditions: "Represents the latest available observations of a namespace's current state.",
  }),
);

/**
 * NamespaceStatus as TypeScript sees it (see {@link NamespaceStatusSchema}).
 *
 * @example
 * ```ts
 * import type { NamespaceStatus } from "@skiff/kinds";
 *
 * const value: NamespaceStatus = {};
 * ```
 */
export type NamespaceStatus = v.InferOutput<typeof NamespaceStatusSchema>;

/**
 * Namespace provides a scope for Names. Use of multiple namespaces is optional.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NamespaceSchema } from "@skiff/kinds";
 *
 * v.parse(NamespaceSchema, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } });
 * ```
 */
export const NamespaceSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(NamespaceSpecSchema),
    status: v.optional(NamespaceStatusSchema),
  }),
  v.description("Namespace provides a scope for Names. Use of multiple namespaces is optional."),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Spec defines the behavior of the Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
    status:
      "Status describes the current status of a Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * Namespace as TypeScript sees it (see {@link NamespaceSchema}).
 *
 * @example
 * ```ts
 * import type { Namespace } from "@skiff/kinds";
 *
 * const value: Namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } };
 * ```
 */
export type Namespace = v.InferOutput<typeof NamespaceSchema>;
