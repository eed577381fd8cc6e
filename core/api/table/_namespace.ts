/**
 * Namespaces as `kubectl get namespaces` shows them: NAME STATUS AGE (printNamespace in
 * kubernetes/pkg/printers/internalversion/printers.go).
 *
 * @module
 */
import { age } from "./duration.ts";
import { AGE_COLUMN, column, NAME_COLUMN, obj, type Printer, str } from "./_printer.ts";

/**
 * The Namespace printer.
 *
 * @example
 * ```ts
 * namespacePrinter.row(ns, Date.now()).cells; // ["default", "Active", "12d"]
 * ```
 */
export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, column("Status", "string", "The status of the namespace"), AGE_COLUMN],
  row: (ns, now) => ({
    cells: [
      str(ns.metadata, "name"),
      str(obj(ns, "status"), "phase"),
      age(ns.metadata?.creationTimestamp, now),
    ],
  }),
};
