/**
 * A work queue with delayed adds (client-go's delaying queue): `addAfter(key, ms)` queues the key once the
 * delay has passed.
 *
 * @module
 */
import { WorkQueue, type WorkQueueOptions } from "./queue.ts";

/**
 * A {@link WorkQueue} that can add a key later. A key waiting for several delays keeps the earliest one;
 * delayed keys still waiting at shutdown are dropped.
 *
 * @example
 * ```ts
 * const queue = new DelayingQueue<string>();
 * queue.addAfter("default/web", 50);
 * const key = await queue.get(); // about 50 ms later
 * queue.done(key!);
 * queue.shutDown();
 * ```
 */
export class DelayingQueue<K = string> extends WorkQueue<K> {
  readonly #waiting = new Map<K, { readyAt: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(options: WorkQueueOptions = {}) {
    super(options);
  }

  /**
   * Adds the key after `delayMs` milliseconds (at once when not positive). Counts as a retry in the
   * queue's metrics.
   *
   * @example
   * ```ts
   * queue.addAfter("default/web", 1000); // requeue in a second
   * ```
   */
  addAfter(key: K, delayMs: number): void {
    if (this.shuttingDown()) return;
    this.recordRetry();
    if (!(delayMs > 0)) {
      this.add(key);
      return;
    }
    const readyAt = performance.now() + delayMs;
    const existing = this.#waiting.get(key);
    // Only an earlier time replaces a pending one, as client-go's waiting heap does.
    if (existing) {
      if (existing.readyAt <= readyAt) return;
      clearTimeout(existing.timer);
    }
    const timer = setTimeout(() => {
      this.#waiting.delete(key);
      this.add(key);
    }, delayMs);
    this.#waiting.set(key, { readyAt, timer });
  }

  /**
   * How many keys wait for their delay to pass.
   *
   * @example
   * ```ts
   * queue.addAfter("a", 1000);
   * queue.waitingLen(); // 1
   * ```
   */
  waitingLen(): number {
    return this.#waiting.size;
  }

  protected override onShutDown(): void {
    for (const { timer } of this.#waiting.values()) clearTimeout(timer);
    this.#waiting.clear();
  }
}
