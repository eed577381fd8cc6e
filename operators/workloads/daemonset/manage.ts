/**
 * manage, podsShouldBeOnNode and syncNodes (pkg/controller/daemon/daemon_controller.go): for every node,
 * create the DaemonSet's pod where one should run and there is none, delete pods where none should run,
 * replace failed pods (with a backoff per node) and succeeded ones, and keep one pod per node (two while
 * a surge update brings up a new pod beside an old one). Creations go out in slow-start batches, pinned
 * to their node by a required `metadata.name In [node]` node affinity that the scheduler honours.
 *
 * @module
 */
import type { Node, Pod } from "@skiff/kinds";
import { isNotFound } from "@skiff/sdk";
import { isPodAvailable, isPodReady } from "../controller/pods.ts";
import { byCreationTimestampAndPhase, type DaemonSetSync } from "./context.ts";
import { daemonSetControllerRef } from "./history.ts";
import {
  allowsSurge,
  createDaemonPodTemplate,
  DAEMON_SET_HASH_LABEL,
  pinToNode,
  templateGeneration,
} from "./util.ts";

/**
 * manage: works out, node by node, the pods to create and to delete, and makes the calls.
 *
 * @example
 * ```ts
 * import { manageDaemonPods } from "./manage.ts";
 *
 * await manageDaemonPods(sync, hash);
 * ```
 */
export async function manageDaemonPods(sync: DaemonSetSync, hash: string): Promise<void> {
  const nodeToDaemonPods = await sync.nodesToDaemonPods(false);
  const nodesNeedingDaemonPods: string[] = [];
  const podsToDelete: string[] = [];
  for (const node of sync.nodes) {
    const onNode = await podsShouldBeOnNode(sync, node, nodeToDaemonPods, hash);
    nodesNeedingDaemonPods.push(...onNode.create);
    podsToDelete.push(...onNode.delete);
  }
  podsToDelete.push(...podsWithoutNode(sync.nodes, nodeToDaemonPods));
  await syncNodes(sync, podsToDelete, nodesNeedingDaemonPods, hash);
}

/**
 * getUnscheduledPodsWithoutNode, and (where Kubernetes' PodGC controller would step in, which Skiff does
 * not run) bound pods whose node is gone: nothing else would ever remove either.
 */
function podsWithoutNode(nodes: Node[], nodeToDaemonPods: Map<string, Pod[]>): string[] {
  const existing = new Set(nodes.map((n) => n.metadata?.name));
  const results: string[] = [];
  for (const [node, pods] of nodeToDaemonPods) {
    if (existing.has(node)) continue;
    for (const pod of pods) if (!pod.metadata?.deletionTimestamp) results.push(pod.metadata!.name!);
  }
  return results;
}

