/**
 * client-go's flowcontrol.Backoff as kube-controller-manager gives the DaemonSet controller for failed
 * pods (NewBackOff(1s, 15m)): per key, a delay that starts at `initialMs` and doubles at each `next()` up
 * to `maxMs`; a key untouched for twice `maxMs` starts over. The controller keys it by DaemonSet uid,
 * observed generation and node, so a kubelet that keeps rejecting a pod is not hot-looped.
 *
 * @module
 */

/**
 * Options of a {@link Backoff}.
 *
 * @example
 * ```ts
 * const options: BackoffOptions = { initialMs: 1_000, maxMs: 15 * 60_000 };
 * ```
 */
export interface BackoffOptions {
  /** The first delay (Kubernetes: 1 s). */
  initialMs?: number;
  /** The longest delay (Kubernetes: 15 min). */
  maxMs?: number;
}

interface Entry {
  backoff: number;
  lastUpdate: number;
}

/**
 * Per-key exponential backoff.
 *
 * @example
 * ```ts
 * import { Backoff } from "@skiff/workloads";
 *
 * const b = new Backoff({ initialMs: 1000, maxMs: 8000 });
 * b.next("k", 0);
 * b.isInBackOffSinceUpdate("k", 500); // true
 * b.get("k"); // 1000
 * ```
 */
export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  #entries = new Map<string, Entry>();

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 1_000;
    this.maxMs = options.maxMs ?? 15 * 60_000;
  }

  /** The key's current delay (0 when it has none). */
  get(key: string): number {
    return this.#entries.get(key)?.backoff ?? 0;
  }

  /** Next: starts the key's delay, or doubles it (up to the maximum), as of `now`. */
  next(key: string, now: number): void {
    const e = this.#entries.get(key);
    if (!e || this.#expired(e, now)) {
      this.#entries.set(key, { backoff: this.initialMs, lastUpdate: now });
      return;
    }
    e.backoff = Math.min(e.backoff * 2, this.maxMs);
    e.lastUpdate = now;
  }

  /** IsInBackOffSinceUpdate: whether less than the key's delay has passed since its last `next()`. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.#entries.get(key);
    if (!e || this.#expired(e, now)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** GC: forgets keys untouched for twice the maximum delay. */
  gc(now: number): void {
    for (const [key, e] of this.#entries) if (this.#expired(e, now)) this.#entries.delete(key);
  }

  #expired(e: Entry, now: number): boolean {
    return now - e.lastUpdate > 2 * this.maxMs;
  }
}
