/**
 * Watch events as Tables, for `kubectl get -w`: kube-apiserver turns each event's object into a Table of
 * one row, with columnDefinitions on the first event of the stream only (`null` after), and passes
 * ERROR events' Status through as it is. BOOKMARK objects become Tables too, as in Kubernetes.
 *
 * @module
 */
import type { KubeObject } from "../admission.ts";
import type { Resource } from "../registry.ts";
import { toTable } from "./to_table.ts";
import type { IncludeObject, Table, TableVersion } from "./types.ts";

/** A watch event as it goes on the wire. */
export interface TableWatchEvent {
  type: string;
  object: Table | Record<string, unknown>;
}

/** How to turn one watch's events into Tables. */
export interface TableWatchOptions {
  /** What each row carries (default `Metadata`, as Kubernetes). */
  includeObject?: IncludeObject;
  /** The negotiated meta.k8s.io version (default `v1`). */
  version?: TableVersion;
  /** The clock ages are counted by, read per event (default `Date.now`). */
  clock?: () => number;
}

/**
 * A converter for the events of one watch stream. It remembers whether it has sent the column
 * definitions, so use one per stream.
 *
 * @example
 * ```ts
 * const asTable = tableWatch(pods, { includeObject: "Object" });
 * send(asTable({ type: "ADDED", object: pod })); // Table with columnDefinitions and one row
 * send(asTable({ type: "MODIFIED", object: pod })); // Table with "columnDefinitions": null
 * ```
 */
export function tableWatch(
  res: Resource,
  options: TableWatchOptions = {},
): (event: { type: string; object: KubeObject | Record<string, unknown> }) => TableWatchEvent {
  let headersSent = false;
  const clock = options.clock ?? Date.now;
  return (event) => {
    const noHeaders = headersSent;
    // Whatever the first event is, even an ERROR, the headers are spent (watchEmbeddedEncoder).
    headersSent = true;
    const object = event.object;
    if (object.kind === "Status" && object.apiVersion === "v1") return { type: event.type, object };
    const item = object as KubeObject;
    return {
      type: event.type,
      object: toTable(res, [item], {
        includeObject: options.includeObject,
        version: options.version,
        noHeaders,
        listMeta: { resourceVersion: item.metadata?.resourceVersion },
        now: clock(),
      }),
    };
  };
}
