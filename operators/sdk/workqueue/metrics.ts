/**
 * The metrics a work queue reports, as a provider of small metric objects (client-go's
 * `workqueue.MetricsProvider`), so that the queue does not depend on a metrics library: the manager's
 * Prometheus registry (see `@skiff/sdk`) implements it.
 *
 * @module
 */

/**
 * A gauge the queue moves up and down (the queue depth).
 *
 * @example
 * ```ts
 * let depth = 0;
 * const gauge: GaugeMetric = { inc: () => depth++, dec: () => depth-- };
 * ```
 */
export interface GaugeMetric {
  inc(): void;
  dec(): void;
}

/**
 * A gauge the queue sets to a value (unfinished work, longest running processor).
 *
 * @example
 * ```ts
 * const gauge: SettableGaugeMetric = { set: (v) => console.log("unfinished seconds", v) };
 * ```
 */
export interface SettableGaugeMetric {
  set(value: number): void;
}

/**
 * A counter (adds, retries).
 *
 * @example
 * ```ts
 * let adds = 0;
 * const counter: CounterMetric = { inc: () => adds++ };
 * ```
 */
export interface CounterMetric {
  inc(): void;
}

/**
 * A histogram of durations in seconds (queue latency, work duration).
 *
 * @example
 * ```ts
 * const seen: number[] = [];
 * const histogram: HistogramMetric = { observe: (s) => seen.push(s) };
 * ```
 */
export interface HistogramMetric {
  observe(seconds: number): void;
}

/**
 * Makes the metrics of one named queue; the same names controller-runtime registers
 * (`workqueue_depth{name}` and so on).
 *
 * @example
 * ```ts
 * import { RateLimitingQueue } from "@skiff/sdk";
 *
 * let adds = 0;
 * const provider: WorkQueueMetricsProvider = {
 *   ...noopMetricsProvider,
 *   newAddsMetric: () => ({ inc: () => adds++ }),
 * };
 * const queue = new RateLimitingQueue<string>({ name: "pods", metricsProvider: provider });
 * queue.add("default/web");
 * queue.shutDown();
 * ```
 */
export interface WorkQueueMetricsProvider {
  newDepthMetric(name: string): GaugeMetric;
  newAddsMetric(name: string): CounterMetric;
  newLatencyMetric(name: string): HistogramMetric;
  newWorkDurationMetric(name: string): HistogramMetric;
  newUnfinishedWorkSecondsMetric(name: string): SettableGaugeMetric;
  newLongestRunningProcessorSecondsMetric(name: string): SettableGaugeMetric;
  newRetriesMetric(name: string): CounterMetric;
}

const noop = { inc() {}, dec() {}, set() {}, observe() {} };

/**
 * A provider whose metrics record nothing: the default when a queue has no name or no provider.
 *
 * @example
 * ```ts
 * noopMetricsProvider.newDepthMetric("pods").inc(); // does nothing
 * ```
 */
export const noopMetricsProvider: WorkQueueMetricsProvider = {
  newDepthMetric: () => noop,
  newAddsMetric: () => noop,
  newLatencyMetric: () => noop,
  newWorkDurationMetric: () => noop,
  newUnfinishedWorkSecondsMetric: () => noop,
  newLongestRunningProcessorSecondsMetric: () => noop,
  newRetriesMetric: () => noop,
};
