/**
 * The Deployment controller: the dispatcher, the RollingUpdate and Recreate strategies, scaling,
 * revision history and status.
 *
 * @example
 * ```ts
 * import { DeploymentController } from "@skiff/workloads";
 *
 * manager.add(new DeploymentController());
 * ```
 *
 * @module
 */
export * from "./util.ts";
export * from "./context.ts";
export * from "./progress.ts";
export * from "./replicasets.ts";
export * from "./sync.ts";
export * from "./rolling.ts";
export * from "./recreate.ts";
export * from "./rollback.ts";
export * from "./controller.ts";
