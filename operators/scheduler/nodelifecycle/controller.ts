/**
 * The node lifecycle controller (kube-controller-manager's nodelifecycle and taint-eviction
 * controllers, in one Runnable):
 *
 * - health: a node is heard from when its Lease in kube-node-lease is renewed or its Ready condition's
 *   heartbeat moves, timed by this controller's clock as Kubernetes' probeTimestamp is. Silent for longer
 *   than the grace period (node-monitor-grace-period, 40 s) it gets its kubelet conditions set to Unknown
 *   and the node.kubernetes.io/unreachable NoSchedule and NoExecute taints; heard from again, the taints
 *   go at once (the kubelet's next status report sets Ready back). A reachable node whose Ready is False
 *   gets the not-ready taints instead.
 * - eviction: pods on a node with NoExecute taints are deleted at once when they do not tolerate one,
 *   after the smallest tolerationSeconds when they do, never when no toleration used sets it; each gets
 *   the DisruptionTarget condition and a TaintManagerEviction Event first.
 *
 * @module
 */
import type { Lease, Node, Pod } from "@skiff/kinds";
import {
  type EventRecorder,
  formatTime,
  type Informer,
  isConflict,
  isNotFound,
  leasesResource,
  type Logger,
  nodesResource,
  type OperatorContext,
  podsResource,
  type ResourceClient,
  type Runnable,
} from "@skiff/sdk";
import { podKeyOf } from "../controller/queue.ts";
import { tolerationTimeMs } from "./eviction.ts";
import { lifecycleTaints, type NodeHealth, sameTaints, unknownConditions } from "./taints.ts";

/** Where kubelets keep their Leases. */
export const NODE_LEASE_NAMESPACE = "kube-node-lease";

/** How a node lifecycle controller is set up; the defaults are kube-controller-manager's. */
export interface NodeLifecycleOptions {
  /** node-monitor-grace-period: how long a node may be silent; 40 s. */
  gracePeriodMs?: number;
  /** node-monitor-period: how often health is checked; 5 s. */
  monitorPeriodMs?: number;
}

const NODE_INDEX = "scheduler.skiff.dev/nodeName";

/**
 * The controller (see the module doc).
 *
 * @example
 * ```ts
 * import { Manager } from "@skiff/sdk";
 * import { NodeLifecycleController } from "@skiff/scheduler";
 *
 * const manager = new Manager({ client });
 * manager.add(new NodeLifecycleController(manager, { gracePeriodMs: 2000, monitorPeriodMs: 200 }));
 * await manager.start(signal);
 * ```
 */
export class NodeLifecycleController implements Runnable {
  readonly name: string = "node-lifecycle";
  readonly #nodes: Informer<Node>;
  readonly #pods: Informer<Pod>;
  readonly #nodesApi: ResourceClient<Node>;
  readonly #podsApi: ResourceClient<Pod>;
  readonly #nodeRecorder: EventRecorder;
  readonly #evictionRecorder: EventRecorder;
  readonly #log: Logger;
  readonly #graceMs: number;
  readonly #periodMs: number;
  /** When each node was last heard from (this controller's clock), with what it was heard through. */
  readonly #probes = new Map<string, { at: number; renewTime?: string; heartbeat?: string }>();
  /** When each pod on a tainted node was first seen there (the eviction clock starts then). */
  readonly #marked = new Map<string, number>();
  /** Pods whose eviction is under way. */
  readonly #evicting = new Set<string>();
  #wake?: () => void;

