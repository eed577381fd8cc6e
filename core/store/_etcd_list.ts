/**
 * One page of a list, read from etcd in ranges small enough to stay far below gRPC message limits.
 *
 * etcd limits a range by key count only, so the page size adapts to the entries seen: the first range
 * asks for {@link FIRST_RANGE_KEYS} keys, later ones for as many as fit {@link TARGET_RANGE_BYTES} at the
 * largest entry seen so far, between 1 and {@link MAX_RANGE_KEYS}. Worked numbers: 2 KiB objects give
 * ranges of 500 keys (~1 MiB); 1 MiB values give ranges of 4 keys.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { InvalidEntryError } from "./errors.ts";
import { decodeValue, type KeyCodec, type KeyRange } from "./_etcd_keys.ts";
import { decodeCursor, encodeCursor } from "./_cursor.ts";
import { type RangeRequest, type RangeResponse, SortOrder, SortTarget } from "./_etcd_proto.ts";
import type { KvEntry, ListOptions, ListPage } from "./types.ts";

const FIRST_RANGE_KEYS = 64;
const MAX_RANGE_KEYS = 500;
const TARGET_RANGE_BYTES = 4 * 1024 * 1024;

/**
 * Reads one page of the keys in `range`. `read` runs one etcd range (with the store's retries).
 *
 * @example
 * ```ts
 * const page = await listPage(codec, codec.range(["pods"]), { limit: 100 }, (req) => client.kv.range(req));
 * ```
 */
export async function listPage<T>(
  codec: KeyCodec,
  range: KeyRange,
  options: ListOptions,
  read: (req: RangeRequest) => Promise<RangeResponse>,
): Promise<ListPage<T>> {
  const limit = options.limit ?? Infinity;
  if (!(limit > 0)) throw new InvalidEntryError(`list limit must be positive, got ${options.limit}`);
  let { start, end } = range;
  let revision = 0;
  let reverse = options.reverse ?? false;
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor);
    const key = codec.encode(cursor.after);
    if (key.compare(start) < 0 || key.compare(end) >= 0) {
      throw new InvalidEntryError("the list cursor belongs to another prefix");
    }
    revision = cursor.revision;
    reverse = cursor.reverse ?? false;
    // Forward: continue just after the last key ("\0" is the smallest suffix). Backward: before it.
    if (reverse) end = key;
    else start = Buffer.concat([key, Buffer.from([0])]);
  } else if (options.revision !== undefined) {
    revision = options.revision;
  }

  const entries: KvEntry<T>[] = [];
  let rangeKeys = FIRST_RANGE_KEYS;
  let lastKey: Buffer | undefined;
  let more = true;
  while (more && entries.length < limit) {
    const res = await read({
      key: start,
      range_end: end,
      revision,
      limit: Math.min(rangeKeys, limit - entries.length),
      // Keys come ascending anyway; descending makes etcd sort the rest of the range on every call.
      sort_order: reverse ? SortOrder.Descend : SortOrder.None,
      sort_target: SortTarget.Key,
    });
    // Later ranges read the snapshot of the first one, so the page is one consistent list.
    if (revision === 0) revision = Number(res.header.revision);
    let largest = 1;
    for (const kv of res.kvs) {
      entries.push({
        key: codec.decode(kv.key),
        value: decodeValue<T>(kv.value),
        versionstamp: kv.mod_revision,
      });
      largest = Math.max(largest, kv.key.length + kv.value.length);
    }
    more = res.more && res.kvs.length > 0;
    if (res.kvs.length > 0) {
      lastKey = res.kvs[res.kvs.length - 1].key;
      if (reverse) end = lastKey;
      else start = Buffer.concat([lastKey, Buffer.from([0])]);
    }
    rangeKeys = Math.max(1, Math.min(MAX_RANGE_KEYS, Math.floor(TARGET_RANGE_BYTES / largest)));
  }
  const cursor = more && lastKey ? encodeCursor({ revision, after: codec.decode(lastKey), reverse }) : "";
  return { entries, cursor, revision };
}
