/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps `spec.replicas` pods
 * that match a set's selector. Pod handlers only record what they saw against the set's expectations
 * and enqueue set keys; `syncReplicaSet` does the work: claim pods (adopt orphans, release pods that
 * stopped matching), create or delete the difference when expectations are met, write the status.
 * ReplicationControllers run the same code with their selector map as matchLabels.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import {
  Controller,
  type ControllerRuntime,
  type EventRecorder,
  getControllerOf,
  type Informer,
  objectKey,
  podsResource,
  type ReconcileContext,
  type ReconcileResult,
  type Runnable,
} from "@skiff/sdk";
import { Expectations } from "../controller/expectations.ts";
import { isPodReady } from "../controller/pods.ts";
import { resolveControllerRef } from "../controller/resolve.ts";
import { runWithHandlers } from "../controller/run.ts";
import { matchesSelector } from "../selector/selector.ts";
import { syncReplicaSet } from "./sync.ts";
import type { ReplicaKind, ReplicaObject } from "./types.ts";

/**
 * Options of a {@link ReplicaSetController}.
 *
 * @example
 * ```ts
 * const options: ReplicaSetControllerOptions = { burstReplicas: 500, workers: 5 };
 * ```
 */
export interface ReplicaSetControllerOptions {
  /** Most pods created or deleted in one sync (Kubernetes' BurstReplicas, 500). */
  burstReplicas?: number;
  /** Workers (kube-controller-manager's --concurrent-replicaset-syncs, 5). */
  workers?: number;
}

/**
 * The controller as a manager Runnable.
 *
 * @example
 * ```ts
 * import { ReplicaSetController, replicaSetKind } from "@skiff/workloads";
 *
 * manager.add(new ReplicaSetController(replicaSetKind));
 * ```
 */
export class ReplicaSetController implements Runnable {
  readonly name: string;
  readonly expectations = new Expectations();
  readonly burstReplicas: number;
  #controller: Controller<ReplicaObject>;
  #pods?: Informer<Pod>;
  #sets?: Informer<ReplicaObject>;
  #recorder?: EventRecorder;

  constructor(readonly kind: ReplicaKind, options: ReplicaSetControllerOptions = {}) {
    this.name = kind.name;
    this.burstReplicas = options.burstReplicas ?? 500;
    this.#controller = new Controller<ReplicaObject>({
      name: kind.name,
      for: kind.resource,
      maxConcurrentReconciles: options.workers ?? 5,
      reconcile: (key, ctx) => this.#reconcile(key, ctx),
    });
  }

  /** Called by the manager: asks for the informers before they start. */
  setup(runtime: ControllerRuntime): void {
    this.#controller.setup(runtime);
    this.#recorder = runtime.recorderFor?.(this.kind.component);
    this.#pods = runtime.informers.informerFor(podsResource);
    this.#sets = runtime.informers.informerFor(this.kind.resource);
  }

  /** Runs until the signal aborts. */
  async start(signal: AbortSignal): Promise<void> {
    await runWithHandlers(this.#controller, signal, () => [
      this.#pods!.addEventHandler({
        onAdd: (pod) => this.#addPod(pod),
        onUpdate: (old, cur) => this.#updatePod(old, cur),
        onDelete: (pod) => this.#deletePod(pod),
      }),
    ]);
  }

  #enqueue(key: string, afterMs = 0): void {
    const queue = this.#controller.queue;
    if (afterMs > 0) queue?.addAfter(key, afterMs);
    else queue?.add(key);
  }

  /** The set a controller reference names, if it is one of ours with that uid (resolveControllerRef). */
  #resolve(namespace: string, pod: Pod): ReplicaObject | undefined {
    return resolveControllerRef(this.#sets, namespace, getControllerOf(pod), this.kind.resource.kind);
  }

  /** getPodReplicaSets: the sets whose selector matches an orphan pod. */
  #setsSelecting(pod: Pod): ReplicaObject[] {
    const ns = pod.metadata?.namespace ?? "";
    return (this.#sets?.store.byIndex("namespace", ns) ?? []).filter((set) => {
      const selector = this.kind.selectorOf(set);
      const empty = !selector ||
        Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
      return !empty && matchesSelector(selector, pod.metadata?.labels ?? {});
    });
  }

  #addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) {
      // A pod that shows up already being deleted (a relist after a restart) counts as a deletion.
      this.#deletePod(pod);
      return;
    }
    const ns = pod.metadata?.namespace ?? "";
    if (getControllerOf(pod)) {
      const set = this.#resolve(ns, pod);
      if (!set) return;
      const key = objectKey(set);
      this.expectations.creationObserved(key);
      this.#enqueue(key);
      return;
    }
    // An orphan: every matching set gets a chance to adopt it.
    for (const set of this.#setsSelecting(pod)) this.#enqueue(objectKey(set));
  }

  #updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelsChanged = JSON.stringify(old.metadata?.labels ?? {}) !==
      JSON.stringify(cur.metadata?.labels ?? {});
    if (cur.metadata?.deletionTimestamp) {
      // Graceful deletion: the set may replace the pod now rather than when the kubelet is done.
      this.#deletePod(cur);
      if (labelsChanged) this.#deletePod(old);
      return;
    }
    const ns = cur.metadata?.namespace ?? "";
    const oldRef = getControllerOf(old);
    const curRef = getControllerOf(cur);
    const refChanged = oldRef?.uid !== curRef?.uid;
    if (refChanged && oldRef) {
      const oldSet = this.#resolve(ns, old);
      if (oldSet) this.#enqueue(objectKey(oldSet));
    }
    if (curRef) {
      const set = this.#resolve(ns, cur);
      if (!set) return;
      const key = objectKey(set);
      this.#enqueue(key);
      // A pod that just became ready becomes available minReadySeconds later: look again then.
      const minReady = set.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.#enqueue(key, minReady * 1000 + 1);
      return;
    }
    if (labelsChanged || refChanged) {
      for (const set of this.#setsSelecting(cur)) this.#enqueue(objectKey(set));
    }
  }

  #deletePod(pod: Pod): void {
    const set = this.#resolve(pod.metadata?.namespace ?? "", pod);
    if (!set) return;
    const key = objectKey(set);
    this.expectations.deletionObserved(key, objectKey(pod));
    this.#enqueue(key);
  }

  #reconcile(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    return syncReplicaSet(key, {
      ...ctx,
      recorder: this.#recorder ?? ctx.recorder,
      kind: this.kind,
      expectations: this.expectations,
      burstReplicas: this.burstReplicas,
      pods: this.#pods!,
      sets: this.#sets!,
    });
  }
}