/** podsShouldBeOnNode: what to create and delete on one node. */
async function podsShouldBeOnNode(
  sync: DaemonSetSync,
  node: Node,
  nodeToDaemonPods: Map<string, Pod[]>,
  hash: string,
): Promise<{ create: string[]; delete: string[] }> {
  const { ds } = sync;
  const nodeName = node.metadata!.name!;
  const { shouldRun, shouldContinueRunning } = sync.verdict(node);
  const daemonPods = nodeToDaemonPods.get(nodeName);
  const create: string[] = [];
  const del: string[] = [];

  if (shouldRun && !daemonPods) {
    create.push(nodeName);
  } else if (shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of daemonPods ?? []) {
      if (pod.metadata?.deletionTimestamp) continue;
      const where = `${pod.metadata?.namespace}/${pod.metadata?.name} on node ${nodeName}`;
      if (pod.status?.phase === "Failed") {
        // The DaemonSet often fights a kubelet that rejects its pods: back off instead of hot-looping.
        const key = `${ds.metadata?.uid}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
        const now = sync.now();
        if (sync.failedPodsBackoff.isInBackOffSinceUpdate(key, now)) {
          sync.requeueAfter(sync.failedPodsBackoff.get(key));
          continue;
        }
        sync.failedPodsBackoff.next(key, now);
        await sync.recorder.event(
          ds,
          "Warning",
          "FailedDaemonPod",
          `Found failed daemon pod ${where}, will try to kill it`,
        );
        del.push(pod.metadata!.name!);
      } else if (pod.status?.phase === "Succeeded") {
        await sync.recorder.event(
          ds,
          "Normal",
          "SucceededDaemonPod",
          `Found succeeded daemon pod ${where}, will try to delete it`,
        );
        del.push(pod.metadata!.name!);
      } else {
        running.push(pod);
      }
    }
    running.sort(byCreationTimestampAndPhase);
    if (!allowsSurge(ds)) {
      // Without surge a node runs one pod: the oldest stays.
      for (const pod of running.slice(1)) del.push(pod.metadata!.name!);
    } else if (running.length <= 1) {
      // Surging needs at least one live pod on the node.
      if (running.length === 0 && shouldRun) create.push(nodeName);
    } else {
      // With surge a node may run the oldest new pod beside the oldest old one, until the new one is
      // available (or the old one stops being ready); every other pod goes.
      let oldestNew: Pod | undefined;
      let oldestOld: Pod | undefined;
      for (const pod of running) {
        const isNew = pod.metadata?.labels?.[DAEMON_SET_HASH_LABEL] === hash;
        if (isNew && !oldestNew) oldestNew = pod;
        else if (!isNew && !oldestOld) oldestOld = pod;
        else del.push(pod.metadata!.name!);
      }
      if (oldestNew && oldestOld) {
        if (!isPodReady(oldestOld)) del.push(oldestOld.metadata!.name!);
        else if (isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, sync.now())) {
          del.push(oldestOld.metadata!.name!);
        }
      }
    }
  } else if (daemonPods) {
    // Not wanted here any more: every pod on the node goes.
    for (const pod of daemonPods) if (!pod.metadata?.deletionTimestamp) del.push(pod.metadata!.name!);
  }
  return { create, delete: del };
}

/**
 * syncNodes: deletes the named pods and creates one pod on each named node, at most burstReplicas of
 * each, setting the expectations first so the pods' own events are what lowers them.
 *
 * @example
 * ```ts
 * import { syncNodes } from "./manage.ts";
 *
 * await syncNodes(sync, ["agent-x7k2p"], ["node-3"], hash); // one pod replaced elsewhere, one created
 * ```
 */
export async function syncNodes(
  sync: DaemonSetSync,
  podsToDelete: string[],
  nodesNeedingDaemonPods: string[],
  hash: string,
): Promise<void> {
  const { ds, key } = sync;
  const createDiff = Math.min(nodesNeedingDaemonPods.length, sync.burstReplicas);
  const deleteDiff = Math.min(podsToDelete.length, sync.burstReplicas);
  sync.expectations.set(key, createDiff, deleteDiff);
  const errors: Error[] = [];

  const template = createDaemonPodTemplate(ds.spec!.template, templateGeneration(ds), hash);
  const createOne = async (nodeName: string) => {
    try {
      const created = await sync.pods.create(podFromTemplate(sync, template, nodeName));
      await sync.recorder.event(ds, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata?.name}`);
    } catch (e) {
      // A terminating namespace refuses pods: nothing to report, the DaemonSet goes too.
      if (isNamespaceTerminating(e)) return;
      sync.expectations.creationObserved(key);
      await sync.recorder.event(ds, "Warning", "FailedCreate", `Error creating: ${(e as Error).message}`);
      throw e;
    }
  };
  // Slow start: batches of 1, 2, 4, ... so a template that cannot work fails once, not once per node.
  // 10 nodes: batches 1, 2, 4, 3; if the batch of 2 fails, 7 creations are never tried.
  for (let pos = 0, batch = Math.min(createDiff, 1); pos < createDiff;) {
    const results = await Promise.allSettled(
      nodesNeedingDaemonPods.slice(pos, pos + batch).map((nodeName) => createOne(nodeName)),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    errors.push(...failed.map((r) => r.reason as Error));
    pos += batch;
    const skipped = createDiff - pos;
    if (failed.length > 0 && skipped > 0) {
      // Creations never tried will never be observed; the next sync tries them again.
      sync.expectations.lower(key, skipped, 0);
      break;
    }
    batch = Math.min(2 * batch, createDiff - pos);
  }

  const results = await Promise.allSettled(
    podsToDelete.slice(0, deleteDiff).map(async (name) => {
      try {
        await sync.pods.delete(name);
        await sync.recorder.event(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${name}`);
      } catch (e) {
        sync.expectations.deletionObserved(key);
        if (isNotFound(e)) return;
        await sync.recorder.event(ds, "Warning", "FailedDelete", `Error deleting: ${(e as Error).message}`);
        throw e;
      }
    }),
  );
  for (const r of results) if (r.status === "rejected") errors.push(r.reason as Error);
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `[${errors.map((e) => e.message).join(", ")}]`);
}

/** GetPodFromTemplate, with the node affinity that pins the pod to `nodeName`. */
function podFromTemplate(
  sync: DaemonSetSync,
  template: ReturnType<typeof createDaemonPodTemplate>,
  nodeName: string,
): Pod {
  const { ds } = sync;
  const copy = structuredClone(template);
  const spec = { ...copy.spec, affinity: pinToNode(copy.spec?.affinity, nodeName) };
  const meta = copy.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${ds.metadata!.name}-`,
      namespace: ds.metadata!.namespace,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
      ownerReferences: [daemonSetControllerRef(ds)],
    },
    spec,
  } as Pod;
}

function isNamespaceTerminating(e: unknown): boolean {
  const err = e as { status?: { details?: { causes?: { reason?: string }[] } } };
  return err?.status?.details?.causes?.some((c) => c.reason === "NamespaceTerminating") ?? false;
}
