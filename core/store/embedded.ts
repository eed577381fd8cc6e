/**
 * The embedded backend, Skiff's default: Deno KV on a SQLite file in the data dir, with the semantics
 * the etcd backend has. `_embedded_layout.ts` describes the keys; this file holds the write path, reads at
 * old revisions, compaction and expiry, and `_embedded_watch.ts` the prefix watches.
 *
 * One process owns a data dir (a lock file says which): writes are serialised in-process, so the revision
 * is known before each commit, and every commit still checks the revision key so a second writer could
 * never interleave unnoticed.
 *
 * @example
 * ```ts
 * const store = await openEmbeddedStore({ path: ".skiff/store.sqlite" });
 * const { versionstamp } = await store.set(["pods", "default", "web"], { spec: {} });
 * await store.close();
 * ```
 *
 * @module
 */
import {
  FutureRevisionError,
  InvalidEntryError,
  RevisionCompactedError,
  StoreUnavailableError,
} from "./errors.ts";
import { compareKeys, hasPrefix, keyId, validateKey } from "./_keys.ts";
import { decodeCursor, encodeCursor } from "./_cursor.ts";
import { Mutex } from "./_mutex.ts";
import {
  chunkKey,
  CHUNKS_PER_COMMIT,
  COMPACTED_KEY,
  DATA,
  dataKey,
  type DataRecord,
  fromChunks,
  logKey,
  type LogRecord,
  MAX_MUTATIONS,
  REV_KEY,
  versionKey,
  type VersionRef,
} from "./_embedded_layout.ts";
import { acquireLock, releaseLock } from "./_lockfile.ts";
import { rememberEncoding } from "./encoding.ts";
import { groupSize, type Mutation, type PendingCommit, planCommits } from "./_embedded_commit.ts";
import { EventFeed } from "./_embedded_watch.ts";
import type {
  AtomicCheck,
  AtomicOperation,
  KvCommitError,
  KvCommitResult,
  KvEntry,
  KvEntryMaybe,
  KvKey,
  ListOptions,
  ListPage,
  SetOptions,
  Store,
  WatchEvent,
  WatchOptions,
} from "./types.ts";

/** Options of {@link openEmbeddedStore}. */
export interface EmbeddedStoreOptions {
  /** The SQLite file (created with its directory when missing). */
  path: string;
  /** Revisions of history kept for watches and old reads before automatic compaction (default 50,000). */
  historyLimit?: number;
}

/**
 * Opens (or creates) the embedded store at `options.path`.
 *
 * @example
 * ```ts
 * const store = await openEmbeddedStore({ path: "/tmp/skiff/store.sqlite", historyLimit: 1000 });
 * ```
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const dir = options.path.replace(/\/[^/]*$/, "");
  if (dir && dir !== options.path) await Deno.mkdir(dir, { recursive: true });
  const lock = `${options.path}.lock`;
  await acquireLock(lock);
  let kv: Deno.Kv;
  try {
    kv = await Deno.openKv(options.path);
  } catch (e) {
    await releaseLock(lock);
    throw new StoreUnavailableError(
      `cannot open the embedded store at ${options.path}: ${(e as Error).message}`,
    );
  }
  const store = new EmbeddedStore(kv, lock, options.historyLimit ?? 50_000);
  await store.init();
  return store;
}

/** A commit waiting in the queue, with what settles its caller's promise. */
interface QueuedCommit extends PendingCommit {
  resolve(result: KvCommitResult | KvCommitError): void;
  reject(error: unknown): void;
}

/** Resolves a stored version to its JSON, or null when compaction removed it. */
export type VersionReader = (key: KvKey, ref: VersionRef) => Promise<string | null>;

class EmbeddedStore implements Store {
  readonly backend = "embedded";
  #kv: Deno.Kv;
  #lockFile: string;
  #historyLimit: number;
  #writes = new Mutex();
  /** Commits waiting for the one under way; they leave together when it is done. */
  #queued: QueuedCommit[] = [];
  #draining = false;
  /** Settles when the queue is empty; close() waits for it, so a commit made before close lands. */
  #drained: Promise<void> = Promise.resolve();
  #rev = 0;
  #revVs: string | null = null;
  #compacted = 0;
  #compacting: Promise<void> | null = null;
  #closed = false;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #expiryAt = Infinity;
  #feed: EventFeed;
  /**
   * Every key's current record (an absent key has no entry), kept as commits land. This process is the
   * store's only writer (the lock file), so reads and commit checks need not ask SQLite: a snapshot read
   * cost ~30 µs of CPU, and the scheduler bench made three per pod (the binding's read and two commits'
   * checks), ~10 % of the API server's CPU. Holds the JSON of every small value, as kube-apiserver's
   * watch cache holds every object (a Pod ~2 KiB: ~20 MiB for 10,000).
   */
  #data = new Map<string, DataRecord>();

