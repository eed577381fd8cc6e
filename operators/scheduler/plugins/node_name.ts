/**
 * NodeName (plugins/nodename): a pod naming a node in spec.nodeName fits only that node.
 *
 * @module
 */
import { type FilterPlugin, newStatus } from "../framework.ts";

/** The plugin's name. */
export const NODE_NAME = "NodeName";
/** ErrReason. */
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

const rejected = newStatus("UnschedulableAndUnresolvable", NODE_NAME, ERR_REASON_NODE_NAME);

/**
 * The NodeName filter.
 *
 * @example
 * ```ts
 * import { nodeName } from "@skiff/scheduler";
 *
 * nodeName.name; // "NodeName"
 * ```
 */
export const nodeName: FilterPlugin = {
  name: NODE_NAME,
  preFilter(cycle) {
    const wanted = cycle.pod.pod.spec?.nodeName;
    if (!wanted) return undefined;
    return { filter: (node) => (node.name === wanted ? undefined : rejected) };
  },
};
