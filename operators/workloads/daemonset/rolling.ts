/**
 * rollingUpdate (pkg/controller/daemon/update.go): replaces old pods node by node within the budgets.
 * Without surge, it deletes old available pods while fewer than maxUnavailable nodes lack an available
 * pod, and the manage loop then creates the new ones. With surge, it creates a new pod beside an old one
 * on up to maxSurge nodes at a time and deletes the old pod once the new one is available.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import type { DaemonSet } from "../api/daemon_set.ts";
import { isPodAvailable } from "../controller/pods.ts";
import type { DaemonSetSync } from "./context.ts";
import { syncNodes } from "./manage.ts";
import { isDaemonPodUpdated, surgeCount, templateGeneration, unavailableCount } from "./util.ts";

/**
 * One step of a RollingUpdate.
 *
 * Worked numbers, maxUnavailable 1 on 3 nodes all running available old pods: one old pod is deleted;
 * the next sync sees that node without an available pod (1 unavailable, the budget) and deletes nothing
 * until the new pod there is available, then deletes the next old one. With maxSurge 1 instead: a new pod
 * is created on one node; once it is available its old pod is deleted and a new pod starts on the next node.
 *
 * @example
 * ```ts
 * import { rollingUpdate } from "./rolling.ts";
 *
 * await rollingUpdate(sync, hash);
 * ```
 */
export async function rollingUpdate(sync: DaemonSetSync, hash: string): Promise<void> {
  const { ds } = sync;
  const nodeToDaemonPods = await sync.nodesToDaemonPods(false);
  const { maxSurge, maxUnavailable, desiredNumberScheduled } = updatedDesiredNodeCounts(
    sync,
    nodeToDaemonPods,
  );
  const now = sync.now();
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (pod: Pod) => isPodAvailable(pod, minReady, now);

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacementPods: string[] = [];
    const candidatePodsToDelete: string[] = [];
    for (const pods of nodeToDaemonPods.values()) {
      const found = findUpdatedPodsOnNode(ds, pods, hash);
      if (!found) {
        // Excess pods: the manage loop prunes them first; the node counts as unavailable meanwhile.
        numUnavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((!oldPod && !newPod) || (oldPod && newPod)) {
        // The manage loop creates or deletes here: unavailable for now.
        numUnavailable++;
      } else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (!available(oldPod!)) {
        // An old pod that is not available anyway is replaced at once.
        allowedReplacementPods.push(oldPod!.metadata!.name!);
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) {
        candidatePodsToDelete.push(oldPod!.metadata!.name!);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidatePodsToDelete.length);
    await syncNodes(
      sync,
      [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)],
      [],
      hash,
    );
    return;
  }

  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  const nodesByName = new Map(sync.nodes.map((n) => [n.metadata!.name!, n]));
  const shouldRun = (nodeName: string) => {
    const node = nodesByName.get(nodeName);
    if (!node) throw new Error(`couldn't get node for nodeName "${nodeName}": node "${nodeName}" not found`);
    return sync.verdict(node).shouldRun;
  };
  for (const [nodeName, pods] of nodeToDaemonPods) {
    const found = findUpdatedPodsOnNode(ds, pods, hash);
    if (!found) {
      // Excess pods: the manage loop prunes them; the node counts as surging meanwhile.
      numSurge++;
      continue;
    }
    const { newPod, oldPod } = found;
    // Availability counts every node, even those being left for scheduling reasons.
    if (oldPod ? available(oldPod) : newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue; // nothing to update here; the manage loop handles the node
    if (!newPod) {
      if (!available(oldPod)) {
        if (!shouldRun(nodeName)) {
          oldPodsToDelete.push(oldPod.metadata!.name!);
          continue;
        }
        // An unavailable old pod gets its replacement without waiting for the surge budget.
        allowedNewNodes.push(nodeName);
      } else {
        if (!shouldRun(nodeName)) {
          shouldNotRunPodsToDelete.push(oldPod.metadata!.name!);
          continue;
        }
        if (numSurge >= maxSurge) continue;
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    // Already surged here: the old pod goes once the new one is available.
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    oldPodsToDelete.push(oldPod.metadata!.name!);
  }
  // maxSurge promises full availability: a pod on a node the DaemonSet is leaving goes only once a pod
  // elsewhere has become available in its stead.
  const deletable = Math.min(numAvailable - desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(0, maxSurge - numSurge), candidateNewNodes.length);
  await syncNodes(
    sync,
    oldPodsToDelete,
    [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)],
    hash,
  );
}

/**
 * findUpdatedPodsOnNode: the node's one new and one old pod (either may be missing), skipping pods being
 * deleted; undefined when there are two of a kind (the manage loop prunes those first).
 */
function findUpdatedPodsOnNode(
  ds: DaemonSet,
  pods: Pod[],
  hash: string,
): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  const generation = templateGeneration(ds);
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (isDaemonPodUpdated(pod, hash, generation)) {
      if (newPod) return undefined;
      newPod = pod;
    } else {
      if (oldPod) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}

/**
 * updatedDesiredNodeCounts: the surge and unavailability budgets out of the nodes that should run the
 * daemon, adding an empty entry for each such node without pods (so it counts as unavailable). Both 0
 * (which validation forbids) falls back to maxUnavailable 1.
 */
function updatedDesiredNodeCounts(
  sync: DaemonSetSync,
  nodeToDaemonPods: Map<string, Pod[]>,
): { maxSurge: number; maxUnavailable: number; desiredNumberScheduled: number } {
  let desiredNumberScheduled = 0;
  for (const node of sync.nodes) {
    if (!sync.verdict(node).shouldRun) continue;
    desiredNumberScheduled++;
    if (!nodeToDaemonPods.has(node.metadata!.name!)) nodeToDaemonPods.set(node.metadata!.name!, []);
  }
  let maxUnavailable: number;
  let maxSurge: number;
  try {
    maxUnavailable = unavailableCount(sync.ds, desiredNumberScheduled);
  } catch (e) {
    throw new Error(
      `couldn't get unavailable numbers: invalid value for MaxUnavailable: ${(e as Error).message}`,
    );
  }
  try {
    maxSurge = surgeCount(sync.ds, desiredNumberScheduled);
  } catch (e) {
    throw new Error(`couldn't get unavailable numbers: invalid value for MaxSurge: ${(e as Error).message}`);
  }
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled };
}
