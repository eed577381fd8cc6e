/**
 * What a simulated node looks like: the Node a kubelet registers (labels, capacity, addresses, node info,
 * pod CIDR), the status it reports (Ready and the pressure conditions with heartbeat times), and its
 * Lease in kube-node-lease.
 *
 * @module
 */
import type { Lease, Node } from "@skiff/kinds";
import { nodeInternalIp, podCidr } from "./addresses.ts";

/** The kubelet version simulated nodes report (kubectl get nodes prints it as VERSION). */
export const SIM_KUBELET_VERSION = "v1.32.0-skiff-sim";

/** kwok's annotation on the nodes it manages; kept so tools that know kwok recognise ours. */
export const SIM_NODE_ANNOTATION = "kwok.x-k8s.io/node";

/** Where node Leases live, as for real kubelets. */
export const NODE_LEASE_NAMESPACE = "kube-node-lease";

/** kubelet's default node lease duration (--node-lease-duration-seconds). */
export const NODE_LEASE_DURATION_SECONDS = 40;

/** The zones simulated nodes are spread over, round-robin by index. */
export const SIM_ZONES = ["a", "b", "c"] as const;

/**
 * Capacity of one simulated node; allocatable is the same (no system reservations are simulated).
 *
 * @example
 * ```ts
 * const capacity: NodeCapacity = { ...DEFAULT_NODE_CAPACITY, cpu: "8" };
 * ```
 */
export interface NodeCapacity {
  cpu: string;
  memory: string;
  pods: string;
  "ephemeral-storage": string;
}

/** 32 CPUs, 256 GiB, 110 pods (kubelet's default --max-pods), 100 GiB of disk. */
export const DEFAULT_NODE_CAPACITY: NodeCapacity = {
  cpu: "32",
  memory: "256Gi",
  pods: "110",
  "ephemeral-storage": "100Gi",
};

/**
 * How simulated nodes are named and sized.
 *
 * @example
 * ```ts
 * const template: NodeTemplate = { prefix: "sim-node", capacity: DEFAULT_NODE_CAPACITY, instanceType: "skiff.sim.32x256" };
 * ```
 */
export interface NodeTemplate {
  /** Nodes are PREFIX-0 … PREFIX-(N-1). */
  prefix: string;
  capacity: NodeCapacity;
  /** node.kubernetes.io/instance-type. */
  instanceType: string;
}

/** The default template: sim-node-N nodes of {@link DEFAULT_NODE_CAPACITY}. */
export const DEFAULT_NODE_TEMPLATE: NodeTemplate = {
  prefix: "sim-node",
  capacity: DEFAULT_NODE_CAPACITY,
  instanceType: "skiff.sim.32x256",
};

/**
 * The name of node `index`.
 *
 * @example
 * ```ts
 * simNodeName("sim-node", 7); // "sim-node-7"
 * ```
 */
export function simNodeName(prefix: string, index: number): string {
  return `${prefix}-${index}`;
}

/**
 * The Node a kubelet would register as node `index`: metadata, spec (pod CIDR, provider ID) and its first
 * status report.
 *
 * @example
 * ```ts
 * const node = simulatedNode(0, DEFAULT_NODE_TEMPLATE, new Date());
 * node.metadata.labels!["topology.kubernetes.io/zone"]; // "zone-a"
 * ```
 */
export function simulatedNode(index: number, template: NodeTemplate, now: Date): Node {
  const name = simNodeName(template.prefix, index);
  const cidr = podCidr(index);
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "node.kubernetes.io/instance-type": template.instanceType,
        "topology.kubernetes.io/region": "sim",
        "topology.kubernetes.io/zone": `zone-${SIM_ZONES[index % SIM_ZONES.length]}`,
        type: "kwok",
      },
      annotations: {
        [SIM_NODE_ANNOTATION]: "fake",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr], providerID: `skiff-sim://${name}` },
    status: simulatedNodeStatus(index, template, now),
  } as Node;
}

