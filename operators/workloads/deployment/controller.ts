/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go). Handlers only enqueue
 * deployment keys: a deployment's own events, its ReplicaSets' (by controller reference; an orphan
 * ReplicaSet enqueues every deployment that selects it), and the deletion of a pod of one of its
 * ReplicaSets (a Recreate rollout waits for those). `syncDeployment` is the ordered dispatcher:
 * deleted → status only; paused condition; paused → scale only; rollback request; resized → scale;
 * then the strategy.
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
  isConflict,
  objectKey,
  podsResource,
  type ReconcileContext,
  type ReconcileResult,
  type Runnable,
} from "@skiff/sdk";
import type { Deployment } from "../api/deployment.ts";
import type { ReplicaSet } from "../api/replica_set.ts";
import { claimObjects, patchOwners } from "../controller/claim.ts";
import { resolveControllerRef } from "../controller/resolve.ts";
import { runWithHandlers } from "../controller/run.ts";
import { deploymentsResource, replicaSetsResource } from "../resources.ts";
import { isEmptySelector, matchesSelector } from "../selector/selector.ts";
import { asObject, type DeploymentSync, writeStatus } from "./context.ts";
import { syncDeploymentStatus } from "./progress.ts";
import { rolloutRecreate } from "./recreate.ts";
import { rollback, rollbackTo } from "./rollback.ts";
import { allReplicaSets } from "./replicasets.ts";
import { rolloutRolling } from "./rolling.ts";
import { checkPausedConditions, isScalingEvent, syncScaleOrPaused } from "./sync.ts";

/**
 * The deployment controller as a manager Runnable.
 *
 * @example
 * ```ts
 * import { DeploymentController } from "@skiff/workloads";
 *
 * manager.add(new DeploymentController());
 * ```
 */
export class DeploymentController implements Runnable {
  readonly name = "deployment";
  #controller: Controller<Deployment>;
  #deployments?: Informer<Deployment>;
  #replicaSets?: Informer<ReplicaSet>;
  #pods?: Informer<Pod>;
  #recorder?: EventRecorder;

