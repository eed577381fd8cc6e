/**
 * Commits of atomic operations: each as one etcd transaction, or, with grouping on, grouped under load.
 *
 * Grouping: while {@link MAX_IN_FLIGHT} transactions are on their way to etcd, further commits wait and
 * then leave together as one etcd transaction with one nested transaction each (etcd evaluates every
 * nested transaction's compares on its own; 3.3+). Measured with etcd3 as the client (~250 µs of client
 * CPU per call; the store's own transport now needs ~100 µs, bench/etcd_unary.ts): a conditional create
 * cost etcd 3.4 ~250 µs to apply as its own transaction, so at 64 in flight creates ran at ~80 % of plain
 * puts; in groups they cost ~60 + ~80 µs each and ran at ~2.5x the rate of plain puts. At one commit in
 * flight nothing waits, so latency is unchanged.
 *
 * Grouping is off by default because grouped commits share one revision, as the writes of one
 * transaction do: two objects created together get the same resourceVersion, and a Kubernetes client
 * that resumes a watch from the first one's resourceVersion never sees the second. Turn it on only where
 * nothing resumes watches from per-object revisions (bulk loads).
 *
 * Correctness of a group: etcd evaluates all compares of a transaction, nested ones included, against
 * the state before any of its writes. Commits in one group therefore must not see each other's writes:
 * a commit joins a group only when none of its keys (checked or written) is written by another member
 * and none of the keys it writes is checked by one. Then the group equals the commits applied one after
 * another. Commits waiting on a key keep their order.
 *
 * @module
 */
import { StoreUnavailableError } from "./errors.ts";
import { type Mutation, readBackOps, successOps } from "./_etcd_atomic.ts";
import { type CallContext, withRetry } from "./_etcd_client.ts";
import type { Compare, ResponseHeader, ResponseOp, TxnRequest, TxnResponse } from "./_etcd_proto.ts";
import type { KvCommitError, KvCommitResult } from "./types.ts";

/** Transactions on their way to etcd before commits start to wait and group. */
const MAX_IN_FLIGHT = 4;
/** Commits per group; etcd accepts 128 operations per transaction level by default (--max-txn-ops). */
const MAX_GROUP = 64;
/** Bytes of keys and values per group, well below etcd's 1.5 MiB request limit (--max-request-bytes). */
const MAX_GROUP_BYTES = 512 * 1024;

/** One commit: its compares, mutations and the lease id of each mutation (for puts with a TTL). */
export interface CommitRequest {
  compares: Compare[];
  mutations: Mutation[];
  leases: (string | undefined)[];
}

type CommitOutcome = KvCommitResult | KvCommitError;

interface Pending extends CommitRequest {
  checked: string[];
  written: string[];
  bytes: number;
  resolve(outcome: CommitOutcome): void;
  reject(error: unknown): void;
}

/** What the committer needs from its store. */
export interface CommitterDeps {
  ctx: CallContext;
  /** Group concurrent commits into shared transactions (see the module comment). */
  group: boolean;
  txn(req: TxnRequest): Promise<TxnResponse>;
  /** Reports every response header, so the store knows the newest revision. */
  saw(header: ResponseHeader): void;
}

/**
 * Sends commits to etcd, grouping them under load when asked to.
 *
 * @example
 * ```ts
 * const committer = new Committer({ ctx, group: false, txn: (req) => client.kv.txn(req), saw: () => {} });
 * const res = await committer.commit({ compares: [], mutations: [{ key, value }], leases: [undefined] });
 * ```
 */
export class Committer {
  #inFlight = 0;
  #queue: Pending[] = [];

  constructor(private readonly deps: CommitterDeps) {}

