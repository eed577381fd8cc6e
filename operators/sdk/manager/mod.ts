/**
 * The manager: shared informers, metrics, probes (/healthz, /readyz, /metrics) and leader election for
 * the controllers of one process, with a graceful shutdown.
 *
 * @example
 * ```ts
 * import { Manager } from "@skiff/sdk";
 *
 * const manager = new Manager({ client, leaderElection: { namespace: "kube-system", name: "widgets" }, healthPort: 8081 });
 * manager.add(widgetController);
 * await manager.start(signal);
 * ```
 *
 * @module
 */
export { type LeaderElectionOptions, Manager, type ManagerOptions, type Runnable } from "./manager.ts";
