/**
 * The basic work queue (client-go's `workqueue.Typed`): a FIFO of keys that is fair, deduplicating and
 * never hands out one key twice at once.
 *
 * - A key added while it waits in the queue is one item (it keeps its place).
 * - A key added while it is being processed is marked dirty and queued again when `done()` is called, so
 *   one key is never processed by two workers at once.
 * - After `shutDown()`, adds are ignored; `get()` still hands out what is queued, then answers undefined.
 *
 * @module
 */
import { noopMetricsProvider, type WorkQueueMetricsProvider } from "./metrics.ts";
import { QueueMetrics } from "./_queue_metrics.ts";

/**
 * Options of a {@link WorkQueue}.
 *
 * @example
 * ```ts
 * const options: WorkQueueOptions = { name: "deployments" };
 * ```
 */
export interface WorkQueueOptions {
  /** The name the queue's metrics carry (label `name`); metrics are recorded only for named queues. */
  name?: string;
  /** Makes the queue's metrics; nothing is recorded without one. */
  metricsProvider?: WorkQueueMetricsProvider;
}

/**
 * A deduplicating FIFO work queue with an async `get()`.
 *
 * @example
 * ```ts
 * const queue = new WorkQueue<string>();
 * queue.add("default/web");
 * queue.add("default/web"); // still one item
 * const key = await queue.get(); // "default/web"
 * // ... reconcile key ...
 * queue.done(key!);
 * queue.shutDown();
 * ```
 */
export class WorkQueue<K = string> {
  readonly name: string;
  readonly #queue: K[] = [];
  /** Keys that need processing: queued ones and ones added again while processing. */
  readonly #dirty = new Set<K>();
  readonly #processing = new Set<K>();
  /** Callers of get() waiting for an item, oldest first. */
  readonly #waiters: ((key: K | undefined) => void)[] = [];
  readonly #metrics: QueueMetrics<K>;
  #shuttingDown = false;
  #drained?: { promise: Promise<void>; resolve: () => void };

  constructor(options: WorkQueueOptions = {}) {
    this.name = options.name ?? "";
    const provider = options.name && options.metricsProvider ? options.metricsProvider : noopMetricsProvider;
    this.#metrics = new QueueMetrics<K>(this.name, provider, provider !== noopMetricsProvider);
  }

  /**
   * Marks the key as needing processing.
   *
   * @example
   * ```ts
   * queue.add("default/web");
   * ```
   */
  add(key: K): void {
    if (this.#shuttingDown) return;
    if (this.#dirty.has(key)) return;
    this.#metrics.add(key);
    this.#dirty.add(key);
    if (this.#processing.has(key)) return;
    this.#queue.push(key);
    this.#dispatch();
  }

  /**
   * Waits for the next key and marks it as being processed; answers undefined once the queue is shut
   * down and empty. Every key got must be handed back with {@link done}.
   *
   * @example
   * ```ts
   * for (let key; (key = await queue.get()) !== undefined;) {
   *   try { await reconcile(key); } finally { queue.done(key); }
   * }
   * ```
   */
  get(): Promise<K | undefined> {
    if (this.#queue.length > 0) return Promise.resolve(this.#take());
    if (this.#shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /**
   * Ends processing of a key; if it was added meanwhile, it is queued again.
   *
   * @example
   * ```ts
   * const key = await queue.get();
   * queue.done(key!);
   * ```
   */
  done(key: K): void {
    this.#metrics.done(key);
    this.#processing.delete(key);
    if (this.#dirty.has(key)) {
      this.#queue.push(key);
      this.#dispatch();
    }
    if (this.#processing.size === 0) this.#drained?.resolve();
  }

  /**
   * The number of keys waiting to be handed out (not counting those being processed).
   *
   * @example
   * ```ts
   * queue.add("a");
   * queue.len(); // 1
   * ```
   */
  len(): number {
    return this.#queue.length;
  }

  /**
   * Stops accepting keys and wakes every waiting `get()` (they answer undefined); keys already queued are
   * still handed out. Does not wait for keys being processed.
   *
   * @example
   * ```ts
   * queue.shutDown();
   * await queue.get(); // undefined once empty
   * ```
   */
  shutDown(): void {
    this.#shutDown();
    // A shutDownWithDrain() waiting for processing is released, as client-go's ShutDown does.
    this.#drained?.resolve();
  }

  /**
   * Like {@link shutDown}, then waits until every key being processed has been handed back with `done()`.
   *
   * @example
   * ```ts
   * await queue.shutDownWithDrain(); // workers finished their current keys
   * ```
   */
  async shutDownWithDrain(): Promise<void> {
    this.#shutDown();
    if (this.#processing.size === 0) return;
    if (!this.#drained) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => resolve = r);
      this.#drained = { promise, resolve };
    }
    await this.#drained.promise;
  }

  /**
   * Whether the queue is shutting down (or shut down).
   *
   * @example
   * ```ts
   * queue.shutDown();
   * queue.shuttingDown(); // true
   * ```
   */
  shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Hook for subclasses: called once when shutdown begins. */
  protected onShutDown(): void {}

  /** Counts a retry in the queue's metrics (the delaying layer calls it for every addAfter). */
  protected recordRetry(): void {
    this.#metrics.retry();
  }

  #shutDown(): void {
    if (!this.#shuttingDown) {
      this.#shuttingDown = true;
      this.onShutDown();
      this.#metrics.stop();
    }
    for (const waiter of this.#waiters.splice(0)) waiter(undefined);
  }

  #take(): K {
    const key = this.#queue.shift()!;
    this.#metrics.get(key);
    this.#processing.add(key);
    this.#dirty.delete(key);
    return key;
  }

  /** Hands queued keys to waiting get() calls in arrival order. */
  #dispatch(): void {
    while (this.#waiters.length > 0 && this.#queue.length > 0) {
      this.#waiters.shift()!(this.#take());
    }
  }
}
