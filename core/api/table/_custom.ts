/**
 * The table of a custom resource, as apiextensions-apiserver's tableconvertor builds it: NAME, then one
 * column per additionalPrinterColumn (or a single AGE column when the CRD version declares none), each
 * cell the first value its JSONPath selects, typed by the column's type.
 *
 * @module
 */
import type { PrinterColumn } from "@skiff/schema";
import type { KubeObject } from "../admission.ts";
import { humanDuration, parseTimestamp } from "./duration.ts";
import { GoFloat, goText } from "./_go_text.ts";
import { findResults, type JsonPath, parseJsonPath } from "./_jsonpath.ts";
import { column, CREATION_TIMESTAMP_DESCRIPTION, NAME_COLUMN, type Printer, str } from "./_printer.ts";
import type { Cell, TableColumnDefinition } from "./types.ts";

/** The column a CRD version without additionalPrinterColumns is served with. */
const DEFAULT_COLUMNS: PrinterColumn[] = [
  {
    name: "Age",
    type: "date",
    description: CREATION_TIMESTAMP_DESCRIPTION,
    jsonPath: ".metadata.creationTimestamp",
  },
];

/**
 * The printer of a custom resource with these additionalPrinterColumns.
 *
 * @example
 * ```ts
 * const p = customPrinter([{ name: "Replicas", type: "integer", jsonPath: ".spec.replicas" }]);
 * p.row({ metadata: { name: "a" }, spec: { replicas: 3 } }, Date.now()).cells; // ["a", 3]
 * ```
 */
export function customPrinter(printerColumns: readonly PrinterColumn[]): Printer {
  const columns: TableColumnDefinition[] = [NAME_COLUMN];
  const paths: JsonPath[] = [];
  for (const c of printerColumns.length > 0 ? printerColumns : DEFAULT_COLUMNS) {
    let path: JsonPath;
    try {
      path = parseJsonPath(`{${c.jsonPath}}`);
    } catch {
      // Kubernetes stops at a column it cannot parse and serves the ones before it (CRD validation
      // normally refuses such a column in the first place).
      break;
    }
    paths.push(path);
    columns.push(
      column(
        c.name,
        c.type,
        c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
        { format: c.format, priority: c.priority },
      ),
    );
  }
  return {
    columns,
    row: (o, now) => ({
      cells: [str(o.metadata, "name"), ...paths.map((p, i) => customCell(p, columns[i + 1].type, o, now))],
    }),
  };
}

function customCell(path: JsonPath, type: string, o: KubeObject, now: number): Cell {
  let results: unknown[][];
  try {
    results = findResults(path, o);
  } catch {
    return null;
  }
  if (results.length === 0 || results[0].length === 0) return null;
  // Only the first value counts: `.spec.items[*].name` shows the first item's name (Kubernetes has a
  // TODO to show them all).
  const value = results[0][0];
  return type === "string" ? goText(value) : typedCell(type, value, now);
}

/**
 * The cell of a non-string column (cellForJSONValue): integers truncate floats, numbers take integers,
 * dates become ages; a value of the wrong type is no value.
 */
function typedCell(type: string, value: unknown, now: number): Cell {
  const n = value instanceof GoFloat ? value.value : value;
  switch (type) {
    case "integer":
      return typeof n === "number" ? Math.trunc(n) : null;
    case "number":
      return typeof n === "number" ? n : null;
    case "boolean":
      return typeof n === "boolean" ? n : null;
    case "date": {
      if (typeof n !== "string") return null;
      const t = parseTimestamp(n);
      if (t !== undefined && Number.isNaN(t)) return "<invalid>";
      // Go's zero time (0001-01-01T00:00:00Z) is as good as absent.
      return t === undefined || t === GO_ZERO_TIME ? "<unknown>" : humanDuration(now - t);
    }
    default:
      return null;
  }
}

const GO_ZERO_TIME = Date.parse("0001-01-01T00:00:00Z");
