/**
 * What every kind's printer provides: its columns and, per object, the row's cells. The server always
 * prints wide (kube-apiserver's TableConvertor asks its printers for `Wide: true`); kubectl hides
 * priority > 0 columns unless `-o wide`.
 *
 * @module
 */
import type { KubeObject } from "../admission.ts";
import type { Cell, TableColumnDefinition, TableRowCondition } from "./types.ts";

/** The printed part of one row. */
export interface PrintedRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
}

/** A kind's columns and how one object fills them. */
export interface Printer {
  readonly columns: readonly TableColumnDefinition[];
  /** The row of `obj` with ages counted at `now` (epoch milliseconds). */
  row(obj: KubeObject, now: number): PrintedRow;
}

/**
 * A column definition with Kubernetes' defaults for the fields a printer leaves out.
 *
 * @example
 * ```ts
 * column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.");
 * ```
 */
export function column(
  name: string,
  type: string,
  description: string,
  options: { format?: string; priority?: number } = {},
): TableColumnDefinition {
  return { name, type, format: options.format ?? "", description, priority: options.priority ?? 0 };
}

/** ObjectMeta's `name` documentation, the description of every Name column. */
export const NAME_DESCRIPTION =
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

/** ObjectMeta's `creationTimestamp` documentation, the description of every Age column. */
export const CREATION_TIMESTAMP_DESCRIPTION =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/** The Name column every printer starts with. */
export const NAME_COLUMN: TableColumnDefinition = column("Name", "string", NAME_DESCRIPTION, {
  format: "name",
});

/** The Age column of the built-in printers (a string cell such as `5m`). */
export const AGE_COLUMN: TableColumnDefinition = column("Age", "string", CREATION_TIMESTAMP_DESCRIPTION);

/**
 * A string field of a JSON object, "" when absent or not a string (Go's zero value after decoding).
 *
 * @example
 * ```ts
 * str({ phase: "Running" }, "phase"); // "Running"
 * str(undefined, "phase"); // ""
 * ```
 */
// deno-lint-ignore no-explicit-any
export function str(obj: any, key: string): string {
  const v = obj?.[key];
  return typeof v === "string" ? v : "";
}

/**
 * An array field of a JSON object, `[]` when absent.
 *
 * @example
 * ```ts
 * list({ containers: [{ name: "a" }] }, "containers").length; // 1
 * ```
 */
// deno-lint-ignore no-explicit-any
export function list(obj: any, key: string): any[] {
  const v = obj?.[key];
  return Array.isArray(v) ? v : [];
}

/**
 * An object field of a JSON object, `undefined` when absent or null (a nil pointer in Go).
 *
 * @example
 * ```ts
 * obj({ running: {} }, "running"); // {}
 * obj({ running: null }, "running"); // undefined
 * ```
 */
// deno-lint-ignore no-explicit-any
export function obj(o: any, key: string): Record<string, any> | undefined {
  const v = o?.[key];
  return v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}

/**
 * A numeric field of a JSON object, 0 when absent.
 *
 * @example
 * ```ts
 * num({ restartCount: 3 }, "restartCount"); // 3
 * ```
 */
// deno-lint-ignore no-explicit-any
export function num(o: any, key: string): number {
  const v = o?.[key];
  return typeof v === "number" ? v : 0;
}
