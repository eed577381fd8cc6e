/**
 * The answer to a create, spliced from the JSON the store just wrote instead of encoding the object a
 * second time (see @skiff/store's `storedJson`).
 *
 * @module
 */
import { storedJson } from "@skiff/store";
import type { KubeObject } from "./admission.ts";

/**
 * The JSON of `obj` as created: what the store wrote for it, which lacks only the resourceVersion, with
 * `"resourceVersion"` first in its metadata. Undefined when the store did not write this very object, or
 * its JSON does not start `{"apiVersion":…,"kind":…,"metadata":{"` (the caller then encodes `obj`), or
 * something in it already names a resourceVersion.
 *
 * @example
 * ```ts
 * await store.atomic().check({ key, versionstamp: null }).set(key, pod).commit();
 * createdJson(pod, "42"); // '{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"42","name":...'
 * ```
 */
export function createdJson(obj: KubeObject, resourceVersion: string): string | undefined {
  const json = storedJson(obj);
  if (json === undefined) return undefined;
  const head = `{"apiVersion":${JSON.stringify(obj.apiVersion)},"kind":${
    JSON.stringify(obj.kind)
  },"metadata":{`;
  if (!json.startsWith(head) || json[head.length] !== '"' || json.includes('"resourceVersion":')) {
    return undefined;
  }
  return `${head}"resourceVersion":${JSON.stringify(resourceVersion)},${json.slice(head.length)}`;
}
