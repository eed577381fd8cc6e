/**
 * Bookkeeping behind a queue's metrics (client-go's `queueMetrics`): when each key was added and when its
 * processing started, turned into depth, adds, latency, work duration and the unfinished-work gauges.
 *
 * @module
 */
import type {
  CounterMetric,
  GaugeMetric,
  HistogramMetric,
  SettableGaugeMetric,
  WorkQueueMetricsProvider,
} from "./metrics.ts";

/** How often the unfinished-work gauges are refreshed (client-go: 500 ms). */
const UNFINISHED_WORK_UPDATE_MS = 500;

/** The metrics of one queue and the timestamps they are computed from. */
export class QueueMetrics<K> {
  readonly #depth: GaugeMetric;
  readonly #adds: CounterMetric;
  readonly #latency: HistogramMetric;
  readonly #workDuration: HistogramMetric;
  readonly #unfinished: SettableGaugeMetric;
  readonly #longestRunning: SettableGaugeMetric;
  readonly #retries: CounterMetric;
  readonly #addTimes = new Map<K, number>();
  readonly #processingStart = new Map<K, number>();
  readonly #enabled: boolean;
  #timer?: ReturnType<typeof setInterval>;

  constructor(name: string, provider: WorkQueueMetricsProvider, enabled: boolean) {
    this.#enabled = enabled;
    this.#depth = provider.newDepthMetric(name);
    this.#adds = provider.newAddsMetric(name);
    this.#latency = provider.newLatencyMetric(name);
    this.#workDuration = provider.newWorkDurationMetric(name);
    this.#unfinished = provider.newUnfinishedWorkSecondsMetric(name);
    this.#longestRunning = provider.newLongestRunningProcessorSecondsMetric(name);
    this.#retries = provider.newRetriesMetric(name);
    if (enabled) {
      this.#timer = setInterval(() => this.updateUnfinishedWork(), UNFINISHED_WORK_UPDATE_MS);
      // The refresh must not keep a process alive that forgot to shut its queue down.
      Deno.unrefTimer(this.#timer as unknown as number);
    }
  }

  add(key: K): void {
    if (!this.#enabled) return;
    this.#adds.inc();
    this.#depth.inc();
    if (!this.#addTimes.has(key)) this.#addTimes.set(key, performance.now());
  }

  get(key: K): void {
    if (!this.#enabled) return;
    this.#depth.dec();
    const now = performance.now();
    this.#processingStart.set(key, now);
    const added = this.#addTimes.get(key);
    if (added !== undefined) {
      this.#latency.observe((now - added) / 1000);
      this.#addTimes.delete(key);
    }
  }

  done(key: K): void {
    if (!this.#enabled) return;
    const started = this.#processingStart.get(key);
    if (started !== undefined) {
      this.#workDuration.observe((performance.now() - started) / 1000);
      this.#processingStart.delete(key);
    }
  }

  retry(): void {
    if (this.#enabled) this.#retries.inc();
  }

  /** Sets the total and the longest time keys have been processing without done(). */
  updateUnfinishedWork(): void {
    if (!this.#enabled) return;
    const now = performance.now();
    let total = 0;
    let oldest = 0;
    for (const start of this.#processingStart.values()) {
      const age = (now - start) / 1000;
      total += age;
      if (age > oldest) oldest = age;
    }
    this.#unfinished.set(total);
    this.#longestRunning.set(oldest);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
