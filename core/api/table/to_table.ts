/**
 * Objects as a meta.k8s.io Table, what kube-apiserver answers `kubectl get` with: the kind's printer
 * fills the columns and cells, `includeObject` decides what each row carries, and the list's
 * resourceVersion and continue token carry over.
 *
 * @module
 */
import type { KubeObject } from "../admission.ts";
import type { Resource } from "../registry.ts";
import { printerFor } from "./_printer_for.ts";
import type { IncludeObject, Table, TableListMeta, TableRow, TableVersion } from "./types.ts";

/** How to build a Table. */
export interface TableOptions {
  /**
   * What each row carries: `Metadata` (a PartialObjectMetadata; Kubernetes' default when the query has
   * no includeObject), `Object` (the object; kubectl asks for it) or `None`.
   */
  includeObject?: IncludeObject;
  /**
   * The list's resourceVersion, continue token and remaining item count; for a single object, its own
   * resourceVersion.
   */
  listMeta?: TableListMeta;
  /** The negotiated meta.k8s.io version (default `v1`). */
  version?: TableVersion;
  /** Leaves out `columnDefinitions` (`null`), as a watch does after its first event. */
  noHeaders?: boolean;
  /** The instant ages are counted to (default: now). */
  now?: number | Date;
}

/**
 * The Table of `items` of resource `res`.
 *
 * @example
 * ```ts
 * const list = await objects.list(pods, "default", {});
 * const table = toTable(pods, list.items, {
 *   includeObject: "Object",
 *   listMeta: { resourceVersion: list.resourceVersion, continue: list.continue },
 * });
 * table.rows[0].cells; // ["web-0", "1/1", "Running", "0", "5m", "10.0.0.7", "node-a", "<none>", "<none>"]
 * ```
 */
export function toTable(res: Resource, items: readonly KubeObject[], options: TableOptions = {}): Table {
  const printer = printerFor(res);
  const version = options.version ?? "v1";
  const includeObject = options.includeObject ?? "Metadata";
  const now = options.now === undefined ? Date.now() : Number(options.now);
  const rows = items.map((item): TableRow => {
    const { cells, conditions } = printer.row(item, now);
    const row: TableRow = conditions ? { cells, conditions, object: null } : { cells, object: null };
    row.object = includeObject === "Object"
      ? item
      : includeObject === "Metadata"
      ? { kind: "PartialObjectMetadata", apiVersion: `meta.k8s.io/${version}`, metadata: item.metadata }
      // Kubernetes sends "object": null rather than leaving the field out.
      : null;
    return row;
  });
  return {
    kind: "Table",
    apiVersion: `meta.k8s.io/${version}`,
    metadata: listMeta(options.listMeta),
    columnDefinitions: options.noHeaders ? null : [...printer.columns],
    rows,
  };
}

/** Only the fields that are set, as Go's omitempty leaves them. */
function listMeta(meta: TableListMeta | undefined): TableListMeta {
  const out: TableListMeta = {};
  if (meta?.resourceVersion) out.resourceVersion = meta.resourceVersion;
  if (meta?.continue) out.continue = meta.continue;
  if (meta?.remainingItemCount !== undefined) out.remainingItemCount = meta.remainingItemCount;
  return out;
}
