/**
 * The table of a built-in kind without a printer of its own, kube-apiserver's DefaultTableConvertor
 * (apiserver/pkg/registry/rest/table.go): NAME and CREATED AT, the creation time in RFC 3339 UTC rather
 * than an age. `kubectl get crds` and `kubectl get clusterroles` look like this.
 *
 * @module
 */
import { parseTimestamp } from "./duration.ts";
import { column, CREATION_TIMESTAMP_DESCRIPTION, NAME_COLUMN, type Printer, str } from "./_printer.ts";

/**
 * The default printer of built-in kinds.
 *
 * @example
 * ```ts
 * defaultPrinter.row(crd, Date.now()).cells; // ["widgets.example.com", "2024-05-01T12:03:04Z"]
 * ```
 */
export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, column("Created At", "date", CREATION_TIMESTAMP_DESCRIPTION)],
  row: (o) => ({ cells: [str(o.metadata, "name"), createdAt(o.metadata?.creationTimestamp)] }),
};

/** Go's `Time.UTC().Format(time.RFC3339)`: whole seconds, `Z`; the zero time when absent. */
function createdAt(timestamp: unknown): string {
  const t = parseTimestamp(timestamp);
  if (t === undefined || Number.isNaN(t)) return "0001-01-01T00:00:00Z";
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
