/**
 * One informer per kind for a whole process: every controller that asks for pods gets the same informer
 * and so the same cache, keyed by group/version/resource (a metadata-only informer is a separate entry).
 *
 * @module
 */
import type { Client } from "../client/client.ts";
import type { ResourceClient } from "../client/resource_client.ts";
import { apiVersionOf, gvrKey, type KubeObject, type ObjectMeta, type ResourceRef } from "../client/types.ts";
import { Informer, type InformerOptions } from "../informer/informer.ts";
import { stripManagedFields } from "./freeze.ts";
import type { IndexFunc } from "./indexer.ts";

/**
 * An object as a metadata-only cache keeps it: its kind's apiVersion and kind (not meta.k8s.io's
 * PartialObjectMetadata, which the server sends) and its metadata.
 *
 * @example
 * ```ts
 * const meta: MetadataObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "web" } };
 * ```
 */
export interface MetadataObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/**
 * Options every informer of a factory shares.
 *
 * @example
 * ```ts
 * const options: FactoryOptions = { resyncPeriodMs: 10 * 60_000, onError: console.error };
 * ```
 */
export type FactoryOptions =
  & Pick<
    InformerOptions<unknown>,
    "namespace" | "pageSize" | "resyncPeriodMs" | "backoff" | "watchTimeoutSeconds" | "idleTimeoutMs"
  >
  & {
    /** Told about failures the informers recover from, with the kind's key ("v1/pods"). */
    onError?: (error: unknown, phase: "list" | "watch" | "handler", gvr: string) => void;
    /** Told each event's lag (arrival until handlers done), with the kind's key. */
    onLag?: (lagMs: number, type: string, gvr: string) => void;
  };

/**
 * Options of one informer asked of a factory.
 *
 * @example
 * ```ts
 * factory.informerFor(podsResource, { indexers: { node: (p) => [p.spec?.nodeName ?? ""] } });
 * ```
 */
export interface InformerForOptions<T> {
  /**
   * Keep only apiVersion, kind and metadata (for large kinds whose spec the controller ignores). The
   * informer asks the server for PartialObjectMetadata, so whole objects are neither sent nor parsed.
   */
  metadataOnly?: boolean;
  /** Keep metadata.managedFields in the cache (dropped by default: half a Pod's size, rarely read). */
  keepManagedFields?: boolean;
  /** Indexes to add to the shared informer's store (names must not clash with other controllers'). */
  indexers?: Record<string, IndexFunc<T>>;
}

const perClient = new WeakMap<Client, SharedInformerFactory>();

/**
 * Shared informers by group/version/resource.
 *
 * @example
 * ```ts
 * const factory = SharedInformerFactory.for(client);
 * const pods = factory.informerFor(podsResource);
 * pods === factory.informerFor(podsResource); // true
 * factory.start();
 * await factory.waitForSync();
 * pods.store.byIndex("namespace", "default");
 * await factory.stop();
 * ```
 */
export class SharedInformerFactory {
  #informers = new Map<string, Informer<unknown>>();
  #runs = new Map<string, Promise<void>>();
  #abort?: AbortController;

  constructor(readonly client: Client, readonly options: FactoryOptions = {}) {}

  /**
   * The factory every caller with this client shares (made on first use, with `options`).
   *
   * @example
   * ```ts
   * SharedInformerFactory.for(client) === SharedInformerFactory.for(client); // true
   * ```
   */
  static for(client: Client, options: FactoryOptions = {}): SharedInformerFactory {
    let factory = perClient.get(client);
    if (!factory) perClient.set(client, factory = new SharedInformerFactory(client, options));
    return factory;
  }

  /**
   * The informer of a kind, made on first request; started at once when the factory already is.
   *
   * @example
   * ```ts
   * const leases = factory.informerFor(leasesResource);
   * const podMeta = factory.informerFor(podsResource, { metadataOnly: true });
   * ```
   */
  informerFor<T>(
    ref: ResourceRef<T>,
    options: InformerForOptions<T> & { metadataOnly: true },
  ): Informer<MetadataObject>;
  informerFor<T>(ref: ResourceRef<T>, options?: InformerForOptions<T>): Informer<T>;
  informerFor<T>(
    ref: ResourceRef<T>,
    options: InformerForOptions<T> = {},
  ): Informer<T> | Informer<MetadataObject> {
    const key = gvrKey(ref) + (options.metadataOnly ? "#metadata" : "") +
      (options.keepManagedFields ? "#managed" : "");
    let informer = this.#informers.get(key) as Informer<T> | undefined;
    if (!informer) {
      const gvr = gvrKey(ref);
      const apiVersion = apiVersionOf(ref);
      const { onError, onLag, ...shared } = this.options;
      const resource = options.metadataOnly
        ? this.client.resource(ref).metadataOnly() as ResourceClient<unknown> as ResourceClient<T>
        : this.client.resource(ref);
      informer = new Informer<T>(resource, {
        ...shared,
        transform: (obj) => {
          const kept = options.keepManagedFields ? obj : stripManagedFields(obj as KubeObject) as T;
          if (!options.metadataOnly) return kept;
          // The server answers PartialObjectMetadata (meta.k8s.io's kind); the cache and its handlers
          // know objects by their own kind. Building the object anew also drops whatever else a server
          // that ignored the Accept header sent.
          const metadata = (kept as KubeObject).metadata;
          return { apiVersion, kind: ref.kind, metadata } as T;
        },
        onError: onError && ((e, phase) => onError(e, phase, gvr)),
        onLag: onLag && ((ms, type) => onLag(ms, type, gvr)),
      });
      this.#informers.set(key, informer as Informer<unknown>);
      if (this.#abort) this.#run(key, informer as Informer<unknown>);
    }
    if (options.indexers) informer.store.addIndexers(options.indexers);
    return informer;
  }

  /** Every informer made so far, by key ("v1/pods", "v1/pods#metadata", ...). */
  informers(): Map<string, Informer<unknown>> {
    return new Map(this.#informers);
  }

  /**
   * Runs every informer, and those asked for later, until `stop()` or the signal aborts.
   *
   * @example
   * ```ts
   * factory.start(abort.signal);
   * ```
   */
  start(signal?: AbortSignal): void {
    if (!this.#abort) {
      this.#abort = new AbortController();
      const abort = this.#abort;
      signal?.addEventListener("abort", () => abort.abort(), { once: true });
    }
    for (const [key, informer] of this.#informers) this.#run(key, informer);
  }

  /**
   * Resolves once every informer made so far has synced.
   *
   * @example
   * ```ts
   * await factory.waitForSync(AbortSignal.timeout(30_000));
   * ```
   */
  async waitForSync(signal?: AbortSignal): Promise<void> {
    await Promise.all([...this.#informers.values()].map((i) => i.waitForSync(signal)));
  }

  /** Whether every informer made so far has synced. */
  hasSynced(): boolean {
    return [...this.#informers.values()].every((i) => i.hasSynced());
  }

  /**
   * Stops every informer; resolves when they have.
   *
   * @example
   * ```ts
   * await factory.stop();
   * ```
   */
  async stop(): Promise<void> {
    this.#abort?.abort();
    this.#abort = undefined;
    await Promise.all(this.#runs.values());
  }

  #run(key: string, informer: Informer<unknown>): void {
    if (this.#runs.has(key)) return;
    const run = informer.run(this.#abort!.signal).finally(() => this.#runs.delete(key));
    this.#runs.set(key, run);
  }
}
