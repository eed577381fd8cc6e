/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set.go). Handlers only enqueue set
 * keys: a set's own events (the SDK controller's), and its pods' by controller reference (an orphan pod
 * enqueues every set that selects it; a pod that just became Ready enqueues its set again once
 * minReadySeconds have passed). `sync` adopts orphan ControllerRevisions, claims pods (by selector and by
 * name: only `SET-N` pods), and hands them to {@link StatefulSetControl}.
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
import type { ControllerRevision } from "../api/controller_revision.ts";
import type { StatefulSet } from "../api/stateful_set.ts";
import { claimObjects, patchOwners } from "../controller/claim.ts";
import { isPodReady } from "../controller/pods.ts";
import { resolveControllerRef } from "../controller/resolve.ts";
import { runWithHandlers } from "../controller/run.ts";
import { RevisionHistory } from "../history/history.ts";
import { controllerRevisionsResource, statefulSetsResource } from "../resources.ts";
import { isEmptySelector, matchesSelector } from "../selector/selector.ts";
import { StatefulSetControl } from "./control.ts";
import { StatefulPodControl } from "./pod_control.ts";
import { isMemberOf, STATEFUL_SET_KIND } from "./utils.ts";

/**
 * The StatefulSet controller as a manager Runnable.
 *
 * @example
 * ```ts
 * import { StatefulSetController } from "@skiff/workloads";
 *
 * manager.add(new StatefulSetController());
 * ```
 */
export class StatefulSetController implements Runnable {
  readonly name = "statefulset";
  #controller: Controller<StatefulSet>;
  #sets?: Informer<StatefulSet>;
  #pods?: Informer<Pod>;
  #revisions?: Informer<ControllerRevision>;
  #recorder?: EventRecorder;
  /** Kept across syncs: it remembers for a while that PersistentVolumeClaims are not served. */
  #podControl?: StatefulPodControl;

  constructor(options: { workers?: number } = {}) {
    this.#controller = new Controller<StatefulSet>({
      name: "statefulset",
      for: statefulSetsResource,
      // kube-controller-manager's --concurrent-statefulset-syncs.
      maxConcurrentReconciles: options.workers ?? 5,
      reconcile: (key, ctx) => this.#sync(key, ctx),
    });
  }

  /** Called by the manager: asks for the informers before they start. */
  setup(runtime: ControllerRuntime): void {
    this.#controller.setup(runtime);
    this.#recorder = runtime.recorderFor?.("statefulset-controller");
    this.#sets = runtime.informers.informerFor(statefulSetsResource);
    this.#pods = runtime.informers.informerFor(podsResource);
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
    ]);
  }

  #enqueue(set: StatefulSet, afterMs = 0): void {
    const queue = this.#controller.queue;
    if (afterMs > 0) queue?.addAfter(objectKey(set), afterMs);
    else queue?.add(objectKey(set));
  }

  /** resolveControllerRef: the set a pod's controller reference names, when the uid matches. */
  #resolve(pod: Pod): StatefulSet | undefined {
    return resolveControllerRef(
      this.#sets,
      pod.metadata?.namespace,
      getControllerOf(pod),
      STATEFUL_SET_KIND.kind,
    );
  }

  /** getPodStatefulSets: the sets whose selector matches an orphan pod. */
  #setsSelecting(pod: Pod): StatefulSet[] {
    return (this.#sets?.store.byIndex("namespace", pod.metadata?.namespace ?? "") ?? []).filter((set) =>
      !isEmptySelector(set.spec?.selector) && matchesSelector(set.spec?.selector, pod.metadata?.labels ?? {})
    );
  }

  #addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.#deletePod(pod);
    if (getControllerOf(pod)) {
      const set = this.#resolve(pod);
      if (set) this.#enqueue(set);
      return;
    }
    for (const set of this.#setsSelecting(pod)) this.#enqueue(set);
  }

  #updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelsChanged =
      JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {});
    const oldRef = getControllerOf(old);
    const curRef = getControllerOf(cur);
    const refChanged = JSON.stringify(oldRef) !== JSON.stringify(curRef);
    if (refChanged && oldRef) {
      const set = this.#resolve(old);
      if (set) this.#enqueue(set);
    }
    if (curRef) {
      const set = this.#resolve(cur);
      if (!set) return;
      this.#enqueue(set);
      const minReady = set.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.#enqueue(set, minReady * 1000 + 1000);
      return;
    }
    if (labelsChanged || refChanged) { for (const set of this.#setsSelecting(cur)) this.#enqueue(set); }
  }

  #deletePod(pod: Pod): void {
    const set = this.#resolve(pod);
    if (set) this.#enqueue(set);
  }

  async #sync(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    const cached = this.#sets!.store.get(key);
    if (!cached) return;
    const set: StatefulSet = {
      ...structuredClone(cached),
      apiVersion: STATEFUL_SET_KIND.apiVersion,
      kind: STATEFUL_SET_KIND.kind,
    };
    const namespace = set.metadata!.namespace!;
    const recorder = this.#recorder ?? ctx.recorder;
    const sets = ctx.client.resource(statefulSetsResource).namespace(namespace);
    const pods = ctx.client.resource(podsResource).namespace(namespace);
    const history = new RevisionHistory(ctx.client, this.#revisions!);
    const control = new StatefulSetControl({
      client: ctx.client,
      podControl: this.#podControl ??= new StatefulPodControl(ctx.client, recorder),
      history,
      log: ctx.log,
      cached: (ns, name) => this.#sets?.store.get(`${ns}/${name}`),
    });
    // RecheckDeletionTimestamp: adopting needs the set as the API has it now, not as cached.
    const canAdopt = async () => {
      const fresh = await sets.get(set.metadata!.name!);
      if (fresh.metadata?.uid !== set.metadata?.uid) {
        throw new Error(
          `original StatefulSet ${key} is gone: got uid ${fresh.metadata?.uid}, wanted ${set.metadata?.uid}`,
        );
      }
      if (fresh.metadata?.deletionTimestamp) throw new Error(`StatefulSet ${key} has just been deleted`);
    };

    // adoptOrphanRevisions.
    const orphans = control.listRevisions(set).filter((r) => !getControllerOf(r));
    if (orphans.length > 0) {
      try {
        await canAdopt();
      } catch (e) {
        throw new Error(`can't adopt ControllerRevisions: ${(e as Error).message}`);
      }
      for (const r of orphans) await history.adoptControllerRevision(set, STATEFUL_SET_KIND, r);
    }

    // getPodsForStatefulSet: every pod of the namespace, so pods that stopped matching are released.
    const claimed = await claimObjects(this.#pods!.store.byIndex("namespace", namespace), {
      owner: set,
      matches: (pod) =>
        matchesSelector(set.spec?.selector, pod.metadata?.labels ?? {}) && isMemberOf(set, pod),
      setOwners: patchOwners(pods),
      canAdopt,
    });

    const status = await control.updateStatefulSet(set, claimed.map((p) => structuredClone(p)));
    // One more look once pods that are Ready have been for minReadySeconds.
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && status && (status.availableReplicas ?? 0) !== (set.spec?.replicas ?? 1)) {
      return { requeueAfter: minReady * 1000 };
    }
  }
}
