/**
 * The operator modules bundled with Skiff, by name, each loaded only when installed (so a module left out
 * costs nothing at start). A module's package exports its `Operator`; add a line here for a new one.
 *
 * @module
 */
import type { Operator } from "@skiff/sdk";

/**
 * Every bundled module by name, loaded on demand.
 *
 * @example
 * ```ts
 * const workloads = await BUNDLED_MODULES.workloads?.();
 * ```
 */
export const BUNDLED_MODULES: Readonly<Record<string, () => Promise<Operator>>> = {
  workloads: async () => (await import("@skiff/workloads")).workloadsOperator,
  scheduler: async () => (await import("@skiff/scheduler")).schedulerOperator,
  // A fresh operator per install: its ClusterIP and NodePort allocators belong to this core.
  services: async () => (await import("@skiff/services")).createServicesOperator(),
};
