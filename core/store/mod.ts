/**
 * Skiff's storage layer: one Deno-KV-shaped interface ({@link Store}) with two backends, the embedded
 * store on Deno KV (the default) and etcd.
 *
 * @example
 * ```ts
 * import { openEmbeddedStore } from "@skiff/store";
 * const store = await openEmbeddedStore({ path: ".skiff/store.sqlite" });
 * const res = await store.atomic().check({ key: ["k"], versionstamp: null }).set(["k"], { a: 1 }).commit();
 * ```
 *
 * @module
 */
export type * from "./types.ts";
export * from "./errors.ts";
export { type EmbeddedStoreOptions, openEmbeddedStore } from "./embedded.ts";
export { type EtcdStoreOptions, openEtcdStore } from "./etcd.ts";
export { storedJson } from "./encoding.ts";

import { encodeCursor } from "./_cursor.ts";
import type { KvKey } from "./types.ts";
/**
 * A list cursor that continues after `key` at `revision`, for callers that stop inside a page (the API
 * server filters by selector and may stop before a page ends).
 *
 * @example
 * ```ts
 * const next = await store.list({ prefix: ["p"] }, { cursor: cursorAfter(page.revision, lastKey) });
 * ```
 */
export function cursorAfter(revision: number, key: KvKey): string {
  return encodeCursor({ revision, after: key });
}
