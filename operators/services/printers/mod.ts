/**
 * kubectl's Table printers for the services module's kinds, keyed like core/api/table's registry by
 * `group/Kind` with `core` for the legacy group.
 *
 * @example
 * ```ts
 * import { servicesPrinters } from "@skiff/services";
 *
 * servicesPrinters.get("core/Service")!.columns.map((c) => c.name);
 * // ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"]
 * ```
 *
 * @module
 */
import type { Printer } from "@skiff/api";
import { servicePrinter } from "./service.ts";

export * from "./service.ts";

/**
 * Every printer of the services module by `group/Kind`.
 *
 * @example
 * ```ts
 * import { servicesPrinters } from "@skiff/services";
 *
 * servicesPrinters.has("core/Service"); // true
 * ```
 */
export const servicesPrinters: ReadonlyMap<string, Printer> = new Map<string, Printer>([
  ["core/Service", servicePrinter],
]);
