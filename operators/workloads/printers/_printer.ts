/**
 * What every workload printer needs beyond core/api's printer pieces (columns, Name and Age, ages as
 * kubectl prints them): the template's container and image cells and label maps.
 *
 * @module
 */
import { column, type TableColumnDefinition } from "@skiff/api";

export {
  age,
  AGE_COLUMN,
  type Cell,
  column,
  humanDuration,
  NAME_COLUMN,
  type PrintedRow,
  type Printer,
  type TableColumnDefinition,
} from "@skiff/api";

// deno-lint-ignore no-explicit-any
export type Json = Record<string, any>;

/** The wide Containers and Images columns of every template-owning kind. */
export const CONTAINERS_COLUMN: TableColumnDefinition = column(
  "Containers",
  "string",
  "Names of each container in the template.",
  { priority: 1 },
);
/** The wide Images column. */
export const IMAGES_COLUMN: TableColumnDefinition = column(
  "Images",
  "string",
  "Images referenced by each container in the template.",
  { priority: 1 },
);

/** A number field, 0 when absent (Go's zero value). */
export function num(o: Json | undefined, key: string): number {
  const v = o?.[key];
  return typeof v === "number" ? v : 0;
}

/** layoutContainerCells: container names and images, each joined by commas. */
export function containerCells(podSpec: Json | undefined): [string, string] {
  const containers: Json[] = Array.isArray(podSpec?.containers) ? podSpec.containers : [];
  return [containers.map((c) => c.name ?? "").join(","), containers.map((c) => c.image ?? "").join(",")];
}

/** labels.FormatLabels: `k=v` pairs sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(",") : "<none>";
}
