/**
 * The objects this store wrote lately, so that read-only watches can take them instead of decoding
 * etcd's copy of the same bytes.
 *
 * Every write through the API comes back from etcd as a watch event (the API server's own watch hubs
 * see every change), and decoding it cost ~25-30 µs per Pod: ~3 % of the server's CPU per create, and a
 * second decode for the previous value of every update. The object the write passed in is the same
 * value, already decoded.
 *
 * An event is matched by key and by its bytes, not by revision: etcd may deliver the event before the
 * commit's own reply, when the revision is not known yet. Equal bytes are the same value whoever wrote
 * them, so a stale or failed write can never hand a watch the wrong one.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { Mutation } from "./_etcd_atomic.ts";

/** Keys remembered (each with its last two values): well above the writes a watch falls behind by. */
const KEEP_KEYS = 1024;

interface Written {
  bytes: Uint8Array;
  object: unknown;
}

/**
 * A bounded record of written objects by key (the oldest keys dropped first).
 *
 * @example
 * ```ts
 * const written = new WrittenObjects();
 * written.wanted++;
 * written.remember([{ key, id: key.toString("latin1"), value: bytes, object: pod }]);
 * written.get(key, bytes); // pod
 * ```
 */
export class WrittenObjects {
  #byKey = new Map<string, Written[]>();
  /** How many read-only watches are open: nothing is remembered without one. */
  wanted = 0;

  /** Remembers the values a transaction is about to put. */
  remember(mutations: readonly Mutation[]): void {
    if (this.wanted === 0) return;
    for (const m of mutations) {
      if (m.value === undefined || m.object === undefined) continue;
      const entry = { bytes: m.value, object: m.object };
      const list = this.#byKey.get(m.id);
      // The previous value stays too: an update's event carries it as prev_kv.
      if (list) {
        this.#byKey.delete(m.id);
        this.#byKey.set(m.id, [list[list.length - 1], entry]);
        continue;
      }
      this.#byKey.set(m.id, [entry]);
      if (this.#byKey.size > KEEP_KEYS) this.#byKey.delete(this.#byKey.keys().next().value!);
    }
  }

  /** The object written to `key` whose JSON is `bytes`, if this store wrote it lately. */
  get(key: Uint8Array, bytes: Uint8Array): unknown {
    if (this.#byKey.size === 0) return undefined;
    const list = this.#byKey.get(latin1(key));
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      if (Buffer.compare(list[i].bytes, bytes) === 0) return list[i].object;
    }
    return undefined;
  }
}

function latin1(bytes: Uint8Array): string {
  // Keys are short (~40-100 bytes): one call, no intermediate array.
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}