/**
 * The status node `index` reports at `now`: capacity, conditions with `now` as heartbeat and transition
 * time, addresses, daemon endpoint and node info.
 *
 * @example
 * ```ts
 * simulatedNodeStatus(0, DEFAULT_NODE_TEMPLATE, new Date()).conditions!.find((c) => c.type === "Ready")!.status; // "True"
 * ```
 */
export function simulatedNodeStatus(index: number, template: NodeTemplate, now: Date): Node["status"] {
  const name = simNodeName(template.prefix, index);
  const t = formatTime(now);
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: t,
    lastTransitionTime: t,
    reason,
    message,
  });
  // Kubernetes' kubelet reports the pressure conditions first and Ready last, in these words.
  return {
    capacity: { ...template.capacity },
    allocatable: { ...template.capacity },
    conditions: [
      condition(
        "MemoryPressure",
        "False",
        "KubeletHasSufficientMemory",
        "kubelet has sufficient memory available",
      ),
      condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
      condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
      condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ],
    addresses: [
      { type: "InternalIP", address: nodeInternalIp(index) },
      { type: "Hostname", address: name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: uuidOf(`machine/${name}`).replaceAll("-", ""),
      systemUUID: uuidOf(`system/${name}`),
      bootID: uuidOf(`boot/${name}`),
      kernelVersion: "6.8.0-skiff-sim",
      osImage: "Skiff simulated node",
      containerRuntimeVersion: "containerd://2.0.0-skiff-sim",
      kubeletVersion: SIM_KUBELET_VERSION,
      kubeProxyVersion: SIM_KUBELET_VERSION,
      operatingSystem: "linux",
      architecture: "amd64",
    },
  } as Node["status"];
}

/**
 * The conditions of a status report at `now`: the same conditions with a new heartbeat time and their
 * transition times kept, as the kubelet's periodic report does.
 *
 * @example
 * ```ts
 * const conditions = heartbeatConditions(node.status!.conditions!, new Date());
 * ```
 */
export function heartbeatConditions(
  conditions: NonNullable<NonNullable<Node["status"]>["conditions"]>,
  now: Date,
): NonNullable<NonNullable<Node["status"]>["conditions"]> {
  const t = formatTime(now);
  return conditions.map((c) => ({ ...c, lastHeartbeatTime: t }));
}

/**
 * The node's Lease as the kubelet keeps it: holder the node, 40 s, renewed at `now`, owned by the Node
 * so it goes when the node does.
 *
 * @example
 * ```ts
 * nodeLease(node, new Date()).spec!.holderIdentity; // node.metadata.name
 * ```
 */
export function nodeLease(node: { metadata?: { name?: string; uid?: string } }, now: Date): Lease {
  const name = node.metadata!.name!;
  const ownerReferences = node.metadata?.uid
    ? [{ apiVersion: "v1", kind: "Node", name, uid: node.metadata.uid }]
    : undefined;
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name, namespace: NODE_LEASE_NAMESPACE, ...(ownerReferences ? { ownerReferences } : {}) },
    spec: {
      holderIdentity: name,
      leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
      renewTime: formatMicroTime(now),
    },
  } as Lease;
}

/**
 * A metav1.Time: RFC 3339 in seconds.
 *
 * @example
 * ```ts
 * formatTime(new Date(0)); // "1970-01-01T00:00:00Z"
 * ```
 */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A metav1.MicroTime, as Lease renewTime carries: RFC 3339 with six fractional digits.
 *
 * @example
 * ```ts
 * formatMicroTime(new Date(0)); // "1970-01-01T00:00:00.000000Z"
 * ```
 */
export function formatMicroTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** A stable UUID-shaped id from a string (FNV-1a, spread over 128 bits), so re-registering is idempotent. */
function uuidOf(seed: string): string {
  const hex = stableHex(seed, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20, 32)
  }`;
}

/**
 * `length` hex digits derived from `seed` without crypto (FNV-1a rounds); stable across runs.
 *
 * @example
 * ```ts
 * stableHex("nginx", 64).length; // 64
 * ```
 */
export function stableHex(seed: string, length: number): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    let h = 0x811c9dc5;
    const s = `${round}:${seed}`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}
