/**
 * What one sync of one DaemonSet works with: the DaemonSet (a copy of the cached one), the nodes, the
 * informers' stores, the client, and the controller's expectations and failed-pod backoff; plus
 * getDaemonPods/getNodesToDaemonPods, which claim pods (adopting orphans, releasing pods that stopped
 * matching) every time they are asked, as Kubernetes' do.
 *
 * @module
 */
import type { Node, Pod } from "@skiff/kinds";
import {
  type Client,
  type EventRecorder,
  type Informer,
  type Logger,
  podsResource,
  type ResourceClient,
} from "@skiff/sdk";
import type { ControllerRevision } from "../api/controller_revision.ts";
import type { DaemonSet } from "../api/daemon_set.ts";
import { claimObjects, patchOwners } from "../controller/claim.ts";
import { matchesSelector } from "../selector/selector.ts";
import type { CountExpectations } from "./_expectations.ts";
import type { Backoff } from "./backoff.ts";
import { recheckNotDeleted } from "./history.ts";
import { nodeShouldRunDaemonPod, type NodeVerdict } from "./predicates.ts";
import { targetNodeName } from "./util.ts";

/**
 * One sync's state (see the module doc).
 *
 * @example
 * ```ts
 * const pods = await sync.nodesToDaemonPods(false);
 * pods.get("node-1")?.length; // 1
 * ```
 */
export interface DaemonSetSync {
  ds: DaemonSet;
  key: string;
  nodes: Node[];
  client: Client;
  pods: ResourceClient<Pod>;
  recorder: EventRecorder;
  log: Logger;
  expectations: CountExpectations;
  failedPodsBackoff: Backoff;
  burstReplicas: number;
  podInformer: Informer<Pod>;
  revisions: Informer<ControllerRevision>;
  now(): number;
  /** NodeShouldRunDaemonPod for this DaemonSet, worked out once per node and sync. */
  verdict(node: Node): NodeVerdict;
  /** Asks for another sync after `ms` (the earliest request wins). */
  requeueAfter(ms: number): void;
  /** getDaemonPods: the pods the DaemonSet claims. */
  daemonPods(): Promise<Pod[]>;
  /**
   * getNodesToDaemonPods: claimed pods by target node. Terminal pods already being deleted are left out
   * unless `includeDeletedTerminal` (the history cleanup counts their hashes).
   */
  nodesToDaemonPods(includeDeletedTerminal: boolean): Promise<Map<string, Pod[]>>;
}

/**
 * Builds a sync for one DaemonSet.
 *
 * @example
 * ```ts
 * import { newDaemonSetSync } from "./context.ts";
 *
 * const sync = newDaemonSetSync({ ds, key, nodes, client, recorder, log, expectations, failedPodsBackoff, burstReplicas: 250, podInformer, revisions });
 * ```
 */
export function newDaemonSetSync(
  base:
    & Omit<DaemonSetSync, "pods" | "daemonPods" | "nodesToDaemonPods" | "now" | "requeueAfter" | "verdict">
    & {
      now?: () => number;
    },
): DaemonSetSync & { requeue?: number } {
  const namespace = base.ds.metadata!.namespace!;
  const pods = base.client.resource(podsResource).namespace(namespace);
  const verdicts = new Map<Node, NodeVerdict>();
  const sync: DaemonSetSync & { requeue?: number } = {
    ...base,
    pods,
    now: base.now ?? Date.now,
    verdict(node) {
      let v = verdicts.get(node);
      if (!v) verdicts.set(node, v = nodeShouldRunDaemonPod(node, sync.ds));
      return v;
    },
    requeueAfter(ms) {
      sync.requeue = sync.requeue === undefined ? ms : Math.min(sync.requeue, ms);
    },
    daemonPods() {
      const { ds } = sync;
      return claimObjects(base.podInformer.store.byIndex("namespace", namespace), {
        owner: ds,
        matches: (pod) => matchesSelector(ds.spec?.selector, pod.metadata?.labels ?? {}),
        setOwners: patchOwners(pods),
        canAdopt: () => recheckNotDeleted(sync),
      });
    },
    async nodesToDaemonPods(includeDeletedTerminal) {
      const byNode = new Map<string, Pod[]>();
      for (const pod of await sync.daemonPods()) {
        const phase = pod.status?.phase;
        const terminal = phase === "Failed" || phase === "Succeeded";
        // The kubelet or the pod GC finishes these; the controller has nothing left to do with them.
        if (!includeDeletedTerminal && terminal && pod.metadata?.deletionTimestamp) continue;
        const node = targetNodeName(pod);
        // A pod with neither a node nor a node affinity term is not one of ours to place.
        if (node === undefined) continue;
        byNode.set(node, [...(byNode.get(node) ?? []), pod]);
      }
      return byNode;
    },
  };
  return sync;
}

/**
 * podByCreationTimestampAndPhase: scheduled pods first, then the oldest, then by name.
 *
 * @example
 * ```ts
 * import { byCreationTimestampAndPhase } from "./context.ts";
 *
 * pods.sort(byCreationTimestampAndPhase)[0]; // the pod the status counts for its node
 * ```
 */
export function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const aBound = !!a.spec?.nodeName;
  const bBound = !!b.spec?.nodeName;
  if (aBound !== bBound) return aBound ? -1 : 1;
  const at = Date.parse(a.metadata?.creationTimestamp ?? "") || 0;
  const bt = Date.parse(b.metadata?.creationTimestamp ?? "") || 0;
  if (at === bt) {
    const an = a.metadata?.name ?? "";
    const bn = b.metadata?.name ?? "";
    return an < bn ? -1 : an > bn ? 1 : 0;
  }
  return at - bt;
}
