/**
 * The Prometheus metrics of one manager, under controller-runtime's names: the work queues'
 * (`workqueue_*{name,controller}`), the controllers' (`controller_runtime_*{controller}`), and Skiff's own
 * informer watch lag. Each manager has its own Registry, so two managers in one process (or in one test
 * run) do not share counters.
 *
 * @module
 */
import { Counter, exponentialBuckets, Gauge, Histogram, Registry } from "prom-client";
import type { LeaderMetrics } from "../leaderelection/leader_elector.ts";
import type { WorkQueueMetricsProvider } from "../workqueue/metrics.ts";

/** controller-runtime's buckets for reconcile_time_seconds. */
const RECONCILE_BUCKETS = [
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.15,
  0.2,
  0.25,
  0.3,
  0.35,
  0.4,
  0.45,
  0.5,
  0.6,
  0.7,
  0.8,
  0.9,
  1.0,
  1.25,
  1.5,
  1.75,
  2.0,
  2.5,
  3.0,
  3.5,
  4.0,
  4.5,
  5,
  6,
  7,
  8,
  9,
  10,
  15,
  20,
  25,
  30,
  40,
  50,
  60,
];
/** The workqueue's duration buckets: 10 ns to 1000 s, a factor of ten apart. */
const WORKQUEUE_BUCKETS = exponentialBuckets(10e-9, 10, 12);
/** Watch lag from a millisecond to a minute. */
const WATCH_LAG_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * How a reconcile ended, as the `result` label of controller_runtime_reconcile_total: an error, a
 * requeue with backoff (`requeue`), a requeue after a set time (`requeue_after`), or success.
 *
 * @example
 * ```ts
 * const result: ReconcileOutcome = "requeue_after";
 * ```
 */
export type ReconcileOutcome = "success" | "error" | "requeue" | "requeue_after";

/**
 * The metrics registry of a manager.
 *
 * @example
 * ```ts
 * import { ManagerMetrics } from "@skiff/sdk";
 * import { RateLimitingQueue } from "@skiff/sdk";
 *
 * const metrics = new ManagerMetrics();
 * const queue = new RateLimitingQueue<string>({ name: "widgets", metricsProvider: metrics.workqueueProvider });
 * metrics.initController("widgets", 1);
 * metrics.recordReconcile("widgets", "success", 0.012);
 * console.log(await metrics.render());
 * queue.shutDown();
 * ```
 */
export class ManagerMetrics {
  /** The prom-client Registry; register an operator's own metrics here to serve them alongside. */
  readonly registry: Registry = new Registry();
  /** Hand this to work queues (`metricsProvider`) so they report under `workqueue_*`. */
  readonly workqueueProvider: WorkQueueMetricsProvider;

  readonly reconcileTotal: Counter<"controller" | "result">;
  readonly reconcileErrors: Counter<"controller">;
  readonly terminalReconcileErrors: Counter<"controller">;
  readonly reconcilePanics: Counter<"controller">;
  readonly reconcileTime: Histogram<"controller">;
  readonly maxConcurrentReconciles: Gauge<"controller">;
  readonly activeWorkers: Gauge<"controller">;
  readonly informerWatchLag: Histogram<"resource">;
  readonly leaderElectionMasterStatus: Gauge<"name">;
  /** Hand this to a `LeaderElector` (`metrics`) so it reports leader_election_master_status. */
  readonly leaderElectionMetrics: LeaderMetrics;

