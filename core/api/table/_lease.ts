/**
 * Leases as `kubectl get leases` shows them: NAME HOLDER AGE (printLease in
 * kubernetes/pkg/printers/internalversion/printers.go). HOLDER is empty for a lease nobody holds.
 *
 * @module
 */
import { age } from "./duration.ts";
import { AGE_COLUMN, column, NAME_COLUMN, obj, type Printer, str } from "./_printer.ts";

const HOLDER =
  "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.";

/**
 * The coordination.k8s.io Lease printer.
 *
 * @example
 * ```ts
 * leasePrinter.row(lease, Date.now()).cells; // ["kube-scheduler", "node-a_1234", "3h"]
 * ```
 */
export const leasePrinter: Printer = {
  columns: [NAME_COLUMN, column("Holder", "string", HOLDER), AGE_COLUMN],
  row: (lease, now) => ({
    cells: [
      str(lease.metadata, "name"),
      str(obj(lease, "spec"), "holderIdentity"),
      age(lease.metadata?.creationTimestamp, now),
    ],
  }),
};
