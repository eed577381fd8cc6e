/**
 * The meta.k8s.io Table and its parts as they go on the wire, field for field and in Kubernetes' field
 * order (so a JSON dump reads like kube-apiserver's).
 *
 * @module
 */
import type { KubeObject } from "../admission.ts";

/**
 * The meta.k8s.io versions that serve Table and PartialObjectMetadata(List) (kube-apiserver answers
 * v1alpha1 with 406).
 */
export type MetaVersion = "v1" | "v1beta1";

/** The meta.k8s.io versions that serve Table. */
export type TableVersion = MetaVersion;

/**
 * What each row carries besides its cells (`?includeObject=`): nothing, the object's metadata as a
 * PartialObjectMetadata (Kubernetes' default), or the whole object (what kubectl asks for).
 */
export type IncludeObject = "None" | "Metadata" | "Object";

/** One cell: a string, a number (`integer`/`number` columns), a boolean, or `null` for no value. */
export type Cell = string | number | boolean | null;

/** One column of a Table. */
export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: `string`, `integer`, `number`, `boolean`, or `date`. */
  type: string;
  /** An OpenAPI format (`name` marks the column that names the object), or "". */
  format: string;
  description: string;
  /** 0 for the default view; higher only with `-o wide`. */
  priority: number;
}

/** A row condition; the only type Kubernetes defines is `Completed`, which kubectl dims. */
export interface TableRowCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
}

/**
 * An object's metadata alone: what `includeObject=Metadata` puts in a Table row, and what
 * `Accept: ...;as=PartialObjectMetadata` answers a get or each watch event with.
 */
export interface PartialObjectMetadata {
  kind: "PartialObjectMetadata";
  apiVersion: `meta.k8s.io/${MetaVersion}`;
  // deno-lint-ignore no-explicit-any
  metadata: Record<string, any>;
}

/** A list of objects' metadata alone: what `Accept: ...;as=PartialObjectMetadataList` answers a list with. */
export interface PartialObjectMetadataList {
  kind: "PartialObjectMetadataList";
  apiVersion: `meta.k8s.io/${MetaVersion}`;
  metadata: TableListMeta;
  items: PartialObjectMetadata[];
}

/** One row: its cells in column order and the object per `includeObject` (`null` for None). */
export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  object: KubeObject | PartialObjectMetadata | null;
}

/** The list metadata a Table carries over from the list (or, for one object, its resourceVersion). */
export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/**
 * A meta.k8s.io Table. `columnDefinitions` is `null` on every watch event after the first, as
 * kube-apiserver sends it.
 */
export interface Table {
  kind: "Table";
  apiVersion: `meta.k8s.io/${TableVersion}`;
  metadata: TableListMeta;
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}
