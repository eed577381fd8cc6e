/**
 * The garbage collector, as Kubernetes' (pkg/controller/garbagecollector): it watches the metadata of
 * every deletable kind, keeps a graph of owners and dependents, and
 *
 * - deletes dependents none of whose owners exist any more (Background propagation, and dependents of
 *   owners deleted while the collector was down, found on the first list after a restart);
 * - for an owner deleted with Foreground propagation (the API added the `foregroundDeletion` finalizer)
 *   deletes its dependents, waits until none with `blockOwnerDeletion` is left, then removes the finalizer;
 * - for an owner deleted with Orphan propagation (the `orphan` finalizer) removes the owner's references
 *   from its dependents, then removes the finalizer.
 *
 * A dependent that still has an owner that exists keeps living; references to gone owners are removed
 * from it. Owners absent from the graph are looked up on the API before anything is deleted, as
 * Kubernetes verifies "virtual" nodes.
 *
 * @module
 */
import {
  type Client,
  gvrKey,
  isNotFound,
  jsonLogger,
  type KubeObject,
  type Logger,
  type MetadataObject,
  type OwnerReference,
  RateLimitingQueue,
  type ResourceRef,
  type Runnable,
  SharedInformerFactory,
} from "@skiff/sdk";
import { deletableResources } from "./discovery.ts";
import { Graph, type GraphNode } from "./graph.ts";

const FOREGROUND = "foregroundDeletion";
const ORPHAN = "orphan";

/**
 * Options of a {@link GarbageCollector}.
 *
 * @example
 * ```ts
 * const options: GarbageCollectorOptions = { client, workers: 4, discoveryPeriodMs: 30_000 };
 * ```
 */
export interface GarbageCollectorOptions {
  client: Client;
  log?: Logger;
  /** Items processed at once; default 2. */
  workers?: number;
  /** How often discovery is read again to watch new kinds (CRDs); default 30 s, as Kubernetes. */
  discoveryPeriodMs?: number;
}

type OwnerState = "solid" | "dangling" | "waiting";

/**
 * The garbage collector (see the module doc). A manager `Runnable`, leader-only; or run it alone with
 * `start(signal)`.
 *
 * @example
 * ```ts
 * import { GarbageCollector } from "@skiff/gc";
 *
 * const manager = new Manager({ client, leaderElection: { namespace: "kube-system", name: "gc" } });
 * manager.add(new GarbageCollector({ client }));
 * await manager.start(signal);
 * ```
 */
export class GarbageCollector implements Runnable {
  readonly name = "garbage-collector";
  readonly needsLeaderElection = true;
  readonly graph: Graph = new Graph();
  readonly #client: Client;
  readonly #log: Logger;
  readonly #options: GarbageCollectorOptions;
  #watched = new Set<string>();
  #factory?: SharedInformerFactory;
  #queue?: RateLimitingQueue<string>;
  #synced = false;

  constructor(options: GarbageCollectorOptions) {
    this.#options = options;
    this.#client = options.client;
    this.#log = (options.log ?? jsonLogger()).with({ controller: "garbagecollector" });
  }

  /** Whether the first sync of every watched kind is done (items are processed from then on). */
  get synced(): boolean {
    return this.#synced;
  }

  /**
   * Watches, collects, and stops when the signal aborts (running items finish first).
   *
   * @example
   * ```ts
   * const stop = new AbortController();
   * const running = new GarbageCollector({ client }).start(stop.signal);
   * ```
   */
  async start(signal: AbortSignal): Promise<void> {
    if (this.#factory) throw new Error("the garbage collector is already running");
    const factory = new SharedInformerFactory(this.#client, {
      onError: (error, phase, gvr) =>
        this.#log.error("informer failed, retrying", { resource: gvr, phase, error }),
    });
    const queue = new RateLimitingQueue<string>({ name: "garbage_collector" });
    this.#factory = factory;
    this.#queue = queue;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await this.#discover();
      factory.start(signal);
      try {
        await factory.waitForSync(signal);
      } catch (e) {
        if (signal.aborted) return;
        throw e;
      }
      this.#synced = true;
      this.#log.info("all resource monitors have synced", { resources: this.#watched.size });
      const rediscover = () => {
        timer = setTimeout(async () => {
          await this.#discover().catch((error) => this.#log.error("discovery failed", { error }));
          if (!signal.aborted) rediscover();
        }, this.#options.discoveryPeriodMs ?? 30_000);
      };
      rediscover();
      const workers = Array.from({ length: this.#options.workers ?? 2 }, () => this.#work(queue, signal));
      await new Promise<void>((resolve) =>
        signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })
      );
      queue.shutDown();
      await Promise.all(workers);
    } finally {
      clearTimeout(timer);
      queue.shutDown();
      await factory.stop();
      this.#factory = undefined;
      this.#queue = undefined;
      this.#synced = false;
    }
  }

