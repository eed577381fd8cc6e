/**
 * framework.NodeInfo: a Node with the pods on it and what they add up to (requested resources, host
 * ports in use, pods with affinity), kept current as pods come and go.
 *
 * @module
 */
import type { Node, Taint } from "@skiff/kinds";
import type { Labels } from "./_selectors.ts";
import type { HostPort, PodInfo } from "./pod_info.ts";
import { emptyResource, type Resource, resourceFromList } from "./resources.ts";

const interned = new Map<string, string>();

/**
 * One shared instance per distinct key: every cycle builds its cache keys afresh, and a Map finds a
 * key by pointer far faster than by comparing a long string's characters on each of 1,000 nodes.
 *
 * @example
 * ```ts
 * import { internKey } from "@skiff/scheduler";
 *
 * internKey(JSON.stringify(["a"])) === internKey(JSON.stringify(["a"])); // true, and the same object
 * ```
 */
export function internKey(key: string): string {
  let shared = interned.get(key);
  if (shared === undefined) {
    if (interned.size >= 4096) interned.clear();
    interned.set(key, shared = key);
  }
  return shared;
}

/** framework.DefaultBindAllHostIP: a host port bound on every address. */
const BIND_ALL = "0.0.0.0";

/**
 * A node and its pods.
 *
 * @example
 * ```ts
 * import { NodeInfo, PodInfo } from "@skiff/scheduler";
 *
 * const info = new NodeInfo("n1", { metadata: { name: "n1" }, status: { allocatable: { cpu: "2", pods: "10" } } });
 * info.addPod(new PodInfo({ metadata: { name: "p" }, spec: { nodeName: "n1", containers: [{ name: "c", resources: { requests: { cpu: "500m" } } }] } }));
 * info.requested.milliCPU; // 500
 * ```
 */
export class NodeInfo {
  readonly name: string;
  /** The node; undefined while pods name a node the snapshot has not seen (or no longer has). */
  node: Node | undefined = undefined;
  labels: Labels = undefined;
  taints: Taint[] = [];
  unschedulable = false;
  allocatable: Resource = emptyResource();
  /** Sum of the pods' requests. */
  requested: Resource = emptyResource();
  /** Sum of the pods' cpu with 100m for each container naming none (scoring). */
  nonZeroMilliCPU = 0;
  /** Sum of the pods' memory with 200Mi for each container naming none (scoring). */
  nonZeroMemory = 0;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** Host ports in use: host IP -> "protocol/port" -> how many pods bind it. */
  usedPorts: Map<string, Map<string, number>> = new Map();
  /** Images the node reports, by name, with their size in bytes. */
  imageSizes: Map<string, number> = new Map();
  /**
   * Answers plugins computed from the node's pods (and labels), by a key naming the question (a selector and its
   * namespaces, or an incoming pod's labels). It empties whenever a pod comes or goes, so a
   * Deployment's replicas, which all ask the same questions, scan each node's pods once rather than
   * once per scheduling cycle.
   */
  private readonly podAnswers: Map<string, unknown> = new Map();

  constructor(name: string, node?: Node) {
    this.name = name;
    if (node) this.setNode(node);
  }

  /** Replaces the node object (labels, taints, allocatable, images) keeping the pods. */
  setNode(node: Node | undefined): void {
    this.node = node;
    // Some cached answers pair pods with the node's labels.
    if (this.podAnswers.size > 0) this.podAnswers.clear();
    this.labels = node?.metadata?.labels;
    this.taints = node?.spec?.taints ?? [];
    this.unschedulable = node?.spec?.unschedulable === true;
    this.allocatable = resourceFromList(node?.status?.allocatable);
    this.imageSizes = new Map();
    for (const image of node?.status?.images ?? []) {
      for (const name of image.names ?? []) this.imageSizes.set(name, image.sizeBytes ?? 0);
    }
  }

