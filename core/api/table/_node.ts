/**
 * Nodes as `kubectl get nodes` shows them: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP
 * OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. A port of printNode in
 * kubernetes/pkg/printers/internalversion/printers.go.
 *
 * @module
 */
import type { KubeObject } from "../admission.ts";
import { age } from "./duration.ts";
import {
  AGE_COLUMN,
  column,
  list,
  NAME_COLUMN,
  obj,
  type PrintedRow,
  type Printer,
  str,
} from "./_printer.ts";

const ADDRESSES =
  "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

const COLUMNS = [
  NAME_COLUMN,
  column("Status", "string", "The status of the node"),
  column("Roles", "string", "The roles of the node"),
  AGE_COLUMN,
  column("Version", "string", "Kubelet Version reported by the node."),
  column("Internal-IP", "string", ADDRESSES, { priority: 1 }),
  column("External-IP", "string", ADDRESSES, { priority: 1 }),
  column(
    "OS-Image",
    "string",
    "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).",
    { priority: 1 },
  ),
  column(
    "Kernel-Version",
    "string",
    "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    { priority: 1 },
  ),
  column(
    "Container-Runtime",
    "string",
    "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
    { priority: 1 },
  ),
];

/** `node-role.kubernetes.io/<role>` labels name a role each. */
const ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
/** The older `kubernetes.io/role: <role>` label. */
const ROLE_LABEL = "kubernetes.io/role";

/**
 * The Node printer.
 *
 * @example
 * ```ts
 * nodePrinter.row(node, Date.now()).cells.slice(0, 3); // ["node-a", "Ready,SchedulingDisabled", "control-plane"]
 * ```
 */
export const nodePrinter: Printer = { columns: COLUMNS, row: nodeRow };

function nodeRow(node: KubeObject, now: number): PrintedRow {
  const status = obj(node, "status");
  const info = obj(status, "nodeInfo");
  // Only Ready counts; of several Ready conditions the last one wins (Kubernetes keeps them in a map).
  const ready = list(status, "conditions").findLast((c) => c?.type === "Ready");
  const states = ready ? [ready.status === "True" ? "Ready" : "NotReady"] : ["Unknown"];
  if (obj(node, "spec")?.unschedulable === true) states.push("SchedulingDisabled");
  return {
    cells: [
      str(node.metadata, "name"),
      states.join(","),
      roles(node).join(",") || "<none>",
      age(node.metadata?.creationTimestamp, now),
      str(info, "kubeletVersion"),
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      str(info, "osImage") || "<unknown>",
      str(info, "kernelVersion") || "<unknown>",
      str(info, "containerRuntimeVersion") || "<unknown>",
    ],
  };
}

function roles(node: KubeObject): string[] {
  const found = new Set<string>();
  for (const [k, v] of Object.entries(obj(node.metadata, "labels") ?? {})) {
    if (k.startsWith(ROLE_LABEL_PREFIX) && k.length > ROLE_LABEL_PREFIX.length) {
      found.add(k.slice(ROLE_LABEL_PREFIX.length));
    } else if (k === ROLE_LABEL && typeof v === "string" && v !== "") {
      found.add(v);
    }
  }
  return [...found].sort();
}

/** The first address of a type, `<none>` without one. */
function address(node: KubeObject, type: string): string {
  const a = list(obj(node, "status"), "addresses").find((a) => a?.type === type);
  return a ? str(a, "address") : "<none>";
}
