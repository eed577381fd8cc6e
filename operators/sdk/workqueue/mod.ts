/**
 * Rate-limited work queues as client-go's workqueue has them: keys are deduplicated, one key is never
 * handed out twice at once, failed keys come back with per-item exponential backoff under an overall
 * token bucket, and `await queue.get()` answers undefined after shutdown.
 *
 * @example
 * ```ts
 * import { RateLimitingQueue } from "@skiff/sdk";
 *
 * const queue = new RateLimitingQueue<string>({ name: "widgets" });
 * queue.add("default/w");
 * const worker = (async () => {
 *   for (let key; (key = await queue.get()) !== undefined;) {
 *     try {
 *       // reconcile(key)
 *       queue.forget(key);
 *     } catch {
 *       queue.addRateLimited(key);
 *     } finally {
 *       queue.done(key);
 *     }
 *   }
 * })();
 * await queue.shutDownWithDrain();
 * await worker;
 * ```
 *
 * @module
 */
export { WorkQueue, type WorkQueueOptions } from "./queue.ts";
export { DelayingQueue } from "./delaying_queue.ts";
export { RateLimitingQueue, type RateLimitingQueueOptions } from "./rate_limiting_queue.ts";
export {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  type RateLimiter,
} from "./rate_limiter.ts";
export {
  type CounterMetric,
  type GaugeMetric,
  type HistogramMetric,
  noopMetricsProvider,
  type SettableGaugeMetric,
  type WorkQueueMetricsProvider,
} from "./metrics.ts";
