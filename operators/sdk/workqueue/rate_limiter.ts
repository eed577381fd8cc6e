/**
 * Rate limiters deciding how long an item waits before it is requeued, as client-go's workqueue has them:
 * per-item exponential backoff, an overall token bucket, and the maximum of several.
 *
 * @module
 */

/**
 * Decides the delay of each requeue of an item.
 *
 * @example
 * ```ts
 * const limiter: RateLimiter<string> = new ItemExponentialFailureRateLimiter(5, 1000_000);
 * limiter.when("default/web"); // 5
 * limiter.when("default/web"); // 10
 * limiter.forget("default/web");
 * ```
 */
export interface RateLimiter<K> {
  /** The delay in milliseconds before the item may be processed again; counts one more failure. */
  when(item: K): number;
  /** Stops tracking the item: its next failure starts again from the base delay. */
  forget(item: K): void;
  /** How many times the item has been requeued since it was last forgotten. */
  numRequeues(item: K): number;
}

/**
 * Per-item exponential backoff: base × 2^failures, capped at max (client-go's
 * ItemExponentialFailureRateLimiter). With 5 ms and 1000 s: 5, 10, 20, … ms; the cap is reached at the
 * 19th failure (5 ms × 2^18 ≈ 1311 s).
 *
 * @example
 * ```ts
 * const limiter = new ItemExponentialFailureRateLimiter<string>(5, 1000_000);
 * [limiter.when("a"), limiter.when("a"), limiter.when("b")]; // [5, 10, 5]
 * ```
 */
export class ItemExponentialFailureRateLimiter<K> implements RateLimiter<K> {
  readonly #failures = new Map<K, number>();

  /** `baseDelayMs` is the first delay, `maxDelayMs` the cap. */
  constructor(readonly baseDelayMs: number, readonly maxDelayMs: number) {}

  when(item: K): number {
    const exp = this.#failures.get(item) ?? 0;
    this.#failures.set(item, exp + 1);
    const backoff = this.baseDelayMs * 2 ** exp;
    return backoff > this.maxDelayMs ? this.maxDelayMs : backoff;
  }

  forget(item: K): void {
    this.#failures.delete(item);
  }

  numRequeues(item: K): number {
    return this.#failures.get(item) ?? 0;
  }
}

/**
 * An overall token bucket shared by all items (client-go's BucketRateLimiter over golang.org/x/time/rate):
 * `burst` requeues pass at once, then one every 1/qps seconds. A reservation always succeeds and answers
 * how long to wait, so the bucket may go into debt.
 *
 * @example
 * ```ts
 * const bucket = new BucketRateLimiter<string>(10, 2);
 * [bucket.when("a"), bucket.when("b")]; // [0, 0]
 * bucket.when("c"); // about 100 (ms)
 * ```
 */
export class BucketRateLimiter<K> implements RateLimiter<K> {
  #tokens: number;
  #last: number;
  readonly #now: () => number;

  /** `qps` tokens refill per second, up to `burst`. */
  constructor(readonly qps: number, readonly burst: number, options: { now?: () => number } = {}) {
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = burst;
    this.#last = this.#now();
  }

  when(_item: K): number {
    const now = this.#now();
    const elapsed = Math.max(0, now - this.#last) / 1000;
    this.#tokens = Math.min(this.burst, this.#tokens + elapsed * this.qps);
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.qps) * 1000;
  }

  forget(_item: K): void {}

  numRequeues(_item: K): number {
    return 0;
  }
}

/**
 * The longest delay of several limiters; requeues counted as the highest of theirs (client-go's
 * MaxOfRateLimiter).
 *
 * @example
 * ```ts
 * const limiter = new MaxOfRateLimiter<string>(
 *   new ItemExponentialFailureRateLimiter(5, 1000_000),
 *   new BucketRateLimiter(10, 100),
 * );
 * limiter.when("a"); // 5
 * ```
 */
export class MaxOfRateLimiter<K> implements RateLimiter<K> {
  readonly #limiters: RateLimiter<K>[];

  constructor(...limiters: RateLimiter<K>[]) {
    this.#limiters = limiters;
  }

  when(item: K): number {
    // Every limiter must see the failure (the bucket spends a token), so no short-circuit.
    let delay = 0;
    for (const l of this.#limiters) delay = Math.max(delay, l.when(item));
    return delay;
  }

  forget(item: K): void {
    for (const l of this.#limiters) l.forget(item);
  }

  numRequeues(item: K): number {
    let n = 0;
    for (const l of this.#limiters) n = Math.max(n, l.numRequeues(item));
    return n;
  }
}

/**
 * client-go's DefaultControllerRateLimiter, which controller-runtime uses for every controller: per-item
 * backoff from 5 ms to 1000 s, and overall 10 qps with a burst of 100.
 *
 * @example
 * ```ts
 * const limiter = defaultControllerRateLimiter<string>();
 * limiter.when("default/web"); // 5
 * ```
 */
export function defaultControllerRateLimiter<K>(): RateLimiter<K> {
  return new MaxOfRateLimiter<K>(
    new ItemExponentialFailureRateLimiter<K>(5, 1000_000),
    new BucketRateLimiter<K>(10, 100),
  );
}
