/**
 * kubectl's Table printers for the workload kinds, as pure functions in the shape core/api/table's
 * printers have (`columns`, `row(obj, now)`), keyed like its registry by `group/Kind` with `core` for
 * the legacy group.
 *
 * @example
 * ```ts
 * import { workloadPrinters } from "@skiff/workloads";
 *
 * workloadPrinters.get("apps/Deployment")!.columns.map((c) => c.name);
 * // ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"]
 * ```
 *
 * @module
 */
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from "./apps.ts";
import { cronJobPrinter, jobPrinter } from "./batch.ts";
import { replicationControllerPrinter } from "./replication_controller.ts";
import type { Printer } from "./_printer.ts";

export * from "./apps.ts";
export * from "./batch.ts";
export * from "./replication_controller.ts";
export type { Cell, PrintedRow, Printer, TableColumnDefinition } from "./_printer.ts";

/**
 * Every workload printer by `group/Kind`.
 *
 * @example
 * ```ts
 * import { workloadPrinters } from "@skiff/workloads";
 *
 * workloadPrinters.has("batch/CronJob"); // true
 * ```
 */
export const workloadPrinters: ReadonlyMap<string, Printer> = new Map<string, Printer>([
  ["apps/Deployment", deploymentPrinter],
  ["apps/ReplicaSet", replicaSetPrinter],
  ["apps/StatefulSet", statefulSetPrinter],
  ["apps/DaemonSet", daemonSetPrinter],
  ["apps/ControllerRevision", controllerRevisionPrinter],
  ["batch/Job", jobPrinter],
  ["batch/CronJob", cronJobPrinter],
  ["core/ReplicationController", replicationControllerPrinter],
]);
