/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go). Handlers only enqueue DaemonSet
 * keys: a DaemonSet's own events; its pods' (by controller reference, noting creations and deletions
 * against its expectations; an orphan enqueues every DaemonSet that selects it); its ControllerRevisions';
 * and nodes: one added, or changed in a way that changes where a DaemonSet should run, enqueues the
 * DaemonSets that care (heartbeats that only refresh conditions do not). A deleted node enqueues the
 * DaemonSets that ran there, whose pods then go (Kubernetes leaves bound ones to its PodGC controller).
 * `syncDaemonSet` does the work.
 *
 * @module
 */
import type { Node, Pod } from "@skiff/kinds";
import {
  Controller,
  type ControllerRuntime,
  type EventRecorder,
  getControllerOf,
  type Informer,
  nodesResource,
  objectKey,
  type OwnerReference,
  podsResource,
  type ReconcileContext,
  type ReconcileResult,
  type Runnable,
} from "@skiff/sdk";
import type { ControllerRevision } from "../api/controller_revision.ts";
import type { DaemonSet } from "../api/daemon_set.ts";
import { isPodReady } from "../controller/pods.ts";
import { resolveControllerRef } from "../controller/resolve.ts";
import { runWithHandlers } from "../controller/run.ts";
import { controllerRevisionsResource, daemonSetsResource } from "../resources.ts";
import { isEmptySelector, matchesSelector } from "../selector/selector.ts";
import { CountExpectations } from "./_expectations.ts";
import { Backoff, type BackoffOptions } from "./backoff.ts";
import { newDaemonSetSync } from "./context.ts";
import { nodeShouldRunDaemonPod } from "./predicates.ts";
import { syncDaemonSet } from "./sync.ts";

/**
 * Options of a {@link DaemonSetController}.
 *
 * @example
 * ```ts
 * const options: DaemonSetControllerOptions = { workers: 2, failedPodsBackoff: { initialMs: 100, maxMs: 1_000 } };
 * ```
 */
export interface DaemonSetControllerOptions {
  /** Workers (kube-controller-manager's --concurrent-daemonset-syncs, 2). */
  workers?: number;
  /** Most pods created or deleted in one sync (BurstReplicas, 250). */
  burstReplicas?: number;
  /** The delay before a failed pod on the same node is replaced again (1 s doubling to 15 min). */
  failedPodsBackoff?: BackoffOptions;
}

/** BackoffGCInterval. */
const BACKOFF_GC_INTERVAL_MS = 60_000;

/**
 * The controller as a manager Runnable.
 *
 * @example
 * ```ts
 * import { DaemonSetController } from "@skiff/workloads";
 *
 * manager.add(new DaemonSetController());
 * ```
 */
export class DaemonSetController implements Runnable {
  readonly name = "daemonset";
  readonly expectations = new CountExpectations();
  readonly failedPodsBackoff: Backoff;
  readonly burstReplicas: number;
  #controller: Controller<DaemonSet>;
  #daemonSets?: Informer<DaemonSet>;
  #pods?: Informer<Pod>;
  #nodes?: Informer<Node>;
  #revisions?: Informer<ControllerRevision>;
  #recorder?: EventRecorder;
  #lastBackoffGC = Date.now();

