/**
 * The directives of a strategic merge patch, ported from Kubernetes' strategicpatch/patch.go: `$patch`,
 * `$retainKeys`, the `$setElementOrder/<field>` check, the `$deleteFromPrimitiveList/<field>` and
 * `$setElementOrder/<field>` keys, and the stripping of directives from values taken over as they are.
 *
 * @module
 */
import { goEqual, GoSet, goV } from "./_gofmt.ts";
import { hasOwn, isObject, type JsonObject } from "./_json.ts";
import {
  errBadArgType,
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  errBadPatchType,
  errNoMergeKey,
} from "./_smp_errors.ts";
import { PatchError } from "./errors.ts";

/** `$patch`: replace, delete (or, on list items only, the refused merge). */
export const DIRECTIVE = "$patch";
/** `$retainKeys`: the keys a map keeps; the others are cleared. */
export const RETAIN_KEYS = "$retainKeys";
/** `$deleteFromPrimitiveList/<field>`: items to delete from a list of primitives. */
export const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
/** `$setElementOrder/<field>`: the order of the list's items after the patch. */
export const SET_ELEMENT_ORDER = "$setElementOrder";

/**
 * The `<field>` of a `<prefix>/<field>` key.
 *
 * @example
 * ```ts
 * extractKey("$setElementOrder/containers", SET_ELEMENT_ORDER); // "containers"
 * ```
 */
export function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf("/");
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw errBadPatchFormatForPrimitiveList();
    if (prefix === SET_ELEMENT_ORDER) throw errBadPatchFormatForSetElementOrderList();
    throw PatchError.plain(`fail to find unknown prefix "${prefix}" in ${s}\n`);
  }
  return s.slice(slash + 1);
}

/**
 * What a map with a `$patch` key becomes when merged: `replace` gives the patch without the directive,
 * `delete` an empty map; anything else (`merge` included) is an "unknown patch type".
 *
 * @example
 * ```ts
 * mapDirective({ $patch: "replace", a: 1 }); // { a: 1 }
 * ```
 */
export function mapDirective(patch: JsonObject): JsonObject {
  const directive = patch[DIRECTIVE];
  if (directive === "replace") {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === "delete") return {};
  throw errBadPatchType(directive, patch);
}

/**
 * A value taken over from the patch without merging, minus every map that holds a `$patch` (dropped from
 * its parent); `keep` is false when the value itself is such a map. Changes `obj` in place.
 *
 * @example
 * ```ts
 * removeDirectives([{ name: "a" }, { name: "b", $patch: "delete" }]); // [[{ name: "a" }], true]
 * ```
 */
export function removeDirectives(obj: unknown): [value: unknown, keep: boolean] {
  if (isObject(obj)) {
    if (hasOwn(obj, DIRECTIVE)) return [null, false];
    for (const [k, v] of Object.entries(obj)) {
      const [nv, keep] = removeDirectives(v);
      if (keep) obj[k] = nv;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const res: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  return [obj, true];
}

/**
 * Drops null members of maps at any depth of a value added from the patch (null list items stay).
 *
 * @example
 * ```ts
 * const v = { a: null, b: [{ c: null }] };
 * discardNulls(v); // v is { b: [{}] }
 * ```
 */
export function discardNulls(v: unknown): void {
  if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete v[k];
      else discardNulls(x);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNulls(x);
  }
}

/**
 * Applies a `$retainKeys` directive of `patch` to `original`: every key of `original` not listed is
 * cleared, and every non-null field of the patch must be listed. Removes the directive from `patch`.
 *
 * @example
 * ```ts
 * const original = { type: "Recreate", rollingUpdate: { maxSurge: 1 } };
 * applyRetainKeys(original, { $retainKeys: ["type"], type: "Recreate" }); // original is { type: "Recreate" }
 * ```
 */
export function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw errBadPatchFormatForRetainKeys();
  const keep = new GoSet(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/**
 * Whether `item` is a map holding a `$patch`.
 *
 * @example
 * ```ts
 * hasDirective({ name: "a", $patch: "delete" }); // true
 * ```
 */
export function hasDirective(item: unknown): boolean {
  return isObject(item) && hasOwn(item, DIRECTIVE);
}

/**
 * Splits a list of maps into the items to keep and those marked `$patch: delete`.
 *
 * @example
 * ```ts
 * splitDeletions([{ name: "a" }, { name: "b", $patch: "delete" }]); // [[{ name: "a" }], [{ name: "b", ... }]]
 * ```
 */
export function splitDeletions(list: unknown[]): [keep: unknown[], remove: unknown[]] {
  const keep: unknown[] = [];
  const remove: unknown[] = [];
  for (const v of list) {
    if (!isObject(v)) throw errBadArgType("map", v);
    if (hasOwn(v, DIRECTIVE) && v[DIRECTIVE] === "delete") remove.push(v);
    else keep.push(v);
  }
  return [keep, remove];
}

/**
 * Whether two list items are the same item: equal merge key values, or equal primitives without a key.
 *
 * @example
 * ```ts
 * sameItem({ name: "a", image: "x" }, { name: "a" }, "name"); // true
 * ```
 */
export function sameItem(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === "") return goEqual(left, right);
  if (!isObject(left)) throw errBadArgType("map", left);
  if (!isObject(right)) throw errBadArgType("map", right);
  if (!hasOwn(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasOwn(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

/**
 * Checks that the patch list's items (deletions aside) appear in the `$setElementOrder` list, in the same
 * relative order.
 *
 * @example
 * ```ts
 * checkSetElementOrder([{ name: "b" }, { name: "a" }], [{ name: "a" }, { name: "b" }], "name"); // throws
 * ```
 */
export function checkSetElementOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === "" ? patchList : splitDeletions(patchList)[0];
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (hasDirective(items[p])) {
      p++;
      continue;
    }
    if (sameItem(items[p], order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw PatchError.plain(
      `The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${
        goV(order)
      }\n`,
    );
  }
}
