/**
 * kubectl's printer for ReplicationControllers (printReplicationController in
 * kubernetes/pkg/printers/internalversion/printers.go).
 *
 * @module
 */
import * as docs from "./_docs.ts";
import {
  age,
  AGE_COLUMN,
  column,
  containerCells,
  CONTAINERS_COLUMN,
  formatLabels,
  IMAGES_COLUMN,
  NAME_COLUMN,
  num,
  type Printer,
} from "./_printer.ts";

/**
 * ReplicationControllers: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR (the
 * equality selector as `k=v` pairs).
 *
 * @example
 * ```ts
 * import { replicationControllerPrinter } from "@skiff/workloads";
 *
 * replicationControllerPrinter.row(rc, Date.now()).cells.slice(0, 5); // ["web", 2, 2, 1, "4m"]
 * ```
 */
export const replicationControllerPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Desired", "integer", docs.RC_DESIRED),
    column("Current", "integer", docs.RC_CURRENT),
    column("Ready", "integer", docs.RC_READY),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column("Selector", "string", docs.RC_SELECTOR, { priority: 1 }),
  ],
  row(rc, now) {
    const [containers, images] = containerCells(rc.spec?.template?.spec);
    return {
      cells: [
        rc.metadata?.name ?? "",
        num(rc.spec, "replicas"),
        num(rc.status, "replicas"),
        num(rc.status, "readyReplicas"),
        age(rc.metadata?.creationTimestamp, now),
        containers,
        images,
        formatLabels(rc.spec?.selector),
      ],
    };
  },
};
