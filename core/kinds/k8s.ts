/**
 * Building blocks for writing Kubernetes kinds as valibot schemas: `k8s()` carries the OpenAPI keywords
 * valibot has no words for (formats, defaults, `x-kubernetes-*` extensions) to the JSON Schema converter,
 * and the primitives below are the Go types every API shares (int32, Quantity, IntOrString, Time).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { int32, k8s } from "@skiff/kinds";
 *
 * const Port = v.object({ name: v.string(), port: int32() });
 * const Ports = v.pipe(
 *   v.array(Port),
 *   k8s({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port"] }),
 * );
 * ```
 *
 * @module
 */
import * as v from "valibot";
import type { JSONSchemaProps } from "../schema/types.ts";

/**
 * The OpenAPI keywords a schema can carry through `k8s()`: everything JSONSchemaProps has except the
 * structure itself (type, properties, items, additionalProperties, required), which comes from valibot.
 */
export type K8sKeywords = Omit<
  JSONSchemaProps,
  "type" | "properties" | "items" | "additionalProperties" | "required"
>;

/** The metadata key `k8s()` stores its keywords under. */
export const K8S_METADATA_KEY = "k8s";

/**
 * Attaches OpenAPI keywords to a schema in a `v.pipe`; `toJSONSchemaProps` merges them into the output,
 * later ones winning.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { k8s } from "@skiff/kinds";
 *
 * const Finalizers = v.pipe(
 *   v.array(v.string()),
 *   k8s({ "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge" }),
 * );
 * ```
 */
export function k8s<TInput>(keywords: K8sKeywords): v.MetadataAction<TInput, { k8s: K8sKeywords }> {
  return v.metadata({ [K8S_METADATA_KEY]: keywords } as { k8s: K8sKeywords });
}

/** The metadata key `fieldDocs()` stores its descriptions under. */
export const FIELD_DOCS_METADATA_KEY = "fieldDocs";

/**
 * Describes an object's fields from one table placed after the shape, so the shape stays readable and
 * the long texts (Kubernetes' API documentation, which `kubectl explain` prints) sit together. An entry
 * replaces the description the field's schema brings along (a type describes itself in general, the
 * field says what it is for here); a key that names no field is a type error.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { fieldDocs, int32 } from "@skiff/kinds";
 *
 * const Port = v.pipe(
 *   v.object({ name: v.optional(v.string()), port: int32() }),
 *   fieldDocs({ name: "The name of this port.", port: "The port number." }),
 * );
 * ```
 */
export function fieldDocs<TInput extends Record<string, unknown>>(
  docs: { [K in NoInfer<keyof TInput>]?: string },
): v.MetadataAction<TInput, { fieldDocs: Record<string, string> }> {
  return v.metadata({ [FIELD_DOCS_METADATA_KEY]: docs } as { fieldDocs: Record<string, string> });
}

/**
 * A Go int32: an integer with `format: int32`.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { int32 } from "@skiff/kinds";
 *
 * v.parse(int32(), 80); // 80
 * ```
 */
export function int32() {
  return v.pipe(v.number(), v.integer(), k8s({ format: "int32" }));
}

/**
 * A Go int64: an integer with `format: int64`.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { int64 } from "@skiff/kinds";
 *
 * v.parse(int64(), 30); // 30
 * ```
 */
export function int64() {
  return v.pipe(v.number(), v.integer(), k8s({ format: "int64" }));
}

/**
 * A Go float64: a number with `format: double`.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { double } from "@skiff/kinds";
 *
 * v.parse(double(), 0.5); // 0.5
 * ```
 */
export function double() {
  return v.pipe(v.number(), k8s({ format: "double" }));
}

/**
 * A metav1.Time or MicroTime: an RFC 3339 string with `format: date-time`.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { time } from "@skiff/kinds";
 *
 * v.parse(time(), "2024-05-01T12:00:00Z");
 * ```
 */
export function time() {
  return v.pipe(v.string(), k8s({ format: "date-time" }));
}

/**
 * A Go []byte: a base64 string with `format: byte`.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { bytes } from "@skiff/kinds";
 *
 * v.parse(bytes(), "aGVsbG8=");
 * ```
 */
export function bytes() {
  return v.pipe(v.string(), k8s({ format: "byte" }));
}

/**
 * An intstr.IntOrString (a port number or a port name, "25%" or 1): `x-kubernetes-int-or-string`.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { intOrString } from "@skiff/kinds";
 *
 * v.parse(intOrString(), "http"); // "http"
 * v.parse(intOrString(), 8080); // 8080
 * ```
 */
export function intOrString() {
  return v.pipe(
    v.union([v.pipe(v.number(), v.integer()), v.string()]),
    k8s({ "x-kubernetes-int-or-string": true }),
  );
}

/**
 * The pattern apiextensions gives resource.Quantity in CRDs (controller-gen emits the same), so a
 * structural validator rejects "12 apples" the way Kubernetes' quantity parser does.
 */
export const QUANTITY_PATTERN =
  "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

/**
 * A resource.Quantity ("500m", "1Gi", 2): int-or-string with Kubernetes' quantity pattern. Clients send
 * numbers as often as strings (`cpu: 1`), so both are accepted.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { quantity } from "@skiff/kinds";
 *
 * v.parse(quantity(), "128Mi");
 * ```
 */
export function quantity() {
  return v.pipe(
    v.union([v.number(), v.string()]),
    k8s({ "x-kubernetes-int-or-string": true, pattern: QUANTITY_PATTERN }),
  );
}

/**
 * An object whose fields are not described (runtime.RawExtension, metav1.FieldsV1, a CRD's own
 * openAPIV3Schema): `type: object` with `x-kubernetes-preserve-unknown-fields`, so pruning keeps it whole.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { preserveUnknownFields } from "@skiff/kinds";
 *
 * v.parse(preserveUnknownFields(), { "f:metadata": {} });
 * ```
 */
export function preserveUnknownFields() {
  return v.pipe(v.looseObject({}), k8s({ "x-kubernetes-preserve-unknown-fields": true }));
}

/**
 * Any JSON value (apiextensions' JSON type: a default or an example): no type, unknown fields preserved.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { anyJSON } from "@skiff/kinds";
 *
 * v.parse(anyJSON(), [1, "two"]);
 * ```
 */
export function anyJSON() {
  return v.pipe(v.unknown(), k8s({ "x-kubernetes-preserve-unknown-fields": true }));
}
