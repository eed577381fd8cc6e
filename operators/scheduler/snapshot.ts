/**
 * The scheduler's view of the cluster (kube-scheduler's cache and snapshot in one, since a Deno
 * scheduler schedules on one thread): a NodeInfo per node holding the assigned, non-terminal pods,
 * namespace labels for namespaceSelector, and image spread for ImageLocality. Informer handlers call
 * the add/update/remove methods; after a successful schedule the caller adds the pod with its nodeName
 * set (the scheduler's "assume"), so the next cycle sees it. Every change to a node or its pods is logged,
 * so per-topology sums over all nodes (topologyCounts) are brought up to date rather than recomputed.
 *
 * @module
 */
import type { Namespace, Node, Pod } from "@skiff/kinds";
import type { Labels } from "./_selectors.ts";
import { NodeInfo } from "./node_info.ts";
import { PodInfo } from "./pod_info.ts";
import {
  ChangeLog,
  type Contribution,
  TopologyAggregates,
  type TopologyCounts,
} from "./topology_aggregate.ts";

/** What a snapshot is built from. */
export interface SnapshotInit {
  nodes?: Node[];
  pods?: Pod[];
  namespaces?: Namespace[];
}

const ZONE_LABELS = ["topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"];
const REGION_LABELS = ["topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region"];

/** utilnode.GetZoneKey: region and zone joined, "" for a node with neither. */
function zoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const zone = labels[ZONE_LABELS[0]] ?? labels[ZONE_LABELS[1]] ?? "";
  const region = labels[REGION_LABELS[0]] ?? labels[REGION_LABELS[1]] ?? "";
  return region === "" && zone === "" ? "" : `${region}:\x00:${zone}`;
}

/** Whether the scheduler keeps a pod in its cache: bound to a node and not finished (its informer's field selector). */
function isAssignedAndActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== "Succeeded" && phase !== "Failed";
}

