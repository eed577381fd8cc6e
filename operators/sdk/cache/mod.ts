/**
 * Caches: frozen objects with indexes (namespace, owner uid, label, custom), shared per kind across the
 * controllers of a process through {@link SharedInformerFactory}, optionally metadata-only.
 *
 * @example
 * ```ts
 * import { indexByOwnerUid, podsResource, SharedInformerFactory } from "@skiff/sdk";
 *
 * const factory = SharedInformerFactory.for(client);
 * const pods = factory.informerFor(podsResource, { indexers: { ownerUid: indexByOwnerUid } });
 * factory.start();
 * await factory.waitForSync();
 * pods.store.byIndex("ownerUid", replicaSetUid);
 * ```
 *
 * @module
 */
export * from "./freeze.ts";
export * from "./indexer.ts";
export * from "./factory.ts";
