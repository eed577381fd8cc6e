/**
 * The definitions a document needs: those its paths refer to, and theirs in turn. Documents start from
 * a pool of every definition they might use and keep these, as kube-openapi's builders emit only the
 * definitions their routes reach.
 *
 * @module
 */
import { refName } from "./names.ts";
import type { Schema } from "./types.ts";

/**
 * The definitions of `pool` that `roots` reach through `$ref`s, by name in sorted order.
 *
 * @example
 * ```ts
 * reachable({ $ref: "#/components/schemas/a" }, { a: { allOf: [{ $ref: "#/components/schemas/b" }] }, b: {}, c: {} });
 * // { a: {...}, b: {} }
 * ```
 */
export function reachable(roots: unknown, pool: Record<string, Schema>): Record<string, Schema> {
  const seen = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "$ref" && typeof v === "string") {
          const name = refName(v);
          if (name && !seen.has(name) && pool[name]) {
            seen.add(name);
            visit(pool[name]);
          }
        } else {
          visit(v);
        }
      }
    }
  };
  visit(roots);
  return Object.fromEntries([...seen].sort().map((name) => [name, pool[name]]));
}
