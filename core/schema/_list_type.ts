/**
 * The x-kubernetes-list-type invariants apiextensions checks on every write
 * (pkg/apiserver/schema/listtype/validation.go): a "set" holds no duplicates, a "map" holds objects
 * whose key fields are unique. Only the second occurrence of a value is reported, as Kubernetes does.
 *
 * @module
 */
import { goJSON } from "./_gofmt.ts";
import { itemsNode, type Node } from "./_compile.ts";
import { duplicate, invalid, required } from "./field_error.ts";
import type { FieldError } from "./types.ts";

const UNSPECIFIED = "\u0000unspecified";

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A key that is equal for equal JSON values: compounds by their JSON, scalars by type and value. */
function identity(v: unknown): string {
  if (typeof v === "object" && v !== null) return "j" + goJSON(v);
  return typeof v + ":" + String(v);
}

/** The indices of the second occurrence of each repeated value (validateListSet). */
function nonUnique(keys: readonly string[]): number[] {
  const seen = new Set<string>();
  let repeated: Set<string> | undefined;
  const out: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!seen.has(k)) seen.add(k);
    else if (!repeated?.has(k)) {
      (repeated ??= new Set()).add(k);
      out.push(i);
    }
  }
  return out;
}

/**
 * The field errors of the list `value` at `path` under its list type.
 *
 * @example
 * ```ts
 * import { checkListType } from "./_list_type.ts";
 * import { compile } from "./_compile.ts";
 * checkListType(["a", "a"], compile({ type: "array", "x-kubernetes-list-type": "set" }), "spec.x")[0].message;
 * // 'Duplicate value: "a"'
 * ```
 */
export function checkListType(value: unknown[], node: Node, path: string): FieldError[] {
  if (node.listType === "set") {
    if (value.length <= 1) return [];
    return nonUnique(value.map(identity)).map((i) => duplicate(`${path}[${i}]`, value[i]));
  }
  if (node.listType !== "map") return [];
  for (let i = 0; i < value.length; i++) {
    const x = value[i];
    if (x !== null && !isMap(x)) {
      return [invalid(`${path}[${i}]`, x, "must be an object for an array of list-type map")];
    }
  }
  const errors: FieldError[] = missingKeys(value as (Record<string, unknown> | null)[], node, path);
  if (value.length <= 1) return errors;
  const keyFields = node.listMapKeys;
  if (keyFields.length === 1) {
    const f = keyFields[0];
    const keys = value.map((x) => isMap(x) && Object.hasOwn(x, f) ? x[f] : UNSPECIFIED);
    for (const i of nonUnique(keys.map((k) => k === UNSPECIFIED ? UNSPECIFIED : identity(k)))) {
      errors.push(duplicate(`${path}[${i}]`, keys[i] === UNSPECIFIED ? {} : { [f]: keys[i] }));
    }
    return errors;
  }
  // Equal key objects have the same fields present with equal values, so their identity is built from
  // those directly rather than by serializing a key object per item.
  const ids = value.map((x) => {
    let id = "";
    if (isMap(x)) {
      for (const f of keyFields) {
        id += Object.hasOwn(x, f) ? "\u0001" + identity(x[f]) : "\u0002";
      }
    }
    return id;
  });
  for (const i of nonUnique(ids)) {
    const x = value[i];
    const key: Record<string, unknown> = {};
    if (isMap(x)) { for (const f of keyFields) if (Object.hasOwn(x, f)) key[f] = x[f]; }
    errors.push(duplicate(`${path}[${i}]`, key));
  }
  return errors;
}

/**
 * Map keys an item lacks with nothing to fill them in. Kubernetes requires a CRD to make every key
 * required or defaulted, so its schema validation already catches this; Skiff also serves schemas
 * that never went through that check, so it reports the key here unless the item schema does.
 */
function missingKeys(value: (Record<string, unknown> | null)[], node: Node, path: string): FieldError[] {
  const unguarded = unguardedKeys(node);
  const errors: FieldError[] = [];
  if (!unguarded.length) return errors;
  value.forEach((x, i) => {
    if (!x) return;
    for (const k of unguarded) if (!Object.hasOwn(x, k)) errors.push(required(`${path}[${i}].${k}`));
  });
  return errors;
}

const unguardedCache = new WeakMap<Node, readonly string[]>();

/** The map keys of `node` that its item schema neither requires nor defaults, computed once. */
function unguardedKeys(node: Node): readonly string[] {
  let keys = unguardedCache.get(node);
  if (!keys) {
    const item = itemsNode(node);
    keys = item
      ? node.listMapKeys.filter((k) => !item.required.includes(k) && !item.propNodes?.get(k)?.hasDefault)
      : [];
    unguardedCache.set(node, keys);
  }
  return keys;
}
