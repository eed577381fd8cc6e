/**
 * The scheduling loop, as kube-scheduler runs it (pkg/scheduler/schedule_one.go): informers on pods,
 * nodes and namespaces keep a Snapshot current and feed a SchedulingQueue with the pending pods this
 * scheduler is responsible for (spec.schedulerName "default-scheduler" or unset, no nodeName, not being
 * deleted). One pod at a time is scheduled; a chosen node is assumed at once and the binding (POST
 * pods/NAME/binding) is written asynchronously while the next pod is scheduled, as the binding cycle's
 * goroutine does. A pod that fits nowhere keeps PodScheduled=False (reason Unschedulable, the fit error
 * as message) and gets a FailedScheduling Warning Event; a bound pod a Scheduled Normal Event.
 *
 * @module
 */
import { setImmediate } from "node:timers";
import type { Namespace, Node, Pod } from "@skiff/kinds";
import {
  type EventRecorder,
  formatTime,
  type Informer,
  isConflict,
  isNotFound,
  type Logger,
  namespacesResource,
  nodesResource,
  type OperatorContext,
  podsResource,
  type ResourceClient,
  type Runnable,
} from "@skiff/sdk";
import { Scheduler, type SchedulerOptions } from "../schedule.ts";
import { Snapshot } from "../snapshot.ts";
import { AssumeCache } from "./cache.ts";
import { podKeyOf, type QueuedPodInfo, SchedulingQueue, type SchedulingQueueOptions } from "./queue.ts";

/** The scheduler name pods get by default, and the Events' source component. */
export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

/** How a scheduler controller is set up. */
export interface SchedulerControllerOptions {
  /** The spec.schedulerName it serves; "default-scheduler". */
  schedulerName?: string;
  /** Bindings written at once before the loop waits for one to finish; 100. */
  maxInFlightBindings?: number;
  /** How long a bound pod stays assumed without its informer event; 15 minutes. */
  assumedPodTtlMs?: number;
  /** Queue timings (backoff 1 s to 10 s, unschedulable flush 5 min). */
  queue?: SchedulingQueueOptions;
  /** The algorithm's options (tie-breaking randomness, percentageOfNodesToScore). */
  scheduler?: SchedulerOptions;
  /** Told about each binding written, with the time since the pod entered the queue. */
  onBound?: (pod: Pod, node: string, queuedMs: number) => void;
}

/** The scheduling loop never hogs the event loop longer than this, so informer events keep flowing. */
const YIELD_EVERY_MS = 20;

/**
 * The scheduler as a manager Runnable (see the module doc).
 *
 * @example
 * ```ts
 * import { Manager } from "@skiff/sdk";
 * import { SchedulerController } from "@skiff/scheduler";
 *
 * const manager = new Manager({ client });
 * manager.add(new SchedulerController(manager));
 * await manager.start(signal);
 * ```
 */
export class SchedulerController implements Runnable {
  readonly name: string = "scheduler";
  readonly snapshot: Snapshot = new Snapshot();
  readonly queue: SchedulingQueue;
  readonly cache: AssumeCache;
  readonly #scheduler: Scheduler;
  readonly #pods: Informer<Pod>;
  readonly #client: OperatorContext["client"];
  readonly #podsApi: ResourceClient<Pod>;
  readonly #recorder: EventRecorder;
  readonly #log: Logger;
  readonly #schedulerName: string;
  readonly #maxInFlight: number;
  readonly #onBound?: SchedulerControllerOptions["onBound"];

