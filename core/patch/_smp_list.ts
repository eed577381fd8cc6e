/**
 * Merging two lists under strategy "merge", ported from Kubernetes' strategicpatch/patch.go (mergeSlice
 * and its helpers): primitives merge as a set, maps merge item by item on the merge key, `$patch: delete`
 * and `$patch: replace` items act on the whole list, and `$deleteFromPrimitiveList` removes primitives.
 *
 * @module
 */
import type { JSONSchemaProps } from "../schema/types.ts";
import { PatchError } from "./errors.ts";
import { type GoKind, goKind, GoSet, goV } from "./_gofmt.ts";
import { hasOwn, type JsonObject } from "./_json.ts";
import { DIRECTIVE } from "./_smp_directives.ts";
import { errBadPatchType, errNoListOfLists, errNoMergeKey } from "./_smp_errors.ts";
import { GoSlice } from "./_go_slice.ts";
import { mergeMap } from "./_smp_map.ts";
import {
  findByKey,
  KeyIndex,
  normalizeElementOrder,
  partitionMaps,
  partitionPrimitives,
} from "./_smp_order.ts";

/**
 * Merges `patch` into `original` (both may be changed); `schema` is that of the items, and `isDeleteList`
 * marks a `$deleteFromPrimitiveList` patch.
 *
 * @example
 * ```ts
 * mergeList(["a", "b"], ["c", "a"], undefined, "", false); // ["c", "a", "b"]: "c" is new, so it goes first
 * ```
 */
export function mergeList(
  original: unknown[],
  patch: unknown[],
  schema: JSONSchemaProps | undefined,
  mergeKey: string,
  isDeleteList: boolean,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: unknown[];
  if (kind !== "map") {
    if (isDeleteList) return deleteFromList(original, patch);
    merged = deduplicate([...original, ...patch]);
  } else {
    // Kubernetes names the Go kind of the items here; list items of a schema are structs.
    if (mergeKey === "") throw PatchError.plain("cannot merge lists without merge key for struct");
    // Deletions and appends go through the caller's array as Go's do (see _go_slice.ts).
    const live = new GoSlice(original);
    const [replaced, rest] = applySpecialItems(live, patch, mergeKey);
    const base = replaced ? new GoSlice(rest) : live;
    patch = replaced ? [] : rest;
    original = base.items();
    merged = mergeItems(base, patch, mergeKey, schema);
  }
  const [patchItems, serverOnly] = mergeKey === ""
    ? partitionPrimitives(merged, patch)
    : partitionMaps(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

/**
 * The Go kind shared by every item of `lists`: a list of lists, items of different kinds, or no items at
 * all are errors (and a nil first item is a panic in Kubernetes).
 *
 * @example
 * ```ts
 * elementKind(["a"], ["b"]); // "string"
 * ```
 */
export function elementKind(...lists: unknown[][]): GoKind {
  let prev: GoKind | undefined;
  for (const list of lists) {
    for (const v of list) {
      const kind = goKind(v);
      if (prev === undefined) {
        if (kind === "nil") {
          throw PatchError.panicked("runtime error: invalid memory address or nil pointer dereference");
        }
        if (kind === "slice") throw errNoListOfLists();
        prev = kind;
      } else if (prev !== kind) {
        throw PatchError.plain(`list element types are not identical: ${goV(lists)}`);
      }
    }
  }
  if (prev === undefined) throw PatchError.plain("no elements in any of the given slices");
  return prev;
}

/**
 * Handles `$patch` items: `delete` removes the matching items from `live`; `replace` means the other items
 * of the patch are the whole list (`replaced` is then true). Returns the items without a directive.
 */
function applySpecialItems(
  live: GoSlice,
  patch: unknown[],
  mergeKey: string,
): [replaced: boolean, rest: unknown[]] {
  const rest: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasOwn(item, DIRECTIVE)) {
      rest.push(v);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === "delete") {
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      for (let found = findByKey(live.items(), mergeKey, item[mergeKey]); found;) {
        live.deleteAt(found[1]);
        found = findByKey(live.items(), mergeKey, item[mergeKey]);
      }
    } else if (directive === "replace") {
      // Later $patch items are still checked, and later deletions still shift the live list.
      replace = true;
    } else if (directive === "merge") {
      throw PatchError.plain("merging lists cannot yet be specified in the patch");
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  return [replace, rest];
}

/** Merges each patch item into the item with the same key, or appends it; returns the merged list. */
function mergeItems(
  list: GoSlice,
  patch: unknown[],
  mergeKey: string,
  schema: JSONSchemaProps | undefined,
): unknown[] {
  const index = new KeyIndex(list.items(), mergeKey);
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    // Searching the list as it grows means a key repeated in the patch merges into the item appended for it.
    const found = index.find(item[mergeKey]);
    // mergeMap returns the very item it merged into (the item has no $patch), so the index stays right.
    if (found) list.set(found[1], mergeMap(found[0], item, schema));
    else {
      list.append(v);
      index.push(v);
    }
  }
  return list.items();
}

function deleteFromList(current: unknown[], toDelete: unknown[]): unknown[] {
  const remove = new GoSet(toDelete);
  return current.filter((v) => !remove.has(v));
}

/**
 * Removes repeated primitives, keeping first occurrences. Kubernetes' own loop moves the last item into each
 * duplicate's slot, shuffling the list, but the order does not survive: every item is then sorted by its
 * position in the patch or, failing that, in the live list, and both know every item.
 */
function deduplicate(s: unknown[]): unknown[] {
  const seen = new GoSet();
  return s.filter((v) => seen.add(v));
}
