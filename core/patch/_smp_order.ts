/**
 * The order of a merged list, ported step for step from Kubernetes' strategicpatch/patch.go
 * (normalizeElementOrder and its helpers): items named in the patch (or in `$setElementOrder`) come in the
 * patch's order, items only the server had keep the server's order, and the two are interleaved by the
 * server's order where both sides know an item.
 *
 * Worked example: live `[1, 2, 3]`, patch `[3, 1]` gives patch items `[3, 1]` and server-only `[2]`; 2
 * sorts before 3 on the server, so the result is `[2, 3, 1]`. An item new to the server cannot be
 * compared, so patch items win ties: live `[a, b]`, patch `[c]` gives `[c, a, b]`.
 *
 * @module
 */
import { sliceStable } from "./_go_sort.ts";
import { goEqual, type GoKind, GoSet, hashKey } from "./_gofmt.ts";
import { getOwn, hasOwn, isObject } from "./_json.ts";
import { splitDeletions } from "./_smp_directives.ts";
import { errBadArgType, errNoMergeKey } from "./_smp_errors.ts";
import { PatchError } from "./errors.ts";

/**
 * Sorts `patch` by `patchOrder` and `serverOnly` by `serverOrder`, then interleaves them by `serverOrder`.
 *
 * @example
 * ```ts
 * normalizeElementOrder([3, 1], [2], [3, 1], [1, 2, 3], "", "int64"); // [2, 3, 1]
 * ```
 */
export function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: GoKind,
): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function mergeSortedSlice(
  left: unknown[],
  right: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: GoKind,
): unknown[] {
  const indexOf = positions(serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(left[i]);
      const ri = indexOf(right[j]);
      // Only when the server knows both does its order decide; otherwise the patch item goes first.
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * Finds items in `list` by merge key value for maps, by the value itself otherwise, as Kubernetes' index()
 * does (first match, Go's `==`); scalar keys go through a table so long lists stay fast.
 *
 * @example
 * ```ts
 * positions([{ name: "a" }, { name: "b" }], "name", "map")({ name: "b" }); // 1
 * ```
 */
export function positions(list: unknown[], mergeKey: string, kind: GoKind): (value: unknown) => number {
  const keyOf = (item: unknown) => kind === "map" ? (isObject(item) ? getOwn(item, mergeKey) : null) : item;
  const first = new Map<string, number>();
  list.forEach((item, i) => {
    const k = hashKey(keyOf(item));
    if (k !== undefined && !first.has(k)) first.set(k, i);
  });
  return (value) => {
    const wanted = keyOf(value);
    const k = hashKey(wanted);
    if (k !== undefined) return first.get(k) ?? -1;
    // A map or list key: compare one by one, which panics where Go's == does.
    for (let i = 0; i < list.length; i++) if (goEqual(wanted, keyOf(list[i]))) return i;
    return -1;
  };
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: GoKind): unknown[] {
  let items = toSort.slice();
  let deletions: unknown[] = [];
  if (kind === "map") {
    requireMergeKey(mergeKey, toSort, order);
    [items, deletions] = splitDeletions(items);
  }
  const indexOf = positions(order, mergeKey, kind);
  sliceStable(items, (i, j) => {
    const ii = indexOf(items[i]);
    if (ii >= 0) {
      const ij = indexOf(items[j]);
      if (ij >= 0) return ii < ij;
    }
    return true;
  });
  return [...items, ...deletions];
}

function requireMergeKey(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw errBadArgType("map", item);
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/**
 * Splits primitives into those present in `by` and the others, keeping their order.
 *
 * @example
 * ```ts
 * partitionPrimitives(["a", "b", "c"], ["c", "a"]); // [["a", "c"], ["b"]]
 * ```
 */
export function partitionPrimitives(list: unknown[], by: unknown[]): [inBy: unknown[], rest: unknown[]] {
  const set = new GoSet(by);
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const v of list) (set.has(v) ? inBy : rest).push(v);
  return [inBy, rest];
}

/**
 * Splits maps into those whose merge key value appears in `by` and the others, keeping their order.
 *
 * @example
 * ```ts
 * partitionMaps([{ name: "a" }, { name: "b" }], [{ name: "b" }], "name"); // [[{ name: "b" }], [{ name: "a" }]]
 * ```
 */
export function partitionMaps(
  list: unknown[],
  by: unknown[],
  mergeKey: string,
): [inBy: unknown[], rest: unknown[]] {
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  const index = new KeyIndex(by, mergeKey);
  for (const v of list) {
    if (!isObject(v)) throw errBadArgType("map", v);
    if (!hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (index.find(v[mergeKey]) ? inBy : rest).push(v);
  }
  return [inBy, rest];
}

/**
 * {@link findByKey} for many lookups in one list: a table of first positions when every item is a map
 * whose key value is a scalar, else (so that errors and panics stay Kubernetes') a scan each time.
 *
 * @example
 * ```ts
 * const index = new KeyIndex([{ name: "a" }, { name: "b" }], "name");
 * index.find("b"); // [{ name: "b" }, 1]
 * ```
 */
export class KeyIndex {
  #list: unknown[];
  #key: string;
  #table: Map<string, number> | undefined = new Map();

  constructor(list: unknown[], key: string) {
    this.#list = list.slice();
    this.#key = key;
    this.#list.forEach((item, i) => this.#index(item, i));
  }

  /** The first item whose key equals `value`, with its position. */
  find(value: unknown): [item: Record<string, unknown>, index: number] | undefined {
    const k = hashKey(value);
    if (this.#table === undefined || k === undefined) return findByKey(this.#list, this.#key, value);
    const i = this.#table.get(k);
    return i === undefined ? undefined : [this.#list[i] as Record<string, unknown>, i];
  }

  /** Adds an item at the end of the list. */
  push(item: unknown): void {
    this.#list.push(item);
    this.#index(item, this.#list.length - 1);
  }

  #index(item: unknown, i: number): void {
    if (this.#table === undefined) return;
    if (!isObject(item)) {
      this.#table = undefined;
      return;
    }
    if (!hasOwn(item, this.#key)) return;
    const k = hashKey(item[this.#key]);
    if (k === undefined) this.#table = undefined;
    else if (!this.#table.has(k)) this.#table.set(k, i);
  }
}

/**
 * The first map of `list` whose `key` equals `value`, with its index.
 *
 * @example
 * ```ts
 * findByKey([{ name: "a" }], "name", "a"); // [{ name: "a" }, 0]
 * ```
 */
export function findByKey(
  list: unknown[],
  key: string,
  value: unknown,
): [item: Record<string, unknown>, index: number] | undefined {
  for (let k = 0; k < list.length; k++) {
    const item = list[k];
    if (!isObject(item)) throw PatchError.plain(`value for key ${k} is not a map`);
    if (hasOwn(item, key) && goEqual(item[key], value)) return [item, k];
  }
  return undefined;
}
