/**
 * application/merge-patch+json (RFC 7386) as the Kubernetes API server applies it, through
 * evanphx/json-patch v4's MergePatch.
 *
 * @module
 */
import { PatchError } from "./errors.ts";
import type { PatchOptions } from "./types.ts";
import { cloneJson, getOwn, hasOwn, isObject, type JsonObject, jsonTypeName, setOwn } from "./_json.ts";

/**
 * Applies a JSON merge patch to a copy of `doc` (neither argument is changed): objects merge key by key,
 * `null` deletes a key, and anything else (arrays included) replaces the value it lands on. Nulls inside a
 * value that is added or replaces a non-object are dropped from objects, as RFC 7386 does.
 *
 * As in Kubernetes, the patch itself must be a JSON object: under the default fieldValidation ("Warn") any
 * other body is a 400 `error decoding patch: json: cannot unmarshal array into Go value of type
 * map[string]interface {}`; under "Ignore" an array replaces the whole document (nulls dropped from its
 * objects), and `null` or a scalar is a 400 `Invalid JSON Patch` either way.
 *
 * @example
 * ```ts
 * const out = applyMergePatch(
 *   { metadata: { labels: { app: "web", tier: "front" } }, spec: { replicas: 1 } },
 *   { metadata: { labels: { tier: null } }, spec: { replicas: 3 } },
 * );
 * // { metadata: { labels: { app: "web" } }, spec: { replicas: 3 } }
 * ```
 */
export function applyMergePatch(doc: unknown, patch: unknown, options: PatchOptions = {}): unknown {
  if ((options.fieldValidation ?? "Warn") !== "Ignore" && patch !== null && !isObject(patch)) {
    throw PatchError.badRequest(
      `error decoding patch: json: cannot unmarshal ${
        jsonTypeName(patch)
      } into Go value of type map[string]interface {}`,
    );
  }
  if (Array.isArray(patch)) return pruneNulls(cloneJson(patch));
  if (!isObject(patch)) throw PatchError.badRequest("Invalid JSON Patch");
  // Kubernetes' documents are always objects; anything else is simply replaced.
  if (!isObject(doc)) return pruneNulls(cloneJson(patch));
  const out = cloneJson(doc);
  mergeObjects(out, cloneJson(patch));
  return out;
}

function mergeObjects(doc: JsonObject, patch: JsonObject): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = getOwn(doc, k);
    setOwn(doc, k, !hasOwn(doc, k) || cur === null ? pruneNulls(v) : merge(cur, v));
  }
}

function merge(cur: unknown, patch: unknown): unknown {
  if (!isObject(cur)) return pruneNulls(patch);
  // The library returns a non-object patch here without dropping its nulls.
  if (!isObject(patch)) return patch;
  mergeObjects(cur, patch);
  return cur;
}

/** Drops null members of objects, at any depth (null array items stay). */
function pruneNulls<T>(v: T): T {
  if (Array.isArray(v)) {
    for (const item of v) if (item !== null) pruneNulls(item);
  } else if (isObject(v)) {
    for (const [k, item] of Object.entries(v)) {
      if (item === null) delete v[k];
      else pruneNulls(item);
    }
  }
  return v;
}
