/**
 * What the workload controllers share: expectations, pod states, claiming by controller reference.
 *
 * @example
 * ```ts
 * import { Expectations, isPodReady } from "@skiff/workloads";
 *
 * new Expectations().satisfied("default/web"); // true
 * ```
 *
 * @module
 */
export * from "./expectations.ts";
export * from "./pods.ts";
export * from "./claim.ts";
export * from "./resolve.ts";
export * from "./run.ts";
