/**
 * The errors of Kubernetes' strategic merge patch (k8s.io/apimachinery/pkg/util/mergepatch), each with the
 * HTTP answer the API server's interpretStrategicMergePatchError gives it: the "invalid patch format"
 * errors are 400, a list of lists is 422, everything else reaches the client as a plain 500.
 *
 * @module
 */
import { PatchError } from "./errors.ts";
import { goS, goTypeName, goV } from "./_gofmt.ts";

/**
 * `$deleteFromPrimitiveList` without `/<field>`.
 *
 * @example
 * ```ts
 * throw errBadPatchFormatForPrimitiveList();
 * ```
 */
export function errBadPatchFormatForPrimitiveList(): PatchError {
  return PatchError.badRequest("invalid patch format of primitive list");
}

/**
 * `$retainKeys` that is not a list, or a patch field missing from it.
 *
 * @example
 * ```ts
 * throw errBadPatchFormatForRetainKeys();
 * ```
 */
export function errBadPatchFormatForRetainKeys(): PatchError {
  return PatchError.badRequest("invalid patch format of retainKeys");
}

/**
 * `$setElementOrder` without `/<field>`.
 *
 * @example
 * ```ts
 * throw errBadPatchFormatForSetElementOrderList();
 * ```
 */
export function errBadPatchFormatForSetElementOrderList(): PatchError {
  return PatchError.badRequest("invalid patch format of setElementOrder list");
}

/**
 * A list whose first item is a list.
 *
 * @example
 * ```ts
 * throw errNoListOfLists();
 * ```
 */
export function errNoListOfLists(): PatchError {
  return PatchError.rejected("lists of lists are not supported");
}

/**
 * A list item without the list's merge key.
 *
 * @example
 * ```ts
 * errNoMergeKey({ image: "nginx" }, "name").message; // "map: map[image:nginx] does not contain declared merge key: name"
 * ```
 */
export function errNoMergeKey(m: unknown, key: string): PatchError {
  return PatchError.plain(`map: ${goV(m)} does not contain declared merge key: ${key}`);
}

/**
 * A value of the wrong type where a map or a list was expected.
 *
 * @example
 * ```ts
 * errBadArgType("map", "x").message; // "expected a map[string]interface {}, but received a string"
 * ```
 */
export function errBadArgType(expected: "map" | "slice", actual: unknown): PatchError {
  const want = expected === "map" ? "map[string]interface {}" : "[]interface {}";
  return PatchError.plain(`expected a ${want}, but received a ${goTypeName(actual)}`);
}

/**
 * A `$patch` directive Kubernetes does not know in that place.
 *
 * @example
 * ```ts
 * errBadPatchType("merge", { $patch: "merge" }).message; // "unknown patch type: merge in map: map[$patch:merge]"
 * ```
 */
export function errBadPatchType(t: unknown, m: unknown): PatchError {
  return PatchError.plain(`unknown patch type: ${goS(t)} in map: ${goV(m)}`);
}