  constructor(ctx: OperatorContext, options: NodeLifecycleOptions = {}) {
    this.#graceMs = options.gracePeriodMs ?? 40_000;
    this.#periodMs = options.monitorPeriodMs ?? 5000;
    this.#nodesApi = ctx.client.resource(nodesResource);
    this.#podsApi = ctx.client.resource(podsResource);
    this.#nodeRecorder = ctx.recorderFor("node-controller");
    this.#evictionRecorder = ctx.recorderFor("taint-eviction-controller");
    this.#log = ctx.log.with({ controller: "node-lifecycle" });
    this.#nodes = ctx.informers.informerFor(nodesResource);
    this.#nodes.addEventHandler({
      onAdd: (node) => this.#heard(node.metadata?.name ?? "", { heartbeat: readyHeartbeat(node) }),
      onUpdate: (old, node) => {
        this.#heard(node.metadata?.name ?? "", { heartbeat: readyHeartbeat(node) });
        if (!sameTaints(old.spec?.taints ?? [], node.spec?.taints ?? [])) this.#poke();
      },
      onDelete: (node) => this.#probes.delete(node.metadata?.name ?? ""),
    });
    const leases = ctx.informers.informerFor(leasesResource);
    const onLease = (lease: Lease) => {
      if (lease.metadata?.namespace !== NODE_LEASE_NAMESPACE) return;
      this.#heard(lease.metadata?.name ?? "", { renewTime: lease.spec?.renewTime });
    };
    leases.addEventHandler({ onAdd: onLease, onUpdate: (_old, lease) => onLease(lease) });
    this.#pods = ctx.informers.informerFor(podsResource, {
      indexers: { [NODE_INDEX]: (pod: Pod) => pod.spec?.nodeName ? [pod.spec.nodeName] : [] },
    });
    // A pod arriving on a node with NoExecute taints is looked at now, not at the next period.
    const onPod = (pod: Pod) => {
      const node = pod.spec?.nodeName ? this.#nodes.store.get(pod.spec.nodeName) : undefined;
      if (node?.spec?.taints?.some((t) => t.effect === "NoExecute")) this.#poke();
    };
    this.#pods.addEventHandler({ onAdd: onPod, onUpdate: (_old, pod) => onPod(pod) });
  }

  /** Monitors node health and evicts pods until the signal aborts. */
  async start(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.#monitor();
        await this.#evict();
      } catch (error) {
        this.#log.error("node lifecycle pass failed", { error: (error as Error)?.message ?? error });
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#wake = undefined;
          signal.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, this.#nextWakeMs());
        this.#wake = done;
        signal.addEventListener("abort", done, { once: true });
      });
    }
  }

  /** A node was heard from through its Lease or its Ready heartbeat, if either moved. */
  #heard(name: string, via: { renewTime?: string; heartbeat?: string }): void {
    const probe = this.#probes.get(name);
    if (!probe) {
      // First sight: a full grace period from now, as Kubernetes gives nodes it starts watching.
      this.#probes.set(name, { at: Date.now(), ...via });
      return;
    }
    let moved = false;
    if (via.renewTime !== undefined && via.renewTime !== probe.renewTime) {
      probe.renewTime = via.renewTime;
      moved = true;
    }
    if (via.heartbeat !== undefined && via.heartbeat !== probe.heartbeat) {
      probe.heartbeat = via.heartbeat;
      moved = true;
    }
    if (moved) {
      const wasSilent = Date.now() - probe.at > this.#graceMs;
      probe.at = Date.now();
      // A node back from silence loses its taints now, not at the next period.
      if (wasSilent) this.#poke();
    }
  }

  #poke(): void {
    this.#wake?.();
  }

  /** Until the next period, or sooner when a pod's toleration ends first. */
  #nextWakeMs(): number {
    let next = this.#periodMs;
    const now = Date.now();
    for (const [key, since] of this.#marked) {
      const pod = this.#pods.store.get(key);
      const node = pod?.spec?.nodeName ? this.#nodes.store.get(pod.spec.nodeName) : undefined;
      if (!pod || !node) continue;
      const ms = tolerationTimeMs(node.spec?.taints ?? [], pod.spec?.tolerations ?? []);
      if (ms !== Infinity) next = Math.min(next, since + ms - now);
    }
    return Math.max(1, next);
  }

  /** monitorNodeHealth: conditions and lifecycle taints for every node. */
  async #monitor(): Promise<void> {
    const now = Date.now();
    for (const node of this.#nodes.store.list()) {
      const name = node.metadata?.name ?? "";
      const probe = this.#probes.get(name);
      if (!probe) continue;
      const silent = now - probe.at > this.#graceMs;
      const ready = node.status?.conditions?.find((c) => c.type === "Ready");
      const health: NodeHealth = silent ? "unreachable" : ready?.status === "False" ? "not-ready" : "ready";
      try {
        await this.#apply(node, health);
      } catch (error) {
        // A conflict means someone wrote the node meanwhile: the next pass sees the newer object.
        if (!isConflict(error) && !isNotFound(error)) throw error;
      }
    }
  }

  async #apply(node: Node, health: NodeHealth): Promise<void> {
    const stamp = formatTime(new Date());
    let current = node;
    if (health === "unreachable") {
      const conditions = unknownConditions(node.status?.conditions ?? [], stamp);
      if (conditions) {
        current = await this.#nodesApi.updateStatus({ ...node, status: { ...node.status, conditions } });
        this.#nodeRecorder.event(
          {
            apiVersion: "v1",
            kind: "Node",
            metadata: { name: node.metadata?.name, uid: node.metadata?.uid },
          },
          "Normal",
          "NodeNotReady",
          `Node ${node.metadata?.name} status is now: NodeNotReady`,
        );
      }
    }
    const taints = current.spec?.taints ?? [];
    const wanted = lifecycleTaints(taints, health, stamp);
    if (sameTaints(taints, wanted)) return;
    await this.#nodesApi.update({
      ...current,
      spec: { ...current.spec, taints: wanted.length ? wanted : undefined },
    });
  }

  /** The taint eviction pass over pods on nodes with NoExecute taints. */
  async #evict(): Promise<void> {
    const now = Date.now();
    const seen = new Set<string>();
    for (const node of this.#nodes.store.list()) {
      const taints = node.spec?.taints ?? [];
      if (!taints.some((t) => t.effect === "NoExecute")) continue;
      for (const pod of this.#pods.store.byIndex(NODE_INDEX, node.metadata?.name ?? "")) {
        if (pod.metadata?.deletionTimestamp) continue;
        const key = podKeyOf(pod);
        const ms = tolerationTimeMs(taints, pod.spec?.tolerations ?? []);
        if (ms === Infinity) continue;
        seen.add(key);
        const since = this.#marked.get(key) ?? now;
        this.#marked.set(key, since);
        if (now >= since + ms) await this.#evictPod(pod);
      }
    }
    // Taints gone or tolerated for good: the clock stops (Kubernetes cancels the scheduled eviction).
    for (const key of this.#marked.keys()) if (!seen.has(key)) this.#marked.delete(key);
  }

  async #evictPod(pod: Pod): Promise<void> {
    const key = podKeyOf(pod);
    if (this.#evicting.has(key)) return;
    this.#evicting.add(key);
    const { namespace = "", name = "" } = pod.metadata ?? {};
    const pods = this.#podsApi.namespace(namespace);
    try {
      this.#evictionRecorder.event(
        { ...pod, apiVersion: "v1", kind: "Pod" },
        "Normal",
        "TaintManagerEviction",
        `Marking for deletion Pod ${namespace}/${name}`,
      );
      await pods.patchStatus(name, {
        status: {
          conditions: [{
            type: "DisruptionTarget",
            status: "True",
            reason: "DeletionByTaintManager",
            message: "Taint manager: deleting due to NoExecute taint",
            lastTransitionTime: formatTime(new Date()),
          }],
        },
      }, { type: "strategic" });
      await pods.delete(name, { preconditions: { uid: pod.metadata?.uid } });
      this.#marked.delete(key);
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) throw error;
      this.#marked.delete(key);
    } finally {
      this.#evicting.delete(key);
    }
  }
}

function readyHeartbeat(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === "Ready")?.lastHeartbeatTime;
}
