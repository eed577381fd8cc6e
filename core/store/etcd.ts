/**
 * The etcd backend of the storage interface: one etcd (3.4+) cluster, keys under a prefix, JSON values,
 * versionstamps that are etcd's `mod_revision`, so they can be handed out as Kubernetes resourceVersions.
 *
 * @example
 * ```ts
 * const store = await openEtcdStore({ endpoints: ["http://127.0.0.1:2379"] });
 * await store.set(["registry", "pods", "default", "web-0"], { spec: {} });
 * await store.close();
 * ```
 *
 * @module
 */
import { Buffer } from "node:buffer";
import {
  FutureRevisionError,
  InvalidEntryError,
  RevisionCompactedError,
  StoreUnavailableError,
} from "./errors.ts";
import type {
  AtomicOperation,
  KvCommitError,
  KvCommitResult,
  KvEntryMaybe,
  KvKey,
  ListOptions,
  ListPage,
  SetOptions,
  Store,
  WatchEvent,
  WatchOptions,
} from "./types.ts";
import { decodeValue, KeyCodec } from "./_etcd_keys.ts";
import { WrittenObjects } from "./_etcd_written.ts";
import { decodeCursor } from "./_cursor.ts";
import {
  type CallContext,
  type CallKind,
  EtcdClient,
  isCompactedError,
  isFutureRevisionError,
  isLeaseGoneError,
  withRetry,
} from "./_etcd_client.ts";
import { LeaseCache } from "./_etcd_lease.ts";
import { listPage } from "./_etcd_list.ts";
import { EtcdAtomic, type Mutation } from "./_etcd_atomic.ts";
import { Committer } from "./_etcd_commit.ts";
import { EtcdWatch } from "./_etcd_watch.ts";
import type { Compare, KeyValue, RangeRequest, RangeResponse, ResponseHeader } from "./_etcd_proto.ts";

/**
 * Options of {@link openEtcdStore}.
 *
 * @example
 * ```ts
 * const options: EtcdStoreOptions = { endpoints: ["http://127.0.0.1:2379"], prefix: "/skiff", dialTimeoutMs: 5000 };
 * ```
 */
export interface EtcdStoreOptions {
  /** Client URLs of the cluster's members, e.g. `["http://127.0.0.1:2379"]`. */
  endpoints: string[];
  /** Every key lives under this etcd key prefix (default `/skiff`). */
  prefix?: string;
  /** How long `openEtcdStore` waits for the cluster to answer, in ms (default 5000). */
  dialTimeoutMs?: number;
  /**
   * Send concurrent commits as one etcd transaction (default false). ~3x the create rate under load,
   * but commits grouped together share one revision, so a watch resumed from one of their revisions
   * misses the others: only for bulk loads. See `_etcd_commit.ts`.
   */
  groupCommits?: boolean;
}

/** Keys per `getMany` transaction (etcd accepts 128 operations per transaction by default). */
const GET_MANY_CHUNK = 64;
/** How long `ping` waits for an answer. */
const PING_TIMEOUT_MS = 2_000;

/**
 * Connects to etcd and checks that the cluster answers. Throws `StoreUnavailableError` when it does not
 * within `dialTimeoutMs`.
 *
 * @example
 * ```ts
 * const store = await openEtcdStore({ endpoints: ["http://10.0.0.1:2379", "http://10.0.0.2:2379"] });
 * console.log(store.backend, await store.revision());
 * await store.close();
 * ```
 */
export async function openEtcdStore(options: EtcdStoreOptions): Promise<Store> {
  const endpoints = options.endpoints ?? [];
  if (endpoints.length === 0) {
    throw new StoreUnavailableError("no etcd endpoints given: pass at least one, e.g. http://127.0.0.1:2379");
  }
  const timeoutMs = options.dialTimeoutMs ?? 5_000;
  const store = new EtcdStore(
    new EtcdClient(endpoints),
    endpoints,
    options.prefix ?? "/skiff",
    options.groupCommits,
  );
  try {
    // Also learns the compacted revision, so it is right from the first call, after restarts too.
    await store.compactedRevision(timeoutMs);
  } catch (e) {
    await store.close();
    const cause = ((e as Error).cause ?? e) as Error;
    throw new StoreUnavailableError(
      `etcd at ${endpoints.join(",")} did not answer within ${timeoutMs / 1000} s ` +
        `(${cause.message.split("\n")[0]}); start etcd or pass the endpoints of a running cluster`,
      { cause },
    );
  }
  return store;
}