  constructor(options: DaemonSetControllerOptions = {}) {
    this.burstReplicas = options.burstReplicas ?? 250;
    this.failedPodsBackoff = new Backoff(options.failedPodsBackoff);
    this.#controller = new Controller<DaemonSet>({
      name: "daemonset",
      for: daemonSetsResource,
      maxConcurrentReconciles: options.workers ?? 2,
      reconcile: (key, ctx) => this.#reconcile(key, ctx),
    });
  }

  /** Called by the manager: asks for the informers before they start. */
  setup(runtime: ControllerRuntime): void {
    this.#controller.setup(runtime);
    // Events say "daemonset-controller", as kube-controller-manager's do.
    this.#recorder = runtime.recorderFor?.("daemonset-controller");
    this.#daemonSets = runtime.informers.informerFor(daemonSetsResource);
    this.#pods = runtime.informers.informerFor(podsResource);
    this.#nodes = runtime.informers.informerFor(nodesResource);
    this.#revisions = runtime.informers.informerFor(controllerRevisionsResource);
  }

  /** Runs until the signal aborts. */
  async start(signal: AbortSignal): Promise<void> {
    await runWithHandlers(this.#controller, signal, () => [
      this.#pods!.addEventHandler({
        onAdd: (pod) => this.#addPod(pod),
        onUpdate: (old, cur) => this.#updatePod(old, cur),
        onDelete: (pod) => this.#deletePod(pod),
      }),
      this.#revisions!.addEventHandler({
        onAdd: (h) => this.#addHistory(h),
        onUpdate: (old, cur) => this.#updateHistory(old, cur),
        onDelete: (h) => this.#deleteHistory(h),
      }),
      this.#nodes!.addEventHandler({
        onAdd: (node) => this.#addNode(node),
        onUpdate: (old, cur) => this.#updateNode(old, cur),
        onDelete: (node) => this.#deleteNode(node),
      }),
    ]);
  }

  #enqueue(ds: DaemonSet, afterMs = 0): void {
    const queue = this.#controller.queue;
    if (afterMs > 0) queue?.addAfter(objectKey(ds), afterMs);
    else queue?.add(objectKey(ds));
  }

  /** resolveControllerRef: the DaemonSet a controller reference names, when the uid matches. */
  #resolve(namespace: string | undefined, ref: OwnerReference | undefined): DaemonSet | undefined {
    return resolveControllerRef(this.#daemonSets, namespace, ref, "DaemonSet");
  }

  /** GetPodDaemonSets / GetHistoryDaemonSets: the DaemonSets whose selector matches an orphan's labels. */
  #selecting(obj: { metadata?: { namespace?: string; labels?: Record<string, string> } }): DaemonSet[] {
    return (this.#daemonSets?.store.byIndex("namespace", obj.metadata?.namespace ?? "") ?? []).filter((ds) =>
      !isEmptySelector(ds.spec?.selector) && matchesSelector(ds.spec?.selector, obj.metadata?.labels ?? {})
    );
  }

  #addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) {
      // A pod that shows up already being deleted (a relist after a restart) is not a creation.
      this.#deletePod(pod);
      return;
    }
    const ref = getControllerOf(pod);
    if (ref) {
      const ds = this.#resolve(pod.metadata?.namespace, ref);
      if (!ds) return;
      this.expectations.creationObserved(objectKey(ds));
      this.#enqueue(ds);
      return;
    }
    // An orphan: every DaemonSet that selects it may adopt it; no creation to observe.
    for (const ds of this.#selecting(pod)) this.#enqueue(ds);
  }

  #updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    if (cur.metadata?.deletionTimestamp) {
      // Graceful deletion: act on it now rather than when the kubelet is done.
      this.#deletePod(cur);
      return;
    }
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = JSON.stringify(curRef ?? null) !== JSON.stringify(oldRef ?? null);
    if (refChanged && oldRef) {
      const ds = this.#resolve(old.metadata?.namespace, oldRef);
      if (ds) this.#enqueue(ds);
    }
    if (curRef) {
      const ds = this.#resolve(cur.metadata?.namespace, curRef);
      if (!ds) return;
      this.#enqueue(ds);
      // Ready now, available minReadySeconds later (plus a second against clock skew): look again then.
      const minReady = ds.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.#enqueue(ds, minReady * 1000 + 1000);
      return;
    }
    const labelsChanged =
      JSON.stringify(cur.metadata?.labels ?? {}) !== JSON.stringify(old.metadata?.labels ?? {});
    if (labelsChanged || refChanged) { for (const ds of this.#selecting(cur)) this.#enqueue(ds); }
  }

  #deletePod(pod: Pod): void {
    const ds = this.#resolve(pod.metadata?.namespace, getControllerOf(pod));
    if (!ds) return;
    this.expectations.deletionObserved(objectKey(ds));
    this.#enqueue(ds);
  }

  #addHistory(h: ControllerRevision): void {
    if (h.metadata?.deletionTimestamp) {
      this.#deleteHistory(h);
      return;
    }
    const ref = getControllerOf(h);
    if (ref) {
      // Its own DaemonSet made it: nothing to do.
      return;
    }
    for (const ds of this.#selecting(h)) this.#enqueue(ds);
  }

  #updateHistory(old: ControllerRevision, cur: ControllerRevision): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = JSON.stringify(curRef ?? null) !== JSON.stringify(oldRef ?? null);
    if (refChanged && oldRef) {
      const ds = this.#resolve(old.metadata?.namespace, oldRef);
      if (ds) this.#enqueue(ds);
    }
    if (curRef) {
      const ds = this.#resolve(cur.metadata?.namespace, curRef);
      if (ds) this.#enqueue(ds);
      return;
    }
    const labelsChanged =
      JSON.stringify(cur.metadata?.labels ?? {}) !== JSON.stringify(old.metadata?.labels ?? {});
    if (labelsChanged || refChanged) { for (const ds of this.#selecting(cur)) this.#enqueue(ds); }
  }

  #deleteHistory(h: ControllerRevision): void {
    const ds = this.#resolve(h.metadata?.namespace, getControllerOf(h));
    if (ds) this.#enqueue(ds);
  }

  #addNode(node: Node): void {
    for (const ds of this.#daemonSets?.store.list() ?? []) {
      if (nodeShouldRunDaemonPod(node, ds).shouldRun) this.#enqueue(ds);
    }
  }

  #updateNode(old: Node, cur: Node): void {
    if (shouldIgnoreNodeUpdate(old, cur)) return;
    for (const ds of this.#daemonSets?.store.list() ?? []) {
      const before = nodeShouldRunDaemonPod(old, ds);
      const after = nodeShouldRunDaemonPod(cur, ds);
      if (
        before.shouldRun !== after.shouldRun || before.shouldContinueRunning !== after.shouldContinueRunning
      ) {
        this.#enqueue(ds);
      }
    }
  }

  #deleteNode(node: Node): void {
    for (const ds of this.#daemonSets?.store.list() ?? []) {
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      if (shouldRun || shouldContinueRunning) this.#enqueue(ds);
    }
  }

  async #reconcile(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    const now = Date.now();
    if (now - this.#lastBackoffGC > BACKOFF_GC_INTERVAL_MS) {
      this.failedPodsBackoff.gc(now);
      this.#lastBackoffGC = now;
    }
    const cached = this.#daemonSets!.store.get(key);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const ds: DaemonSet = { ...structuredClone(cached), apiVersion: "apps/v1", kind: "DaemonSet" };
    const sync = newDaemonSetSync({
      ds,
      key,
      nodes: this.#nodes!.store.list(),
      client: ctx.client,
      recorder: this.#recorder ?? ctx.recorder,
      log: ctx.log,
      expectations: this.expectations,
      failedPodsBackoff: this.failedPodsBackoff,
      burstReplicas: this.burstReplicas,
      podInformer: this.#pods!,
      revisions: this.#revisions!,
    });
    await syncDaemonSet(sync);
    return sync.requeue !== undefined ? { requeueAfter: sync.requeue } : undefined;
  }
}

/**
 * shouldIgnoreNodeUpdate: the same conditions are True and nothing else changed but the
 * resourceVersion, the conditions' timestamps and (stripped from kube-controller-manager's informers)
 * managedFields.
 */
function shouldIgnoreNodeUpdate(old: Node, cur: Node): boolean {
  const trueTypes = (n: Node) =>
    (n.status?.conditions ?? []).filter((c) => c.status === "True").map((c) => c.type).sort().join(",");
  if (trueTypes(old) !== trueTypes(cur)) return false;
  const strip = (n: Node) => {
    const { resourceVersion: _rv, managedFields: _mf, ...metadata } = n.metadata ?? {};
    return JSON.stringify({ ...n, metadata, status: { ...n.status, conditions: undefined } });
  };
  return strip(old) === strip(cur);
}