  constructor(ctx: OperatorContext, options: SchedulerControllerOptions = {}) {
    this.#schedulerName = options.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.#maxInFlight = options.maxInFlightBindings ?? 100;
    this.#onBound = options.onBound;
    this.queue = new SchedulingQueue(options.queue);
    this.cache = new AssumeCache(this.snapshot, { ttlMs: options.assumedPodTtlMs });
    this.#scheduler = new Scheduler(options.scheduler);
    this.#client = ctx.client;
    this.#podsApi = ctx.client.resource(podsResource);
    this.#recorder = ctx.recorderFor(DEFAULT_SCHEDULER_NAME);
    this.#log = ctx.log.with({ controller: "scheduler" });

    const nodes = ctx.informers.informerFor(nodesResource);
    nodes.addEventHandler({
      onAdd: (node) => {
        this.snapshot.addNode(node);
        this.queue.moveAllToActiveOrBackoff();
      },
      onUpdate: (old, node) => {
        this.snapshot.updateNode(node);
        // Heartbeats and status reports change nothing the filters read; only real changes move pods.
        if (schedulingPropertiesChanged(old, node)) this.queue.moveAllToActiveOrBackoff();
      },
      onDelete: (node) => this.snapshot.removeNode(node.metadata?.name ?? ""),
    });
    const namespaces = ctx.informers.informerFor(namespacesResource);
    namespaces.addEventHandler({
      onAdd: (ns: Namespace) => this.snapshot.setNamespace(ns),
      onUpdate: (_old: Namespace, ns: Namespace) => this.snapshot.setNamespace(ns),
      onDelete: (ns: Namespace) => this.snapshot.removeNamespace(ns.metadata?.name ?? ""),
    });
    this.#pods = ctx.informers.informerFor(podsResource);
    this.#pods.addEventHandler({
      onAdd: (pod) => this.#podAdded(pod),
      onUpdate: (old, pod) => this.#podUpdated(old, pod),
      onDelete: (pod) => this.#podDeleted(pod),
    });
  }

  /** Whether this scheduler should schedule a pod: ours, pending, not being deleted. */
  responsibleFor(pod: Pod): boolean {
    return !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp &&
      (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.#schedulerName;
  }

  /** Schedules pods until the signal aborts; bindings in flight are awaited before it resolves. */
  async start(signal: AbortSignal): Promise<void> {
    // Pods that arrived while another replica led (or before the start) are in the informer's store.
    for (const pod of this.#pods.store.list()) {
      if (this.responsibleFor(pod) && !this.cache.isAssumed(podKeyOf(pod))) this.queue.add(pod);
    }
    const cleanup = setInterval(() => this.cache.cleanupExpired(), 1000);
    const bindings = new Set<Promise<void>>();
    let lastYield = performance.now();
    try {
      for (;;) {
        const info = await this.queue.pop(signal);
        if (!info) break;
        this.#scheduleOne(info, bindings);
        while (bindings.size >= this.#maxInFlight) await Promise.race(bindings);
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          // setImmediate, not setTimeout(0): both let pending I/O run first, but Deno's setTimeout(0)
          // fires ~2.2 ms later even when nothing waits, an idle gap every 20 ms; setImmediate ~0.03 ms.
          await new Promise((r) => setImmediate(r));
          lastYield = performance.now();
        }
      }
    } finally {
      clearInterval(cleanup);
      await Promise.allSettled(bindings);
    }
  }

  /** One scheduling cycle; the binding cycle it may start is added to `bindings`. */
  #scheduleOne(info: QueuedPodInfo, bindings: Set<Promise<void>>): void {
    // The informer's object is the newest we know; skip pods bound, deleted or assumed meanwhile.
    const pod = this.#pods.store.get(info.key);
    if (!pod || !this.responsibleFor(pod) || this.cache.isAssumed(info.key)) {
      this.queue.done(info.key);
      return;
    }
    info.pod = pod;
    const result = this.#scheduler.schedule(pod, this.snapshot);
    if (result.node === undefined) {
      // No nodes at all (ErrNoNodesAvailable) is UnschedulableAndUnresolvable in Kubernetes: reason
      // Unschedulable too, and the pod waits for a node to appear.
      this.#recordFailure(pod, "Unschedulable", result.fitError.message);
      this.queue.addUnschedulable(info, info.cycle);
      return;
    }
    const node = result.node;
    const assumed: Pod = { ...pod, spec: { ...pod.spec!, nodeName: node } };
    this.cache.assume(assumed);
    const binding = this.#bind(info, assumed, node).finally(() => bindings.delete(binding));
    bindings.add(binding);
  }

  /** The binding cycle: POST the Binding; on failure forget the assumed pod and try again later. */
  async #bind(info: QueuedPodInfo, pod: Pod, node: string): Promise<void> {
    const { namespace = "", name = "", uid } = pod.metadata ?? {};
    try {
      await this.#client.json("POST", this.#podsApi.path(name, "binding", namespace), {
        body: {
          apiVersion: "v1",
          kind: "Binding",
          metadata: { name, namespace, ...(uid ? { uid } : {}) },
          target: { apiVersion: "v1", kind: "Node", name: node },
        },
      });
    } catch (error) {
      if (this.cache.forget(info.key)) this.queue.moveAllToActiveOrBackoff();
      await this.#bindingFailed(info, pod, error);
      return;
    }
    this.cache.finishBinding(info.key);
    this.queue.done(info.key);
    this.#onBound?.(pod, node, Date.now() - info.initialAttemptTimestamp);
    this.#recorder.event(
      podRef(pod),
      "Normal",
      "Scheduled",
      `Successfully assigned ${namespace}/${name} to ${node}`,
    );
  }

  async #bindingFailed(info: QueuedPodInfo, pod: Pod, error: unknown): Promise<void> {
    // Kubernetes looks the pod up before requeueing it: one bound by someone else (a 409 for "already
    // assigned") or gone is not tried again, and is not marked unscheduled.
    if (isConflict(error) || isNotFound(error)) {
      const current = await this.#podsApi.namespace(pod.metadata!.namespace!).get(pod.metadata!.name!).catch(
        () => undefined,
      );
      if (!current || current.spec?.nodeName || current.metadata?.deletionTimestamp) {
        this.queue.done(info.key);
        return;
      }
    }
    const message = (error as Error)?.message ?? String(error);
    this.#log.error("Error scheduling pod; retrying", { pod: info.key, error: message });
    this.#recordFailure(pod, "SchedulerError", message);
    this.queue.addBackoff(info);
  }

  /** FailedScheduling Event, and PodScheduled=False when the condition is not already the same. */
  #recordFailure(pod: Pod, reason: string, message: string): void {
    this.#recorder.event(podRef(pod), "Warning", "FailedScheduling", message);
    const current = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
    if (current?.status === "False" && current.reason === reason && current.message === message) return;
    const condition = {
      type: "PodScheduled",
      status: "False",
      lastProbeTime: null,
      lastTransitionTime: current?.status === "False" && current.lastTransitionTime
        ? current.lastTransitionTime
        : formatTime(new Date()),
      reason,
      message,
    };
    const { namespace = "", name = "" } = pod.metadata ?? {};
    this.#podsApi.namespace(namespace).patchStatus(name, { status: { conditions: [condition] } }, {
      type: "strategic",
    }).catch((error) => {
      if (!isNotFound(error)) {
        this.#log.error("Error updating pod", { pod: `${namespace}/${name}`, error: error?.message });
      }
    });
  }

  #podAdded(pod: Pod): void {
    if (pod.spec?.nodeName) {
      this.queue.delete(podKeyOf(pod));
      if (!this.cache.confirm(pod)) this.queue.moveAllToActiveOrBackoff();
    } else if (this.responsibleFor(pod)) this.queue.add(pod);
  }

  #podUpdated(old: Pod, pod: Pod): void {
    const key = podKeyOf(pod);
    if (pod.spec?.nodeName) {
      this.queue.delete(key);
      const wasAssumed = this.cache.confirm(pod);
      // A pod finishing or relabelled frees room or changes affinity; our own bindings change nothing new.
      if (!wasAssumed && (terminal(pod) !== terminal(old) || labelsDiffer(old, pod))) {
        this.queue.moveAllToActiveOrBackoff();
      }
    } else if (this.responsibleFor(pod)) this.queue.update(old, pod);
    else this.queue.delete(key);
  }

  #podDeleted(pod: Pod): void {
    const key = podKeyOf(pod);
    this.queue.delete(key);
    const forgotten = this.cache.forget(key);
    if (pod.spec?.nodeName || forgotten) {
      this.snapshot.removePod(pod);
      this.queue.moveAllToActiveOrBackoff();
    }
  }
}

/** The reference Events make to a pod (informer objects may lack apiVersion and kind). */
function podRef(pod: Pod) {
  return { ...pod, apiVersion: "v1", kind: "Pod" };
}

function terminal(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

function labelsDiffer(a: Pod | Node, b: Pod | Node): boolean {
  return JSON.stringify(a.metadata?.labels ?? {}) !== JSON.stringify(b.metadata?.labels ?? {});
}

/** nodeSchedulingPropertiesChange: unschedulable, allocatable, labels, taints (and images, conditions aside). */
function schedulingPropertiesChanged(old: Node, node: Node): boolean {
  return old.spec?.unschedulable !== node.spec?.unschedulable ||
    labelsDiffer(old, node) ||
    JSON.stringify(old.spec?.taints ?? []) !== JSON.stringify(node.spec?.taints ?? []) ||
    JSON.stringify(old.status?.allocatable ?? {}) !== JSON.stringify(node.status?.allocatable ?? {});
}
