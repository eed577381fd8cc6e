/**
 * Table output for `kubectl get`: meta.k8s.io Tables built as kube-apiserver builds them, kubectl's
 * printers for the built-in kinds Skiff serves, CRD additionalPrinterColumns through Kubernetes'
 * JSONPath, Accept negotiation, `includeObject`, and Table-wrapped watch events; and the other
 * meta.k8s.io response form, PartialObjectMetadata(List), for metadata-only clients.
 *
 * @example
 * ```ts
 * import { negotiate, notAcceptable, parseIncludeObject, toTable } from "./table/mod.ts";
 *
 * const form = negotiate(c.req.header("accept"));
 * if (!form) throw notAcceptable();
 * if (form.as === "table") {
 *   const includeObject = parseIncludeObject(c.req.query("includeObject"));
 *   return c.json(toTable(res, list.items, {
 *     version: form.version,
 *     includeObject,
 *     listMeta: { resourceVersion: list.resourceVersion, continue: list.continue },
 *   }));
 * }
 * ```
 *
 * @module
 */
export { type TableOptions, toTable } from "./to_table.ts";
export { tableWatch, type TableWatchEvent, type TableWatchOptions } from "./watch.ts";
export { negotiate, type Negotiated, notAcceptable, parseIncludeObject, wantsTable } from "./negotiate.ts";
export {
  asPartialObjectMetadata,
  goTypeOf,
  partialList,
  partialObject,
  type PartialTarget,
} from "./partial.ts";
export { age, humanDuration } from "./duration.ts";
export { AGE_COLUMN, column, NAME_COLUMN, type PrintedRow, type Printer } from "./_printer.ts";
export type {
  Cell,
  IncludeObject,
  MetaVersion,
  PartialObjectMetadata,
  PartialObjectMetadataList,
  Table,
  TableColumnDefinition,
  TableListMeta,
  TableRow,
  TableRowCondition,
  TableVersion,
} from "./types.ts";
