/**
 * The controller: watches a kind (and the kinds it owns or maps from), turns every event into a key on a
 * rate-limited work queue, and runs `reconcile(key)` on up to `maxConcurrentReconciles` workers, as
 * controller-runtime's controller does. Level-based: handlers only enqueue "NAMESPACE/NAME" keys, the
 * reconciler reads the current state itself, and one key never runs twice at once.
 *
 * @module
 */
import type { SharedInformerFactory } from "../cache/factory.ts";
import type { Client } from "../client/client.ts";
import { eventsResource } from "../client/resources.ts";
import { type KubeObject, objectKey, type ResourceRef } from "../client/types.ts";
import { EventRecorder, type EventsClient, eventSinkFrom } from "../helpers/event_recorder.ts";
import type { EventHandlers, Informer } from "../informer/informer.ts";
import type { ManagerMetrics, ReconcileOutcome } from "../metrics/manager_metrics.ts";
import type { RateLimiter } from "../workqueue/rate_limiter.ts";
import { RateLimitingQueue } from "../workqueue/rate_limiting_queue.ts";
import { CacheReader } from "./cache_reader.ts";
import { isTerminalError } from "./errors.ts";
import { jsonLogger, type Logger } from "./logger.ts";
import { passes, type Predicate } from "./predicates.ts";

/**
 * What a reconcile answers: nothing (done), `requeue: true` (again, with the key's backoff), or
 * `requeueAfter` milliseconds (again after that long, backoff reset).
 *
 * @example
 * ```ts
 * const result: ReconcileResult = { requeueAfter: 30_000 }; // re-check in 30 s
 * ```
 */
export interface ReconcileResult {
  requeue?: boolean;
  requeueAfter?: number;
}

/**
 * What a reconcile gets besides its key.
 *
 * @example
 * ```ts
 * async function reconcile(key: string, ctx: ReconcileContext) {
 *   const widget = ctx.cache.get(widgetsResource, key);
 *   if (!widget) return; // deleted
 *   ctx.recorder.event(widget, "Normal", "Synced", "widget is in sync");
 * }
 * ```
 */
export interface ReconcileContext {
  /** The controller's name. */
  controller: string;
  client: Client;
  /** The shared informers' stores. */
  cache: CacheReader;
  /** Carries controller, key, namespace, name and reconcileID. */
  log: Logger;
  recorder: EventRecorder;
  /** Aborts when the controller stops (shutdown, or lost leadership). */
  signal: AbortSignal;
}

/**
 * Another kind whose events enqueue keys of the controller's kind, through `mapFn`.
 *
 * @example
 * ```ts
 * const source: WatchSource<Pod> = {
 *   resource: podsResource,
 *   mapFn: (pod) => pod.metadata?.labels?.["widget"] ? [`${pod.metadata.namespace}/${pod.metadata.labels["widget"]}`] : [],
 * };
 * ```
 */
export interface WatchSource<U = KubeObject> {
  resource: ResourceRef<U>;
  /** The keys ("NAMESPACE/NAME" or "NAME") to reconcile for this object. */
  mapFn(obj: U): string[];
  predicates?: Predicate<U>[];
}

/**
 * An owned kind, with predicates of its own if needed.
 *
 * @example
 * ```ts
 * const owned: OwnedSource = { resource: configMapsResource, predicates: [labelsChanged] };
 * ```
 */
export interface OwnedSource<U = KubeObject> {
  resource: ResourceRef<U>;
  predicates?: Predicate<U>[];
}

/**
 * Options of a {@link Controller}.
 *
 * @example
 * ```ts
 * const options: ControllerOptions<KubeObject> = {
 *   name: "widget",
 *   for: widgetsResource,
 *   owns: [configMapsResource],
 *   predicates: [generationChanged],
 *   reconcile: async (key, ctx) => ({ requeueAfter: 60_000 }),
 * };
 * ```
 */
