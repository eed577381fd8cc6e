/**
 * The ReplicaSet (and ReplicationController) controller.
 *
 * @example
 * ```ts
 * import { ReplicaSetController, replicaSetKind } from "@skiff/workloads";
 *
 * manager.add(new ReplicaSetController(replicaSetKind));
 * ```
 *
 * @module
 */
export * from "./types.ts";
export * from "./kinds.ts";
export * from "./slow_start.ts";
export * from "./status.ts";
export * from "./sync.ts";
export * from "./controller.ts";