  commit(request: CommitRequest): Promise<CommitOutcome> {
    if (!this.deps.group) return this.#single(request);
    return new Promise((resolve, reject) => {
      const written = request.mutations.map((m) => m.key.toString("latin1"));
      const checked = request.compares.map((c) => c.key!.toString("latin1"));
      const bytes = request.mutations.reduce((n, m) => n + m.key.length + (m.value?.length ?? 0), 0);
      this.#queue.push({ ...request, checked, written, bytes, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < MAX_IN_FLIGHT && this.#queue.length > 0) {
      const group = this.#takeGroup();
      this.#inFlight++;
      this.#send(group).finally(() => {
        this.#inFlight--;
        this.#pump();
      });
    }
  }

  /** Takes the next group off the queue (see the module comment for which commits may share one). */
  #takeGroup(): Pending[] {
    const group: Pending[] = [];
    const rest: Pending[] = [];
    // Keys the group (or a commit left waiting before it) writes, and keys it checks.
    const written = new Set<string>();
    const checked = new Set<string>();
    let bytes = 0;
    for (const p of this.#queue) {
      const clash = p.written.some((k) => written.has(k) || checked.has(k)) ||
        p.checked.some((k) => written.has(k));
      const fits = group.length === 0 || (group.length < MAX_GROUP && bytes + p.bytes <= MAX_GROUP_BYTES);
      if (!clash && fits) {
        group.push(p);
        bytes += p.bytes;
      } else {
        rest.push(p);
      }
      for (const k of p.written) written.add(k);
      for (const k of p.checked) checked.add(k);
    }
    this.#queue = rest;
    return group;
  }

  async #send(group: Pending[]): Promise<void> {
    try {
      const outcomes = group.length === 1 ? [await this.#single(group[0])] : await this.#grouped(group);
      group.forEach((p, i) => p.resolve(outcomes[i]));
    } catch (e) {
      if (group.length === 1 || e instanceof StoreUnavailableError) {
        for (const p of group) p.reject(e);
        return;
      }
      // One commit may spoil the group (a lease that expired, a value too large): each on its own, so
      // only that one fails.
      await Promise.all(group.map((p) => this.#single(p).then(p.resolve, p.reject)));
    }
  }

  #single(p: CommitRequest): Promise<CommitOutcome> {
    const kind = p.compares.length > 0 ? "conditional" : "idempotent";
    const success = successOps(p.mutations, p.leases);
    return withRetry(this.deps.ctx, kind, async ({ ambiguous }) => {
      const failure = ambiguous ? readBackOps(p.mutations) : [];
      const res = await this.deps.txn({ compare: p.compares, success, failure });
      this.deps.saw(res.header);
      return outcome(p, res.succeeded, res.responses, res.header.revision, ambiguous);
    });
  }

  #grouped(group: Pending[]): Promise<CommitOutcome[]> {
    const kind = group.some((p) => p.compares.length > 0) ? "conditional" : "idempotent";
    const successes = group.map((p) => successOps(p.mutations, p.leases));
    return withRetry(this.deps.ctx, kind, async ({ ambiguous }) => {
      const res = await this.deps.txn({
        success: group.map((p, i) => ({
          request_txn: {
            compare: p.compares,
            success: successes[i],
            failure: ambiguous ? readBackOps(p.mutations) : [],
          },
        })),
      });
      this.deps.saw(res.header);
      return group.map((p, i) => {
        const inner = res.responses[i]?.response_txn;
        if (!inner) throw new Error("etcd answered a grouped commit without its nested transaction's reply");
        return outcome(p, inner.succeeded, inner.responses, res.header.revision, ambiguous);
      });
    });
  }
}

/**
 * The outcome of one commit. When an earlier attempt's fate is unknown and this attempt's compares
 * failed, the failure branch read the written keys back: if they hold exactly this commit's writes, the
 * earlier attempt landed and the commit succeeded.
 */
function outcome(
  p: CommitRequest,
  succeeded: boolean,
  responses: ResponseOp[],
  revision: string,
  ambiguous: boolean,
): CommitOutcome {
  if (succeeded) return { ok: true, versionstamp: revision };
  const landed = ambiguous ? landedRevision(p.mutations, responses, revision) : undefined;
  return landed ? { ok: true, versionstamp: landed } : { ok: false };
}

/**
 * Whether the reads of {@link readBackOps} show this commit's writes: every put key holds exactly our
 * bytes at one common revision, every deleted key is gone. The answer is that revision (the current one
 * for delete-only commits), or undefined when the state shows someone else's write.
 *
 * @example
 * ```ts
 * const landed = landedRevision(mutations, res.responses, res.header.revision);
 * return landed ? { ok: true, versionstamp: landed } : { ok: false };
 * ```
 */
export function landedRevision(
  mutations: Mutation[],
  responses: ResponseOp[],
  currentRevision: string,
): string | undefined {
  if (mutations.length === 0) return undefined;
  let revision: string | undefined;
  for (let i = 0; i < mutations.length; i++) {
    const kv = responses[i]?.response_range?.kvs[0];
    const m = mutations[i];
    if (!m.value) {
      if (kv) return undefined;
      continue;
    }
    if (!kv || !m.value.equals(kv.value) || (revision !== undefined && kv.mod_revision !== revision)) {
      return undefined;
    }
    revision = kv.mod_revision;
  }
  return revision ?? currentRevision;
}
