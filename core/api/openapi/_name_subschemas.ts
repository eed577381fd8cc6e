/**
 * Turns inline subschemas into references to named definitions, the way Kubernetes publishes its
 * types: a field keeps its own description (and default, nullability, patch strategy) beside an
 * `allOf` holding the reference, and the definition describes the type.
 *
 * @module
 */
import { QUANTITY_PATTERN } from "@skiff/kinds";
import { INT_OR_STRING, QUANTITY } from "./_common_schemas.ts";
import { fieldKeys, type NamedTypes } from "./_named_types.ts";
import { ref } from "./names.ts";
import type { Schema } from "./types.ts";

/**
 * Options of {@link nameSubschemas}.
 *
 * @example
 * ```ts
 * const options: NameOptions = { scalars: resource.builtin };
 * ```
 */
export interface NameOptions {
  /**
   * Refer int-or-string fields to IntOrString or Quantity, as built-in kinds' Go types do. CRDs keep
   * them inline, as apiextensions publishes them.
   */
  scalars: boolean;
}

/**
 * A copy of `schema` whose subschemas (never the root) refer to the named types they are instances of.
 *
 * @example
 * ```ts
 * const pod = nameSubschemas(podSchema, namedTypes(), { scalars: true });
 * pod.properties.spec; // { description: "Specification of ...", allOf: [{ $ref: ".../io.k8s.api.core.v1.PodSpec" }] }
 * ```
 */
export function nameSubschemas(schema: Schema, types: NamedTypes, options: NameOptions): Schema {
  return walk(schema, types, options, true);
}

function walk(node: Schema, types: NamedTypes, options: NameOptions, root: boolean): Schema {
  if (!root) {
    const name = types.match(node) ?? (options.scalars ? scalarType(node) : undefined);
    if (name) return { ...fieldKeys(node), allOf: [ref(name)] };
  }
  const out: Schema = { ...node };
  if (node.properties) {
    out.properties = Object.fromEntries(
      Object.entries(node.properties).map(([k, s]) => [k, walk(s, types, options, false)]),
    );
  }
  if (node.items) out.items = walk(node.items, types, options, false);
  if (typeof node.additionalProperties === "object") {
    out.additionalProperties = walk(node.additionalProperties, types, options, false);
  }
  return out;
}

function scalarType(node: Schema): string | undefined {
  if (!node["x-kubernetes-int-or-string"]) return undefined;
  return node.pattern === QUANTITY_PATTERN ? QUANTITY : INT_OR_STRING;
}