  /** Starts a metadata-only informer, with the graph's handlers, for each deletable kind not yet watched. */
  async #discover(): Promise<void> {
    const factory = this.#factory!;
    for (const ref of await deletableResources(this.#client)) {
      const key = gvrKey(ref);
      if (this.#watched.has(key)) continue;
      this.#watched.add(key);
      const informer = factory.informerFor(ref, { metadataOnly: true });
      informer.addEventHandler({
        onAdd: (obj) => this.#observe(ref, obj),
        onUpdate: (_old, obj) => this.#observe(ref, obj),
        onDelete: (obj) => this.#forget(obj.metadata?.uid),
      });
    }
  }

  #observe(ref: ResourceRef, obj: MetadataObject): void {
    const previous = this.graph.upsert(ref, obj);
    const node = this.graph.get(obj.metadata?.uid ?? "");
    if (!node) return;
    if (node.owners.length > 0 && (!previous || !sameOwners(previous.owners, node.owners))) {
      this.#enqueue("delete", node.uid);
    }
    if (node.deleting && node.finalizers.includes(ORPHAN)) this.#enqueue("orphan", node.uid);
    if (node.deleting && node.finalizers.includes(FOREGROUND)) {
      this.#enqueue("delete", node.uid);
      // Entering foreground deletion: every dependent is looked at again (its owner is now "waiting").
      if (!previous?.finalizers.includes(FOREGROUND) || !previous.deleting) {
        for (const d of this.graph.dependents(node.uid)) this.#enqueue("delete", d.uid);
      }
    }
  }

