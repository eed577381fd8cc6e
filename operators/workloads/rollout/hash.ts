/**
 * The pod-template-hash label that names a Deployment's ReplicaSets (controller.ComputeHash).
 *
 * Kubernetes hashes the template with FNV-32a over DeepHashObject, a go-spew `%#v`-style dump of the
 * Go struct, then (when set) the collisionCount as 8 little-endian bytes whose upper 4 stay 0, and
 * renders the decimal sum with rand.SafeEncodeString. A Go struct dump cannot be reproduced from JSON
 * (it lists every zero-valued field with Go type names), so the value here differs from Kubernetes'
 * for the same template: we hash the template's canonical JSON (keys sorted, empty values dropped, so
 * `{}` and an absent field agree as they do in Go) with the same FNV-32a, collisionCount bytes and
 * encoding. What matters holds: equal templates hash equally, a changed template or collisionCount
 * changes the hash, and the label looks like Kubernetes' ("5d4b9c7f8").
 *
 * @module
 */
import type { PodTemplateSpec } from "../api/pod_template.ts";

/** The label and ReplicaSet name suffix a Deployment's pods carry. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/**
 * rand.SafeEncodeString: each character mapped into consonants and digits that cannot spell words.
 *
 * @example
 * ```ts
 * import { safeEncodeString } from "@skiff/workloads";
 *
 * safeEncodeString("123"); // "567"
 * ```
 */
export function safeEncodeString(s: string): string {
  return [...s].map((c) => ALPHANUMS[c.codePointAt(0)! % ALPHANUMS.length]).join("");
}

/**
 * FNV-32a of bytes.
 *
 * @example
 * ```ts
 * import { fnv32a } from "@skiff/workloads";
 *
 * fnv32a(new TextEncoder().encode("a")); // 0xe40c292c
 * ```
 */
export function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  for (const b of bytes) {
    hash ^= b;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The pod-template-hash of a template (see the module comment for how it relates to Kubernetes').
 *
 * @example
 * ```ts
 * import { computeHash } from "@skiff/workloads";
 *
 * computeHash({ metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } });
 * ```
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(JSON.stringify(canonicalJson(template) ?? {})));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}

/**
 * A JSON value with object keys sorted and empty values (``, null, [], {}) dropped, so two templates
 * that Kubernetes would consider equal serialize alike; undefined when nothing is left.
 *
 * @example
 * ```ts
 * JSON.stringify(canonicalJson({ b: 1, a: "", c: { d: [] } })); // '{"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map((v) => canonicalJson(v) ?? null) : undefined;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = canonicalJson((value as Record<string, unknown>)[k]);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === "" || value === null ? undefined : value;
}
