/**
 * Strategic merge patch metadata read from a JSONSchemaProps, as Kubernetes reads it from Go struct tags
 * (`patchStrategy`, `patchMergeKey`) or from the OpenAPI extensions `x-kubernetes-patch-strategy` and
 * `x-kubernetes-patch-merge-key`.
 *
 * A field the schema does not declare (or declares with `x-kubernetes-preserve-unknown-fields` only) has no
 * metadata, and neither does anything below it: its maps merge key by key and its lists are replaced, which
 * is JSON merge patch semantics. The `metadata` of the patched object (and of any
 * `x-kubernetes-embedded-resource`) is Kubernetes' ObjectMeta, whose finalizers merge as a set and whose
 * ownerReferences merge by uid whatever the kind's schema says.
 *
 * @module
 */
import type { JSONSchemaProps } from "../schema/types.ts";
import { PatchError } from "./errors.ts";

/** A field's patch strategies (split at ",") and merge key ("" for none). */
export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

/** The schema below a field (undefined when unknown) and the field's patch metadata. */
export interface FieldLookup {
  schema: JSONSchemaProps | undefined;
  meta: PatchMeta;
}

/** ObjectMeta's strategic merge patch tags (k8s.io/apimachinery/pkg/apis/meta/v1 types.go). */
const OBJECT_META_TAGS: Record<string, JSONSchemaProps> = {
  finalizers: { "x-kubernetes-patch-strategy": "merge" },
  ownerReferences: { "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "uid" },
};

const OBJECT_META: JSONSchemaProps = {
  type: "object",
  properties: {
    finalizers: { type: "array", items: { type: "string" }, ...OBJECT_META_TAGS.finalizers },
    ownerReferences: { type: "array", items: { type: "object" }, ...OBJECT_META_TAGS.ownerReferences },
    labels: { type: "object", additionalProperties: { type: "string" } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
  },
};

/**
 * The schema to patch a whole object with: the kind's schema, marked as an embedded resource so that its
 * `metadata` is ObjectMeta.
 *
 * @example
 * ```ts
 * const root = objectSchema(podSchema);
 * lookupField(root, "metadata").schema?.properties?.finalizers; // has x-kubernetes-patch-strategy "merge"
 * ```
 */
export function objectSchema(schema: JSONSchemaProps | undefined): JSONSchemaProps {
  return { type: "object", ...schema, "x-kubernetes-embedded-resource": true };
}

/** ObjectMeta as declared (if at all), with the patch tags Kubernetes' Go type carries. */
function objectMeta(declared: JSONSchemaProps | undefined): JSONSchemaProps {
  const properties: Record<string, JSONSchemaProps> = { ...OBJECT_META.properties, ...declared?.properties };
  for (const [name, tags] of Object.entries(OBJECT_META_TAGS)) {
    properties[name] = { ...OBJECT_META.properties![name], ...declared?.properties?.[name], ...tags };
  }
  return { ...OBJECT_META, ...declared, properties };
}

/**
 * The schema of field `key` of an object with schema `schema`: a declared property, else the
 * additionalProperties schema of a map, else undefined (the field is unknown).
 */
function child(schema: JSONSchemaProps | undefined, key: string): JSONSchemaProps | undefined {
  if (!schema) return undefined;
  if (key === "metadata" && schema["x-kubernetes-embedded-resource"]) {
    return objectMeta(schema.properties?.metadata);
  }
  if (schema.properties && Object.hasOwn(schema.properties, key)) return schema.properties[key];
  if (typeof schema.additionalProperties === "object") return schema.additionalProperties;
  return undefined;
}

function metaOf(s: JSONSchemaProps | undefined): PatchMeta {
  const strategy = s?.["x-kubernetes-patch-strategy"];
  return {
    strategies: strategy === undefined ? [] : strategy.split(","),
    mergeKey: s?.["x-kubernetes-patch-merge-key"] ?? "",
  };
}

/**
 * Field `key` of an object holding a map: the map's schema and the field's metadata.
 *
 * @example
 * ```ts
 * lookupField(deploymentSpecSchema, "strategy").meta.strategies; // ["retainKeys"]
 * ```
 */
export function lookupField(schema: JSONSchemaProps | undefined, key: string): FieldLookup {
  const s = child(schema, key);
  return { schema: s, meta: metaOf(s) };
}

/**
 * Field `key` of an object holding a list: the schema of the list's items and the field's metadata.
 *
 * @example
 * ```ts
 * lookupList(podSpecSchema, "containers").meta.mergeKey; // "name"
 * ```
 */
export function lookupList(schema: JSONSchemaProps | undefined, key: string): FieldLookup {
  const s = child(schema, key);
  // Without `items`, Kubernetes looks the items up in the field's own schema (a pointer to a struct).
  return { schema: s?.items ?? s, meta: metaOf(s) };
}

/**
 * The strategy other than retainKeys among a field's strategies ("" for none); more than two, or two
 * without retainKeys, is Kubernetes' "unexpected patch strategy" error.
 *
 * @example
 * ```ts
 * mainStrategy(["merge", "retainKeys"]); // "merge"
 * ```
 */
export function mainStrategy(strategies: string[]): string {
  switch (strategies.length) {
    case 0:
      return "";
    case 1:
      return strategies[0] === "retainKeys" ? "" : strategies[0];
    case 2:
      if (strategies[0] === "retainKeys") return strategies[1];
      if (strategies[1] === "retainKeys") return strategies[0];
  }
  throw PatchError.plain(`unexpected patch strategy: [${strategies.join(" ")}]`);
}
