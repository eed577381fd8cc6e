/**
 * The kubelet part of the simulator: a controller over pods bound to simulated nodes that reports them
 * Running and Ready (one status write), and, once they are deleted, reports their containers stopped
 * and removes them for good, as a kubelet does when its containers have exited.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import {
  Controller,
  isConflict,
  isNotFound,
  podsResource,
  predicate,
  type ReconcileContext,
} from "@skiff/sdk";
import type { PodIpAllocator } from "./addresses.ts";
import type { NodeFleet } from "./nodes.ts";
import { isReportedRunning, runningPodStatus, terminatedPodStatus } from "./pod_status.ts";

/**
 * Options of {@link simulatedPodController}.
 *
 * @example
 * ```ts
 * const options: PodControllerOptions = { workers: 32 };
 * ```
 */
export interface PodControllerOptions {
  /** Pods reconciled at once; default 32 (each reconcile is one or two API writes). */
  workers?: number;
  /** Problems worth a line (a node out of pod IPs). */
  log?: (line: string) => void;
}

/**
 * A controller that plays the kubelet of every node in `fleet` for the pods bound to it.
 *
 * @example
 * ```ts
 * const controller = simulatedPodController(fleet, new PodIpAllocator());
 * controller.setup({ client, informers });
 * informers.start();
 * await controller.start(signal);
 * ```
 */
export function simulatedPodController(
  fleet: NodeFleet,
  ips: PodIpAllocator,
  options: PodControllerOptions = {},
): Controller<Pod> {
  const log = options.log ?? (() => {});
  // The uid each key's IP was allocated for, so a pod that went (or was replaced) gives its IP back.
  const allocated = new Map<string, string>();
  const release = (key: string) => {
    const uid = allocated.get(key);
    if (uid === undefined) return;
    ips.release(uid);
    allocated.delete(key);
  };

  async function reconcile(key: string, ctx: ReconcileContext) {
    const pod = ctx.cache.get(podsResource, key);
    if (!pod || allocated.get(key) !== pod.metadata?.uid) release(key);
    if (!pod) return;
    const nodeName = pod.spec?.nodeName;
    const index = fleet.indexOf(nodeName);
    if (index === undefined) return;
    const uid = pod.metadata!.uid!;
    const pods = ctx.client.resource(podsResource).namespace(pod.metadata!.namespace!);

    if (pod.metadata?.deletionTimestamp) {
      if (pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed") {
        // Worth one write: controllers watching (endpoints, ReplicaSets) see the containers stop first.
        const status = terminatedPodStatus(pod, new Date());
        await pods.updateStatus({ ...structuredClone(pod), status }).catch((e) => {
          if (!isConflict(e) && !isNotFound(e)) throw e;
        });
      }
      await pods.delete(pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid } }).catch((e) => {
        // Gone already, or a new pod under the same name (the uid precondition answers 409).
        if (!isNotFound(e) && !isConflict(e)) throw e;
      });
      release(key);
      return;
    }
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") return;

    const hostIP = fleet.hostIp(nodeName!)!;
    const hostNetwork = pod.spec?.hostNetwork === true;
    if (isReportedRunning(pod)) {
      // Already reported (by us before a restart): keep its IP from being handed out again.
      if (!hostNetwork && ips.reserve(index, uid, pod.status!.podIP!)) allocated.set(key, uid);
      return;
    }
    let podIP = hostIP;
    if (!hostNetwork) {
      const ip = ips.allocate(index, uid);
      if (!ip) {
        log(`node ${nodeName}: no pod IP left for ${key}; trying again in 30s`);
        return { requeueAfter: 30_000 };
      }
      allocated.set(key, uid);
      podIP = ip;
    }
    const status = runningPodStatus(pod, { podIP, hostIP }, new Date());
    // A conflict means a newer pod is on its way through the informer; the retry reads it.
    await pods.updateStatus({ ...structuredClone(pod), status });
  }

  return new Controller<Pod>({
    name: "sim-kubelet",
    for: podsResource,
    predicates: [predicate<Pod>((pod) => fleet.indexOf(pod.spec?.nodeName) !== undefined)],
    maxConcurrentReconciles: options.workers ?? 32,
    reconcile,
  });
}