function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}`;
}

/**
 * Nodes, their pods and namespaces, updated incrementally.
 *
 * @example
 * ```ts
 * import { Snapshot } from "@skiff/scheduler";
 *
 * const snapshot = Snapshot.from({
 *   nodes: [{ metadata: { name: "n1" }, status: { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } } }],
 *   pods: [{ metadata: { name: "a", namespace: "default" }, spec: { nodeName: "n1", containers: [{ name: "a" }] } }],
 * });
 * snapshot.get("n1")?.pods.length; // 1
 * snapshot.removePod({ metadata: { name: "a", namespace: "default" } });
 * snapshot.get("n1")?.pods.length; // 0
 * ```
 */
export class Snapshot {
  private readonly infos = new Map<string, NodeInfo>();
  /** Where each pod is: pod key -> node name. */
  private readonly podNodes = new Map<string, string>();
  private readonly zones = new Map<string, NodeInfo[]>();
  private readonly zoneOrder: string[] = [];
  private readonly nodeZone = new Map<string, string>();
  private list: NodeInfo[] | undefined = undefined;
  private readonly namespaceLabels = new Map<string, Labels>();
  private readonly imageNodes = new Map<string, number>();
  /** How many pods in the snapshot have pod affinity or anti-affinity, and required anti-affinity. */
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  private readonly changes = new ChangeLog();
  private readonly aggregates = new TopologyAggregates(this.changes, () => this.nodes());

  /** A snapshot of these nodes, pods and namespaces. */
  static from(init: SnapshotInit): Snapshot {
    const s = new Snapshot();
    for (const ns of init.namespaces ?? []) s.setNamespace(ns);
    for (const node of init.nodes ?? []) s.addNode(node);
    for (const pod of init.pods ?? []) s.addPod(pod);
    return s;
  }

  /** The node infos of all known nodes, zones interleaved in the order kube-scheduler's NodeTree lists them. */
  nodes(): readonly NodeInfo[] {
    if (this.list) return this.list;
    const out: NodeInfo[] = [];
    let index = 0;
    let remaining = this.nodeZone.size;
    while (remaining > 0) {
      for (const zone of this.zoneOrder) {
        const members = this.zones.get(zone)!;
        if (index < members.length) {
          out.push(members[index]);
          remaining--;
        }
      }
      index++;
    }
    return this.list = out;
  }

  /** The node info of a known node. */
  get(name: string): NodeInfo | undefined {
    const info = this.infos.get(name);
    return info?.node ? info : undefined;
  }

  /** Bumped whenever a node, its labels, taints, allocatable or pods change, or a node comes or goes. */
  get generation(): number {
    return this.changes.generation;
  }

  /**
   * Per-topology sums over all nodes of what `contribute` says each adds, kept under `key` (an
   * internKey naming everything `contribute` depends on besides the node and its pods) and updated
   * from the nodes changed since it was last asked. The map is shared: read it, do not change it.
   *
   * @example
   * ```ts
   * import { internKey, Snapshot } from "@skiff/scheduler";
   *
   * const snapshot = Snapshot.from({ nodes: [{ metadata: { name: "n1", labels: { zone: "a" } } }] });
   * snapshot.topologyCounts(internKey("nodes-per-zone"), () => [["zone", 1]]).get("zone")?.get("a"); // 1
   * ```
   */
  topologyCounts(key: string, contribute: (node: NodeInfo) => Contribution): TopologyCounts {
    return this.aggregates.counts(key, contribute);
  }

  /** Labels of a namespace (empty when unknown). */
  labelsOfNamespace(name: string): Labels {
    return this.namespaceLabels.get(name) ?? {};
  }

  /** Names of every known namespace whose labels `matches` accepts. */
  namespacesWhere(matches: (labels: Labels) => boolean): string[] {
    const out: string[] = [];
    for (const [name, labels] of this.namespaceLabels) if (matches(labels ?? {})) out.push(name);
    return out;
  }

  /** On how many nodes an image (by a name a node reports) is present. */
  imageNodeCount(name: string): number {
    return this.imageNodes.get(name) ?? 0;
  }

  /** Adds or replaces a namespace (for namespaceSelector in pod affinity). */
  setNamespace(ns: Namespace): void {
    const name = ns.metadata?.name;
    if (!name) return;
    const labels = ns.metadata?.labels ?? {};
    const previous = this.namespaceLabels.get(name);
    this.namespaceLabels.set(name, labels);
    // Sums may depend on which namespaces a selector picks; a resync with the same labels changes nothing.
    if (previous === undefined || JSON.stringify(previous) !== JSON.stringify(labels)) {
      this.aggregates.clear();
    }
  }

  /** Forgets a namespace. */
  removeNamespace(name: string): void {
    if (this.namespaceLabels.delete(name)) this.aggregates.clear();
  }

  /** Adds a node, or updates it when it is known. */
  addNode(node: Node): void {
    const name = node.metadata?.name ?? "";
    let info = this.infos.get(name);
    if (!info) this.infos.set(name, info = new NodeInfo(name));
    if (info.node) this.forgetImages(info);
    info.setNode(node);
    this.changes.record(info);
    for (const image of info.imageSizes.keys()) {
      this.imageNodes.set(image, (this.imageNodes.get(image) ?? 0) + 1);
    }
    const zone = zoneKey(node);
    const previous = this.nodeZone.get(name);
    if (previous !== zone) {
      if (previous !== undefined) this.leaveZone(info, previous);
      this.nodeZone.set(name, zone);
      let members = this.zones.get(zone);
      if (!members) {
        this.zones.set(zone, members = []);
        this.zoneOrder.push(zone);
      }
      members.push(info);
      this.list = undefined;
    }
  }

  /** Same as addNode: replaces the node object, keeping its pods. */
  updateNode(node: Node): void {
    this.addNode(node);
  }

  /** Removes a node; pods still bound to it are kept until they go, as the scheduler cache does. */
  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info?.node) return;
    this.forgetImages(info);
    const zone = this.nodeZone.get(name);
    if (zone !== undefined) this.leaveZone(info, zone);
    this.nodeZone.delete(name);
    info.setNode(undefined);
    this.changes.record(info);
    if (info.pods.length === 0) this.infos.delete(name);
  }

  /** Adds a pod bound to a node (spec.nodeName); pods not bound, or finished, are ignored. */
  addPod(pod: Pod): void {
    if (!isAssignedAndActive(pod)) return;
    const key = podKey(pod);
    if (this.podNodes.has(key)) this.removePod(pod);
    const nodeName = pod.spec!.nodeName!;
    let info = this.infos.get(nodeName);
    if (!info) this.infos.set(nodeName, info = new NodeInfo(nodeName));
    const podInfo = new PodInfo(pod);
    info.addPod(podInfo);
    this.changes.record(info);
    this.podNodes.set(key, nodeName);
    if (podInfo.hasAffinity) this.podsWithAffinity++;
    if (podInfo.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity++;
  }

  /** Replaces a pod; a pod that finished (Succeeded/Failed) or lost its node is removed. */
  updatePod(pod: Pod): void {
    this.removePod(pod);
    this.addPod(pod);
  }

  /** Removes a pod by namespace and name. */
  removePod(pod: Pod): void {
    const key = podKey(pod);
    const nodeName = this.podNodes.get(key);
    if (nodeName === undefined) return;
    this.podNodes.delete(key);
    const info = this.infos.get(nodeName);
    if (!info) return;
    const podInfo = info.pods.find((p) => p.key === key);
    info.removePod(key);
    this.changes.record(info);
    if (podInfo?.hasAffinity) this.podsWithAffinity--;
    if (podInfo && podInfo.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity--;
    if (!info.node && info.pods.length === 0) this.infos.delete(nodeName);
  }

  private leaveZone(info: NodeInfo, zone: string): void {
    const members = this.zones.get(zone);
    if (!members) return;
    const i = members.indexOf(info);
    if (i >= 0) members.splice(i, 1);
    if (members.length === 0) {
      this.zones.delete(zone);
      this.zoneOrder.splice(this.zoneOrder.indexOf(zone), 1);
    }
    this.list = undefined;
  }

  private forgetImages(info: NodeInfo): void {
    for (const image of info.imageSizes.keys()) {
      const n = (this.imageNodes.get(image) ?? 0) - 1;
      if (n > 0) this.imageNodes.set(image, n);
      else this.imageNodes.delete(image);
    }
  }
}
