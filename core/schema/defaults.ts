/**
 * Structural defaulting, as apiextensions-apiserver applies `default` to every custom resource it
 * decodes (pkg/apiserver/schema/defaulting/algorithm.go): a property that is absent, or null while not
 * nullable, gets its default; defaults apply inside arrays and additionalProperties too. Each default
 * is first pruned against its own schema (defaulting.PruneDefaults), once per schema.
 *
 * @module
 */
import { additionalNode, compile, itemsNode, type Node } from "./_compile.ts";
import { cloneJson } from "./json.ts";
import { pruneValue } from "./prune.ts";
import type { JSONSchemaProps } from "./types.ts";

const pruned = new WeakMap<JSONSchemaProps, unknown>();

/** The node's default after pruning, computed once per schema object. */
function defaultOf(schema: JSONSchemaProps): unknown {
  if (pruned.has(schema)) return pruned.get(schema);
  const value = cloneJson(schema.default ?? null);
  if (value !== null) pruneValue(value, schema);
  pruned.set(schema, value);
  return value;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function nonNullableNull(x: unknown, n: Node | undefined): boolean {
  return x === null && n !== undefined && !n.nullable;
}

function fill(x: unknown, n: Node): void {
  if (Array.isArray(x)) {
    const items = itemsNode(n);
    if (!items) return;
    for (let i = 0; i < x.length; i++) {
      if (nonNullableNull(x[i], items)) x[i] = cloneJson(defaultOf(items.schema));
      fill(x[i], items);
    }
    return;
  }
  if (!isMap(x)) return;
  const props = n.propNodes;
  if (props) {
    for (const k of n.propKeys) {
      const pn = props.get(k)!;
      if (!pn.hasDefault) continue;
      const v = x[k];
      if (v === undefined || !Object.hasOwn(x, k) || nonNullableNull(v, pn)) {
        x[k] = cloneJson(defaultOf(pn.schema));
      }
    }
  }
  const ap = additionalNode(n);
  if (!props && !ap) return;
  for (const k of Object.keys(x)) {
    const pn = props?.get(k);
    if (pn) fill(x[k], pn);
    else if (ap) {
      if (nonNullableNull(x[k], ap)) x[k] = cloneJson(defaultOf(ap.schema));
      fill(x[k], ap);
    }
  }
}

/**
 * Applies the defaults of `schema` to `value` in place and returns it.
 *
 * @example
 * ```ts
 * import { applyDefaults } from "./defaults.ts";
 * const schema = {
 *   type: "object" as const,
 *   properties: { replicas: { type: "integer" as const, default: 1 } },
 * };
 * applyDefaults({}, schema); // { replicas: 1 }
 * ```
 */
export function applyDefaults<T>(value: T, schema: JSONSchemaProps): T {
  fill(value, compile(schema));
  return value;
}
