/**
 * Small helpers for plain JSON values: own-property access that is safe for a key named `__proto__`,
 * deep copy, structural equality, and the type names Go's encoding/json uses in its errors.
 *
 * @module
 */

/** A JSON object as JSON.parse makes it. */
export type JsonObject = { [key: string]: unknown };

/**
 * Whether `v` is a JSON object (not null, not an array).
 *
 * @example
 * ```ts
 * isObject({}); // true
 * isObject([]); // false
 * ```
 */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Whether `obj` has its own property `key` (a `__proto__` key from JSON.parse is an own property).
 *
 * @example
 * ```ts
 * hasOwn({ a: null }, "a"); // true
 * ```
 */
export function hasOwn(obj: JsonObject, key: string): boolean {
  return Object.hasOwn(obj, key);
}

/**
 * `obj[key]` if it is an own property, else undefined (never something from Object.prototype).
 *
 * @example
 * ```ts
 * getOwn({}, "toString"); // undefined
 * ```
 */
export function getOwn(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Sets `obj[key]`; a key named `__proto__` becomes a plain property instead of changing the prototype.
 *
 * @example
 * ```ts
 * const o: JsonObject = {};
 * setOwn(o, "__proto__", 1); // Object.keys(o) is ["__proto__"]
 * ```
 */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

// One deep copy and one deep equality for every package.
export { cloneJson, jsonEqual } from "@skiff/schema";

/**
 * The name Go's encoding/json gives a JSON value in "cannot unmarshal X into ..." errors.
 *
 * @example
 * ```ts
 * jsonTypeName([1]); // "array"
 * ```
 */
export function jsonTypeName(v: unknown): "object" | "array" | "string" | "number" | "bool" | "null" {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
    default:
      return "object";
  }
}
