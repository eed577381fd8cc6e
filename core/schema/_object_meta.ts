/**
 * The shape of metav1.ObjectMeta as Go decodes it: which fields exist (everything else is an unknown
 * field Kubernetes drops) and which JSON types they take.
 *
 * @module
 */
import { goQuote } from "./_gofmt.ts";

type GoType =
  | "string"
  | "int64"
  | "time"
  | "stringMap"
  | "strings"
  | "ownerRefs"
  | "managedFields"
  | "bool"
  | "raw";

/** ObjectMeta's JSON fields and the Go type behind each. */
const OBJECT_META_FIELDS: Readonly<Record<string, GoType>> = {
  name: "string",
  generateName: "string",
  namespace: "string",
  selfLink: "string",
  uid: "string",
  resourceVersion: "string",
  generation: "int64",
  creationTimestamp: "time",
  deletionTimestamp: "time",
  deletionGracePeriodSeconds: "int64",
  labels: "stringMap",
  annotations: "stringMap",
  ownerReferences: "ownerRefs",
  finalizers: "strings",
  managedFields: "managedFields",
};

const OWNER_REFERENCE_FIELDS: Readonly<Record<string, GoType>> = {
  apiVersion: "string",
  kind: "string",
  name: "string",
  uid: "string",
  controller: "bool",
  blockOwnerDeletion: "bool",
};

const MANAGED_FIELDS_FIELDS: Readonly<Record<string, GoType>> = {
  manager: "string",
  operation: "string",
  apiVersion: "string",
  time: "time",
  fieldsType: "string",
  fieldsV1: "raw",
  subresource: "string",
};

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Drops the fields ObjectMeta (and its owner references and managed-fields entries) does not have, as
 * decoding into the Go struct does, and null-valued fields, which Go leaves unset. Each dropped unknown
 * field's path ("metadata.foo", "metadata.ownerReferences[0].bar") is appended to `unknown`.
 *
 * @example
 * ```ts
 * import { coerceObjectMeta } from "./_object_meta.ts";
 * const unknown: string[] = [];
 * coerceObjectMeta({ name: "a", nmae: "b" }, "metadata", unknown);
 * unknown; // ["metadata.nmae"]
 * ```
 */
export function coerceObjectMeta(meta: unknown, prefix: string, unknown: string[]): void {
  if (!isMap(meta)) return;
  for (const k of Object.keys(meta)) {
    const type = OBJECT_META_FIELDS[k];
    const v = meta[k];
    if (type === undefined || !Object.hasOwn(OBJECT_META_FIELDS, k)) {
      unknown.push(`${prefix}.${k}`);
      delete meta[k];
    } else if (v === null) {
      delete meta[k];
    } else if (type === "ownerRefs") {
      coerceItems(v, `${prefix}.${k}`, OWNER_REFERENCE_FIELDS, unknown);
    } else if (type === "managedFields") {
      coerceItems(v, `${prefix}.${k}`, MANAGED_FIELDS_FIELDS, unknown);
    }
  }
}

function coerceItems(
  list: unknown,
  prefix: string,
  fields: Readonly<Record<string, GoType>>,
  unknown: string[],
) {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (!isMap(item)) return;
    for (const k of Object.keys(item)) {
      if (!Object.hasOwn(fields, k)) {
        unknown.push(`${prefix}[${i}].${k}`);
        delete item[k];
      } else if (item[k] === null) delete item[k];
    }
  });
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const GO_TYPE_NAMES: Record<GoType, string> = {
  string: "string",
  int64: "int64",
  time: "v1.Time",
  stringMap: "map[string]string",
  strings: "[]string",
  ownerRefs: "[]v1.OwnerReference",
  managedFields: "[]v1.ManagedFieldsEntry",
  bool: "bool",
  raw: "v1.FieldsV1",
};

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "number" : `number ${v}`;
  return typeof v;
}

function typeError(v: unknown, struct: string, field: string, type: GoType): string {
  return `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${struct}.${field} of type ${
    GO_TYPE_NAMES[type]
  }`;
}

function checkValue(v: unknown, type: GoType, struct: string, field: string): string | undefined {
  if (v === null) return undefined;
  switch (type) {
    case "string":
      return typeof v === "string" ? undefined : typeError(v, struct, field, type);
    case "bool":
      return typeof v === "boolean" ? undefined : typeError(v, struct, field, type);
    case "int64":
      return typeof v === "number" && Number.isInteger(v) ? undefined : typeError(v, struct, field, type);
    case "time":
      if (typeof v !== "string") {
        return "json: cannot unmarshal " + jsonKind(v) + " into Go value of type string";
      }
      // metav1.Time parses RFC 3339; the empty string is its zero value.
      return v === "" || RFC3339.test(v)
        ? undefined
        : `parsing time ${goQuote(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${goQuote(v)} as "2006"`;
    case "stringMap":
      if (!isMap(v)) return typeError(v, struct, field, type);
      for (const [k, x] of Object.entries(v)) {
        if (x !== null && typeof x !== "string") return typeError(x, struct, `${field}.${k}`, "string");
      }
      return undefined;
    case "strings":
      if (!Array.isArray(v)) return typeError(v, struct, field, type);
      for (const x of v) {
        if (x !== null && typeof x !== "string") return typeError(x, struct, field, "string");
      }
      return undefined;
    case "ownerRefs":
    case "managedFields": {
      if (!Array.isArray(v)) return typeError(v, struct, field, type);
      const fields = type === "ownerRefs" ? OWNER_REFERENCE_FIELDS : MANAGED_FIELDS_FIELDS;
      const itemStruct = type === "ownerRefs" ? "OwnerReference" : "ManagedFieldsEntry";
      for (const item of v) {
        if (item === null) continue;
        if (!isMap(item)) return typeError(item, struct, field, type);
        for (const [k, x] of Object.entries(item)) {
          const t = fields[k];
          if (t === undefined || !Object.hasOwn(fields, k)) continue;
          const err = checkValue(x, t, itemStruct, `${field}.${k}`);
          if (err) return err;
        }
      }
      return undefined;
    }
    case "raw":
      return undefined;
  }
}

/**
 * The error Go's JSON decoder gives when `meta` cannot be decoded into metav1.ObjectMeta (a string where
 * labels belong, say), or undefined when it can. Kubernetes turns this into a BadRequest for the root
 * object's metadata and into a field error for an embedded resource's.
 *
 * @example
 * ```ts
 * import { objectMetaDecodeError } from "./_object_meta.ts";
 * objectMetaDecodeError({ labels: "x" });
 * // "json: cannot unmarshal string into Go struct field ObjectMeta.labels of type map[string]string"
 * ```
 */
export function objectMetaDecodeError(meta: unknown): string | undefined {
  if (meta === null || meta === undefined) return undefined;
  if (!isMap(meta)) return `json: cannot unmarshal ${jsonKind(meta)} into Go value of type v1.ObjectMeta`;
  for (const [k, v] of Object.entries(meta)) {
    const type = OBJECT_META_FIELDS[k];
    if (type === undefined || !Object.hasOwn(OBJECT_META_FIELDS, k)) continue;
    const err = checkValue(v, type, "ObjectMeta", k);
    if (err) return err;
  }
  return undefined;
}
