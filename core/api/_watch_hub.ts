/**
 * One store watch per watched collection, shared by every API watch of it (kube-apiserver's cacher).
 *
 * With a store watch per API watch, 100 watchers of a namespace's pods cost 100 etcd watch streams:
 * etcd sends every change 100 times and the API server decodes it 100 times (measured: ~18 ms of API
 * server CPU and ~6 ms of etcd CPU per Pod change, ~0.18 ms per watcher). A hub per store prefix
 * decodes each change once and hands the same {@link SharedEvent} to all of its subscribers, which also
 * share its JSON encoding.
 *
 * A hub starts at the revision of the watch that opened it and keeps its newest {@link REPLAY_EVENTS}
 * events, so a watch that starts a little in the past (after a list, say) joins it and gets those
 * replayed. A watch from before what a hub remembers reads the store on its own until it reaches the
 * hub's window, then joins. A hub stops when its last subscriber goes.
 *
 * @module
 */
import { deepFreeze } from "@skiff/schema";
import { RevisionCompactedError, type Store, type WatchEvent } from "@skiff/store";
import type { KvKey } from "@skiff/store";
import type { KubeObject } from "./admission.ts";
import { type Resource, servedForm } from "./registry.ts";
import { asPartialObjectMetadata } from "./table/partial.ts";
import { storedJsonAt } from "./_stored_json.ts";
import type { MetaVersion } from "./table/types.ts";

/** Events a hub keeps for watches that start behind it (a Pod event is ~1-2 KiB: ~0.5 MiB). */
export const REPLAY_EVENTS = 256;

/** What a subscriber hears. Exceptions thrown by `event` end only that subscriber (with `error`). */
export interface HubListener {
  /** A change with a revision above the subscriber's `after`, in revision order. */
  event(e: SharedEvent): void;
  /** The store watch failed (e.g. `RevisionCompactedError`); nothing follows. */
  error(e: unknown): void;
  /** The store closed; nothing follows. */
  end(): void;
}

/** A subscription; `cancel` stops it (and its hub, when it was the last). */
export interface HubSubscription {
  cancel(): void;
}

const encoder = new TextEncoder();

/** The event types of a watch line. */
type WatchType = "ADDED" | "MODIFIED" | "DELETED";

/** A watch event as a watcher gets it, before any encoding. */
type WireForm = { type: WatchType; object: KubeObject };

/**
 * A store event as every watcher of a collection shares it: decoded once, and encoded once per wire
 * form (event type, which side of the change, API version, whole object or metadata alone) no matter
 * how many watchers send it.
 *
 * @example
 * ```ts
 * const shared = new SharedEvent(event);
 * const bytes = shared.line("ADDED", "value", pods); // {"type":"ADDED","object":{...}}\n
 * const meta = shared.line("ADDED", "value", pods, "v1"); // {"type":"ADDED","object":{"kind":"PartialObjectMetadata",...}}\n
 * ```
 */
export class SharedEvent {
  readonly revision: number;
  #lines?: Map<string, Uint8Array>;
  #frozen?: Map<string, WireForm>;

  constructor(readonly event: WatchEvent<KubeObject>) {
    this.revision = event.revision;
  }

