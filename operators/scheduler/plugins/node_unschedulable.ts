/**
 * NodeUnschedulable (plugins/nodeunschedulable): a cordoned node (spec.unschedulable) takes only pods
 * tolerating node.kubernetes.io/unschedulable:NoSchedule.
 *
 * @module
 */
import { type FilterPlugin, newStatus } from "../framework.ts";
import { tolerationsTolerateTaint } from "../tolerations.ts";

/** The plugin's name. */
export const NODE_UNSCHEDULABLE = "NodeUnschedulable";
/** ErrReasonUnschedulable. */
export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

const rejected = newStatus("UnschedulableAndUnresolvable", NODE_UNSCHEDULABLE, ERR_REASON_UNSCHEDULABLE);
const UNSCHEDULABLE_TAINT = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" as const };

/**
 * The NodeUnschedulable filter.
 *
 * @example
 * ```ts
 * import { nodeUnschedulable } from "@skiff/scheduler";
 *
 * nodeUnschedulable.name; // "NodeUnschedulable"
 * ```
 */
export const nodeUnschedulable: FilterPlugin = {
  name: NODE_UNSCHEDULABLE,
  preFilter(cycle) {
    // A pod tolerating the taint passes every node, so its Filter need not run.
    if (tolerationsTolerateTaint(cycle.pod.pod.spec?.tolerations ?? [], UNSCHEDULABLE_TAINT)) {
      return undefined;
    }
    return { filter: (node) => (node.unschedulable ? rejected : undefined) };
  },
};
