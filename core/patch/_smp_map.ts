/**
 * Merging a strategic merge patch map into a map, ported from Kubernetes' strategicpatch/patch.go
 * (mergeMap, mergePatchIntoOriginal and the map and slice handlers) with the options the API server uses:
 * parallel lists (`$setElementOrder`, `$deleteFromPrimitiveList`) are merged, and a null for a key the
 * original lacks is dropped.
 *
 * @module
 */
import type { JSONSchemaProps } from "../schema/types.ts";
import { goKind } from "./_gofmt.ts";
import { getOwn, hasOwn, isObject, type JsonObject, setOwn } from "./_json.ts";
import { lookupField, lookupList, mainStrategy } from "./_patch_meta.ts";
import {
  applyRetainKeys,
  checkSetElementOrder,
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  discardNulls,
  extractKey,
  mapDirective,
  removeDirectives,
  SET_ELEMENT_ORDER,
} from "./_smp_directives.ts";
import { errBadArgType } from "./_smp_errors.ts";
import { elementKind, mergeList } from "./_smp_list.ts";
import { normalizeElementOrder, partitionMaps, partitionPrimitives } from "./_smp_order.ts";

/**
 * Merges `patch` into `original` under `schema` and returns the result; both maps may be changed.
 *
 * @example
 * ```ts
 * mergeMap({ a: 1, b: 2 }, { b: null, c: 3 }, undefined); // { a: 1, c: 3 }
 * ```
 */
export function mergeMap(
  original: JsonObject,
  patch: JsonObject,
  schema: JSONSchemaProps | undefined,
): JsonObject {
  if (hasOwn(patch, DIRECTIVE)) return mapDirective(patch);
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, schema);

  for (const [key, patchV] of Object.entries(patch)) {
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const field = extractKey(key, DELETE_FROM_PRIMITIVE_LIST);
      if (field.length > 0) k = field;
      isDeleteList = true;
    }
    // Even for a deletion list, null deletes the field itself, as in Kubernetes.
    if (patchV === null) {
      delete original[k];
      continue;
    }
    const originalV = getOwn(original, k);
    if (!hasOwn(original, k) || goKind(originalV) !== goKind(patchV)) {
      // Taken over as it is (a deletion list has nothing to delete from).
      if (!isDeleteList) takeOver(original, k, patchV);
      continue;
    }
    if (isObject(originalV)) {
      const { schema: sub, meta } = lookupField(schema, k);
      const strategy = mainStrategy(meta.strategies);
      setOwn(original, k, strategy === "replace" ? patchV : mergeMap(originalV, patchV as JsonObject, sub));
    } else if (Array.isArray(originalV)) {
      const { schema: sub, meta } = lookupList(schema, k);
      const strategy = mainStrategy(meta.strategies);
      setOwn(
        original,
        k,
        mergeListField(originalV, patchV as unknown[], sub, strategy, meta.mergeKey, isDeleteList),
      );
    } else {
      takeOver(original, k, patchV, false);
    }
  }
  return original;
}

/** Sets `original[k]` to the patch value minus its directives (and nulls), or deletes it if it is one. */
function takeOver(original: JsonObject, k: string, patchV: unknown, dropNulls = true): void {
  if (dropNulls) discardNulls(patchV);
  const [v, keep] = removeDirectives(patchV);
  if (keep) setOwn(original, k, v);
  else delete original[k];
}

/** Lists merge item by item under strategy "merge" (and always for a deletion list); else the patch replaces. */
function mergeListField(
  original: unknown[],
  patch: unknown[],
  schema: JSONSchemaProps | undefined,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
): unknown[] {
  if (strategy === "merge" || isDeleteList) return mergeList(original, patch, schema, mergeKey, isDeleteList);
  return patch;
}

/**
 * Handles every `$setElementOrder/<field>` of `patch`: merges the field's list (if the patch has one) and
 * puts the result in the given order, then removes both keys from `patch`. The order wins over the patch
 * list's order, which wins over the live order.
 */
function mergeOrderedLists(
  original: JsonObject,
  patch: JsonObject,
  schema: JSONSchemaProps | undefined,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER) || !hasOwn(patch, key)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType("slice", order);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = hasOwn(original, field);
    const foundPatch = hasOwn(patch, field);
    const originalList = getOwn(original, field);
    const patchList = getOwn(patch, field);
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType("slice", originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType("slice", patchList);
    const originalItems = (originalList ?? []) as unknown[];
    const patchItems = (patchList ?? []) as unknown[];

    const { schema: sub, meta } = lookupList(schema, field);
    const strategy = mainStrategy(meta.strategies);
    checkSetElementOrder(patchItems, order, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) {
      merged = originalItems;
    } else if (!foundOriginal && foundPatch) {
      merged = removeDirectives(patchItems)[0] as unknown[];
    } else if (foundOriginal && foundPatch) {
      merged = mergeListField(originalItems, patchItems, sub, strategy, meta.mergeKey, false);
    } else {
      continue;
    }

    const [ordered, serverOnly] = meta.mergeKey === ""
      ? partitionPrimitives(merged, order)
      : partitionMaps(merged, order, meta.mergeKey);
    const kind = elementKind(originalItems, patchItems);
    setOwn(
      original,
      field,
      normalizeElementOrder(ordered, serverOnly, order, originalItems, meta.mergeKey, kind),
    );
    delete patch[field];
  }
}
