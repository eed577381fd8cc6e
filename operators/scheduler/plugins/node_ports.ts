/**
 * NodePorts (plugins/nodeports): a pod's host ports must be free on the node.
 *
 * @module
 */
import { type FilterPlugin, newStatus } from "../framework.ts";

/** The plugin's name. */
export const NODE_PORTS = "NodePorts";
/** ErrReason. */
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const rejected = newStatus("Unschedulable", NODE_PORTS, ERR_REASON_NODE_PORTS);

/**
 * The NodePorts filter.
 *
 * @example
 * ```ts
 * import { nodePorts } from "@skiff/scheduler";
 *
 * nodePorts.name; // "NodePorts"
 * ```
 */
export const nodePorts: FilterPlugin = {
  name: NODE_PORTS,
  preFilter(cycle) {
    const ports = cycle.pod.hostPorts;
    if (ports.length === 0) return undefined;
    return {
      filter(node) {
        if (node.usedPorts.size === 0) return undefined;
        for (const port of ports) if (node.portConflicts(port)) return rejected;
        return undefined;
      },
    };
  },
};
