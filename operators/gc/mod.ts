/**
 * The garbage collector: deletes dependents whose owners are gone, and carries out Foreground and
 * Orphan deletion, as Kubernetes' garbage collector controller does.
 *
 * @example
 * ```ts
 * import { GarbageCollector } from "@skiff/gc";
 * import { Manager } from "@skiff/sdk";
 *
 * const manager = new Manager({ client });
 * manager.add(new GarbageCollector({ client }));
 * await manager.start(signal);
 * ```
 *
 * @module
 */
export { GarbageCollector, type GarbageCollectorOptions } from "./collector.ts";
export { deletableResources } from "./discovery.ts";
export { Graph, type GraphNode } from "./graph.ts";
