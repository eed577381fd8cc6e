/**
 * What a reconciler reads instead of the API: the shared informers' stores, by kind.
 *
 * @module
 */
import type { ResourceRef } from "../client/types.ts";
import type { SharedInformerFactory } from "../cache/factory.ts";
import type { Informer } from "../informer/informer.ts";

/**
 * Reads from the shared informers of a manager. Kinds a controller watches (`for`, `owns`, `watches`) are
 * synced before it reconciles; any other kind gets an informer on first read, empty until it has synced
 * (`await cache.waitForSync(ref)` first).
 *
 * @example
 * ```ts
 * const widget = ctx.cache.get(widgetsResource, key);
 * const children = ctx.cache.list(configMapsResource, { namespace: "default" });
 * const owned = ctx.cache.list(configMapsResource, { index: ["ownerUid", widget.metadata.uid] });
 * ```
 */
export class CacheReader {
  constructor(readonly informers: SharedInformerFactory) {}

  /**
   * The cached object with key "NAMESPACE/NAME" (or "NAME"), frozen; undefined when absent.
   *
   * @example
   * ```ts
   * const pod = cache.get(podsResource, "default/web");
   * ```
   */
  get<T>(ref: ResourceRef<T>, key: string): T | undefined {
    return this.informer(ref).store.get(key);
  }

  /**
   * Cached objects: all, one namespace's, or one index value's.
   *
   * @example
   * ```ts
   * cache.list(podsResource, { namespace: "default" });
   * ```
   */
  list<T>(ref: ResourceRef<T>, options: { namespace?: string; index?: [string, string] } = {}): T[] {
    const store = this.informer(ref).store;
    if (options.index) {
      const found = store.byIndex(options.index[0], options.index[1]);
      return options.namespace === undefined
        ? found
        : found.filter((o) =>
          (o as { metadata?: { namespace?: string } }).metadata?.namespace === options.namespace
        );
    }
    if (options.namespace !== undefined) return store.byIndex("namespace", options.namespace);
    return store.list();
  }

  /**
   * The shared informer of a kind.
   *
   * @example
   * ```ts
   * cache.informer(podsResource).store.size;
   * ```
   */
  informer<T>(ref: ResourceRef<T>): Informer<T> {
    return this.informers.informerFor(ref);
  }

  /**
   * Resolves once the kind's informer has synced.
   *
   * @example
   * ```ts
   * await cache.waitForSync(secretsResource, ctx.signal);
   * ```
   */
  waitForSync(ref: ResourceRef<unknown>, signal?: AbortSignal): Promise<void> {
    return this.informer(ref).waitForSync(signal);
  }
}
