/**
 * The definitions every document may point at besides its kinds: meta/v1's Status, DeleteOptions, Patch,
 * WatchEvent and ListMeta, runtime.RawExtension, autoscaling/v1 Scale for scale subresources, and the two
 * scalar types built-in kinds refer to (IntOrString, Quantity). Descriptions are Kubernetes' own, so
 * `kubectl explain` reads the same. ObjectMeta and the other types core/kinds declares come from
 * the named-type catalog (_named_types.ts) instead.
 *
 * @module
 */
import { META_V1, refField } from "./names.ts";
import type { Schema } from "./types.ts";

/**
 * autoscaling/v1, where Scale lives.
 *
 * @example
 * ```ts
 * `${AUTOSCALING_V1}.Scale`; // "io.k8s.api.autoscaling.v1.Scale"
 * ```
 */
export const AUTOSCALING_V1 = "io.k8s.api.autoscaling.v1";

/**
 * The int-or-string type built-in kinds use (ports, rolling-update surges).
 *
 * @example
 * ```ts
 * refField(INT_OR_STRING, "Number or name of the port.");
 * ```
 */
export const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

/**
 * The resource-quantity type built-in kinds use ("100m", "1Gi").
 *
 * @example
 * ```ts
 * refField(QUANTITY);
 * ```
 */
export const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

/**
 * TypeMeta's two fields, which every kind and list carries.
 *
 * @example
 * ```ts
 * const list: Schema = { type: "object", properties: { ...TYPE_META } };
 * ```
 */
export const TYPE_META: Record<"apiVersion" | "kind", Schema> = {
  apiVersion: {
    description:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    type: "string",
  },
  kind: {
    description:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    type: "string",
  },
};

/**
 * What a kind's `metadata` field says when its schema says nothing (CRDs).
 *
 * @example
 * ```ts
 * refField(`${META_V1}.ObjectMeta`, OBJECT_META_FIELD);
 * ```
 */
export const OBJECT_META_FIELD =
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/**
 * What a list's `metadata` field says.
 *
 * @example
 * ```ts
 * refField(`${META_V1}.ListMeta`, LIST_META_FIELD);
 * ```
 */
export const LIST_META_FIELD =
  "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

const string = (description: string): Schema => ({ description, type: "string" });
const int32 = (description: string): Schema => ({ description, type: "integer", format: "int32" });

/**
 * The common definitions, OpenAPI 3 style. The caller keeps only those a document reaches.
 *
 * @example
 * ```ts
 * commonSchemas()["io.k8s.apimachinery.pkg.apis.meta.v1.Status"].type; // "object"
 * ```
 */