class EtcdStore implements Store {
  readonly backend = "etcd";
  readonly #client: EtcdClient;
  readonly #codec: KeyCodec;
  readonly #ctx: CallContext;
  readonly #abort = new AbortController();
  readonly #leases: LeaseCache;
  readonly #committer: Committer;
  readonly #watches = new Set<EtcdWatch<unknown>>();
  /** What this store wrote lately, for read-only watches. */
  readonly #written = new WrittenObjects();
  /** A key nobody writes, for cheap reads that only want a revision. */
  readonly #probeKey: Buffer;
  /** The newest revision any reply showed: where a watch without `after` starts. */
  #seen = 0;
  /** The newest compacted revision known; compactedRevision() checks it against etcd. */
  #compacted = 0;
  #closed = false;

  constructor(client: EtcdClient, endpoints: string[], prefix: string, groupCommits = false) {
    this.#client = client;
    this.#codec = new KeyCodec(prefix);
    this.#ctx = { signal: this.#abort.signal, endpoints };
    this.#probeKey = Buffer.from(this.#codec.prefix + "#probe");
    this.#committer = new Committer({
      ctx: this.#ctx,
      group: groupCommits,
      txn: (req) => this.#client.txn(req),
      saw: (header) => this.#saw(header),
    });
    this.#leases = new LeaseCache((ttl) => this.#call("idempotent", () => this.#client.leaseGrant(ttl)));
  }

  async revision(): Promise<number> {
    const res = await this.#range({ key: this.#probeKey, count_only: true });
    return Number(res.header.revision);
  }

  async get<T = unknown>(key: KvKey): Promise<KvEntryMaybe<T>> {
    const res = await this.#range({ key: this.#codec.encode(key) });
    return toEntry<T>(key, res.kvs[0]);
  }

  async getMany<T = unknown>(keys: readonly KvKey[]): Promise<KvEntryMaybe<T>[]> {
    const encoded = keys.map((k) => this.#codec.encode(k));
    const out: KvEntryMaybe<T>[] = [];
    // One read-only transaction per chunk; later chunks read at the first one's revision.
    let revision = 0;
    for (let i = 0; i < encoded.length; i += GET_MANY_CHUNK) {
      const success = encoded.slice(i, i + GET_MANY_CHUNK).map((key) => ({
        request_range: { key, revision },
      }));
      const res = await this.#call("read", () => this.#client.txn({ success }));
      this.#saw(res.header);
      if (revision === 0) revision = Number(res.header.revision);
      res.responses.forEach((op, j) => out.push(toEntry<T>(keys[i + j], op.response_range?.kvs[0])));
    }
    return out;
  }

  async list<T = unknown>(selector: { prefix: KvKey }, options: ListOptions = {}): Promise<ListPage<T>> {
    const range = this.#codec.range(selector.prefix);
    try {
      return await listPage<T>(this.#codec, range, options, (req) => this.#range(req));
    } catch (e) {
      if (!isCompactedError(e) && !isFutureRevisionError(e)) throw e;
      const requested = options.cursor ? decodeCursor(options.cursor).revision : options.revision ?? 0;
      if (isCompactedError(e)) throw new RevisionCompactedError(requested, await this.compactedRevision());
      throw new FutureRevisionError(requested, await this.revision());
    }
  }

  set(key: KvKey, value: unknown, options?: SetOptions): Promise<KvCommitResult> {
    return new EtcdAtomic(this.#codec, this.#commit).set(key, value, options).commit() as Promise<
      KvCommitResult
    >;
  }

  async delete(key: KvKey): Promise<void> {
    await new EtcdAtomic(this.#codec, this.#commit).delete(key).commit();
  }

  atomic(): AtomicOperation {
    return new EtcdAtomic(this.#codec, this.#commit);
  }

  watch<T = unknown>(selector: { prefix: KvKey }, options: WatchOptions = {}): ReadableStream<WatchEvent<T>> {
    const range = this.#codec.range(selector.prefix);
    // watch() cannot wait for etcd's current revision, and a watch etcd starts "now" would miss writes
    // this store makes right after the call. The newest revision this store has seen is a lower bound
    // of every later write's revision: nothing made after the call is missed (a change another client
    // made just before it may be delivered too).
    const after = options.after ?? this.#seen;
    if (!Number.isSafeInteger(after) || after < 0) {
      throw new InvalidEntryError(`watch after must be a revision, got ${options.after}`);
    }
    if (this.#closed) return failed(new StoreUnavailableError("the etcd store is closed"));
    // etcd keeps the events of its compaction revision itself; the interface forgets them too, so a
    // watch that needs them fails here (the embedded store behaves the same).
    if (after < this.#compacted) return failed(new RevisionCompactedError(after, this.#compacted));
    const readOnly = options.readOnly === true;
    if (readOnly) this.#written.wanted++;
    const watch = new EtcdWatch<T>({
      client: this.#client,
      codec: this.#codec,
      range,
      startRevision: after + 1,
      written: readOnly ? this.#written : undefined,
      onRevision: (rev) => this.#seen = Math.max(this.#seen, rev),
      onCompacted: (rev) => this.#compacted = Math.max(this.#compacted, rev),
      onEnd: (w) => {
        this.#watches.delete(w);
        if (readOnly) this.#written.wanted--;
      },
    });
    this.#watches.add(watch as EtcdWatch<unknown>);
    return watch.readable;
  }

  async compact(revision: number): Promise<void> {
    if (!Number.isSafeInteger(revision) || revision < 1) {
      throw new RangeError(`cannot compact at ${revision}: not a revision`);
    }
    if (revision <= this.#compacted) return;
    try {
      // Not physical: etcd refuses reads below the revision as soon as the compaction is applied.
      await this.#call("idempotent", () => this.#client.compact(revision));
    } catch (e) {
      if (isFutureRevisionError(e)) throw new FutureRevisionError(revision, await this.revision());
      // Already compacted at or past it (by us before a retry, or by someone else): the goal holds.
      if (!isCompactedError(e)) throw e;
    }
    this.#compacted = Math.max(this.#compacted, revision);
  }

  /**
   * etcd does not report its compacted revision directly, but a read at a revision below it fails. So:
   * one read at the known compacted revision; only when that fails (someone else compacted further) a
   * binary search up to the current revision (~log2(revision) reads). `budgetMs` bounds the retries.
   */
  async compactedRevision(budgetMs?: number): Promise<number> {
    const readable = async (revision: number) => {
      try {
        await this.#range({ key: this.#probeKey, count_only: true, revision }, budgetMs);
        return true;
      } catch (e) {
        if (isCompactedError(e)) return false;
        throw e;
      }
    };
    const known = this.#compacted;
    // Revision 1 is always readable unless something was compacted; "readable at 1" means 0.
    let low = Math.max(known, 1);
    if (await readable(low)) return known;
    let high = await this.revision();
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (await readable(mid)) high = mid;
      else low = mid;
    }
    this.#compacted = Math.max(this.#compacted, high);
    return this.#compacted;
  }

  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    try {
      await this.#range({ key: this.#probeKey, count_only: true }, PING_TIMEOUT_MS);
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#abort.abort();
    for (const watch of [...this.#watches]) watch.close();
    this.#client.close();
    return Promise.resolve();
  }

  /**
   * Runs a transaction for `atomic()`, `set` and `delete` (an arrow function: the builders hold it).
   * A shared lease that expired or was revoked under us is dropped, and the commit tried once more.
   */
  readonly #commit = async (
    compares: Compare[],
    mutations: Mutation[],
  ): Promise<KvCommitResult | KvCommitError> => {
    // Before the commit leaves: etcd may send the watch event before the commit's reply.
    this.#written.remember(mutations);
    for (let attempt = 0;; attempt++) {
      const leases = mutations.some((m) => m.expireIn !== undefined)
        ? await Promise.all(
          mutations.map((m) => m.expireIn === undefined ? undefined : this.#leases.get(m.expireIn)),
        )
        : [];
      try {
        return await this.#committer.commit({ compares, mutations, leases });
      } catch (e) {
        if (attempt > 0 || !isLeaseGoneError(e)) throw e;
        for (const id of leases) if (id) this.#leases.forget(id);
      }
    }
  };

  /** One range, retried; with `budgetMs`, no attempt outlives the budget (for open and ping). */
  async #range(req: RangeRequest, budgetMs?: number): Promise<RangeResponse> {
    const deadline = budgetMs === undefined ? undefined : Date.now() + budgetMs;
    const res = await this.#call("read", () => this.#client.range(req, deadline), budgetMs);
    this.#saw(res.header);
    return res;
  }

  #call<T>(
    kind: CallKind,
    fn: (attempt: { ambiguous: boolean }) => Promise<T>,
    budgetMs?: number,
  ): Promise<T> {
    return withRetry(this.#ctx, kind, fn, budgetMs);
  }

  #saw(header: ResponseHeader): void {
    const revision = Number(header.revision);
    if (revision > this.#seen) this.#seen = revision;
  }
}

/** A stream that only errors, for watches that cannot start. */
function failed<T>(error: Error): ReadableStream<T> {
  return new ReadableStream({ start: (c) => c.error(error) });
}

/** A store entry from an etcd key-value (or the nulls of a missing key). */
function toEntry<T>(key: KvKey, kv: KeyValue | undefined): KvEntryMaybe<T> {
  if (!kv) return { key, value: null, versionstamp: null };
  return { key, value: decodeValue<T>(kv.value), versionstamp: kv.mod_revision };
}
