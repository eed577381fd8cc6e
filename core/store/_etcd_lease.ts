/**
 * Leases for keys with a time to live, shared between writes like kube-apiserver's lease manager does.
 *
 * Granting a lease is a Raft round trip, and every lease is state etcd keeps and checks for expiry; a
 * lease per key would double the cost of every write with `expireIn` and leave etcd with thousands of
 * leases under load. Instead, writes with the same TTL (in whole seconds) share one lease for a short
 * reuse window, and the lease is granted with the window added to its TTL, so a key attached at the very
 * end of the window still lives its full TTL. Worked numbers: TTL 60 s has a window of 3 s (5 %), so the
 * lease is granted for 63 s and reused for writes in the next 3 s; a key lives 60 to 63 s. etcd also
 * raises every TTL to its minimum (2 s with default timings).
 *
 * @module
 */

/** Share of the TTL a lease is reused for (kube-apiserver uses the same 5 %). */
const REUSE_SHARE = 0.05;
/** Bounds of the reuse window, in seconds. */
const MIN_REUSE_S = 1;
const MAX_REUSE_S = 60;
/** Stop reusing a little before the window ends: the write that attaches the key takes a moment to apply. */
const SAFETY_MS = 250;

interface Bucket {
  /** The lease id, decimal; absent while the grant is in flight. */
  id?: string;
  /** When writes stop using this lease (ms since the epoch). */
  reuseUntil: number;
  /** The grant in flight, shared by every write that asks meanwhile. */
  pending?: Promise<string>;
}

/**
 * Hands out lease ids for TTLs, reusing one lease per TTL for a short window.
 *
 * @example
 * ```ts
 * const leases = new LeaseCache((ttl) => grant(ttl));
 * const id = await leases.get(30_000); // a lease of 30 + 1 s, reused for ~1 s
 * ```
 */
export class LeaseCache {
  readonly #buckets = new Map<number, Bucket>();

  /** `grant(ttlSeconds)` asks etcd for a lease and returns its id. */
  constructor(private readonly grant: (ttlSeconds: number) => Promise<string>) {}

  /** A lease under which a key lives at least `expireInMs` (rounded up to whole seconds). */
  get(expireInMs: number): Promise<string> {
    const ttl = Math.max(1, Math.ceil(expireInMs / 1000));
    const now = Date.now();
    const bucket = this.#buckets.get(ttl);
    if (bucket && now < bucket.reuseUntil) return bucket.pending ?? Promise.resolve(bucket.id!);
    const reuse = Math.min(MAX_REUSE_S, Math.max(MIN_REUSE_S, Math.floor(ttl * REUSE_SHARE)));
    // The lease starts on the server after this moment, so its real expiry is later than we assume.
    const fresh: Bucket = { reuseUntil: now + reuse * 1000 - SAFETY_MS };
    fresh.pending = this.grant(ttl + reuse).then(
      (id) => {
        fresh.id = id;
        fresh.pending = undefined;
        return id;
      },
      (e) => {
        if (this.#buckets.get(ttl) === fresh) this.#buckets.delete(ttl);
        throw e;
      },
    );
    this.#buckets.set(ttl, fresh);
    return fresh.pending;
  }

  /** Stops handing out `id` (etcd said it is gone: revoked, or expired while we still had it). */
  forget(id: string): void {
    for (const [ttl, bucket] of this.#buckets) if (bucket.id === id) this.#buckets.delete(ttl);
  }
}