  #forget(uid: string | undefined): void {
    if (!uid) return;
    const node = this.graph.remove(uid);
    for (const d of this.graph.dependents(uid)) this.#enqueue("delete", d.uid);
    // An owner in foreground deletion may have been waiting for this one.
    for (const owner of node?.owners ?? []) {
      if (this.graph.get(owner.uid)?.finalizers.includes(FOREGROUND)) this.#enqueue("delete", owner.uid);
    }
  }

  #enqueue(action: "delete" | "orphan", uid: string): void {
    this.#queue?.add(`${action}:${uid}`);
  }

  async #work(queue: RateLimitingQueue<string>, signal: AbortSignal): Promise<void> {
    for (;;) {
      const item = await queue.get();
      if (item === undefined) return;
      try {
        if (signal.aborted) continue;
        const [action, uid] = item.split(":", 2);
        if (action === "orphan") await this.#orphanDependents(uid);
        else await this.#attemptToDelete(uid);
        queue.forget(item);
      } catch (error) {
        this.#log.error("garbage collection failed, retrying", { item, error });
        queue.addRateLimited(item);
      } finally {
        queue.done(item);
      }
    }
  }

  /** Kubernetes' attemptToDeleteItem. */
  async #attemptToDelete(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (!node) return;
    if (node.deleting) {
      if (node.finalizers.includes(FOREGROUND)) await this.#processDeletingDependents(node);
      return;
    }
    if (node.owners.length === 0) return;
    const states = new Map<OwnerState, OwnerReference[]>([["solid", []], ["dangling", []], ["waiting", []]]);
    for (const owner of node.owners) states.get(await this.#ownerState(node, owner))!.push(owner);
    const [solid, dangling, waiting] = [
      states.get("solid")!,
      states.get("dangling")!,
      states.get("waiting")!,
    ];
    if (solid.length > 0) {
      // Still owned: only the references to gone (or foreground-deleting) owners go.
      const drop = [...dangling, ...waiting];
      if (drop.length > 0) await this.#removeOwnerReferences(node, new Set(drop.map((o) => o.uid)));
      return;
    }
    // No owner left that keeps it. With an owner waiting for its dependents, a dependent that has
    // dependents of its own is deleted in the foreground too, so that the wait covers the whole tree.
    const policy = waiting.length > 0 && this.graph.dependents(node.uid).length > 0
      ? "Foreground"
      : node.finalizers.includes(ORPHAN)
      ? "Orphan"
      : node.finalizers.includes(FOREGROUND)
      ? "Foreground"
      : "Background";
    this.#log.info("deleting object", {
      resource: gvrKey(node.resource),
      namespace: node.namespace,
      name: node.name,
      uid: node.uid,
      propagationPolicy: policy,
    });
    try {
      await this.#resource(node).delete(node.name, {
        propagationPolicy: policy,
        preconditions: { uid: node.uid },
      });
    } catch (error) {
      // Gone already, or replaced by a namesake (the uid precondition failed): nothing to collect.
      if (!isNotFound(error) && (error as { code?: number }).code !== 409) throw error;
    }
  }

  /** An owner in foreground deletion loses its finalizer once no dependent blocks it. */
  async #processDeletingDependents(owner: GraphNode): Promise<void> {
    const blocking = this.graph.dependents(owner.uid)
      .filter((d) => d.owners.some((o) => o.uid === owner.uid && o.blockOwnerDeletion === true));
    if (blocking.length === 0) {
      await this.#removeFinalizer(owner, FOREGROUND);
      return;
    }
    for (const d of blocking) if (!d.deleting) this.#enqueue("delete", d.uid);
  }

  /** Kubernetes' attemptToOrphan: unlink the dependents, then drop the owner's `orphan` finalizer. */
  async #orphanDependents(uid: string): Promise<void> {
    const owner = this.graph.get(uid);
    if (!owner || !owner.deleting || !owner.finalizers.includes(ORPHAN)) return;
    for (const d of this.graph.dependents(uid)) await this.#removeOwnerReferences(d, new Set([uid]));
    await this.#removeFinalizer(owner, ORPHAN);
  }

  /** Whether an owner keeps its dependent (solid), is gone (dangling), or waits for its dependents. */
  async #ownerState(node: GraphNode, ref: OwnerReference): Promise<OwnerState> {
    const known = this.graph.get(ref.uid);
    if (known) return known.deleting && known.finalizers.includes(FOREGROUND) ? "waiting" : "solid";
    // Not seen (yet): ask the API, as Kubernetes does before trusting an absent owner.
    const resource = await this.#client.discovery.resolve(ref.apiVersion, ref.kind);
    let owner: KubeObject;
    try {
      owner = await this.#client.resource(resource).get(ref.name, {
        namespace: resource.namespaced ? node.namespace : undefined,
      });
    } catch (error) {
      if (isNotFound(error)) return "dangling";
      throw error;
    }
    if (owner.metadata?.uid !== ref.uid) return "dangling";
    const meta = owner.metadata;
    return meta?.deletionTimestamp && meta.finalizers?.includes(FOREGROUND) ? "waiting" : "solid";
  }

  async #removeOwnerReferences(node: GraphNode, uids: Set<string>): Promise<void> {
    await this.#patchMetadata(node, (meta) => {
      const refs = meta.ownerReferences ?? [];
      const kept = refs.filter((r) => !uids.has(r.uid));
      return kept.length === refs.length ? undefined : { ownerReferences: kept.length ? kept : null };
    });
  }

  async #removeFinalizer(node: GraphNode, finalizer: string): Promise<void> {
    await this.#patchMetadata(node, (meta) => {
      const finalizers = meta.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return undefined;
      const kept = finalizers.filter((f) => f !== finalizer);
      return { finalizers: kept.length ? kept : null };
    });
  }

  /** Reads the object and merge-patches its metadata, with its resourceVersion as a precondition. */
  async #patchMetadata(
    node: GraphNode,
    change: (meta: NonNullable<KubeObject["metadata"]>) => Record<string, unknown> | undefined,
  ): Promise<void> {
    const client = this.#resource(node);
    try {
      const current = await client.get(node.name);
      if (current.metadata?.uid !== node.uid) return;
      const patch = change(current.metadata ?? {});
      if (!patch) return;
      await client.patch(node.name, {
        metadata: { ...patch, resourceVersion: current.metadata?.resourceVersion },
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  #resource(node: GraphNode) {
    const client = this.#client.resource(node.resource);
    return node.resource.namespaced ? client.namespace(node.namespace) : client;
  }
}

function sameOwners(a: OwnerReference[], b: OwnerReference[]): boolean {
  return a.length === b.length &&
    a.every((r, i) => r.uid === b[i].uid && r.blockOwnerDeletion === b[i].blockOwnerDeletion);
}