  /**
   * The event as one line of JSON: `type` with the new value or the previous one, as `res` presents
   * it (its apiVersion and kind, the change's revision as resourceVersion); with `metadata`, only its
   * metadata, as a PartialObjectMetadata of that meta.k8s.io version (metadata-only watches, such as
   * the garbage collector's, are a watcher of every kind: they share one encoding like the rest).
   */
  line(type: string, side: "value" | "prevValue", res: Resource, metadata?: MetaVersion): Uint8Array {
    return this.#once(this.#lines ??= new Map(), { type, side, res, metadata }, (wire) => {
      // The object as the store wrote it, when this is that very object served as stored: a Pod's
      // JSON.stringify was ~20 µs of a busy API server's CPU per event, splicing its stored JSON ~2.
      const stored = this.event[side]!;
      const json = !metadata && servedForm(res, stored) === stored
        ? storedJsonAt(stored, String(this.revision), res)
        : undefined;
      return encoder.encode(
        json === undefined
          ? JSON.stringify(wire()) + "\n"
          : `{"type":${JSON.stringify(type)},"object":${json}}\n`,
      );
    });
  }

  /**
   * The event as {@link SharedEvent.line} encodes it, deep-frozen, as every in-process watcher of this
   * form shares it (they take objects rather than JSON): the informers that cache it need not copy or
   * freeze it again. It is frozen in place, not copied: the stored side of a change is the hub's to
   * share (decoded for it, or handed over by the write that made it, see {@link SharedEvent.object}),
   * and a copy is allocation and garbage on top of the freezing (profiles of the API server: copying a
   * Pod ~29 µs per create in bench:api; freezing in place ~23 µs per pod in bench:scheduler).
   */
  frozen(
    type: string,
    side: "value" | "prevValue",
    res: Resource,
    metadata?: MetaVersion,
  ): WireForm {
    return this.#once(
      this.#frozen ??= new Map(),
      { type, side, res, metadata },
      (wire) => deepFreeze(wire()),
    );
  }

  /** What `make` builds of one wire form of the event (`wire` builds the form), once however many ask. */
  #once<T>(
    cache: Map<string, T>,
    form: { type: string; side: "value" | "prevValue"; res: Resource; metadata?: MetaVersion },
    make: (wire: () => WireForm) => T,
  ): T {
    const { type, side, res, metadata } = form;
    const key = `${type} ${side} ${res.apiVersion} ${res.kind} ${metadata ?? ""}`;
    let built = cache.get(key);
    if (built === undefined) {
      built = make(() => {
        const object = this.object(side, res);
        return {
          type: type as WatchType,
          object: metadata ? asPartialObjectMetadata(object, metadata) as KubeObject : object,
        };
      });
      cache.set(key, built);
    }
    return built;
  }

  /**
   * One side of the change as `res` presents it (its apiVersion and kind, the change's revision as
   * resourceVersion): a new object and metadata over the stored fields, which are shared (the store
   * may hand hubs the very object a write passed in: they watch read-only) and must not be changed.
   */
  object(side: "value" | "prevValue", res: Resource): KubeObject {
    const stored = servedForm(res, this.event[side]!);
    return {
      ...stored,
      apiVersion: res.apiVersion,
      kind: res.kind,
      metadata: { ...stored.metadata, resourceVersion: String(this.revision) },
    };
  }
}

/**
 * Watches the collection under `prefix` from after revision `after`: joins the hub of that prefix (or
 * starts one), or reads the store alone until it can join.
 *
 * @example
 * ```ts
 * const sub = watchCollection(store, ["registry", "core", "pods", "default"], 42, {
 *   event: (e) => console.log(e.event.type, e.revision),
 *   error: (e) => console.error(e),
 *   end: () => console.log("store closed"),
 * });
 * sub.cancel();
 * ```
 */
export function watchCollection(
  store: Store,
  prefix: KvKey,
  after: number,
  listener: HubListener,
): HubSubscription {
  let hubs = hubsByStore.get(store);
  if (!hubs) hubsByStore.set(store, hubs = new Map());
  const id = prefix.join("\u0000");
  const hub = hubs.get(id);
  if (hub && after >= hub.floor) return hub.subscribe(after, listener);
  if (!hub) {
    const created = new Hub(store, prefix, after, () => {
      if (hubs.get(id) === created) hubs.delete(id);
    });
    hubs.set(id, created);
    return created.subscribe(after, listener);
  }
  return catchUp(store, prefix, after, listener, () => hubs.get(id));
}

const hubsByStore = new WeakMap<Store, Map<string, Hub>>();

interface Subscriber {
  after: number;
  listener: HubListener;
}

/** One store watch of a prefix and the API watches it feeds. */
class Hub {
  /** Every event with a revision above `floor` is in `#recent` or still to come. */
  floor: number;
  #subs = new Set<Subscriber>();
  #recent: SharedEvent[] = [];
  #reader: ReadableStreamDefaultReader<WatchEvent<KubeObject>>;
  #done = false;

