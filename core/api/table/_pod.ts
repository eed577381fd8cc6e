/**
 * Pods as `kubectl get pods` shows them: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE
 * READINESS GATES. A port of printPod in kubernetes/pkg/printers/internalversion/printers.go, including
 * its STATUS rules (init progress, container reasons, sidecars, Terminating) and `3 (5m ago)` restarts.
 *
 * @module
 */
import type { KubeObject } from "../admission.ts";
import { age, humanDuration, parseTimestamp } from "./duration.ts";
import {
  AGE_COLUMN,
  column,
  list,
  NAME_COLUMN,
  num,
  obj,
  type PrintedRow,
  type Printer,
  str,
} from "./_printer.ts";
import type { TableRowCondition } from "./types.ts";

const COLUMNS = [
  NAME_COLUMN,
  column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
  column("Status", "string", "The aggregate status of the containers in this pod."),
  column(
    "Restarts",
    "string",
    "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
  ),
  AGE_COLUMN,
  column(
    "IP",
    "string",
    "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
    { priority: 1 },
  ),
  column(
    "Node",
    "string",
    "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
    { priority: 1 },
  ),
  column(
    "Nominated Node",
    "string",
    "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.",
    { priority: 1 },
  ),
  column(
    "Readiness Gates",
    "string",
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
    { priority: 1 },
  ),
];

const SUCCEEDED: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
];
const FAILED: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Failed", message: "The pod failed." },
];

/** node.NodeUnreachablePodReason: the node controller marks pods of a lost node with it. */
const NODE_LOST = "NodeLost";

/**
 * The Pod printer.
 *
 * @example
 * ```ts
 * podPrinter.row(pod, Date.now()).cells.slice(0, 5); // ["web", "1/1", "Running", "3 (5m ago)", "2d"]
 * ```
 */
export const podPrinter: Printer = { columns: COLUMNS, row: podRow };

// deno-lint-ignore no-explicit-any
type Json = Record<string, any>;

function podRow(pod: KubeObject, now: number): PrintedRow {
  const spec: Json = obj(pod, "spec") ?? {};
  const status: Json = obj(pod, "status") ?? {};
  const phase = str(status, "phase");
  let reason = str(status, "reason") || phase;
  for (const c of list(status, "conditions")) {
    if (c?.type === "PodScheduled" && c?.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  const initSpecs = list(spec, "initContainers");
  const initByName = new Map<string, Json>(initSpecs.map((c) => [str(c, "name"), c]));
  const totalContainers = list(spec, "containers").length + initSpecs.filter(isRestartable).length;
  let readyContainers = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  let sidecarRestarts = 0;
  let lastSidecarRestart: number | undefined;

  let initializing = false;
  const initStatuses = list(status, "initContainerStatuses");
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const sidecar = isRestartable(initByName.get(str(c, "name")));
    restarts += num(c, "restartCount");
    lastRestart = later(lastRestart, lastFinished(c));
    if (sidecar) {
      sidecarRestarts += num(c, "restartCount");
      lastSidecarRestart = later(lastSidecarRestart, lastFinished(c));
    }
    const terminated = obj(obj(c, "state"), "terminated");
    const waiting = obj(obj(c, "state"), "waiting");
    if (terminated && num(terminated, "exitCode") === 0) continue;
    if (sidecar && c?.started === true) {
      if (c?.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      // Initialization failed.
      reason = str(terminated, "reason")
        ? `Init:${terminated.reason}`
        : num(terminated, "signal") !== 0
        ? `Init:Signal:${num(terminated, "signal")}`
        : `Init:ExitCode:${num(terminated, "exitCode")}`;
    } else if (waiting && str(waiting, "reason") && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedConditionTrue(status)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = list(status, "containerStatuses");
    // Last to first, so the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += num(c, "restartCount");
      lastRestart = later(lastRestart, lastFinished(c));
      const state = obj(c, "state");
      const waiting = obj(state, "waiting");
      const terminated = obj(state, "terminated");
      if (waiting && str(waiting, "reason")) {
        reason = waiting.reason;
      } else if (terminated && str(terminated, "reason")) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = num(terminated, "signal") !== 0
          ? `Signal:${num(terminated, "signal")}`
          : `ExitCode:${num(terminated, "exitCode")}`;
      } else if (c?.ready === true && obj(state, "running")) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container to report says Completed is still running while any container runs.
    if (reason === "Completed" && hasRunning) reason = readyConditionTrue(status) ? "Running" : "NotReady";
  }

  const deleting = pod.metadata?.deletionTimestamp != null;
  if (deleting && str(status, "reason") === NODE_LOST) reason = "Unknown";
  else if (deleting && phase !== "Succeeded" && phase !== "Failed") reason = "Terminating";

  const restartsCell = restarts !== 0 && lastRestart !== undefined
    ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
    : String(restarts);

  const cells = [
    str(pod.metadata, "name"),
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    age(pod.metadata?.creationTimestamp, now),
    podIP(status) || "<none>",
    str(spec, "nodeName") || "<none>",
    str(status, "nominatedNodeName") || "<none>",
    readinessGates(spec, status),
  ];
  const conditions = phase === "Succeeded" ? SUCCEEDED : phase === "Failed" ? FAILED : undefined;
  return conditions ? { cells, conditions } : { cells };
}

function isRestartable(container: Json | undefined): boolean {
  return container?.restartPolicy === "Always";
}

/** When the container's previous run ended, if it did. */
function lastFinished(status: Json): number | undefined {
  const t = parseTimestamp(obj(obj(status, "lastState"), "terminated")?.finishedAt);
  return t === undefined || Number.isNaN(t) ? undefined : t;
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (b === undefined) return a;
  return a === undefined || a < b ? b : a;
}

/** The first Initialized condition decides, as in Kubernetes. */
function initializedConditionTrue(status: Json): boolean {
  const c = list(status, "conditions").find((c) => c?.type === "Initialized");
  return c?.status === "True";
}

function readyConditionTrue(status: Json): boolean {
  return list(status, "conditions").some((c) => c?.type === "Ready" && c?.status === "True");
}

/**
 * The pod's primary IP. Converting v1 to the internal type makes `podIP` authoritative over `podIPs` when
 * both are set, and falls back to `podIPs[0]` otherwise.
 */
function podIP(status: Json): string {
  return str(status, "podIP") || str(list(status, "podIPs")[0], "ip");
}

function readinessGates(spec: Json, status: Json): string {
  const gates = list(spec, "readinessGates");
  if (gates.length === 0) return "<none>";
  const conditions = list(status, "conditions");
  const passing = gates.filter((g) =>
    conditions.find((c) => c?.type === g?.conditionType)?.status === "True"
  );
  return `${passing.length}/${gates.length}`;
}
