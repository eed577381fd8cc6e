/**
 * The ControllerRevision kind (apps/v1): the history StatefulSets and DaemonSets roll back to.
 *
 * Field descriptions are Kubernetes 1.32's API documentation (k8s.io/api apps/v1, types_swagger_doc_generated.go),
 * which `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of apps/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int64, ObjectMetaSchema, preserveUnknownFields } from "@skiff/kinds";

/**
 * ControllerRevision implements an immutable snapshot of state data. Clients are responsible for serializing and deserializing the objects that contain their internal state. Once a ControllerRevision has been successfully created, it can not be updated. The API Server will fail validation of all requests that attempt to mutate the Data field. ControllerRevisions may, however, be deleted. Note that, due to its use by both the DaemonSet and StatefulSet controllers for update and rollback, this object is beta. However, it may be subject to name and representation changes in future releases, and clients should not depend on its stability. It is primarily for internal use by controllers.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ControllerRevisionSchema } from "@skiff/workloads";
 *
 * v.parse(ControllerRevisionSchema, { apiVersion: "apps/v1", kind: "ControllerRevision", metadata: { name: "web-5d4b9c7f8" }, data: {}, revision: 1 });
 * ```
 */
export const ControllerRevisionSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    data: v.optional(preserveUnknownFields()),
    revision: int64(),
  }),
  v.description(
    "ControllerRevision implements an immutable snapshot of state data. Clients are responsible for serializing and deserializing the objects that contain their internal state. Once a ControllerRevision has been successfully created, it can not be updated. The API Server will fail validation of all requests that attempt to mutate the Data field. ControllerRevisions may, however, be deleted. Note that, due to its use by both the DaemonSet and StatefulSet controllers for update and rollback, this object is beta. However, it may be subject to name and representation changes in future releases, and clients should not depend on its stability. It is primarily for internal use by controllers.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    data: "Data is the serialized representation of the state.",
    revision: "Revision indicates the revision of the state represented by Data.",
  }),
);

/**
 * ControllerRevision as TypeScript sees it (see {@link ControllerRevisionSchema}).
 *
 * @example
 * ```ts
 * import type { ControllerRevision } from "@skiff/workloads";
 *
 * const value: ControllerRevision = { apiVersion: "apps/v1", kind: "ControllerRevision", metadata: { name: "web-5d4b9c7f8" }, data: {}, revision: 1 };
 * ```
 */
export type ControllerRevision = v.InferOutput<typeof ControllerRevisionSchema>;
