/**
 * The etcd client of the backend (over the store's own gRPC transport, `_etcd_grpc.ts`), and the one
 * retry loop every call goes through.
 *
 * etcd3's defaults do not fit an API server: its global policy retries every "recoverable" error three
 * times, including errors after which a conditional write may already have been applied, and its
 * per-host circuit breaker (cockatiel, 3 consecutive failures, open 5 s) also counts errors that say
 * nothing about the host (a reply over 4 MiB, "etcdserver: leader changed"), so one oversized list
 * could take the only endpoint out for 5 s. The store's client has no global policy, a breaker that only
 * counts connection failures, and the store retries with knowledge of what each call is. Errors of the
 * transport are cast to etcd3's error classes (the only part of etcd3 still used), so the policy reads
 * as it did.
 *
 * @module
 */
import type { Buffer } from "node:buffer";
import {
  castGrpcError,
  ClientClosedError,
  EtcdLeaseInvalidError,
  GRPCDeadlineExceededError,
  GRPCResourceExhastedError,
  isRecoverableError,
} from "etcd3";
import { InvalidEntryError, StoreUnavailableError } from "./errors.ts";
import { GrpcMember } from "./_etcd_grpc.ts";
import {
  type CompactionResponse,
  decodeCompactionResponse,
  decodeLeaseGrantResponse,
  decodeRangeResponse,
  decodeTxnResponse,
  decodeWatchResponse,
  encodeCompactionRequest,
  encodeLeaseGrantRequest,
  encodeRangeRequest,
  encodeTxnRequest,
  encodeWatchCreateRequest,
  type RangeRequest,
  type RangeResponse,
  type TxnRequest,
  type TxnResponse,
  type WatchCreateRequest,
  type WatchResponse,
} from "./_etcd_proto.ts";

/** Deadline of one unary call. etcd itself gives up on a proposal after ~7 s (5 s + 2 election timeouts). */
export const CALL_TIMEOUT_MS = 10_000;
/** How long one store operation keeps retrying: long enough to ride out a leader election. */
export const RETRY_BUDGET_MS = 15_000;
/** Consecutive connection failures after which a member is skipped. */
const BREAKER_THRESHOLD = 3;
/** How long a member is skipped before one call may try it again. */
const BREAKER_OPEN_MS = 1_000;

/**
 * Thrown when a member's breaker is open. The client then tries the next member, and when every member
 * is open the store knows the request never left: safe to retry any call.
 *
 * @example
 * ```ts
 * if (e instanceof MemberSkippedError) console.log("no member took the call; it may be retried");
 * ```
 */
export class MemberSkippedError extends Error {
  override name = "MemberSkippedError";
  constructor(host: string) {
    super(`etcd member ${host} is skipped after repeated connection failures`);
  }
}

/** Whether an error says the member (or the path to it) failed, rather than the request or the cluster. */
function isMemberFailure(e: unknown): boolean {
  if (!(e instanceof Error) || !isRecoverableError(e)) return false;
  // Too large a reply is the request's fault; "etcdserver: ..." errors come from a member that answers.
  return !(e instanceof GRPCResourceExhastedError) && !e.message.includes("etcdserver:");
}

/**
 * A per-member circuit breaker (`execute`): closed until {@link BREAKER_THRESHOLD} consecutive connection
 * failures, then open for {@link BREAKER_OPEN_MS}, then one trial call. Watch stream failures count too.
 */
class MemberBreaker {
  #failures = 0;
  #openUntil = 0;
  #trial = false;

  constructor(readonly host: string) {}

