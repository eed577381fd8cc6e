/**
 * Simulated nodes, as kwok makes them: N Nodes that register, report Ready and renew their Leases like
 * kubelets, and play the kubelet for pods bound to them (Running and Ready with IPs and container
 * statuses; removed for good once deleted), without running a container. Every workload test runs on
 * them.
 *
 * @example
 * ```ts
 * import { startSimulator } from "@skiff/sim";
 *
 * const sim = await startSimulator(client, { count: 3 }); // sim-node-0 … sim-node-2
 * await sim.stop();
 * ```
 *
 * @module
 */
export * from "./addresses.ts";
export * from "./node_object.ts";
export * from "./pod_status.ts";
export * from "./nodes.ts";
export * from "./pods.ts";
export * from "./simulator.ts";
