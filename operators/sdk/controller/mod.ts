/**
 * Controllers as controller-runtime builds them: a kind to reconcile (`for`), kinds it owns, other kinds
 * mapped to its keys, predicates, a rate-limited queue, `reconcile(key, ctx)` answering a result as data,
 * and `TerminalError` for errors that retrying cannot fix.
 *
 * @example
 * ```ts
 * import { Controller, generationChanged } from "@skiff/sdk";
 *
 * const controller = new Controller({
 *   name: "widget",
 *   for: widgetsResource,
 *   owns: [configMapsResource],
 *   predicates: [generationChanged],
 *   async reconcile(key, ctx) {
 *     const widget = ctx.cache.get(widgetsResource, key);
 *     if (!widget) return;
 *     return { requeueAfter: 60_000 };
 *   },
 * });
 * ```
 *
 * @module
 */
export * from "./errors.ts";
export * from "./logger.ts";
export * from "./predicates.ts";
export * from "./cache_reader.ts";
export {
  Controller,
  type ControllerOptions,
  type ControllerRuntime,
  type OwnedSource,
  type ReconcileContext,
  type ReconcileResult,
  type WatchSource,
} from "./controller.ts";
