/**
 * The embedded store's commits, planned as one Deno KV atomic write for a group of them.
 *
 * A Deno KV commit on these machines takes ~3 ms (SQLite syncs its log) and ~0.8 ms of CPU, whatever
 * it carries, and the store's commits are serialised (each needs the revision of the one before): one
 * at a time, the store wrote ~300-400 objects/s however many clients waited. Commits that queue up
 * behind a running one therefore leave together: each still gets a revision of its own, its own log
 * record and its own checks, evaluated against the state the commits before it in the group leave, so
 * the group means exactly what the commits one after another would mean. Only the Deno KV write is
 * shared.
 *
 * @module
 */
import { keyId } from "./_keys.ts";
import {
  chunkKey,
  COMMIT_BUDGET_BYTES,
  dataKey,
  type DataRecord,
  expiryKey,
  INLINE_MAX_CHARS,
  logKey,
  type LogMutation,
  type LogRecord,
  toChunks,
  versionKey,
} from "./_embedded_layout.ts";
import type { PublishedMutation } from "./_embedded_watch.ts";
import type { AtomicCheck, KvCommitError, KvCommitResult, KvKey } from "./types.ts";

/** One write of an atomic operation. */
export type Mutation = { type: "set"; key: KvKey; value: unknown; expireIn?: number } | {
  type: "delete";
  key: KvKey;
};

/** An atomic operation ready to commit: its last mutation per key, and the JSON of each value set. */
export interface PendingCommit {
  checks: AtomicCheck[];
  mutations: Mutation[];
  /** JSON of each set, by keyId. */
  encoded: Map<string, string>;
}

/** Commits per group. */
export const MAX_GROUP = 32;
/**
 * Distinct keys a group writes. Each takes up to four Deno KV writes (its record, the copy of the value
 * it supersedes, an expiry entry removed and one set) and Deno KV takes at most 1,000 per atomic write:
 * 200 × 4 + 32 log records = 832.
 */
const MAX_GROUP_KEYS = 200;

/**
 * How many commits at the head of `queue` leave together: the first always; each later one while the
 * group stays within Deno KV's per-write limits and holds small values only (a large one needs writes
 * before the commit, so it goes alone). One pass over the queue.
 *
 * @example
 * ```ts
 * const group = queue.splice(0, groupSize(queue));
 * ```
 */
export function groupSize(queue: readonly PendingCommit[]): number {
  const keys = new Set<string>();
  let chars = 0;
  const n = Math.min(queue.length, MAX_GROUP);
  for (let i = 0; i < n; i++) {
    const c = queue[i];
    for (const m of c.mutations) keys.add(keyId(m.key));
    let large = false;
    for (const json of c.encoded.values()) {
      if (json.length > INLINE_MAX_CHARS) large = true;
      chars += json.length;
    }
    if (large) return Math.max(i, 1);
    // Each value may be written once and copied once when a later commit of the group supersedes it.
    if (i > 0 && (keys.size > MAX_GROUP_KEYS || chars * 4 > COMMIT_BUDGET_BYTES)) return i;
  }
  return n;
}

/** The Deno KV writes and outcomes of a group of commits. */
export interface CommitPlan {
  /** Each commit's outcome, in order. */
  results: (KvCommitResult | KvCommitError)[];
  /** Writes of the atomic commit (a value of undefined deletes), after its checks. */
  writes: [Deno.KvKey, unknown][];
  /** Chunks of large values, written before the atomic commit. */
  early: [Deno.KvKey, unknown][];
  /** What each revision changed, for the watch feed, in order. */
  published: { rev: number; mutations: PublishedMutation[] }[];
  /** The newest revision after the group. */
  rev: number;
  /** Expiry times the group set. */
  expiries: number[];
}

/**
 * Plans `group` on top of `current` (every key the group checks or writes, null when absent) at
 * revision `rev`: checks fail or pass against the state the commits before leave, each commit that
 * changes something gets the next revision.
 *
 * @example
 * ```ts
 * const plan = planCommits([{ checks: [], mutations: [{ type: "set", key: ["a"], value: 1 }], encoded }], new Map([["a", null]]), 7);
 * plan.results; // [{ ok: true, versionstamp: "8" }]
 * ```
 */
