/**
 * kube-scheduler's PriorityQueue (pkg/scheduler/internal/queue/scheduling_queue.go): pending pods wait in
 * one of three places.
 *
 * - activeQ: ready to be tried, highest `spec.priority` first, then the earliest enqueued;
 * - backoffQ: failed recently and waiting out their backoff (1 s, doubling per attempt, at most 10 s);
 * - unschedulable: fit nowhere; they leave when the cluster changes (`moveAllToActiveOrBackoff`, called
 *   for node and pod events) or after five minutes there (podMaxInUnschedulablePodsDuration).
 *
 * A pod that fails while a move request arrived during its cycle goes to backoffQ rather than
 * unschedulable, since the change it missed may have made room (moveRequestCycle).
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";

/** How a queue is set up; the defaults are kube-scheduler's. */
export interface SchedulingQueueOptions {
  /** podInitialBackoffSeconds: 1 s. */
  initialBackoffMs?: number;
  /** podMaxBackoffSeconds: 10 s. */
  maxBackoffMs?: number;
  /** podMaxInUnschedulablePodsDuration: 5 min. */
  maxUnschedulableMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/** A pod in the queue with its bookkeeping. */
export interface QueuedPodInfo {
  pod: Pod;
  key: string;
  /** When it was (re)added to activeQ or the failure it waits on happened. */
  timestamp: number;
  /** When it entered the queue for the first time (for latency). */
  initialAttemptTimestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  /** The scheduling cycle that last popped it. */
  cycle: number;
}

/**
 * The key of a pod: "NAMESPACE/NAME".
 *
 * @example
 * ```ts
 * podKeyOf({ metadata: { namespace: "default", name: "web" } }); // "default/web"
 * ```
 */
export function podKeyOf(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}`;
}

/** A binary heap ordered by `less`, with removal by key. */
class Heap {
  #items: QueuedPodInfo[] = [];
  #index = new Map<string, number>();

  constructor(readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean) {}

  get size(): number {
    return this.#items.length;
  }

  get(key: string): QueuedPodInfo | undefined {
    const i = this.#index.get(key);
    return i === undefined ? undefined : this.#items[i];
  }

  peek(): QueuedPodInfo | undefined {
    return this.#items[0];
  }

  push(item: QueuedPodInfo): void {
    const existing = this.#index.get(item.key);
    if (existing !== undefined) {
      this.#items[existing] = item;
      this.#fix(existing);
      return;
    }
    this.#items.push(item);
    this.#index.set(item.key, this.#items.length - 1);
    this.#up(this.#items.length - 1);
  }

  pop(): QueuedPodInfo | undefined {
    if (this.#items.length === 0) return undefined;
    const top = this.#items[0];
    this.delete(top.key);
    return top;
  }

  delete(key: string): QueuedPodInfo | undefined {
    const i = this.#index.get(key);
    if (i === undefined) return undefined;
    const item = this.#items[i];
    const last = this.#items.pop()!;
    this.#index.delete(key);
    if (i < this.#items.length) {
      this.#items[i] = last;
      this.#index.set(last.key, i);
      this.#fix(i);
    }
    return item;
  }

  #fix(i: number): void {
    if (!this.#up(i)) this.#down(i);
  }

  #up(i: number): boolean {
    let moved = false;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(this.#items[i], this.#items[parent])) break;
      this.#swap(i, parent);
      i = parent;
      moved = true;
    }
    return moved;
  }

  #down(i: number): void {
    const n = this.#items.length;
    for (;;) {
      let best = i;
      const l = 2 * i + 1;
      const r = l + 1;
      if (l < n && this.less(this.#items[l], this.#items[best])) best = l;
      if (r < n && this.less(this.#items[r], this.#items[best])) best = r;
      if (best === i) return;
      this.#swap(i, best);
      i = best;
    }
  }

  #swap(i: number, j: number): void {
    const a = this.#items[i];
    const b = this.#items[j];
    this.#items[i] = b;
    this.#items[j] = a;
    this.#index.set(b.key, i);
    this.#index.set(a.key, j);
  }
}

/**
 * The scheduling queue (see the module doc).
 *
 * @example
 * ```ts
 * const queue = new SchedulingQueue();
 * queue.add(pod);
 * const info = await queue.pop(signal); // the highest-priority pod
 * queue.addUnschedulable(info, queue.schedulingCycle); // fit nowhere
 * queue.moveAllToActiveOrBackoff(); // a node appeared
 * ```
 */
export class SchedulingQueue {
  readonly #active = new Heap((a, b) => {
    const pa = a.pod.spec?.priority ?? 0;
    const pb = b.pod.spec?.priority ?? 0;
    return pa !== pb ? pa > pb : a.timestamp < b.timestamp;
  });
  readonly #backoff = new Heap((a, b) => this.#backoffExpiry(a) < this.#backoffExpiry(b));
  readonly #unschedulable = new Map<string, QueuedPodInfo>();
  /** Pods popped and not yet done (Kubernetes' inFlightPods), so an update meanwhile is not lost. */
  readonly #inFlight = new Set<string>();
  /** Newer objects of in-flight pods (updated during their cycle); null when deleted meanwhile. */
  readonly #inFlightChanges = new Map<string, Pod | null>();
  readonly #initialBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #maxUnschedulableMs: number;
  readonly #now: () => number;
  #waiters: (() => void)[] = [];
  #cycle = 0;
  #moveRequestCycle = -1;
  #closed = false;

  constructor(options: SchedulingQueueOptions = {}) {
    this.#initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.#maxUnschedulableMs = options.maxUnschedulableMs ?? 5 * 60_000;
    this.#now = options.now ?? (() => Date.now());
  }

  /** The number of the last scheduling cycle (incremented by every pop). */
  get schedulingCycle(): number {
    return this.#cycle;
  }

  /** How many pods wait in each place. */
  get sizes(): { active: number; backoff: number; unschedulable: number } {
    return {
      active: this.#active.size,
      backoff: this.#backoff.size,
      unschedulable: this.#unschedulable.size,
    };
  }

  /** Whether a pod is in any of the three places. */
  has(key: string): boolean {
    return !!(this.#active.get(key) ?? this.#backoff.get(key) ?? this.#unschedulable.get(key));
  }

  /** A new pending pod (informer add): straight to activeQ. */
  add(pod: Pod): void {
    const key = podKeyOf(pod);
    const now = this.#now();
    const existing = this.#find(key);
    if (existing) {
      existing.pod = pod;
      return;
    }
    this.#active.push({ pod, key, timestamp: now, initialAttemptTimestamp: now, attempts: 0, cycle: 0 });
    this.#wake();
  }

  /**
   * A pending pod changed: its object is replaced where it waits; an unschedulable one whose spec or
   * labels changed is tried again (Kubernetes' isPodUpdated, minus status-only changes).
   */
  update(oldPod: Pod, newPod: Pod): void {
    const key = podKeyOf(newPod);
    const info = this.#active.get(key) ?? this.#backoff.get(key);
    if (info) {
      info.pod = newPod;
      return;
    }
    const unschedulable = this.#unschedulable.get(key);
    if (unschedulable) {
      unschedulable.pod = newPod;
      if (schedulingRelevantChange(oldPod, newPod)) {
        this.#unschedulable.delete(key);
        this.#toActiveOrBackoff(unschedulable);
      }
      return;
    }
    if (this.#inFlight.has(key)) this.#inFlightChanges.set(key, newPod);
    else this.add(newPod);
  }

  /** A pod went (deleted, bound elsewhere, or no longer ours). */
  delete(key: string): void {
    if (this.#inFlight.has(key)) this.#inFlightChanges.set(key, null);
    this.#active.delete(key);
    this.#backoff.delete(key);
    this.#unschedulable.delete(key);
  }

  /**
   * The next pod to schedule; waits while activeQ is empty (backoffQ and unschedulable pods are moved
   * over as their time comes). Resolves undefined when the signal aborts or the queue closes.
   */
  async pop(signal?: AbortSignal): Promise<QueuedPodInfo | undefined> {
    for (;;) {
      if (this.#closed || signal?.aborted) return undefined;
      this.flush();
      const info = this.#active.pop();
      if (info) {
        info.attempts++;
        info.cycle = ++this.#cycle;
        this.#inFlight.add(info.key);
        return info;
      }
      await this.#wait(signal);
    }
  }

  /** The scheduling of a popped pod ended (bound, failed and requeued, or dropped). */
  done(key: string): void {
    this.#inFlight.delete(key);
    this.#inFlightChanges.delete(key);
  }

  /**
   * A popped pod fit nowhere: into unschedulable, or backoffQ when a move request came during its
   * cycle. `podCycle` is the cycle that popped it.
   */
  addUnschedulable(info: QueuedPodInfo, podCycle: number): void {
    const changed = this.#settle(info);
    if (changed === null) return;
    if (changed || this.#moveRequestCycle >= podCycle) this.#backoff.push(info);
    else this.#unschedulable.set(info.key, info);
    this.#wake();
  }

  /** A popped pod failed for another reason (an API error): it waits out its backoff. */
  addBackoff(info: QueuedPodInfo): void {
    if (this.#settle(info) === null) return;
    this.#backoff.push(info);
    this.#wake();
  }

  /** Ends a pod's flight: null when it must not come back (deleted, or queued again meanwhile), else whether it changed. */
  #settle(info: QueuedPodInfo): boolean | null {
    const change = this.#inFlightChanges.get(info.key);
    this.done(info.key);
    if (change === null || this.has(info.key)) return null;
    info.timestamp = this.#now();
    if (change) info.pod = change;
    return change !== undefined;
  }

  /**
   * The cluster changed (a node came or changed, a pod went): every unschedulable pod is tried again,
   * after its backoff.
   */
  moveAllToActiveOrBackoff(): void {
    for (const info of this.#unschedulable.values()) this.#toActiveOrBackoff(info);
    this.#unschedulable.clear();
    this.#moveRequestCycle = this.#cycle;
    this.#wake();
  }

  /**
   * Moves backoffQ pods whose backoff ended and pods unschedulable for too long to activeQ
   * (flushBackoffQCompleted and flushUnschedulablePodsLeftover, which Kubernetes runs every 1 s and
   * 30 s; here they run on every pop and on the timer `pop` waits on).
   */
  flush(): void {
    const now = this.#now();
    for (let top = this.#backoff.peek(); top && this.#backoffExpiry(top) <= now; top = this.#backoff.peek()) {
      this.#backoff.pop();
      this.#active.push(top);
    }
    for (const [key, info] of this.#unschedulable) {
      if (now - info.timestamp >= this.#maxUnschedulableMs) {
        this.#unschedulable.delete(key);
        this.#toActiveOrBackoff(info);
      }
    }
  }

  /** Wakes every waiting `pop` with nothing; later pops answer undefined. */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  /** The backoff of a pod after `attempts` attempts: 1 s, 2 s, 4 s, 8 s, then 10 s. */
  backoffDuration(attempts: number): number {
    let d = this.#initialBackoffMs;
    for (let i = 1; i < attempts; i++) {
      d *= 2;
      if (d > this.#maxBackoffMs) return this.#maxBackoffMs;
    }
    return Math.min(d, this.#maxBackoffMs);
  }

  #backoffExpiry(info: QueuedPodInfo): number {
    return info.timestamp + this.backoffDuration(info.attempts);
  }

  #toActiveOrBackoff(info: QueuedPodInfo): void {
    if (this.#backoffExpiry(info) > this.#now()) this.#backoff.push(info);
    else this.#active.push(info);
  }

  #find(key: string): QueuedPodInfo | undefined {
    return this.#active.get(key) ?? this.#backoff.get(key) ?? this.#unschedulable.get(key);
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /** Waits for a wake-up, the next backoff or unschedulable expiry, or the signal. */
  #wait(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const now = this.#now();
      let next = Infinity;
      const top = this.#backoff.peek();
      if (top) next = this.#backoffExpiry(top) - now;
      for (const info of this.#unschedulable.values()) {
        next = Math.min(next, info.timestamp + this.#maxUnschedulableMs - now);
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      if (next !== Infinity) timer = setTimeout(done, Math.max(1, next));
      signal?.addEventListener("abort", done, { once: true });
      this.#waiters.push(done);
    });
  }
}

/** Whether an update can change where a pod fits: anything but status and bookkeeping metadata. */
function schedulingRelevantChange(oldPod: Pod, newPod: Pod): boolean {
  const strip = (p: Pod) => {
    const { resourceVersion: _rv, generation: _g, managedFields: _m, ...meta } = p.metadata ?? {};
    return JSON.stringify({ meta, spec: p.spec });
  };
  return strip(oldPod) !== strip(newPod);
}
