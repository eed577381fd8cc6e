/**
 * An informer: keeps a local, indexed copy of one kind and tells handlers what changed. It lists (in
 * pages of `limit` with `continue`), then watches from the list's resourceVersion with bookmarks, and
 * never stops by itself: a lost connection resumes the watch from the last resourceVersion it saw, a
 * 410 Gone (as an HTTP answer or an ERROR event) lists again and tells handlers the difference, and a
 * watch that goes quiet for longer than bookmarks allow is treated as lost.
 *
 * @module
 */
import type { ResourceClient } from "../client/resource_client.ts";
import { ApiError, isGone } from "../client/errors.ts";
import { backoffDelay, type RetryPolicy, sleep } from "../client/retry.ts";
import { apiVersionOf, type KubeObject, objectKey, type WatchEvent } from "../client/types.ts";
import { Indexer, type IndexFunc } from "../cache/indexer.ts";

/**
 * What an informer tells about changes. Objects are frozen; handlers run one at a time, in order (a
 * returned promise is awaited), and a handler that throws is reported through `onError` without stopping
 * the informer.
 *
 * @example
 * ```ts
 * informer.addEventHandler({
 *   onAdd: (pod) => queue.add(objectKey(pod)),
 *   onUpdate: (_old, pod) => queue.add(objectKey(pod)),
 *   onDelete: (pod) => queue.add(objectKey(pod)),
 * });
 * ```
 */
export interface EventHandlers<T> {
  /** A new object; `initialList` is true for those of a list (the first, a relist, or a replay). */
  onAdd?(obj: T, initialList: boolean): unknown;
  /** A changed object, or (with a resync period) an unchanged one redelivered: then old === new. */
  onUpdate?(oldObj: T, newObj: T): unknown;
  /** An object that is gone, in its last known state. */
  onDelete?(obj: T): unknown;
}

/**
 * Options of an {@link Informer}.
 *
 * @example
 * ```ts
 * const options: InformerOptions<Pod> = { namespace: "default", resyncPeriodMs: 60_000, pageSize: 200 };
 * ```
 */
export interface InformerOptions<T> {
  /** Only this namespace (all of them unless given). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Objects per list page. Default 500. */
  pageSize?: number;
  /** Redeliver every cached object as an update this often (off unless given). */
  resyncPeriodMs?: number;
  /** Applied to each object before it is stored (e.g. `metadataOnly`). */
  transform?: (obj: T) => T;
  /** Indexes besides the namespace one. */
  indexers?: Record<string, IndexFunc<T>>;
  /** The store to fill (a new Indexer unless given). */
  store?: Indexer<T>;
  /** Backoff between failed lists and watches. Default 100 ms doubling to 30 s. */
  backoff?: RetryPolicy;
  /** The server ends each watch after a random time in this range of seconds. Default [300, 600]. */
  watchTimeoutSeconds?: [number, number];
  /** A watch that sends nothing, not even a bookmark, for this long is taken as lost. Default 90 s. */
  idleTimeoutMs?: number;
  /** Told how long each event took from its arrival until every handler was done (a lag metric). */
  onLag?: (lagMs: number, type: WatchEvent["type"]) => void;
  /** Told about failures the informer recovers from: lists, watches, handlers. */
  onError?: (error: unknown, phase: "list" | "watch" | "handler") => void;
}

/**
 * Counters of what the informer has been through, for metrics and tests.
 *
 * @example
 * ```ts
 * const { lists, watches } = informer.stats; // lists > 1 means it had to relist
 * ```
 */
export interface InformerStats {
  lists: number;
  watches: number;
  events: number;
  bookmarks: number;
  errors: number;
}

/**
 * The informer of one kind (see the module doc).
 *
 * @example
 * ```ts
 * const informer = new Informer(client.resource(podsResource), { namespace: "default" });
 * informer.addEventHandler({ onAdd: (pod) => console.log("added", pod.metadata?.name) });
 * const running = informer.run();
 * await informer.waitForSync();
 * informer.store.list();
 * informer.stop();
 * await running;
 * ```
 */
