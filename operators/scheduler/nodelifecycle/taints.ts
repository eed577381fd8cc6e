/**
 * What the node lifecycle controller writes onto a Node (pkg/controller/nodelifecycle): the conditions
 * it marks Unknown when the kubelet stops renewing, and the node.kubernetes.io/unreachable and
 * not-ready taints (NoSchedule for the scheduler, NoExecute for eviction) that follow its health.
 *
 * @module
 */
import type { Node, Taint } from "@skiff/kinds";

/** The taint key of a node whose kubelet stopped reporting. */
export const TAINT_NODE_UNREACHABLE = "node.kubernetes.io/unreachable";
/** The taint key of a node whose Ready condition is False. */
export const TAINT_NODE_NOT_READY = "node.kubernetes.io/not-ready";

/** The conditions a kubelet owns, all set to Unknown when it goes silent. */
const KUBELET_CONDITIONS = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

type NodeCondition = NonNullable<NonNullable<Node["status"]>["conditions"]>[number];

/** How the controller sees a node: healthy (recent heartbeat) and, if so, what its Ready condition says. */
export type NodeHealth = "unreachable" | "not-ready" | "ready";

/**
 * The node's lifecycle taints for its health: unreachable (NoSchedule and NoExecute) when silent,
 * not-ready when Ready is False, none otherwise. Other taints are kept in their order; a NoExecute
 * taint already there keeps its timeAdded, a new one gets `now`.
 *
 * @example
 * ```ts
 * import { lifecycleTaints } from "@skiff/scheduler";
 *
 * lifecycleTaints([{ key: "gpu", effect: "NoSchedule" }], "unreachable", "2026-01-01T00:00:00Z").map((t) => t.key);
 * // ["gpu", "node.kubernetes.io/unreachable", "node.kubernetes.io/unreachable"]
 * ```
 */
export function lifecycleTaints(taints: readonly Taint[], health: NodeHealth, now: string): Taint[] {
  const lifecycle = (t: Taint) => t.key === TAINT_NODE_UNREACHABLE || t.key === TAINT_NODE_NOT_READY;
  const out = taints.filter((t) => !lifecycle(t));
  if (health === "ready") return out;
  const key = health === "unreachable" ? TAINT_NODE_UNREACHABLE : TAINT_NODE_NOT_READY;
  const existing = taints.find((t) => t.key === key && t.effect === "NoExecute");
  out.push({ key, effect: "NoSchedule" });
  out.push({ key, effect: "NoExecute", timeAdded: existing?.timeAdded ?? now });
  return out;
}

/** Whether two taint lists are the same (ignoring timeAdded of a NoExecute taint kept as it was). */
export function sameTaints(a: readonly Taint[], b: readonly Taint[]): boolean {
  return a.length === b.length &&
    a.every((t, i) =>
      t.key === b[i].key && t.effect === b[i].effect && (t.value ?? "") === (b[i].value ?? "") &&
      (t.timeAdded ?? "") === (b[i].timeAdded ?? "")
    );
}

/**
 * The conditions of a node whose kubelet stopped reporting: each kubelet condition Unknown
 * ("NodeStatusUnknown", "Kubelet stopped posting node status."), Ready added as "NodeStatusNeverUpdated"
 * when the kubelet never reported it. Answers undefined when they already are.
 *
 * @example
 * ```ts
 * import { unknownConditions } from "@skiff/scheduler";
 *
 * unknownConditions([{ type: "Ready", status: "True" }], "2026-01-01T00:00:00Z")?.[0].reason; // "NodeStatusUnknown"
 * ```
 */
export function unknownConditions(
  conditions: readonly NodeCondition[],
  now: string,
): NodeCondition[] | undefined {
  let changed = false;
  const out = conditions.map((c) => {
    if (!KUBELET_CONDITIONS.includes(c.type) || c.status === "Unknown") return c;
    changed = true;
    return {
      ...c,
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
      lastTransitionTime: now,
    };
  });
  if (!out.some((c) => c.type === "Ready")) {
    changed = true;
    out.push({
      type: "Ready",
      status: "Unknown",
      reason: "NodeStatusNeverUpdated",
      message: "Kubelet never posted node status.",
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    });
  }
  return changed ? out : undefined;
}
