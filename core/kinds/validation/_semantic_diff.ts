/**
 * Equality the way apiequality.Semantic.DeepEqual sees it, for JSON objects: an absent field, null, []
 * and {} are all the same (Go's nil and empty slices and maps compare equal there), and quantities
 * compare by value ("1" equals "1000m").
 *
 * Unlike Go, an explicit zero scalar (false, 0, "") still differs from an absent field: JSON does not
 * say whether the Go field was a pointer, and for pointers (automountServiceAccountToken) the
 * difference is real.
 *
 * @module
 */
import { formatQuantity, parseQuantity } from "../quantity.ts";

const QUANTITY_MAPS = new Set(["limits", "requests", "overhead", "capacity", "allocatable"]);

/**
 * The paths at which `a` and `b` differ, each as `path: old -> new`, after normalizing both; empty
 * when they are semantically equal.
 */
export function semanticDiff(a: unknown, b: unknown, path: string): string[] {
  const out: string[] = [];
  walk(normalize(a, ""), normalize(b, ""), path, out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: string[]): void {
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      walk(a[key], b[key], `${path}.${key}`, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => walk(item, b[i], `${path}[${i}]`, out));
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: ${show(a)} -> ${show(b)}`);
}

function normalize(value: unknown, key: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v, ""));
    return items.length ? items : undefined;
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = QUANTITY_MAPS.has(key) ? canonicalQuantity(v) : normalize(v, k);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

function canonicalQuantity(value: unknown): unknown {
  if (typeof value !== "string" && typeof value !== "number") return normalize(value, "");
  try {
    return formatQuantity(parseQuantity(value));
  } catch {
    return value;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return value === undefined ? "<unset>" : JSON.stringify(value);
}
