/**
 * Small helpers of the API package.
 *
 * @module
 */

/** Deep equality of JSON values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * A deep copy of a JSON-shaped value. Plain objects and arrays are copied by hand, ~8x faster than
 * `structuredClone` here (a Pod body: ~1 µs against ~8 µs); anything else (a Date an in-process caller
 * put in) goes through `structuredClone`, so it is kept as `structuredClone` would keep it.
 *
 * @example
 * ```ts
 * const copy = copyJson({ metadata: { labels: { app: "web" } } });
 * ```
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = copyJson((value as Record<string, unknown>)[k]);
  return out as T;
}

/** An RFC 3339 timestamp in whole seconds, as Kubernetes writes them: `2026-11-23T10:50:11Z`. */
export function now(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

// Kubernetes' utilrand alphabet: no vowels (no words) and no confusable characters (0/o, 1/l, 3/e).
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** Five random characters for generateName: `web-` becomes `web-x7k2q`. */
export function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
}
