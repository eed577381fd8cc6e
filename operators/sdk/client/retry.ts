/**
 * When and how long the client waits before trying a request again: exponential backoff with jitter,
 * capped, and the server's Retry-After honoured.
 *
 * Which failures are retried depends on whether repeating the request is safe. GET, HEAD, PUT and DELETE
 * are retried on 429, on 5xx and on lost connections (a repeated PUT carries the same resourceVersion, so
 * at worst it answers 409; a repeated DELETE at worst 404). POST and PATCH may have taken effect when the
 * answer is lost, so they are retried only when the server said it did not act (429, or 503 with
 * Retry-After) or the connection was refused before anything was sent.
 *
 * @module
 */
import { ConnectionError } from "./errors.ts";

/**
 * How the client backs off.
 *
 * @example
 * ```ts
 * const patient: RetryPolicy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 5_000 };
 * ```
 */
export interface RetryPolicy {
  /** Tries in all, the first included; 1 turns retries off. Default 5. */
  maxAttempts?: number;
  /** The first backoff step. Default 200 ms. */
  baseDelayMs?: number;
  /** No wait is longer than this, Retry-After included. Default 30 s. */
  maxDelayMs?: number;
}

/**
 * The policy when none is given.
 *
 * @example
 * ```ts
 * const slower: RetryPolicy = { ...DEFAULT_RETRY, baseDelayMs: 1000 };
 * ```
 */
export const DEFAULT_RETRY: Required<RetryPolicy> = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 30_000 };

/**
 * The wait before try number `attempt + 1` (attempt counts from 0): base·2^attempt capped at max, then
 * jittered into [half, all] of it so that many clients failing together do not come back together.
 *
 * @example
 * ```ts
 * backoffDelay(3, { baseDelayMs: 100, maxDelayMs: 10_000 }); // between 400 and 800
 * ```
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy = {},
  random: () => number = Math.random,
): number {
  const base = policy.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const max = policy.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  const full = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return full / 2 + random() * full / 2;
}

/**
 * The wait a Retry-After header asks for, in ms: delta-seconds or an HTTP date; undefined when absent or
 * unreadable.
 *
 * @example
 * ```ts
 * retryAfterMs("3"); // 3000
 * ```
 */
export function retryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Whether a request that failed this way may be sent again.
 *
 * @example
 * ```ts
 * shouldRetry("GET", { status: 503 }); // true
 * shouldRetry("POST", { status: 500 }); // false: the object may have been created
 * ```
 */
export function shouldRetry(
  method: string,
  failure: { status: number; retryAfter?: boolean } | { error: unknown },
): boolean {
  const idempotent = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].includes(method.toUpperCase());
  if ("error" in failure) {
    if (!(failure.error instanceof ConnectionError)) return false;
    return idempotent || !failure.error.sent;
  }
  const { status, retryAfter } = failure;
  if (status === 429) return true;
  if (status === 503 && retryAfter) return true;
  return idempotent && status >= 500 && status !== 501 && status !== 505;
}

/**
 * Resolves after `ms`, or rejects at once with the signal's reason when it aborts.
 *
 * @example
 * ```ts
 * await sleep(100, AbortSignal.timeout(1000));
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
