/**
 * The rate-limited work queue controllers use (client-go's `TypedRateLimitingInterface`): a delaying
 * queue whose `addRateLimited(key)` waits as long as its rate limiter says.
 *
 * @module
 */
import { DelayingQueue } from "./delaying_queue.ts";
import type { WorkQueueOptions } from "./queue.ts";
import { defaultControllerRateLimiter, type RateLimiter } from "./rate_limiter.ts";

/**
 * Options of a {@link RateLimitingQueue}.
 *
 * @example
 * ```ts
 * const options: RateLimitingQueueOptions<string> = {
 *   name: "deployments",
 *   rateLimiter: new ItemExponentialFailureRateLimiter(5, 1000_000),
 * };
 * ```
 */
export interface RateLimitingQueueOptions<K> extends WorkQueueOptions {
  /** Defaults to {@link defaultControllerRateLimiter}: 5 ms–1000 s per item, 10 qps burst 100 overall. */
  rateLimiter?: RateLimiter<K>;
}

/**
 * A work queue with delayed and rate-limited adds.
 *
 * @example
 * ```ts
 * const queue = new RateLimitingQueue<string>({ name: "widgets" });
 * queue.add("default/w");
 * const key = (await queue.get())!;
 * try {
 *   // reconcile(key) failed:
 *   queue.addRateLimited(key); // back in 5 ms, then 10, 20, …
 * } finally {
 *   queue.done(key);
 * }
 * // once reconcile succeeds:
 * queue.forget(key);
 * queue.shutDown();
 * ```
 */
export class RateLimitingQueue<K = string> extends DelayingQueue<K> {
  readonly rateLimiter: RateLimiter<K>;

  constructor(options: RateLimitingQueueOptions<K> = {}) {
    super(options);
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter<K>();
  }

  /**
   * Adds the key after the rate limiter's delay; each call counts one more failure of the key.
   *
   * @example
   * ```ts
   * queue.addRateLimited("default/w");
   * ```
   */
  addRateLimited(key: K): void {
    if (this.shuttingDown()) return;
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /**
   * Resets the key's backoff: call it when the key was processed successfully. It does not remove the key
   * from the queue.
   *
   * @example
   * ```ts
   * queue.forget("default/w");
   * queue.numRequeues("default/w"); // 0
   * ```
   */
  forget(key: K): void {
    this.rateLimiter.forget(key);
  }

  /**
   * How many times the key has been requeued with {@link addRateLimited} since it was last forgotten.
   *
   * @example
   * ```ts
   * queue.addRateLimited("default/w");
   * queue.numRequeues("default/w"); // 1
   * ```
   */
  numRequeues(key: K): number {
    return this.rateLimiter.numRequeues(key);
  }
}
