/**
 * The objects this store wrote lately, by key and revision, so that read-only watches can take them
 * instead of decoding etcd's copy of the same bytes.
 *
 * Every write through the API comes back from etcd as a watch event (the API server's own watch hubs
 * see every change), and decoding it cost ~25-30 µs per Pod: ~3 % of the server's CPU per create, and a
 * second decode for the previous value of every update. The object the write passed in is the same
 * value, already decoded.
 *
 * @module
 */
import type { Mutation } from "./_etcd_atomic.ts";

/** Objects kept: well above the writes a watch falls behind by; ~1-2 MiB of Pods. */
const KEEP = 1024;

/**
 * A bounded record of written objects (oldest dropped first).
 *
 * @example
 * ```ts
 * const written = new WrittenObjects();
 * written.record([{ key, id: key.toString("latin1"), value, object: pod }], 42);
 * written.get(key, "42"); // pod
 * ```
 */
export class WrittenObjects {
  #objects = new Map<string, unknown>();
  /** Whether anyone can use them (a read-only watch is open); nothing is kept otherwise. */
  wanted = 0;

  /** Keeps the objects of a committed transaction's puts, written at `revision`. */
  record(mutations: readonly Mutation[], revision: number | string): void {
    if (this.wanted === 0) return;
    for (const m of mutations) {
      if (m.value === undefined || m.object === undefined) continue;
      this.#objects.set(`${m.id}@${revision}`, m.object);
      if (this.#objects.size > KEEP) this.#objects.delete(this.#objects.keys().next().value!);
    }
  }

  /** The object written to `key` at `revision`, if this store wrote it lately. */
  get(key: Uint8Array, revision: string): unknown {
    if (this.#objects.size === 0) return undefined;
    return this.#objects.get(`${latin1(key)}@${revision}`);
  }
}

function latin1(bytes: Uint8Array): string {
  // Keys are short (~40-100 bytes): one call, no intermediate array.
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}