export function planCommits(
  group: PendingCommit[],
  current: Map<string, DataRecord | null>,
  rev: number,
): CommitPlan {
  const state = new Map(current);
  const keys = new Map<string, KvKey>();
  // Writes by Deno KV key: a later write of the same key in the group replaces an earlier one.
  const writes = new Map<string, [Deno.KvKey, unknown]>();
  const write = (key: Deno.KvKey, value: unknown) => writes.set(JSON.stringify(key), [key, value]);
  const early: [Deno.KvKey, unknown][] = [];
  const results: (KvCommitResult | KvCommitError)[] = [];
  const published: CommitPlan["published"] = [];
  const expiries: number[] = [];
  const late = budget(group, state) <= COMMIT_BUDGET_BYTES;

  for (const commit of group) {
    const passes = commit.checks.every((c) => {
      const rec = state.get(keyId(c.key)) ?? null;
      return c.versionstamp === null ? rec === null : rec !== null && String(rec.m) === c.versionstamp;
    });
    if (!passes) {
      results.push({ ok: false });
      continue;
    }
    const next = rev + 1;
    const log: LogMutation[] = [];
    const live: PublishedMutation[] = [];
    let j = 0;
    for (const m of commit.mutations) {
      const id = keyId(m.key);
      const rec = state.get(id) ?? null;
      if (m.type === "delete" && !rec) continue;
      keys.set(id, m.key);
      const prev = rec ? { m: rec.m, j: rec.j, n: rec.n } : null;
      // The superseded value stays readable at its own revision, and the log's `p` finds it there.
      if (rec?.n === 0) {
        if (late) write(versionKey(rec.m, rec.j), rec.s);
        else early.push([versionKey(rec.m, rec.j), rec.s]);
      }
      if (rec?.x !== undefined) write(expiryKey(rec.x, m.key), undefined);
      if (m.type === "delete") {
        state.set(id, null);
        log.push({ k: [...m.key], t: 1, p: prev });
        live.push({ mutation: log[log.length - 1], value: null, prev: rec?.s });
        continue;
      }
      const json = commit.encoded.get(id)!;
      const record: DataRecord = { m: next, j, n: 0 };
      if (json.length <= INLINE_MAX_CHARS && late) record.s = json;
      else {
        const chunks = toChunks(json);
        record.n = chunks.length;
        chunks.forEach((c, i) => early.push([chunkKey(next, j, i), c]));
      }
      if (m.expireIn !== undefined) {
        record.x = Date.now() + m.expireIn;
        write(expiryKey(record.x, m.key), 1);
        expiries.push(record.x);
      }
      state.set(id, record);
      log.push({ k: [...m.key], t: 0, j, n: record.n, p: prev });
      live.push({ mutation: log[log.length - 1], value: json, prev: rec?.s, written: m.value });
      j++;
    }
    // A commit that changes nothing (deletes of absent keys) answers the revision it saw.
    if (log.length === 0) {
      results.push({ ok: true, versionstamp: String(rev) });
      continue;
    }
    rev = next;
    write(logKey(rev), { e: log } satisfies LogRecord);
    published.push({ rev, mutations: live });
    results.push({ ok: true, versionstamp: String(rev) });
  }
  for (const [id, key] of keys) write(dataKey(key), state.get(id) ?? undefined);
  return { results, writes: [...writes.values()], early, published, rev, expiries };
}

/** Bytes (UTF-16, as Deno KV counts a string) the group's inline values and copies would add. */
function budget(group: PendingCommit[], current: Map<string, DataRecord | null>): number {
  let bytes = 0;
  for (const commit of group) {
    for (const m of commit.mutations) {
      const rec = current.get(keyId(m.key));
      if (rec?.n === 0) bytes += rec.s!.length * 2;
      const json = commit.encoded.get(keyId(m.key));
      if (json !== undefined && json.length <= INLINE_MAX_CHARS) bytes += json.length * 2;
    }
  }
  return bytes;
}
