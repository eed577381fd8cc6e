/**
 * An object's JSON spliced from what the store wrote for it, instead of encoding the object a second time
 * (see @skiff/store's `storedJson`): the answer to a create, and the lines watches send.
 *
 * @module
 */
import { storedJson } from "@skiff/store";

/**
 * The JSON the store wrote for `obj`, which lacks only the resourceVersion, with `"resourceVersion"`
 * first in its metadata, presented as `typeMeta` (by default its own apiVersion and kind). Undefined when
 * the store did not write this very object, or its JSON does not start
 * `{"apiVersion":…,"kind":…,"metadata":{"` with typeMeta's apiVersion and kind (the caller then encodes
 * the object), or something in it already names a resourceVersion.
 *
 * @example
 * ```ts
 * await store.atomic().check({ key, versionstamp: null }).set(key, pod).commit();
 * storedJsonAt(pod, "42"); // '{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"42","name":...'
 * ```
 */
export function storedJsonAt(
  obj: object,
  resourceVersion: string,
  typeMeta: { apiVersion?: string; kind?: string } = obj as { apiVersion?: string; kind?: string },
): string | undefined {
  const json = storedJson(obj);
  if (json === undefined || typeof typeMeta.apiVersion !== "string" || typeof typeMeta.kind !== "string") {
    return undefined;
  }
  const head = `{"apiVersion":${JSON.stringify(typeMeta.apiVersion)},"kind":${
    JSON.stringify(typeMeta.kind)
  },"metadata":{`;
  if (!json.startsWith(head) || json[head.length] !== '"' || json.includes('"resourceVersion":')) {
    return undefined;
  }
  return `${head}"resourceVersion":${JSON.stringify(resourceVersion)},${json.slice(head.length)}`;
}