  constructor() {
    const registers = [this.registry];
    const queueLabels = ["name", "controller"] as const;
    const depth = new Gauge({
      name: "workqueue_depth",
      help: "Current depth of workqueue",
      labelNames: queueLabels,
      registers,
    });
    const adds = new Counter({
      name: "workqueue_adds_total",
      help: "Total number of adds handled by workqueue",
      labelNames: queueLabels,
      registers,
    });
    const latency = new Histogram({
      name: "workqueue_queue_duration_seconds",
      help: "How long in seconds an item stays in workqueue before being requested",
      labelNames: queueLabels,
      buckets: WORKQUEUE_BUCKETS,
      registers,
    });
    const workDuration = new Histogram({
      name: "workqueue_work_duration_seconds",
      help: "How long in seconds processing an item from workqueue takes.",
      labelNames: queueLabels,
      buckets: WORKQUEUE_BUCKETS,
      registers,
    });
    const unfinished = new Gauge({
      name: "workqueue_unfinished_work_seconds",
      help: "How many seconds of work has been done that is in progress and hasn't been observed by " +
        "work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by " +
        "observing the rate at which this increases.",
      labelNames: queueLabels,
      registers,
    });
    const longestRunning = new Gauge({
      name: "workqueue_longest_running_processor_seconds",
      help: "How many seconds has the longest running processor for workqueue been running.",
      labelNames: queueLabels,
      registers,
    });
    const retries = new Counter({
      name: "workqueue_retries_total",
      help: "Total number of retries handled by workqueue",
      labelNames: queueLabels,
      registers,
    });
    // controller-runtime labels each queue with its name twice: as `name` and as `controller`.
    const labels = (name: string) => ({ name, controller: name });
    this.workqueueProvider = {
      newDepthMetric: (name) => depth.labels(labels(name)),
      newAddsMetric: (name) => adds.labels(labels(name)),
      newLatencyMetric: (name) => latency.labels(labels(name)),
      newWorkDurationMetric: (name) => workDuration.labels(labels(name)),
      newUnfinishedWorkSecondsMetric: (name) => unfinished.labels(labels(name)),
      newLongestRunningProcessorSecondsMetric: (name) => longestRunning.labels(labels(name)),
      newRetriesMetric: (name) => retries.labels(labels(name)),
    };

    this.reconcileTotal = new Counter({
      name: "controller_runtime_reconcile_total",
      help: "Total number of reconciliations per controller",
      labelNames: ["controller", "result"],
      registers,
    });
    this.reconcileErrors = new Counter({
      name: "controller_runtime_reconcile_errors_total",
      help: "Total number of reconciliation errors per controller",
      labelNames: ["controller"],
      registers,
    });
    this.terminalReconcileErrors = new Counter({
      name: "controller_runtime_terminal_reconcile_errors_total",
      help: "Total number of terminal reconciliation errors per controller",
      labelNames: ["controller"],
      registers,
    });
    this.reconcilePanics = new Counter({
      name: "controller_runtime_reconcile_panics_total",
      help: "Total number of reconciliation panics per controller",
      labelNames: ["controller"],
      registers,
    });
    this.reconcileTime = new Histogram({
      name: "controller_runtime_reconcile_time_seconds",
      help: "Length of time per reconciliation per controller",
      labelNames: ["controller"],
      buckets: RECONCILE_BUCKETS,
      registers,
    });
    this.maxConcurrentReconciles = new Gauge({
      name: "controller_runtime_max_concurrent_reconciles",
      help: "Maximum number of concurrent reconciles per controller",
      labelNames: ["controller"],
      registers,
    });
    this.activeWorkers = new Gauge({
      name: "controller_runtime_active_workers",
      help: "Number of currently used workers per controller",
      labelNames: ["controller"],
      registers,
    });
    this.informerWatchLag = new Histogram({
      name: "skiff_informer_watch_lag_seconds",
      help:
        "Time from an object's change on the server to its watch event reaching the informer, per resource",
      labelNames: ["resource"],
      buckets: WATCH_LAG_BUCKETS,
      registers,
    });
    this.leaderElectionMasterStatus = new Gauge({
      name: "leader_election_master_status",
      help:
        "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates " +
        "master. 'name' is the string used to identify the lease. Please make sure to group by name.",
      labelNames: ["name"],
      registers,
    });
    const status = this.leaderElectionMasterStatus;
    this.leaderElectionMetrics = {
      leaderOn: (name) => status.labels({ name }).set(1),
      leaderOff: (name) => status.labels({ name }).set(0),
    };
  }

  /**
   * Announces a controller as controller-runtime does when it starts: every result counter at 0, the
   * worker gauges set.
   *
   * @example
   * ```ts
   * metrics.initController("deployment", 5);
   * ```
   */
  initController(controller: string, maxConcurrentReconciles: number): void {
    for (const result of ["success", "error", "requeue", "requeue_after"] as const) {
      this.reconcileTotal.labels({ controller, result }).inc(0);
    }
    this.reconcileErrors.labels({ controller }).inc(0);
    this.terminalReconcileErrors.labels({ controller }).inc(0);
    this.reconcilePanics.labels({ controller }).inc(0);
    this.maxConcurrentReconciles.labels({ controller }).set(maxConcurrentReconciles);
    this.activeWorkers.labels({ controller }).set(0);
  }

  /**
   * Counts one reconcile and its duration; an "error" outcome also counts in reconcile_errors_total
   * (and in terminal_reconcile_errors_total when `terminal`).
   *
   * @example
   * ```ts
   * const start = performance.now();
   * // ... reconcile ...
   * metrics.recordReconcile("deployment", "requeue_after", (performance.now() - start) / 1000);
   * ```
   */
  recordReconcile(controller: string, outcome: ReconcileOutcome, seconds: number, terminal = false): void {
    this.reconcileTotal.labels({ controller, result: outcome }).inc();
    if (outcome === "error") {
      this.reconcileErrors.labels({ controller }).inc();
      if (terminal) this.terminalReconcileErrors.labels({ controller }).inc();
    }
    this.reconcileTime.labels({ controller }).observe(seconds);
  }

  /**
   * Records how late a watch event reached an informer.
   *
   * @example
   * ```ts
   * metrics.observeWatchLag("apps/v1/deployments", 0.004);
   * ```
   */
  observeWatchLag(resource: string, seconds: number): void {
    this.informerWatchLag.labels({ resource }).observe(seconds);
  }

  /**
   * The registry in the Prometheus text exposition format.
   *
   * @example
   * ```ts
   * const text = await metrics.render();
   * ```
   */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