  /** Adds a pod's requests, ports and affinity. */
  addPod(pod: PodInfo): void {
    this.pods.push(pod);
    if (pod.hasAffinity) this.podsWithAffinity.push(pod);
    if (pod.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(pod);
    this.update(pod, 1);
  }

  /** Removes the pod with `key`; false when it is not here. */
  removePod(key: string): boolean {
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return false;
    const [pod] = this.pods.splice(i, 1);
    removeFrom(this.podsWithAffinity, pod);
    removeFrom(this.podsWithRequiredAntiAffinity, pod);
    this.update(pod, -1);
    return true;
  }

  /**
   * The number of pods for which `matches` holds, cached under `key` until the pods or node change.
   *
   * @example
   * ```ts
   * import { NodeInfo, PodInfo } from "@skiff/scheduler";
   *
   * const info = new NodeInfo("n1");
   * info.addPod(new PodInfo({ metadata: { name: "a", labels: { app: "web" } } }));
   * info.countPods("app=web", (p) => p.labels?.app === "web"); // 1
   * ```
   */
  countPods(key: string, matches: (pod: PodInfo) => boolean): number {
    return this.fromPods(key, () => {
      let n = 0;
      const pods = this.pods;
      for (let i = 0; i < pods.length; i++) if (matches(pods[i])) n++;
      return n;
    });
  }

  /**
   * `compute()`, cached under `key` until the node or its pods change; `compute` must depend only on
   * them and on what `key` names.
   *
   * @example
   * ```ts
   * import { NodeInfo } from "@skiff/scheduler";
   *
   * new NodeInfo("n1").fromPods("pod-count", () => 0); // 0
   * ```
   */
  fromPods<T>(key: string, compute: () => T): T {
    let answer = this.podAnswers.get(key) as T | undefined;
    if (answer === undefined) {
      answer = compute();
      if (this.podAnswers.size >= 256) this.podAnswers.clear();
      this.podAnswers.set(key, answer);
    }
    return answer;
  }

  private update(pod: PodInfo, sign: 1 | -1): void {
    if (this.podAnswers.size > 0) this.podAnswers.clear();
    const r = pod.resources.requested;
    const req = this.requested;
    req.milliCPU += sign * r.milliCPU;
    req.memory += sign * r.memory;
    req.ephemeralStorage += sign * r.ephemeralStorage;
    req.allowedPodNumber += sign * r.allowedPodNumber;
    if (r.scalar) {
      req.scalar ??= new Map();
      for (const [name, q] of r.scalar) req.scalar.set(name, (req.scalar.get(name) ?? 0) + sign * q);
    }
    this.nonZeroMilliCPU += sign * pod.resources.nonZeroMilliCPU;
    this.nonZeroMemory += sign * pod.resources.nonZeroMemory;
    for (const port of pod.hostPorts) {
      let byIP = this.usedPorts.get(port.ip);
      if (!byIP) this.usedPorts.set(port.ip, byIP = new Map());
      const key = `${port.protocol}/${port.port}`;
      const n = (byIP.get(key) ?? 0) + sign;
      if (n > 0) byIP.set(key, n);
      else byIP.delete(key);
      if (byIP.size === 0) this.usedPorts.delete(port.ip);
    }
  }

  /**
   * HostPortInfo.CheckConflict: a port bound on 0.0.0.0 conflicts with the same protocol/port on any
   * address, and a port on one address with the same address or 0.0.0.0.
   */
  portConflicts(port: HostPort): boolean {
    const key = `${port.protocol}/${port.port}`;
    if (port.ip === BIND_ALL) {
      for (const byIP of this.usedPorts.values()) if (byIP.has(key)) return true;
      return false;
    }
    return (this.usedPorts.get(BIND_ALL)?.has(key) ?? false) ||
      (this.usedPorts.get(port.ip)?.has(key) ?? false);
  }

  /** A copy whose pod lists and sums can change without touching this one (preemption's dry run). */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.name);
    copy.node = this.node;
    copy.labels = this.labels;
    copy.taints = this.taints;
    copy.unschedulable = this.unschedulable;
    copy.allocatable = this.allocatable;
    copy.imageSizes = this.imageSizes;
    for (const pod of this.pods) copy.addPod(pod);
    return copy;
  }
}

function removeFrom(list: PodInfo[], pod: PodInfo): void {
  const i = list.indexOf(pod);
  if (i >= 0) list.splice(i, 1);
}
