/**
 * Prometheus metrics for a manager, under controller-runtime's names (workqueue_*,
 * controller_runtime_reconcile_*), plus skiff_informer_watch_lag_seconds, and a /metrics handler.
 *
 * @example
 * ```ts
 * import { ManagerMetrics, metricsHandler } from "@skiff/sdk";
 * import { RateLimitingQueue } from "@skiff/sdk";
 *
 * const metrics = new ManagerMetrics();
 * const queue = new RateLimitingQueue<string>({ name: "widgets", metricsProvider: metrics.workqueueProvider });
 * Deno.serve({ port: 8080 }, metricsHandler(metrics.registry));
 * ```
 *
 * @module
 */
export { ManagerMetrics, type ReconcileOutcome } from "./manager_metrics.ts";
export { metricsHandler } from "./handler.ts";