  constructor(options: { workers?: number } = {}) {
    this.#controller = new Controller<Deployment>({
      name: "deployment",
      for: deploymentsResource,
      maxConcurrentReconciles: options.workers ?? 5,
      reconcile: (key, ctx) => this.#sync(key, ctx),
    });
  }

  /** Called by the manager: asks for the informers before they start. */
  setup(runtime: ControllerRuntime): void {
    this.#controller.setup(runtime);
    // Events say "deployment-controller", as kube-controller-manager's do.
    this.#recorder = runtime.recorderFor?.("deployment-controller");
    this.#deployments = runtime.informers.informerFor(deploymentsResource);
    this.#replicaSets = runtime.informers.informerFor(replicaSetsResource);
    this.#pods = runtime.informers.informerFor(podsResource);
  }

  /** Runs until the signal aborts. */
  async start(signal: AbortSignal): Promise<void> {
    await runWithHandlers(this.#controller, signal, () => [
      this.#replicaSets!.addEventHandler({
        onAdd: (rs) => this.#replicaSetChanged(rs),
        onUpdate: (old, cur) => {
          if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
          if (getControllerOf(old)?.uid !== getControllerOf(cur)?.uid) this.#replicaSetChanged(old);
          this.#replicaSetChanged(cur);
        },
        onDelete: (rs) => this.#replicaSetChanged(rs),
      }),
      this.#pods!.addEventHandler({ onDelete: (pod) => this.#podDeleted(pod) }),
    ]);
  }

  #enqueue(d: Deployment): void {
    this.#controller.queue?.add(objectKey(d));
  }

  /** The deployment a controller reference names, when the uid matches. */
  #owner(obj: { metadata?: { namespace?: string } } & Record<string, unknown>): Deployment | undefined {
    return resolveControllerRef(
      this.#deployments,
      obj.metadata?.namespace,
      getControllerOf(obj),
      "Deployment",
    );
  }

  #replicaSetChanged(rs: ReplicaSet): void {
    if (getControllerOf(rs)) {
      const d = this.#owner(rs);
      if (d) this.#enqueue(d);
      return;
    }
    // An orphan: deployments that select it may adopt it.
    for (const d of this.#deployments?.store.byIndex("namespace", rs.metadata?.namespace ?? "") ?? []) {
      const selector = d.spec?.selector;
      if (selector && !isEmptySelector(selector) && matchesSelector(selector, rs.metadata?.labels ?? {})) {
        this.#enqueue(d);
      }
    }
  }

  #podDeleted(pod: Pod): void {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== "ReplicaSet") return;
    const rs = this.#replicaSets?.store.get(`${pod.metadata?.namespace}/${ref.name}`);
    if (!rs || rs.metadata?.uid !== ref.uid) return;
    const d = this.#owner(rs);
    // Only a Recreate rollout waits for old pods to be gone.
    if (d && d.spec?.strategy?.type === "Recreate") this.#enqueue(d);
  }

  async #sync(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    try {
      return await this.#syncDeployment(key, ctx);
    } catch (e) {
      // A write lost a race with another writer (a ReplicaSet's status, a user): read again and redo.
      if (isConflict(e)) return { requeue: true };
      throw e;
    }
  }

  async #syncDeployment(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    const cached = this.#deployments!.store.get(key);
    if (!cached) return;
    const d = asObject(structuredClone(cached));
    const namespace = d.metadata!.namespace!;
    const deployments = ctx.client.resource(deploymentsResource).namespace(namespace);
    const replicaSets = ctx.client.resource(replicaSetsResource).namespace(namespace);
    const sync: DeploymentSync = {
      d,
      rsList: [],
      podsByRS: new Map(),
      deployments,
      replicaSets,
      recorder: this.#recorder ?? ctx.recorder,
      log: ctx.log,
    };
    if (isEmptySelector(d.spec?.selector)) {
      // A selector that selects everything would fight every other controller: only say we saw it.
      await sync.recorder.event(
        d,
        "Warning",
        "SelectingAll",
        "This deployment is selecting all pods. A non-empty selector is required.",
      );
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        await writeStatus(sync, { ...d.status, observedGeneration: d.metadata?.generation });
      }
      return;
    }
    sync.rsList = await claimObjects(this.#replicaSets!.store.byIndex("namespace", namespace), {
      owner: d,
      matches: (rs) => matchesSelector(d.spec?.selector, rs.metadata?.labels ?? {}),
      setOwners: patchOwners(replicaSets),
      async canAdopt() {
        const fresh = await deployments.get(d.metadata!.name!);
        if (fresh.metadata?.uid !== d.metadata?.uid || fresh.metadata?.deletionTimestamp) {
          throw new Error(`deployment ${key} is gone or being deleted`);
        }
      },
    });
    sync.rsList = sync.rsList.map((rs) => structuredClone(rs));
    for (const rs of sync.rsList) {
      const uid = rs.metadata?.uid ?? "";
      sync.podsByRS.set(uid, []);
    }
    for (const pod of this.#pods!.store.byIndex("namespace", namespace)) {
      const ref = getControllerOf(pod);
      if (ref && sync.podsByRS.has(ref.uid)) sync.podsByRS.get(ref.uid)!.push(pod);
    }

    if (d.metadata?.deletionTimestamp) {
      const { newRS, oldRSs } = await allReplicaSets(sync, false);
      await syncDeploymentStatus(sync, [...oldRSs, newRS], newRS);
      return;
    }
    await checkPausedConditions(sync);
    if (sync.d.spec?.paused) {
      await syncScaleOrPaused(sync);
      return;
    }
    // Not re-entrant: until the request is cleared no ReplicaSet is scaled.
    if (rollbackTo(sync.d) !== undefined) {
      await rollback(sync);
      return;
    }
    if (isScalingEvent(sync)) {
      await syncScaleOrPaused(sync);
      return;
    }
    const after = sync.d.spec?.strategy?.type === "Recreate"
      ? await rolloutRecreate(sync)
      : await rolloutRolling(sync);
    return after ? { requeueAfter: after } : undefined;
  }
}