  constructor(kv: Deno.Kv, lockFile: string, historyLimit: number) {
    this.#kv = kv;
    this.#lockFile = lockFile;
    this.#historyLimit = historyLimit;
    this.#feed = new EventFeed({
      kv,
      readVersion: (key, ref) => this.#readVersion(key, ref),
      current: () => this.#rev,
      compacted: () => this.#compacted,
      closed: () => this.#closed,
    });
  }

  async init(): Promise<void> {
    const [rev, compacted] = await this.#kv.getMany<[number, number]>([REV_KEY, COMPACTED_KEY]);
    this.#rev = rev.value ?? 0;
    this.#revVs = rev.versionstamp;
    this.#compacted = compacted.value ?? 0;
    await this.#loadData();
    // Chunks written for a commit that never happened (the process died between the two) sit above the
    // current revision; the next commit would reuse those slots, so clear them now.
    const orphans: Deno.KvKey[] = [];
    for await (const e of this.#kv.list({ start: ["v", this.#rev + 1], end: ["w"] })) orphans.push(e.key);
    await this.#deleteKeys(orphans);
    await this.#scheduleNextExpiry();
  }

  // ---- reads ---------------------------------------------------------------------------------------

  revision(): Promise<number> {
    this.#assertOpen();
    return Promise.resolve(this.#rev);
  }

  async get<T = unknown>(key: KvKey): Promise<KvEntryMaybe<T>> {
    return (await this.getMany<T>([key]))[0];
  }

  async getMany<T = unknown>(keys: readonly KvKey[]): Promise<KvEntryMaybe<T>[]> {
    this.#assertOpen();
    keys.forEach((k) => validateKey(k));
    const out: KvEntryMaybe<T>[] = [];
    for (const key of keys) {
      const rec = this.#data.get(keyId(key));
      if (!rec) {
        out.push({ key, value: null, versionstamp: null });
        continue;
      }
      // A large value's chunks can vanish if the key is overwritten and compacted mid-read: read again.
      const json = rec.n === 0 ? rec.s! : await this.#readVersion(key, rec);
      if (json === null) return this.getMany(keys);
      out.push({ key, value: JSON.parse(json), versionstamp: String(rec.m) });
    }
    return out;
  }

  async list<T = unknown>(selector: { prefix: KvKey }, options: ListOptions = {}): Promise<ListPage<T>> {
    this.#assertOpen();
    const prefix = selector.prefix;
    if (prefix.length) validateKey(prefix, "prefix");
    const cursor = options.cursor ? decodeCursor(options.cursor) : undefined;
    const limit = options.limit ?? Infinity;
    if (!(limit > 0)) throw new InvalidEntryError("limit must be a positive number");
    // Holding the write lock gives a snapshot: no commit lands between reading the data and the log.
    return await this.#writes.run(() =>
      this.#listAt<T>(prefix, cursor?.revision ?? options.revision ?? this.#rev, cursor?.after, limit, {
        reverse: cursor?.reverse ?? options.reverse ?? false,
      })
    );
  }

  /**
   * Lists at revision `rev` from the current data: keys changed after `rev` take the value their earliest
   * later change superseded (or are left out when that change created them), from the log.
   */
  async #listAt<T>(
    prefix: KvKey,
    rev: number,
    after: KvKey | undefined,
    limit: number,
    { reverse }: { reverse: boolean },
  ): Promise<ListPage<T>> {
    if (rev > this.#rev) throw new FutureRevisionError(rev, this.#rev);
    if (rev < this.#compacted) throw new RevisionCompactedError(rev, this.#compacted);
    const order = (a: KvKey, b: KvKey) => reverse ? compareKeys(b, a) : compareKeys(a, b);
    const beyond = (key: KvKey) => after === undefined || order(key, after) > 0;

    const changed = new Map<string, { key: KvKey; prev: VersionRef | null }>();
    if (rev < this.#rev) {
      for await (
        const rec of this.#kv.list<LogRecord>({ start: logKey(rev + 1), end: logKey(this.#rev + 1) })
      ) {
        for (const m of rec.value.e) {
          if (hasPrefix(m.k, prefix) && !changed.has(keyId(m.k))) {
            changed.set(keyId(m.k), { key: m.k, prev: m.p });
          }
        }
      }
    }
    const older = [...changed.values()].filter((c) => c.prev && beyond(c.key)).sort((a, b) =>
      order(a.key, b.key)
    );

    type Found = { key: KvKey; ref: VersionRef; json?: string };
    const found: Found[] = [];
    let o = 0;
    const base = [DATA, ...prefix];
    const selector = after === undefined
      ? { prefix: base }
      : reverse
      ? { prefix: base, end: dataKey(after) }
      : { prefix: base, start: dataKey(after) };
    for await (const d of this.#kv.list<DataRecord>(selector, { reverse, batchSize: 500 })) {
      const key = d.key.slice(1) as string[];
      if (!beyond(key) || changed.has(keyId(key))) continue;
      while (o < older.length && order(older[o].key, key) < 0 && found.length <= limit) {
        found.push({ key: older[o].key, ref: older[o++].prev! });
      }
      if (found.length > limit) break;
      found.push({ key, ref: d.value, json: d.value.s });
      if (found.length > limit) break;
    }
    while (o < older.length && found.length <= limit) {
      found.push({ key: older[o].key, ref: older[o++].prev! });
    }

    const page = found.slice(0, limit);
    const entries: KvEntry<T>[] = [];
    for (const f of page) {
      const json = f.json ?? await this.#readVersion(f.key, f.ref);
      if (json === null) throw new RevisionCompactedError(rev, this.#compacted);
      entries.push({ key: f.key, value: JSON.parse(json), versionstamp: String(f.ref.m) });
    }
    if (rev < this.#compacted) throw new RevisionCompactedError(rev, this.#compacted);
    const more = found.length > limit;
    return {
      entries,
      cursor: more ? encodeCursor({ revision: rev, after: page[page.length - 1].key, reverse }) : "",
      revision: rev,
    };
  }

  /** The JSON of one version: chunks, the copy made when it was superseded, or the current record. */
  async #readVersion(key: KvKey, ref: VersionRef): Promise<string | null> {
    if (ref.n > 0) {
      const chunks: Uint8Array[] = [];
      for await (const c of this.#kv.list<Uint8Array>({ prefix: versionKey(ref.m, ref.j) })) {
        chunks.push(c.value);
      }
      return chunks.length === ref.n ? fromChunks(chunks) : null;
    }
    // The current record first: a commit that supersedes it writes the copy in the same Deno KV write,
    // before #data changes, so a version missed here is in the copy read next.
    const current = this.#data.get(keyId(key));
    if (current?.m === ref.m && current.j === ref.j) return current.s!;
    return (await this.#kv.get<string>(versionKey(ref.m, ref.j))).value;
  }

  // ---- writes --------------------------------------------------------------------------------------

  async set(key: KvKey, value: unknown, options?: SetOptions): Promise<KvCommitResult> {
    return (await this.#commit([], [{
      type: "set",
      key,
      value,
      expireIn: options?.expireIn,
    }])) as KvCommitResult;
  }

  async delete(key: KvKey): Promise<void> {
    await this.#commit([], [{ type: "delete", key }]);
  }

  atomic(): AtomicOperation {
    const checks: AtomicCheck[] = [];
    const mutations: Mutation[] = [];
    const op: AtomicOperation = {
      check: (...c) => (checks.push(...c), op),
      set: (
        key,
        value,
        options,
      ) => (mutations.push({ type: "set", key, value, expireIn: options?.expireIn }), op),
      delete: (key) => (mutations.push({ type: "delete", key }), op),
      commit: () => this.#commit(checks, mutations),
    };
    return op;
  }

  #commit(checks: AtomicCheck[], mutations: Mutation[]): Promise<KvCommitResult | KvCommitError> {
    this.#assertOpen();
    // The last mutation of a key wins, as in Deno KV; etcd refuses duplicates, so they never reach it.
    const byKey = new Map<string, Mutation>();
    for (const m of mutations) {
      validateKey(m.key);
      if (m.type === "set" && m.expireIn !== undefined && !(m.expireIn > 0)) {
        throw new InvalidEntryError("expireIn must be a positive number of milliseconds");
      }
      byKey.delete(keyId(m.key));
      byKey.set(keyId(m.key), m);
    }
    if (byKey.size > MAX_MUTATIONS) {
      throw new InvalidEntryError(`at most ${MAX_MUTATIONS} mutations per commit`);
    }
    checks.forEach((c) => validateKey(c.key));
    const encoded = new Map<string, string>();
    for (const [id, m] of byKey) {
      if (m.type !== "set") continue;
      const json = JSON.stringify(m.value);
      if (json === undefined) {
        throw new InvalidEntryError(`the value of ${m.key.join("/")} cannot be encoded as JSON`);
      }
      rememberEncoding(m.value, json);
      encoded.set(id, json);
    }
    const { promise, resolve, reject } = Promise.withResolvers<KvCommitResult | KvCommitError>();
    this.#queued.push({ checks, mutations: [...byKey.values()], encoded, resolve, reject });
    if (!this.#draining) this.#drained = this.#drain();
    return promise;
  }

  /** Commits what is queued, in groups (see _embedded_commit.ts), until nothing is. */
  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queued.length > 0) {
        const group = this.#queued.splice(0, groupSize(this.#queued));
        try {
          const results = await this.#writes.run(() => this.#commitGroup(group));
          group.forEach((c, i) => c.resolve(results[i]));
        } catch (e) {
          for (const c of group) c.reject(e);
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  async #commitGroup(group: PendingCommit[]): Promise<(KvCommitResult | KvCommitError)[]> {
    for (let attempt = 0;; attempt++) {
      const results = await this.#tryCommit(group);
      if (results !== "retry") return results;
      // Another writer moved the revision key: take its revision and try again.
      if (attempt === 5) {
        throw new StoreUnavailableError("the embedded store is being written by another process");
      }
      const rev = await this.#kv.get<number>(REV_KEY);
      this.#rev = rev.value ?? 0;
      this.#revVs = rev.versionstamp;
      await this.#loadData();
    }
  }

  /** Reads every key's record into {@link #data}: at start, and after another writer was found. */
  async #loadData(): Promise<void> {
    this.#data.clear();
    for await (const e of this.#kv.list<DataRecord>({ prefix: [DATA] }, { batchSize: 500 })) {
      this.#data.set(keyId(e.key.slice(1) as KvKey), e.value);
    }
  }

  async #tryCommit(group: PendingCommit[]): Promise<(KvCommitResult | KvCommitError)[] | "retry"> {
    // The state every key the group checks or writes is in, from memory.
    const current = new Map<string, DataRecord | null>();
    const known = (key: KvKey) => {
      const id = keyId(key);
      if (!current.has(id)) current.set(id, this.#data.get(id) ?? null);
    };
    for (const c of group) {
      for (const check of c.checks) known(check.key);
      for (const m of c.mutations) known(m.key);
    }
    // Every commit sets REV_KEY, so checking it alone finds any other writer. A Deno KV check per key
    // as well found nothing more and cost SQLite ~10 µs of CPU per object written (3 per scheduled pod:
    // 60 → 52 µs per 2 KiB object in groups of 20).
    const op = this.#kv.atomic().check({ key: REV_KEY, versionstamp: this.#revVs });
    const plan = planCommits(group, current, this.#rev);
    if (plan.published.length === 0) return plan.results;
    for (const [key, value] of plan.writes) value === undefined ? op.delete(key) : op.set(key, value);
    op.set(REV_KEY, plan.rev);

    for (let i = 0; i < plan.early.length; i += CHUNKS_PER_COMMIT) {
      const batch = this.#kv.atomic();
      for (const [k, v] of plan.early.slice(i, i + CHUNKS_PER_COMMIT)) batch.set(k, v);
      await batch.commit();
    }
    const res = await op.commit();
    if (!res.ok) {
      await this.#deleteKeys(plan.early.map(([k]) => k));
      return "retry";
    }
    this.#rev = plan.rev;
    this.#revVs = res.versionstamp;
    for (const [key, value] of plan.writes) {
      if (key[0] !== DATA) continue;
      const id = keyId(key.slice(1) as KvKey);
      if (value === undefined) this.#data.delete(id);
      else this.#data.set(id, value as DataRecord);
    }
    for (const { rev, mutations } of plan.published) this.#feed.published(rev, mutations);
    for (const at of plan.expiries) this.#armExpiry(at);
    if (this.#rev - this.#compacted > this.#historyLimit + 1000 && !this.#compacting) {
      this.compact(this.#rev - this.#historyLimit).catch(() => {});
    }
    return plan.results;
  }

  async #deleteKeys(keys: Deno.KvKey[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 500) {
      const op = this.#kv.atomic();
      keys.slice(i, i + 500).forEach((k) => op.delete(k));
      await op.commit();
    }
  }

  // ---- watch ---------------------------------------------------------------------------------------

  watch<T = unknown>(selector: { prefix: KvKey }, options: WatchOptions = {}): ReadableStream<WatchEvent<T>> {
    this.#assertOpen();
    if (selector.prefix.length) validateKey(selector.prefix, "prefix");
    return this.#feed.subscribe<T>(selector.prefix, options.after ?? this.#rev, options.readOnly === true);
  }

  // ---- compaction ----------------------------------------------------------------------------------

  compact(revision: number): Promise<void> {
    this.#assertOpen();
    if (revision > this.#rev) return Promise.reject(new FutureRevisionError(revision, this.#rev));
    // One compaction at a time; it runs beside writes because it only deletes what no reader at or above
    // `revision` needs, and readers re-check the compacted revision after they read.
    const run = async () => {
      await this.#compacting;
      if (revision <= this.#compacted) return;
      const from = this.#compacted;
      this.#compacted = revision;
      await this.#kv.set(COMPACTED_KEY, revision);
      this.#feed.compacted(revision);
      let doomed: Deno.KvKey[] = [];
      for await (const rec of this.#kv.list<LogRecord>({ start: logKey(from), end: logKey(revision + 1) })) {
        doomed.push(rec.key);
        for (const m of rec.value.e) {
          if (!m.p) continue;
          if (m.p.n === 0) doomed.push(versionKey(m.p.m, m.p.j));
          else for (let i = 0; i < m.p.n; i++) doomed.push(chunkKey(m.p.m, m.p.j, i));
        }
        if (doomed.length >= 500) {
          await this.#deleteKeys(doomed);
          doomed = [];
        }
      }
      await this.#deleteKeys(doomed);
    };
    const done = run().finally(() => {
      if (this.#compacting === done) this.#compacting = null;
    });
    this.#compacting = done;
    return done;
  }

  compactedRevision(): Promise<number> {
    this.#assertOpen();
    return Promise.resolve(this.#compacted);
  }

  // ---- expiry --------------------------------------------------------------------------------------

  #armExpiry(at: number): void {
    if (this.#closed || at >= this.#expiryAt) return;
    clearTimeout(this.#expiryTimer);
    this.#expiryAt = at;
    this.#expiryTimer = setTimeout(() => {
      this.#expiryAt = Infinity;
      this.#sweep().catch(() => {}).finally(() => this.#scheduleNextExpiry().catch(() => {}));
    }, Math.max(0, at - Date.now()));
  }

  async #scheduleNextExpiry(): Promise<void> {
    for await (const e of this.#kv.list({ prefix: ["x"] }, { limit: 1 })) this.#armExpiry(e.key[1] as number);
  }

  /** Deletes expired keys through the normal write path, so watchers see a delete with the old value. */
  async #sweep(): Promise<void> {
    const now = Date.now();
    for await (const e of this.#kv.list({ start: ["x"], end: ["x", now + 1] })) {
      if (this.#closed) return;
      const [, at, ...key] = e.key as [string, number, ...string[]];
      const rec = this.#data.get(keyId(key));
      if (rec?.x === at) {
        await this.#commit([{ key, versionstamp: String(rec.m) }], [{ type: "delete", key }]);
      } else await this.#kv.delete(e.key);
    }
  }

  // ---- lifecycle -----------------------------------------------------------------------------------

  ping(): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return this.#kv.get(REV_KEY).then(() => true, () => false);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#expiryTimer);
    this.#feed.close();
    await this.#drained;
    await this.#writes.run(async () => {});
    await this.#compacting?.catch(() => {});
    this.#kv.close();
    await releaseLock(this.#lockFile);
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreUnavailableError("the store is closed");
  }
}