export interface ControllerOptions<T> {
  /** Unique within a manager; names the work queue, metrics and logs. */
  name: string;
  /** The kind reconciled: its events enqueue the object's own key. */
  for: ResourceRef<T>;
  /** Kinds whose objects' controller owner (ownerReference with controller: true) is of kind `for`. */
  // deno-lint-ignore no-explicit-any
  owns?: (ResourceRef<any> | OwnedSource<any>)[];
  // deno-lint-ignore no-explicit-any
  watches?: WatchSource<any>[];
  /** Filters the events of the `for` kind (all must pass); owned and watched kinds have their own. */
  predicates?: Predicate<T>[];
  reconcile(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void>;
  /** Workers; default 1. */
  maxConcurrentReconciles?: number;
  /** Per-key backoff; default 5 ms doubling to 1000 s, with an overall 10 qps bucket. */
  rateLimiter?: RateLimiter<string>;
}

/**
 * What a controller needs of its manager (see `Manager`); tests may build it themselves.
 *
 * @example
 * ```ts
 * const runtime: ControllerRuntime = { client, informers: new SharedInformerFactory(client) };
 * ```
 */
export interface ControllerRuntime {
  client: Client;
  informers: SharedInformerFactory;
  log?: Logger;
  metrics?: ManagerMetrics;
  /** An event recorder for a component; one writing core/v1 Events through the client by default. */
  recorderFor?(component: string): EventRecorder;
}

/** The runtime with its defaults filled in. */
type Runtime = Required<Omit<ControllerRuntime, "metrics">> & { metrics?: ManagerMetrics };

interface Source {
  informer: Informer<unknown>;
  handlers: EventHandlers<unknown>;
}

/**
 * A controller (see the module doc). Add it to a `Manager`, which calls `setup` and `start`.
 *
 * @example
 * ```ts
 * import { Controller, TerminalError } from "@skiff/sdk";
 *
 * const controller = new Controller({
 *   name: "widget",
 *   for: widgetsResource,
 *   owns: [configMapsResource],
 *   async reconcile(key, ctx) {
 *     const widget = ctx.cache.get(widgetsResource, key);
 *     if (!widget) return;
 *     if (!widget.spec) throw new TerminalError("widget has no spec");
 *     // ... create or update what the widget asks for ...
 *     return { requeueAfter: 60_000 };
 *   },
 * });
 * manager.add(controller);
 * ```
 */
export class Controller<T = KubeObject> {
  readonly name: string;
  readonly options: ControllerOptions<T>;
  #runtime?: Runtime;
  #sources: Source[] = [];
  #queue?: RateLimitingQueue<string>;

  constructor(options: ControllerOptions<T>) {
    if (!options.name) throw new TypeError("a controller needs a name");
    if ((options.maxConcurrentReconciles ?? 1) < 1) {
      throw new TypeError("maxConcurrentReconciles must be ≥ 1");
    }
    this.name = options.name;
    this.options = options;
  }

  /** The work queue while the controller runs (for tests and debugging). */
  get queue(): RateLimitingQueue<string> | undefined {
    return this.#queue;
  }

