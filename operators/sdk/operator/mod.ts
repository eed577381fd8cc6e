/**
 * Operator modules: `defineOperator({ name, crds, controllers, admission })` declares one,
 * `installCrds` applies its CRDs and waits until they are Established, and `runOperator` runs it on its
 * own (what `deno run -A operators/NAME/main.ts --kubeconfig FILE` calls).
 *
 * @example
 * ```ts
 * import { Controller, defineOperator, operatorFlags, runOperator } from "@skiff/sdk";
 *
 * const widgets = defineOperator({
 *   name: "widgets",
 *   crds: [widgetCrd],
 *   controllers: [() => new Controller({ name: "widget", for: widgetsResource, reconcile: async () => {} })],
 * });
 * if (import.meta.main) await runOperator(widgets, operatorFlags(Deno.args));
 * ```
 *
 * @module
 */
export * from "./operator.ts";
export * from "./install.ts";
export * from "./run.ts";