  async execute<T>(fn: () => T | Promise<T>): Promise<T> {
    const halfOpen = this.#openUntil !== 0;
    if (halfOpen && (Date.now() < this.#openUntil || this.#trial)) throw new MemberSkippedError(this.host);
    if (halfOpen) this.#trial = true;
    try {
      const result = await fn();
      this.#failures = 0;
      this.#openUntil = 0;
      return result;
    } catch (e) {
      if (!isMemberFailure(e)) {
        this.#failures = 0;
        this.#openUntil = 0;
      } else if (++this.#failures >= BREAKER_THRESHOLD || halfOpen) {
        this.#openUntil = Date.now() + BREAKER_OPEN_MS;
      }
      throw e;
    } finally {
      if (halfOpen) this.#trial = false;
    }
  }
}

/** gRPC method paths of the unary calls the store makes. */
const RANGE = "/etcdserverpb.KV/Range";
const TXN = "/etcdserverpb.KV/Txn";
const COMPACT = "/etcdserverpb.KV/Compact";
const LEASE_GRANT = "/etcdserverpb.Lease/LeaseGrant";
const WATCH = "/etcdserverpb.Watch/Watch";

/**
 * What a watch stream reports: each response, then once that it closed (etcd ended it, it failed, or
 * the connection was lost; never after `cancel`).
 */
export interface WatchStreamHandler {
  response(res: WatchResponse): void;
  closed(error: Error): void;
}

/**
 * One gRPC watch stream.
 *
 * @example
 * ```ts
 * const stream = await client.watch({ response: (res) => console.log(res.events), closed: console.error });
 * stream.create({ key, range_end, start_revision: 8, prev_kv: true });
 * ```
 */
export interface WatchStream {
  /** Asks etcd to start a watch on the stream. */
  create(req: WatchCreateRequest): void;
  /** Ends the stream; the handler hears nothing more. */
  cancel(): void;
  /** Flow control: etcd stops sending after a window of responses, until `resume`. */
  pause(): void;
  resume(): void;
}

/** One member: its transport and its breaker. */
interface Member {
  grpc: GrpcMember;
  breaker: MemberBreaker;
}

/**
 * The etcd client of the backend: unary calls (range, txn, compact, lease grant) and watch streams over
 * the store's own gRPC transport (`_etcd_grpc.ts`, a quarter of etcd3's client CPU per call), one
 * HTTP/2 connection and one breaker per member. Each call tries the members in a fresh random order, as
 * etcd3's connection pool did: a member whose breaker is open is skipped, and the first member that
 * takes the call decides its outcome (the store's {@link withRetry} retries).
 *
 * @example
 * ```ts
 * const client = new EtcdClient(["http://127.0.0.1:2379"]);
 * const res = await client.range({ key: Buffer.from("/skiff/a") });
 * client.close();
 * ```
 */
export class EtcdClient {
  readonly #members: Member[];
  #closed = false;

  constructor(endpoints: string[]) {
    this.#members = endpoints.map((url) => ({ grpc: new GrpcMember(url), breaker: new MemberBreaker(url) }));
  }

  /** One range; `deadline` (ms since the epoch) defaults to {@link CALL_TIMEOUT_MS} from now. */
  async range(req: RangeRequest, deadline?: number): Promise<RangeResponse> {
    return decodeRangeResponse(await this.#unary(RANGE, encodeRangeRequest(req), deadline));
  }

  /** One transaction. */
  async txn(req: TxnRequest): Promise<TxnResponse> {
    return decodeTxnResponse(await this.#unary(TXN, encodeTxnRequest(req)));
  }

  /** A (logical) compaction at `revision`. */
  async compact(revision: number): Promise<CompactionResponse> {
    return decodeCompactionResponse(await this.#unary(COMPACT, encodeCompactionRequest(revision)));
  }

  /** A new lease of `ttl` seconds; resolves with its id. */
  async leaseGrant(ttl: number): Promise<string> {
    const res = decodeLeaseGrantResponse(await this.#unary(LEASE_GRANT, encodeLeaseGrantRequest(ttl)));
    if (res.error) throw new Error(`etcd refused the lease: ${res.error}`);
    return res.ID;
  }

  close(): void {
    this.#closed = true;
    for (const m of this.#members) m.grpc.close();
  }

  /**
   * Opens a watch stream on one member (etcd runs many watches per stream; the store opens one per
   * store watch, so a broken one resumes on its own).
   */
  async watch(handler: WatchStreamHandler): Promise<WatchStream> {
    if (this.#closed) throw new ClientClosedError("Watch");
    let skipped: unknown;
    for (const member of shuffled(this.#members)) {
      let through = false;
      try {
        const stream = await member.breaker.execute(() => {
          through = true;
          return member.grpc.stream(WATCH, {
            message: (message) => handler.response(decodeWatchResponse(message)),
            end: (error) => {
              const cast = error ? castGrpcError(error) : new Error("etcd ended the watch stream");
              if (isRecoverableError(cast)) {
                // As for unary calls: the member's breaker hears of it, the next call connects anew.
                member.grpc.reset();
                member.breaker.execute(() => Promise.reject(cast)).catch(() => {});
              }
              handler.closed(cast);
            },
          }, Date.now() + CALL_TIMEOUT_MS).catch((e) => {
            throw castGrpcError(e);
          });
        });
        return {
          create: (req) => stream.write(encodeWatchCreateRequest(req)),
          cancel: () => stream.cancel(),
          pause: () => stream.pause(),
          resume: () => stream.resume(),
        };
      } catch (e) {
        if (isRecoverableError(e as Error)) member.grpc.reset();
        if (through) throw e;
        skipped = e;
      }
    }
    throw skipped;
  }

  async #unary(path: string, message: Uint8Array, deadline = Date.now() + CALL_TIMEOUT_MS): Promise<Buffer> {
    if (this.#closed) throw new ClientClosedError("KV");
    let skipped: unknown;
    for (const member of shuffled(this.#members)) {
      let through = false;
      try {
        return await member.breaker.execute(() => {
          through = true;
          // Cast here: the breaker tells member failures from others by the etcd3 error classes.
          return member.grpc.unary(path, message, deadline).catch((e) => {
            throw castGrpcError(e);
          });
        });
      } catch (e) {
        const error = e as Error;
        // As etcd3 does: a connection-level failure makes the next call to the member connect anew.
        if (isRecoverableError(error)) member.grpc.reset();
        if (through) throw error;
        skipped = error;
      }
    }
    throw skipped;
  }
}

/** The members in a fresh random order (Fisher-Yates), so calls spread over the cluster. */
function shuffled<T>(items: T[]): T[] {
  if (items.length === 1) return items;
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * What a call does, which decides what is safe to retry:
 * - `read`: anything transient;
 * - `idempotent`: a write that may land twice without harm (a plain put or delete, a lease grant);
 * - `conditional`: a transaction with compares, retried after an ambiguous failure only with
 *   `ambiguous: true` so the caller can tell its own earlier write from someone else's.
 */
export type CallKind = "read" | "idempotent" | "conditional";

/** State shared by every call of one store. */
export interface CallContext {
  /** Aborted when the store closes: retries stop at once. */
  signal: AbortSignal;
  /** Endpoints, for error messages. */
  endpoints: string[];
}

/**
 * Runs `fn` until it succeeds, fails for good, or {@link RETRY_BUDGET_MS} runs out. Errors the store
 * cannot retry come back unchanged, except closed-client and too-large errors, which become
 * `StoreUnavailableError` and `InvalidEntryError`.
 *
 * @example
 * ```ts
 * const res = await withRetry(ctx, "read", () => client.kv.range({ key: Buffer.from("/skiff/a") }));
 * ```
 */
export async function withRetry<T>(
  ctx: CallContext,
  kind: CallKind,
  fn: (attempt: { ambiguous: boolean }) => Promise<T>,
  budgetMs = RETRY_BUDGET_MS,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  let ambiguous = false;
  // "Deadline exceeded" or "member skipped" say less than the failure before them ("connection refused").
  let telling: unknown;
  for (let attempt = 0;; attempt++) {
    if (ctx.signal.aborted) throw closedError();
    try {
      return await fn({ ambiguous });
    } catch (e) {
      if (ctx.signal.aborted || e instanceof ClientClosedError) throw closedError();
      const tooLarge = tooLargeMessage(e);
      if (tooLarge) throw new InvalidEntryError(tooLarge);
      const unsent = neverSent(e);
      if (!unsent && !isRecoverableError(e as Error)) throw e;
      if (!unsent && kind === "conditional") ambiguous = true;
      const vague = e instanceof GRPCDeadlineExceededError || e instanceof MemberSkippedError;
      if (!vague || telling === undefined) telling = e;
      if (Date.now() >= deadline) {
        const cause = (telling as Error).message.split("\n")[0];
        throw new StoreUnavailableError(
          `etcd at ${ctx.endpoints.join(",")} did not answer within ${Math.round(budgetMs / 1000)} s ` +
            `(${cause}); check that the etcd members are running and reachable`,
          { cause: telling },
        );
      }
      await sleep(Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random() / 2), ctx.signal);
    }
  }
}

/** Whether an error proves the request never reached a member, so even a conditional write may be retried. */
function neverSent(e: unknown): boolean {
  if (e instanceof MemberSkippedError) return true;
  const message = (e as Error)?.message ?? "";
  return /UNAVAILABLE: (No connection established|Request not sent|.*ECONNREFUSED)/.test(message);
}

/** The store's message for etcd's "too large" refusals, or undefined when `e` is something else. */
function tooLargeMessage(e: unknown): string | undefined {
  const message = (e as Error)?.message ?? "";
  // Not every RESOURCE_EXHAUSTED: "etcdserver: too many requests" is back-pressure, retried like others.
  if (/request is too large|larger than max/.test(message)) {
    return `the write is larger than etcd accepts (--max-request-bytes, 1.5 MiB by default): ${message}`;
  }
  if (message.includes("too many operations in txn request")) {
    return `the transaction has more operations than etcd accepts (--max-txn-ops, 128 by default)`;
  }
  return undefined;
}

/**
 * Whether `e` is etcd's "mvcc: required revision has been compacted".
 *
 * @example
 * ```ts
 * if (isCompactedError(e)) throw new RevisionCompactedError(rev, await store.compactedRevision());
 * ```
 */
export function isCompactedError(e: unknown): boolean {
  return ((e as Error)?.message ?? "").includes("required revision has been compacted");
}

/**
 * Whether `e` is etcd's "mvcc: required revision is a future revision".
 *
 * @example
 * ```ts
 * if (isFutureRevisionError(e)) throw new FutureRevisionError(rev, await store.revision());
 * ```
 */
export function isFutureRevisionError(e: unknown): boolean {
  return ((e as Error)?.message ?? "").includes("required revision is a future revision");
}

/**
 * Whether `e` says a lease the store attached is gone (expired or revoked).
 *
 * @example
 * ```ts
 * if (isLeaseGoneError(e)) leases.forget(id);
 * ```
 */
export function isLeaseGoneError(e: unknown): boolean {
  return e instanceof EtcdLeaseInvalidError ||
    ((e as Error)?.message ?? "").includes("requested lease not found");
}

function closedError(): StoreUnavailableError {
  return new StoreUnavailableError("the etcd store is closed");
}

/** Waits `ms`, or rejects with the closed error as soon as `signal` aborts (no timer outlives a close). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(closedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
