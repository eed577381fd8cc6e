/**
 * Key helpers shared by the backends: validation, a Map-friendly id, prefix tests and the key order
 * Deno KV uses (part by part, strings by code point, a shorter key before its extensions).
 *
 * @module
 */
import { InvalidEntryError } from "./errors.ts";
import type { KvKey } from "./types.ts";

/** Throws InvalidEntryError unless `key` is a non-empty array of non-empty strings. */
export function validateKey(key: KvKey, what = "key"): void {
  if (!Array.isArray(key) || key.length === 0) {
    throw new InvalidEntryError(`${what} must be a non-empty array`);
  }
  for (let i = 0; i < key.length; i++) {
    if (typeof key[i] !== "string" || key[i] === "") {
      throw new InvalidEntryError(`${what} part ${i} must be a non-empty string`);
    }
  }
}

/** A string that identifies a key, for Map lookups ("\u0000" cannot occur in a part's meaning). */
export function keyId(key: KvKey): string {
  return key.join("\u0000");
}

/** Whether `key` lies strictly under `prefix`. */
export function hasPrefix(key: KvKey, prefix: KvKey): boolean {
  if (key.length <= prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

/** Deno KV's order for string keys: -1, 0 or 1. */
export function compareKeys(a: KvKey, b: KvKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareCodePoints(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length === 0 ? 0 : a.length < b.length ? -1 : 1;
}

// UTF-8 byte order equals code point order; JS `<` compares UTF-16 units, which puts surrogate pairs
// (U+10000 and up) before U+E000..U+FFFF. Only non-ASCII strings take the slow path.
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  // deno-lint-ignore no-control-regex
  if (/^[\x00-\x7f]*$/.test(a) && /^[\x00-\x7f]*$/.test(b)) return a < b ? -1 : 1;
  const x = [...a], y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
}
