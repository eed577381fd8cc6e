/**
 * The scheduler cache's "assume" protocol (pkg/scheduler/backend/cache): a pod chosen for a node is put
 * into the snapshot at once, before its binding is written, so the next cycle counts it. The informer's
 * add or update of the bound pod confirms it; a failed binding forgets it; a pod whose binding finished
 * but was never confirmed (its informer event lost, the pod deleted in between) expires after a TTL.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import type { Snapshot } from "../snapshot.ts";
import { podKeyOf } from "./queue.ts";

interface Assumed {
  pod: Pod;
  /** Set once the binding finished: when the pod expires unless confirmed. */
  deadline?: number;
}

/**
 * Assumed pods on top of a Snapshot.
 *
 * @example
 * ```ts
 * const cache = new AssumeCache(snapshot, { ttlMs: 30_000 });
 * cache.assume({ ...pod, spec: { ...pod.spec, nodeName: "n1" } });
 * cache.finishBinding("default/web");
 * cache.confirm(boundPodFromInformer); // true: it was assumed
 * ```
 */
export class AssumeCache {
  readonly #assumed = new Map<string, Assumed>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(readonly snapshot: Snapshot, options: { ttlMs?: number; now?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? 15 * 60_000;
    this.#now = options.now ?? (() => Date.now());
  }

  /** How many pods are assumed and not yet confirmed. */
  get size(): number {
    return this.#assumed.size;
  }

  /** Whether a pod is assumed. */
  isAssumed(key: string): boolean {
    return this.#assumed.has(key);
  }

  /** Counts a pod (with spec.nodeName set) on its node before its binding is written. */
  assume(pod: Pod): void {
    this.snapshot.addPod(pod);
    this.#assumed.set(podKeyOf(pod), { pod });
  }

  /** The binding was written: the pod now expires after the TTL unless an informer event confirms it. */
  finishBinding(key: string): void {
    const a = this.#assumed.get(key);
    if (a) a.deadline = this.#now() + this.#ttlMs;
  }

  /** The binding failed: the pod no longer counts. Answers whether it was assumed. */
  forget(key: string): boolean {
    const a = this.#assumed.get(key);
    if (!a) return false;
    this.#assumed.delete(key);
    this.snapshot.removePod(a.pod);
    return true;
  }

  /**
   * The informer reports a bound pod: it replaces the assumed one (which may name another node, if
   * someone else bound it). Answers whether it had been assumed.
   */
  confirm(pod: Pod): boolean {
    const assumed = this.#assumed.delete(podKeyOf(pod));
    this.snapshot.updatePod(pod);
    return assumed;
  }

  /** Removes assumed pods whose binding finished longer than the TTL ago; answers how many. */
  cleanupExpired(): number {
    const now = this.#now();
    let n = 0;
    for (const [key, a] of this.#assumed) {
      if (a.deadline !== undefined && a.deadline <= now) {
        this.#assumed.delete(key);
        this.snapshot.removePod(a.pod);
        n++;
      }
    }
    return n;
  }
}
