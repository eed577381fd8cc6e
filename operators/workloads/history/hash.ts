/**
 * The name and hash label of a ControllerRevision (pkg/controller/history/controller_history.go).
 *
 * Kubernetes hashes a revision's `data.raw` bytes with FNV-1 (fnv.New32, not the FNV-1a the pod-template
 * hash uses), then the collision count written as decimal text, and renders the decimal sum with
 * rand.SafeEncodeString. The raw bytes are Go's json.Marshal of the revision's data: map keys sorted,
 * compact, with `<`, `>`, `&`, U+2028 and U+2029 escaped. {@link goJson} writes the same bytes, so a
 * revision built here from the same data hashes (and is named) exactly as kube-controller-manager names
 * it: `web-7b9c5d8f6d`.
 *
 * @module
 */
import type { ControllerRevision } from "../api/controller_revision.ts";
import { safeEncodeString } from "../rollout/hash.ts";

/** The label that carries the hash of a ControllerRevision's data (ControllerRevisionHashLabel). */
export const CONTROLLER_REVISION_HASH_LABEL = "controller.kubernetes.io/hash";

/**
 * FNV-1 (32-bit) of bytes: multiply, then xor (Go's hash/fnv New32).
 *
 * @example
 * ```ts
 * import { fnv32 } from "@skiff/workloads";
 *
 * fnv32(new TextEncoder().encode("a")); // 0x050c5d7e
 * ```
 */
export function fnv32(bytes: Uint8Array, hash = 0x811c9dc5): number {
  for (const b of bytes) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash = (hash ^ b) >>> 0;
  }
  return hash >>> 0;
}

const GO_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * A JSON value as Go's json.Marshal writes a `map[string]interface{}` holding it: keys sorted bytewise,
 * no spaces, HTML-significant characters escaped.
 *
 * @example
 * ```ts
 * import { goJson } from "@skiff/workloads";
 *
 * goJson({ b: 1, a: "<x>" }); // '{"a":"\u003cx\u003e","b":1}'
 * ```
 */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareBytes(a, b));
    return `{${entries.map(([k, v]) => `${goString(k)}:${goJson(v)}`).join(",")}}`;
  }
  if (typeof value === "string") return goString(value);
  return JSON.stringify(value);
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]);
}

/** Go sorts map keys by their UTF-8 bytes; UTF-16 order differs only around surrogate pairs. */
function compareBytes(a: string, b: string): number {
  const enc = new TextEncoder();
  const x = enc.encode(a);
  const y = enc.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

/**
 * HashControllerRevision: the safe-encoded FNV-1 hash of the revision's data (as Go's json.Marshal
 * bytes) and, when given, the probe (a collision count) as decimal text.
 *
 * @example
 * ```ts
 * import { hashControllerRevision } from "@skiff/workloads";
 *
 * hashControllerRevision({ revision: 1, data: { spec: { template: { $patch: "replace" } } } }, 0);
 * ```
 */
export function hashControllerRevision(revision: ControllerRevision, probe?: number): string {
  let hash = fnv32(new Uint8Array());
  if (revision.data !== undefined && revision.data !== null) {
    hash = fnv32(new TextEncoder().encode(goJson(revision.data)), hash);
  }
  if (probe !== undefined) hash = fnv32(new TextEncoder().encode(String(Math.trunc(probe))), hash);
  return safeEncodeString(String(hash));
}

/**
 * ControllerRevisionName: `PREFIX-HASH`, the prefix cut to 223 characters so the name stays within 253.
 *
 * @example
 * ```ts
 * import { controllerRevisionName } from "@skiff/workloads";
 *
 * controllerRevisionName("web", "7b9c5d8f6d"); // "web-7b9c5d8f6d"
 * ```
 */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}