  /**
   * Asks the runtime's informer factory for every kind the controller watches; call it before the
   * factory starts so the first sync covers them. `Manager.add` calls it.
   *
   * @example
   * ```ts
   * controller.setup({ client, informers });
   * informers.start();
   * ```
   */
  setup(runtime: ControllerRuntime): void {
    if (this.#runtime) throw new Error(`controller ${this.name} is already set up`);
    const client = runtime.client;
    const log = (runtime.log ?? jsonLogger()).with({
      controller: this.name,
      controllerGroup: this.options.for.group,
      controllerKind: this.options.for.kind,
    });
    this.#runtime = {
      client,
      informers: runtime.informers,
      log,
      metrics: runtime.metrics,
      recorderFor: runtime.recorderFor ??
        ((component) =>
          new EventRecorder(eventSinkFrom(client.resource(eventsResource) as unknown as EventsClient), {
            component,
            log: (message) => log.error(message),
          })),
    };
    const { informers } = runtime;
    const forPredicates = (this.options.predicates ?? []) as Predicate<unknown>[];
    this.#sources.push({
      informer: informers.informerFor(this.options.for) as Informer<unknown>,
      handlers: this.#handlers(forPredicates, (obj) => [objectKey(obj as KubeObject)]),
    });
    for (const owned of this.options.owns ?? []) {
      const source: OwnedSource = "resource" in owned ? owned : { resource: owned };
      this.#sources.push({
        informer: informers.informerFor(source.resource) as Informer<unknown>,
        handlers: this.#handlers(source.predicates ?? [], (obj) => this.#ownerKeys(obj as KubeObject)),
      });
    }
    for (const watch of this.options.watches ?? []) {
      this.#sources.push({
        informer: informers.informerFor(watch.resource) as Informer<unknown>,
        handlers: this.#handlers(watch.predicates ?? [], (obj) => watch.mapFn(obj)),
      });
    }
  }

  /**
   * Waits for its kinds' caches, then enqueues every cached object and reconciles until the signal
   * aborts; then it stops taking events and keys, lets running reconciles finish, and resolves.
   *
   * @example
   * ```ts
   * const stop = new AbortController();
   * const running = controller.start(stop.signal);
   * stop.abort();
   * await running;
   * ```
   */
  async start(signal: AbortSignal): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime) throw new Error(`controller ${this.name} was not set up (add it to a manager)`);
    if (this.#queue) throw new Error(`controller ${this.name} is already running`);
    if (signal.aborted) return;
    const workers = this.options.maxConcurrentReconciles ?? 1;
    const queue = new RateLimitingQueue<string>({
      name: this.name,
      metricsProvider: runtime.metrics?.workqueueProvider,
      rateLimiter: this.options.rateLimiter,
    });
    this.#queue = queue;
    const removers: (() => void)[] = [];
    try {
      try {
        await Promise.all(this.#sources.map((s) => s.informer.waitForSync(signal)));
      } catch (e) {
        if (signal.aborted) return;
        throw e;
      }
      runtime.log.info("Starting Controller");
      runtime.metrics?.initController(this.name, workers);
      for (const source of this.#sources) removers.push(source.informer.addEventHandler(source.handlers));
      runtime.log.info("Starting workers", { workerCount: workers });
      const ctx = {
        controller: this.name,
        client: runtime.client,
        cache: new CacheReader(runtime.informers),
        recorder: runtime.recorderFor(this.name),
        signal,
      };
      const running = Array.from({ length: workers }, () => this.#work(queue, ctx, runtime, signal));
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      runtime.log.info("Shutdown signal received, waiting for all workers to finish");
      for (const remove of removers.splice(0)) remove();
      queue.shutDown();
      await Promise.all(running);
      runtime.log.info("All workers finished");
    } finally {
      for (const remove of removers) remove();
      queue.shutDown();
      this.#queue = undefined;
    }
  }

  /** Event handlers that filter through predicates and enqueue the mapped keys. */
  #handlers(predicates: Predicate<unknown>[], keys: (obj: unknown) => string[]): EventHandlers<unknown> {
    // Keys are gathered first: a worker waiting in get() takes a key the moment it is added, so adding
    // the same key twice in a row could reconcile it twice.
    const enqueue = (...objs: unknown[]) => {
      for (const key of new Set(objs.flatMap(keys))) this.#queue?.add(key);
    };
    return {
      onAdd: (obj) => {
        if (passes(predicates, "create", obj)) enqueue(obj);
      },
      onUpdate: (oldObj, newObj) => {
        if (!passes(predicates, "update", oldObj, newObj)) return;
        // Both states, as EnqueueRequestForOwner does: an owner reference may have been removed or moved.
        enqueue(...(oldObj === newObj ? [newObj] : [oldObj, newObj]));
      },
      onDelete: (obj) => {
        if (passes(predicates, "delete", obj)) enqueue(obj);
      },
    };
  }

  /** The key of the object's controller owner when that owner is of the `for` kind (any version). */
  #ownerKeys(obj: KubeObject): string[] {
    const forRef = this.options.for;
    const owner = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (!owner || owner.kind !== forRef.kind || groupOf(owner.apiVersion) !== forRef.group) return [];
    const namespace = obj.metadata?.namespace;
    return [forRef.namespaced && namespace ? `${namespace}/${owner.name}` : owner.name];
  }

  async #work(
    queue: RateLimitingQueue<string>,
    base: Omit<ReconcileContext, "log">,
    runtime: Runtime,
    signal: AbortSignal,
  ): Promise<void> {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      if (signal.aborted) {
        // Stopping: keys not started are left for whoever runs next (it lists everything anyway).
        queue.done(key);
        return;
      }
      runtime.metrics?.activeWorkers.labels({ controller: this.name }).inc();
      try {
        await this.#reconcileOne(queue, key, base, runtime);
      } finally {
        runtime.metrics?.activeWorkers.labels({ controller: this.name }).dec();
        queue.done(key);
      }
    }
  }

  async #reconcileOne(
    queue: RateLimitingQueue<string>,
    key: string,
    base: Omit<ReconcileContext, "log">,
    runtime: Runtime,
  ): Promise<void> {
    const slash = key.indexOf("/");
    const [namespace, name] = slash < 0 ? ["", key] : [key.slice(0, slash), key.slice(slash + 1)];
    const log = runtime.log.with({ key, namespace, name, reconcileID: crypto.randomUUID() });
    const started = performance.now();
    let outcome: ReconcileOutcome;
    let terminal = false;
    try {
      const result = await this.options.reconcile(key, { ...base, log }) ?? {};
      if (result.requeueAfter !== undefined && result.requeueAfter > 0) {
        // As controller-runtime: a timed requeue resets the backoff.
        queue.forget(key);
        queue.addAfter(key, result.requeueAfter);
        outcome = "requeue_after";
      } else if (result.requeue) {
        queue.addRateLimited(key);
        outcome = "requeue";
      } else {
        queue.forget(key);
        outcome = "success";
      }
    } catch (error) {
      outcome = "error";
      terminal = isTerminalError(error);
      if (terminal) queue.forget(key);
      else queue.addRateLimited(key);
      log.error("Reconciler error", { error, terminal });
    }
    runtime.metrics?.recordReconcile(this.name, outcome, (performance.now() - started) / 1000, terminal);
  }
}

/** The API group of an apiVersion: "" for "v1", "apps" for "apps/v1". */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}
