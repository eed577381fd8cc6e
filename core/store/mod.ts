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