export class Informer<T = KubeObject> {
  /** The local copy: frozen objects with indexes. */
  readonly store: Indexer<T>;
  readonly stats: InformerStats = { lists: 0, watches: 0, events: 0, bookmarks: 0, errors: 0 };
  readonly #options: InformerOptions<T>;
  #handlers = new Set<EventHandlers<T>>();
  #resourceVersion = "";
  #synced = false;
  #syncWaiters: (() => void)[] = [];
  #abort?: AbortController;
  #running?: Promise<void>;
  /** Every change to the store and every handler call goes through here, one at a time. */
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly resource: ResourceClient<T>, options: InformerOptions<T> = {}) {
    this.#options = options;
    this.store = options.store ?? new Indexer<T>();
    if (options.indexers) this.store.addIndexers(options.indexers);
  }

  /** The resourceVersion the next watch starts from: the last list's, event's or bookmark's. */
  get resourceVersion(): string {
    return this.#resourceVersion;
  }

  /** Whether the first list is in the store. */
  hasSynced(): boolean {
    return this.#synced;
  }

  /** Whether `run` is going. */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /**
   * Resolves once the first list is in the store (and its handlers ran); rejects if the signal aborts
   * first.
   *
   * @example
   * ```ts
   * await informer.waitForSync(AbortSignal.timeout(10_000));
   * ```
   */
  waitForSync(signal?: AbortSignal): Promise<void> {
    if (this.#synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#syncWaiters.push(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
    });
  }

  /**
   * Adds handlers; answers a function that removes them. Added after the first sync, they are first told
   * about every cached object as an add.
   *
   * @example
   * ```ts
   * const remove = informer.addEventHandler({ onDelete: (pod) => console.log("gone", pod.metadata?.name) });
   * remove();
   * ```
   */
  addEventHandler(handlers: EventHandlers<T>): () => void {
    this.#handlers.add(handlers);
    if (this.#synced) {
      this.#serial(async () => {
        for (const obj of this.store.list()) await this.#call(() => handlers.onAdd?.(obj, true));
      });
    }
    return () => this.#handlers.delete(handlers);
  }

  /**
   * Lists and watches until `stop()` or the signal aborts; resolves then. Calling it while running
   * answers the same promise.
   *
   * @example
   * ```ts
   * const abort = new AbortController();
   * const done = informer.run(abort.signal);
   * abort.abort();
   * await done;
   * ```
   */
  run(signal?: AbortSignal): Promise<void> {
    if (this.#running) return this.#running;
    const abort = new AbortController();
    this.#abort = abort;
    if (signal?.aborted) abort.abort();
    signal?.addEventListener("abort", () => abort.abort(), { once: true });
    this.#running = this.#loop(abort.signal).finally(() => {
      this.#running = undefined;
      this.#abort = undefined;
    });
    return this.#running;
  }

  /** Stops `run`: the watch in flight is cancelled. */
  stop(): void {
    this.#abort?.abort();
  }

  async #loop(signal: AbortSignal): Promise<void> {
    const backoff = { baseDelayMs: 100, maxDelayMs: 30_000, ...this.#options.backoff };
    let resync: ReturnType<typeof setInterval> | undefined;
    if (this.#options.resyncPeriodMs) {
      resync = setInterval(() => {
        if (this.#synced) this.#serial(() => this.#resync());
      }, this.#options.resyncPeriodMs);
    }
    let needList = true;
    let failures = 0;
    try {
      while (!signal.aborted) {
        let phase: "list" | "watch" = "list";
        try {
          if (needList) {
            await this.#list(signal);
            needList = false;
            failures = 0;
          }
          phase = "watch";
          const started = Date.now();
          const events = await this.#watch(signal);
          // A watch the server ends at once, with nothing in it, is a failure in disguise: back off.
          if (events > 0 || Date.now() - started > 1000) failures = 0;
          else await sleep(backoffDelay(failures++, backoff), signal);
        } catch (e) {
          if (signal.aborted) break;
          this.stats.errors++;
          if (isGone(e)) {
            // What we last saw is compacted away: only a fresh list can say what the state is.
            needList = true;
            if (phase === "list") await sleep(backoffDelay(failures++, backoff), signal).catch(() => {});
            continue;
          }
          this.#options.onError?.(e, phase);
          await sleep(backoffDelay(failures++, backoff), signal).catch(() => {});
        }
      }
    } finally {
      if (resync !== undefined) clearInterval(resync);
      await this.#queue;
    }
  }

  async #list(signal: AbortSignal): Promise<void> {
    const { namespace, labelSelector, fieldSelector, pageSize = 500 } = this.#options;
    const items: T[] = [];
    let cont: string | undefined;
    let resourceVersion = "";
    do {
      const page = await this.resource.list({
        namespace,
        labelSelector,
        fieldSelector,
        limit: pageSize,
        continue: cont,
        signal,
      });
      for (const item of page.items) items.push(this.#transform(item));
      cont = page.metadata.continue;
      resourceVersion = page.metadata.resourceVersion ?? "";
    } while (cont);
    this.stats.lists++;
    await this.#serial(() => this.#replace(items));
    this.#resourceVersion = resourceVersion;
    if (!this.#synced) {
      this.#synced = true;
      for (const resolve of this.#syncWaiters.splice(0)) resolve();
    }
  }

  /** Watches from the current resourceVersion until the watch ends; answers how many events it had. */
  async #watch(signal: AbortSignal): Promise<number> {
    const { namespace, labelSelector, fieldSelector } = this.#options;
    const [min, max] = this.#options.watchTimeoutSeconds ?? [300, 600];
    const idleMs = this.#options.idleTimeoutMs ?? 90_000;
    const watchAbort = new AbortController();
    const onAbort = () => watchAbort.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    // stop() may have come between the list and here, when the listener was not there to hear it.
    if (signal.aborted) return 0;
    let idle = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One timer per idle period, not one per event: an event only moves `lastEvent`, and the timer, when
    // it fires early, waits out the rest. Re-arming per event cost ~5-10 µs of the API server's CPU per
    // Pod create for each in-process informer of pods.
    let lastEvent = 0;
    const check = () => {
      const quiet = performance.now() - lastEvent;
      if (quiet < idleMs) return void (timer = setTimeout(check, idleMs - quiet));
      idle = true;
      watchAbort.abort();
    };
    const arm = () => {
      lastEvent = performance.now();
      timer ??= setTimeout(check, idleMs);
    };
    this.stats.watches++;
    let count = 0;
    try {
      arm();
      const events = this.resource.watch({
        namespace,
        labelSelector,
        fieldSelector,
        resourceVersion: this.#resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: Math.floor(min + Math.random() * (max - min)),
        signal: watchAbort.signal,
      });
      for await (const event of events) {
        arm();
        count++;
        const arrived = performance.now();
        if (event.type === "ERROR") throw ApiError.fromStatus(event.object);
        const rv = (event.object as KubeObject).metadata?.resourceVersion;
        if (event.type === "BOOKMARK") {
          this.stats.bookmarks++;
          if (rv) this.#resourceVersion = rv;
          continue;
        }
        this.stats.events++;
        await this.#serial(() => this.#apply(event));
        if (rv) this.#resourceVersion = rv;
        this.#options.onLag?.(performance.now() - arrived, event.type);
      }
    } catch (e) {
      if (idle && !signal.aborted) throw new Error(`watch sent nothing for ${idleMs} ms`, { cause: e });
      throw e;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
    if (idle && !signal.aborted) throw new Error(`watch sent nothing for ${idleMs} ms`);
    return count;
  }

  /** A list's objects replace the store; handlers hear what differs from what they were told. */
  async #replace(items: T[]): Promise<void> {
    const listed = new Set<string>();
    for (const obj of items) {
      const key = objectKey(obj as KubeObject);
      listed.add(key);
      const old = this.store.set(obj);
      if (old === undefined) await this.#notify((h) => h.onAdd?.(obj, true));
      else if (rvOf(old) !== rvOf(obj)) await this.#notify((h) => h.onUpdate?.(old, obj));
    }
    for (const key of this.store.keys()) {
      if (listed.has(key)) continue;
      const old = this.store.delete(key)!;
      await this.#notify((h) => h.onDelete?.(old));
    }
  }

  async #apply(event: WatchEvent<T>): Promise<void> {
    if (event.type !== "ADDED" && event.type !== "MODIFIED" && event.type !== "DELETED") return;
    const obj = this.#transform(event.object);
    if (event.type === "DELETED") {
      const old = this.store.delete(objectKey(obj as KubeObject));
      if (old !== undefined) await this.#notify((h) => h.onDelete?.(obj));
      return;
    }
    const old = this.store.set(obj);
    if (old === undefined) await this.#notify((h) => h.onAdd?.(obj, false));
    else await this.#notify((h) => h.onUpdate?.(old, obj));
  }

  async #resync(): Promise<void> {
    for (const obj of this.store.list()) await this.#notify((h) => h.onUpdate?.(obj, obj));
  }

  #transform(obj: T): T {
    // List items may come without apiVersion and kind (Kubernetes leaves them out of typed lists); the
    // cache holds whole objects either way.
    const o = obj as KubeObject;
    o.apiVersion ??= apiVersionOf(this.resource.ref);
    o.kind ??= this.resource.ref.kind;
    return this.#options.transform ? this.#options.transform(obj) : obj;
  }

  async #notify(call: (h: EventHandlers<T>) => unknown): Promise<void> {
    for (const h of [...this.#handlers]) await this.#call(() => call(h));
  }

  async #call(fn: () => unknown): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.stats.errors++;
      this.#options.onError?.(e, "handler");
    }
  }

  #serial(fn: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(fn);
    this.#queue = next.catch(() => {});
    return next;
  }
}

function rvOf(obj: unknown): string | undefined {
  return (obj as KubeObject).metadata?.resourceVersion;
}