export function commonSchemas(): Record<string, Schema> {
  return {
    [`${META_V1}.Status`]: {
      description: "Status is a return value for calls that don't return other objects.",
      type: "object",
      properties: {
        apiVersion: TYPE_META.apiVersion,
        code: int32("Suggested HTTP return code for this status, 0 if not set."),
        details: refField(
          `${META_V1}.StatusDetails`,
          "Extended data associated with the reason.  Each reason may define its own extended details. This field is optional and the data returned is not guaranteed to conform to any schema except that defined by the reason type.",
        ),
        kind: TYPE_META.kind,
        message: string("A human-readable description of the status of this operation."),
        metadata: refField(`${META_V1}.ListMeta`, LIST_META_FIELD),
        reason: string(
          'A machine-readable description of why this operation is in the "Failure" status. If this value is empty there is no information available. A Reason clarifies an HTTP status code but does not override it.',
        ),
        status: string(
          'Status of the operation. One of: "Success" or "Failure". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        ),
      },
      "x-kubernetes-group-version-kind": [{ group: "", kind: "Status", version: "v1" }],
    },
    [`${META_V1}.StatusDetails`]: {
      description:
        "StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response. The Reason field of a Status object defines what attributes will be set. Clients must ignore fields that do not match the defined type of each attribute, and should assume that any attribute may be empty, invalid, or under defined.",
      type: "object",
      properties: {
        causes: {
          description:
            "The Causes array includes more details associated with the StatusReason failure. Not all StatusReasons may provide detailed causes.",
          type: "array",
          items: refField(`${META_V1}.StatusCause`),
          "x-kubernetes-list-type": "atomic",
        },
        group: string("The group attribute of the resource associated with the status StatusReason."),
        kind: string(
          "The kind attribute of the resource associated with the status StatusReason. On some operations may differ from the requested resource Kind. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
        ),
        name: string(
          "The name attribute of the resource associated with the status StatusReason (when there is a single name which can be described).",
        ),
        retryAfterSeconds: int32(
          "If specified, the time in seconds before the operation should be retried. Some errors may indicate the client must take an alternate action - for those errors this field may indicate how long to wait before taking the alternate action.",
        ),
        uid: string(
          "UID of the resource. (when there is a single resource which can be described). More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids",
        ),
      },
    },
    [`${META_V1}.StatusCause`]: {
      description:
        "StatusCause provides more information about an api.Status failure, including cases when multiple errors are encountered.",
      type: "object",
      properties: {
        field: string(
          'The field of the resource that has caused this error, as named by its JSON serialization. May include dot and postfix notation for nested attributes. Arrays are zero-indexed.  Fields may appear more than once in an array of causes due to fields having multiple errors. Optional.\n\nExamples:\n  "name" - the field "name" on the current resource\n  "items[0].name" - the field "name" on the first array entry in "items"',
        ),
        message: string(
          "A human-readable description of the cause of the error.  This field may be presented as-is to a reader.",
        ),
        reason: string(
          "A machine-readable description of the cause of the error. If this value is empty there is no information available.",
        ),
      },
    },
    [`${META_V1}.DeleteOptions`]: {
      description: "DeleteOptions may be provided when deleting an API object.",
      type: "object",
      properties: {
        apiVersion: TYPE_META.apiVersion,
        dryRun: {
          description:
            "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed",
          type: "array",
          items: { type: "string" },
          "x-kubernetes-list-type": "atomic",
        },
        gracePeriodSeconds: {
          description:
            "The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used. Defaults to a per object value if not specified. zero means delete immediately.",
          type: "integer",
          format: "int64",
        },
        kind: TYPE_META.kind,
        orphanDependents: {
          description:
            'Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned. If true/false, the "orphan" finalizer will be added to/removed from the object\'s finalizers list. Either this field or PropagationPolicy may be set, but not both.',
          type: "boolean",
        },
        preconditions: refField(
          `${META_V1}.Preconditions`,
          "Must be fulfilled before a deletion is carried out. If not possible, a 409 Conflict status will be returned.",
        ),
        propagationPolicy: string(
          "Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. The default policy is decided by the existing finalizer set in the metadata.finalizers and the resource-specific default policy. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground.",
        ),
      },
      "x-kubernetes-group-version-kind": [{ group: "", kind: "DeleteOptions", version: "v1" }],
    },
    [`${META_V1}.Preconditions`]: {
      description:
        "Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out.",
      type: "object",
      properties: {
        resourceVersion: string("Specifies the target ResourceVersion"),
        uid: string("Specifies the target UID."),
      },
    },
    [`${META_V1}.Patch`]: {
      description: "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
      type: "object",
    },
    [`${META_V1}.WatchEvent`]: {
      description: "Event represents a single event to a watched resource.",
      type: "object",
      required: ["type", "object"],
      properties: {
        object: refField(
          "io.k8s.apimachinery.pkg.runtime.RawExtension",
          "Object is:\n * If Type is Added or Modified: the new state of the object.\n * If Type is Deleted: the state of the object immediately before deletion.\n * If Type is Error: *Status is recommended; other types may make sense\n   depending on context.",
        ),
        type: { type: "string" },
      },
      "x-kubernetes-group-version-kind": [{ group: "", kind: "WatchEvent", version: "v1" }],
    },
    "io.k8s.apimachinery.pkg.runtime.RawExtension": {
      description: "RawExtension is used to hold extensions in external versions.",
      type: "object",
    },
    [`${AUTOSCALING_V1}.Scale`]: {
      description: "Scale represents a scaling request for a resource.",
      type: "object",
      properties: {
        apiVersion: TYPE_META.apiVersion,
        kind: TYPE_META.kind,
        metadata: refField(
          `${META_V1}.ObjectMeta`,
          "Standard object metadata; More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata.",
        ),
        spec: refField(
          `${AUTOSCALING_V1}.ScaleSpec`,
          "spec defines the behavior of the scale. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status.",
        ),
        status: refField(
          `${AUTOSCALING_V1}.ScaleStatus`,
          "status is the current status of the scale. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status. Read-only.",
        ),
      },
      "x-kubernetes-group-version-kind": [{ group: "autoscaling", kind: "Scale", version: "v1" }],
    },
    [`${AUTOSCALING_V1}.ScaleSpec`]: {
      description: "ScaleSpec describes the attributes of a scale subresource.",
      type: "object",
      properties: {
        replicas: int32("replicas is the desired number of instances for the scaled object."),
      },
    },
    [`${AUTOSCALING_V1}.ScaleStatus`]: {
      description: "ScaleStatus represents the current status of a scale subresource.",
      type: "object",
      required: ["replicas"],
      properties: {
        replicas: int32("replicas is the actual number of observed instances of the scaled object."),
        selector: string(
          "selector is the label query over pods that should match the replicas count. This is same as the label selector but in the string format to avoid introspection by clients. The string will be in the same format as the query-param syntax. More info about label selectors: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels#label-selectors",
        ),
      },
    },
    [INT_OR_STRING]: {
      description:
        "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
      format: "int-or-string",
      oneOf: [{ type: "integer" }, { type: "string" }],
    },
    [QUANTITY]: {
      description:
        'Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors. It is written as a number or a string such as "100m", "1.5Gi" or "2e3": a signed number followed by an optional binary (Ki, Mi, Gi, Ti, Pi, Ei) or decimal (m, k, M, G, T, P, E) suffix or exponent.',
      oneOf: [{ type: "string" }, { type: "number" }],
    },
  };
}

/**
 * Swagger 2.0 has no `oneOf`; kube-openapi publishes these two as plain strings there.
 *
 * @example
 * ```ts
 * V2_SCALARS[INT_OR_STRING]; // { type: "string", format: "int-or-string" }
 * ```
 */
export const V2_SCALARS: Record<string, Schema> = {
  [INT_OR_STRING]: { type: "string", format: "int-or-string" },
  [QUANTITY]: { type: "string" },
};
