/**
 * The etcd3 client as the etcd backend configures it, and the one retry loop every call goes through.
 *
 * etcd3's defaults do not fit an API server: its global policy retries every "recoverable" error three
 * times, including errors after which a conditional write may already have been applied, and its
 * per-host circuit breaker (cockatiel, 3 consecutive failures, open 5 s) also counts errors that say
 * nothing about the host (a reply over 4 MiB, "etcdserver: leader changed"), so one oversized list
 * could take the only endpoint out for 5 s. Here etcd3 gets no global policy, a breaker that only counts
 * connection failures, and the store retries with knowledge of what each call is.
 *
 * @module
 */
import {
  ClientClosedError,
  Etcd3,
  EtcdLeaseInvalidError,
  GRPCDeadlineExceededError,
  GRPCResourceExhastedError,
  type IOptions,
  isRecoverableError,
} from "etcd3";
import { InvalidEntryError, StoreUnavailableError } from "./errors.ts";

/** Deadline of one unary call. etcd itself gives up on a proposal after ~7 s (5 s + 2 election timeouts). */
export const CALL_TIMEOUT_MS = 10_000;
/** How long one store operation keeps retrying: long enough to ride out a leader election. */
export const RETRY_BUDGET_MS = 15_000;
/** Consecutive connection failures after which a member is skipped. */
const BREAKER_THRESHOLD = 3;
/** How long a member is skipped before one call may try it again. */
const BREAKER_OPEN_MS = 1_000;

/**
 * Thrown (to etcd3's connection pool) when a member's breaker is open. etcd3 then tries the next member,
 * and when every member is open the store knows the request never left: safe to retry any call.
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
 * A per-member circuit breaker with the shape etcd3 calls (`execute`): closed until
 * {@link BREAKER_THRESHOLD} consecutive connection failures, then open for {@link BREAKER_OPEN_MS}, then
 * one trial call. etcd3 also reports watch stream failures through it.
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

/** Passes calls straight through: the store's own retry loop ({@link withRetry}) replaces etcd3's. */
const passThrough = { execute: <T>(fn: () => T | Promise<T>) => Promise.resolve().then(fn) };

/**
 * An etcd3 client for `endpoints` with the backend's gRPC and fault-handling settings.
 *
 * @example
 * ```ts
 * const client = createClient(["http://127.0.0.1:2379"]);
 * client.close();
 * ```
 */
export function createClient(endpoints: string[]): Etcd3 {
  return new Etcd3({
    hosts: endpoints,
    grpcOptions: {
      // A range reply over the default 4 MiB fails with RESOURCE_EXHAUSTED; lists also page by size.
      "grpc.max_receive_message_length": 2 ** 31 - 1,
      // Notice a member that went away without closing the connection (etcd allows pings every 5 s).
      "grpc.keepalive_time_ms": 10_000,
      "grpc.keepalive_timeout_ms": 5_000,
      // Connections belong to this client alone, so close() really closes them (grpc-js otherwise keeps
      // them, and their keepalive timers, in a process-wide pool for another 10 s).
      "grpc.use_local_subchannel_pool": 1,
    },
    defaultCallOptions: (ctx) => ctx.isStream ? {} : { deadline: Date.now() + CALL_TIMEOUT_MS },
    faultHandling: {
      host: (host: string) => new MemberBreaker(host),
      global: passThrough,
    } as unknown as IOptions["faultHandling"],
  });
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
  return /UNAVAILABLE: (No connection established|.*ECONNREFUSED)/.test(message);
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
