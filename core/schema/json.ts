/**
 * Copying and comparing JSON-shaped values: the one deep copy and the one deep equality every package
 * uses (the API's writes, patches, apply, validation).
 *
 * @module
 */

/**
 * A deep copy of a JSON-shaped value. Plain objects and arrays are copied by hand, ~8x faster than
 * `structuredClone` (a Pod body: ~1 µs against ~8 µs); anything else (a Date an in-process caller put
 * in) goes through `structuredClone`. A `__proto__` key, which JSON.parse makes an own property, stays
 * an own property instead of becoming the copy's prototype.
 *
 * @example
 * ```ts
 * const copy = cloneJson({ metadata: { labels: { app: "web" } } });
 * ```
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const v = cloneJson((value as Record<string, unknown>)[k]);
    if (k === "__proto__") {
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    } else out[k] = v;
  }
  return out as T;
}

/**
 * Deep equality of JSON values (reflect.DeepEqual on decoded JSON): object key order does not matter,
 * array order does, and a key whose value is `undefined` counts as absent (objects built in JS, not
 * parsed, have them).
 *
 * @example
 * ```ts
 * jsonEqual({ a: [1, "x"], b: undefined }, { a: [1, "x"] }); // true
 * ```
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>, bo = b as Record<string, unknown>;
  let n = 0;
  for (const k of Object.keys(ao)) {
    if (ao[k] === undefined) continue;
    n++;
    if (!Object.hasOwn(bo, k) || !jsonEqual(ao[k], bo[k])) return false;
  }
  for (const k of Object.keys(bo)) if (bo[k] !== undefined) n--;
  return n === 0;
}
