/**
 * Prefix watches of the embedded store. Commits publish what they changed into an in-memory ring of the
 * newest revisions, so live watchers (the common case: 100 watchers of pods) share one copy and read
 * nothing from disk; a watcher that starts further back reads the log from Deno KV until it catches up.
 *
 * @module
 */
import { RevisionCompactedError } from "./errors.ts";
import { hasPrefix } from "./_keys.ts";
import { logKey, type LogMutation, type LogRecord, type VersionRef } from "./_embedded_layout.ts";
import type { KvKey, WatchEvent } from "./types.ts";

/** A mutation as its commit published it: JSON of the new and old values where the commit had them. */
export interface PublishedMutation {
  mutation: LogMutation;
  value: string | null;
  /** `undefined` when the old value was large and must be read from the store. */
  prev: string | null | undefined;
  /** The object the write passed in, which read-only watches take instead of decoding `value`. */
  written?: unknown;
  /** `prev` decoded, once, for every read-only watch. */
  prevObject?: unknown;
}

/** What the feed needs from its store. */
export interface FeedDeps {
  kv: Deno.Kv;
  readVersion(key: KvKey, ref: VersionRef): Promise<string | null>;
  current(): number;
  compacted(): number;
  closed(): boolean;
}

/** Ring bound: 64 Mi characters of JSON (values of 1 MiB would otherwise pin gigabytes). */
const RING_MAX_CHARS = 64 * 1024 * 1024;
/** Revisions a watcher reads per step while catching up. */
const STEP = 1000;

/** Fans committed changes out to prefix watchers. */
export class EventFeed {
  #deps: FeedDeps;
  #ring = new Map<number, PublishedMutation[]>();
  #ringChars = 0;
  #wake = Promise.withResolvers<void>();

  constructor(deps: FeedDeps) {
    this.#deps = deps;
  }

  /** Called by the store after each commit, in revision order. */
  published(rev: number, mutations: PublishedMutation[]): void {
    this.#ring.set(rev, mutations);
    this.#ringChars += size(mutations);
    for (const [r, muts] of this.#ring) {
      if (this.#ringChars <= RING_MAX_CHARS || r === rev) break;
      this.#ring.delete(r);
      this.#ringChars -= size(muts);
    }
    this.#notify();
  }

  /** Called when history up to `rev` was compacted, so waiting watchers re-check. */
  compacted(rev: number): void {
    for (const r of this.#ring.keys()) {
      if (r > rev) break;
      this.#ringChars -= size(this.#ring.get(r)!);
      this.#ring.delete(r);
    }
    this.#notify();
  }

  /** Ends every watch (the store is closing). */
  close(): void {
    this.#notify();
  }

  /**
   * A stream of changes under `prefix` with revisions above `after`. A `readOnly` subscriber gets the
   * objects writes passed in and previous values decoded once for all such subscribers (see
   * WatchOptions.readOnly), rather than its own decoded copies.
   */
  subscribe<T>(prefix: KvKey, after: number, readOnly = false): ReadableStream<WatchEvent<T>> {
    let next = after + 1;
    let cancelled = false;
    return new ReadableStream<WatchEvent<T>>({
      pull: async (controller) => {
        while (!cancelled) {
          if (this.#deps.closed()) return controller.close();
          const compacted = this.#deps.compacted();
          if (next <= compacted) throw new RevisionCompactedError(next - 1, compacted);
          const current = this.#deps.current();
          if (next > current) {
            await this.#wake.promise;
            continue;
          }
          const to = Math.min(current, next + STEP - 1);
          const events = await this.#read<T>(prefix, next, to, readOnly);
          next = to + 1;
          if (events.length) return events.forEach((e) => controller.enqueue(e));
        }
      },
      cancel: () => {
        cancelled = true;
      },
    });
  }

  #notify(): void {
    this.#wake.resolve();
    this.#wake = Promise.withResolvers<void>();
  }

  async #read<T>(prefix: KvKey, from: number, to: number, readOnly: boolean): Promise<WatchEvent<T>[]> {
    let loaded: Map<number, PublishedMutation[]> | undefined;
    if (!this.#ring.has(from)) {
      loaded = new Map();
      for await (const rec of this.#deps.kv.list<LogRecord>({ start: logKey(from), end: logKey(to + 1) })) {
        loaded.set(
          rec.key[1] as number,
          rec.value.e.map((mutation) => ({ mutation, value: undefined!, prev: undefined })),
        );
      }
    }
    const events: WatchEvent<T>[] = [];
    const gone = () => new RevisionCompactedError(from - 1, this.#deps.compacted());
    for (let rev = from; rev <= to; rev++) {
      const muts = this.#ring.get(rev) ?? loaded?.get(rev);
      if (!muts) throw gone();
      for (const published of muts) {
        const { mutation: m, value, prev } = published;
        if (!hasPrefix(m.k, prefix)) continue;
        if (readOnly && published.written !== undefined && (m.p === null || prev != null)) {
          // A live write: its object as passed in, and the old value decoded once for every such watch,
          // when one reads it (watches without selectors never do: a Pod's JSON.parse was ~17 µs per
          // update of a busy API server's CPU).
          events.push(
            m.p === null
              ? {
                type: "put",
                key: m.k,
                value: published.written as T,
                prevValue: null,
                created: true,
                revision: rev,
              }
              : new LiveUpdate<T>(m.k, rev, published),
          );
          continue;
        }
        const json = m.t === 1
          ? null
          : value ?? await this.#deps.readVersion(m.k, { m: rev, j: m.j!, n: m.n! });
        const old = m.p === null ? null : prev ?? await this.#deps.readVersion(m.k, m.p);
        if ((m.t === 0 && json === null) || (m.p !== null && old === null)) throw gone();
        events.push({
          type: m.t === 0 ? "put" : "delete",
          key: m.k,
          value: json === null ? null : JSON.parse(json),
          prevValue: old === null ? null : JSON.parse(old),
          revision: rev,
        });
      }
    }
    if (from <= this.#deps.compacted()) throw gone();
    return events;
  }
}

function size(muts: PublishedMutation[]): number {
  // Counts JSON only: the written and decoded objects a mutation may also hold are not counted, so the
  // ring can take up to about twice RING_MAX_CHARS of memory.
  return muts.reduce((n, m) => n + (m.value?.length ?? 0) + (m.prev?.length ?? 0), 0);
}

/** A live update as read-only watches get it: the object written, and the old value decoded when read. */
class LiveUpdate<T> implements WatchEvent<T> {
  readonly type = "put";
  readonly created = false;
  readonly value: T;

  constructor(readonly key: KvKey, readonly revision: number, private readonly published: PublishedMutation) {
    this.value = published.written as T;
  }

  get prevValue(): T {
    return (this.published.prevObject ??= JSON.parse(this.published.prev!)) as T;
  }
}