  constructor(store: Store, prefix: KvKey, after: number, private readonly onDone: () => void) {
    this.floor = after;
    this.#reader = store.watch<KubeObject>({ prefix }, { after, readOnly: true }).getReader();
    this.#pump();
  }

  subscribe(after: number, listener: HubListener): HubSubscription {
    const sub = { after, listener };
    for (const e of this.#recent) {
      if (e.revision > after && !deliver(sub, e)) return { cancel: () => {} };
    }
    this.#subs.add(sub);
    return {
      cancel: () => {
        if (!this.#subs.delete(sub) || this.#subs.size > 0) return;
        this.#finish();
        this.#reader.cancel().catch(() => {});
      },
    };
  }

  async #pump(): Promise<void> {
    try {
      for (;;) {
        const { value, done } = await this.#reader.read();
        if (this.#done) return;
        if (done) {
          this.#finish();
          for (const sub of this.#subs) sub.listener.end();
          return;
        }
        const e = new SharedEvent(value);
        this.#recent.push(e);
        if (this.#recent.length > REPLAY_EVENTS) this.floor = this.#recent.shift()!.revision;
        // A snapshot: a subscriber that joins during delivery already got this event replayed.
        for (const sub of [...this.#subs]) {
          if (e.revision > sub.after && !deliver(sub, e)) this.#subs.delete(sub);
        }
        if (this.#subs.size === 0) {
          this.#finish();
          this.#reader.cancel().catch(() => {});
          return;
        }
      }
    } catch (err) {
      if (this.#done) return;
      this.#finish();
      for (const sub of this.#subs) sub.listener.error(err);
    }
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#recent = [];
    this.onDone();
  }
}

/** Hands `e` to `sub`; a listener that throws is ended with its error. */
function deliver(sub: Subscriber, e: SharedEvent): boolean {
  try {
    sub.listener.event(e);
    return true;
  } catch (err) {
    sub.listener.error(err);
    return false;
  }
}

/**
 * A watch from before the hub's window: its own store watch until an event lies inside the window, then
 * the hub, which replays whatever that store watch had read ahead. It joins from the revision before
 * that event and skips the keys it already sent at the event's revision: one transaction may change
 * several keys, and the rest of them may still be in the store watch's queue.
 */
function catchUp(
  store: Store,
  prefix: KvKey,
  after: number,
  listener: HubListener,
  currentHub: () => Hub | undefined,
): HubSubscription {
  const reader = store.watch<KubeObject>({ prefix }, { after, readOnly: true }).getReader();
  let joined: HubSubscription | undefined;
  let cancelled = false;
  (async () => {
    let revision = 0;
    let sentAtRevision = new Set<string>();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (cancelled) return;
        if (done) return listener.end();
        const e = new SharedEvent(value);
        if (e.revision !== revision) revision = e.revision, sentAtRevision = new Set();
        sentAtRevision.add(e.event.key.join("\u0000"));
        if (!deliver({ after, listener }, e)) return void reader.cancel().catch(() => {});
        const hub = currentHub();
        if (hub && revision - 1 >= hub.floor) {
          reader.cancel().catch(() => {});
          const sent = sentAtRevision, at = revision;
          joined = hub.subscribe(at - 1, {
            event: (e) => {
              if (e.revision !== at || !sent.has(e.event.key.join("\u0000"))) listener.event(e);
            },
            error: (e) => listener.error(e),
            end: () => listener.end(),
          });
          return;
        }
      }
    } catch (err) {
      if (!cancelled) listener.error(err);
    }
  })();
  return {
    cancel: () => {
      cancelled = true;
      joined?.cancel();
      reader.cancel().catch(() => {});
    },
  };
}

/**
 * The Status error a subscriber reports when the hub's store watch failed for compaction, as if its own
 * watch had: the revision it had reached, and the compacted one.
 *
 * @example
 * ```ts
 * const gone = asSubscriberError(e, delivered); // RevisionCompactedError(delivered, e.compactedRevision)
 * ```
 */
export function asSubscriberError(e: unknown, delivered: number): unknown {
  return e instanceof RevisionCompactedError ? new RevisionCompactedError(delivered, e.compactedRevision) : e;
}
