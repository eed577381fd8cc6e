/**
 * Leader election as client-go's `leaderelection` package runs it: candidates race for a Lease; the holder
 * renews it every retry period and stops leading when it cannot renew within the renew deadline; a
 * standby takes over once it has seen the Lease unchanged for its lease duration.
 *
 * Timing with the defaults (15 s lease, 10 s renew deadline, 2 s retry): the leader renews every 2 s. If
 * it cannot renew for 10 s it stops leading; standbys count 15 s from the last change they observed, so
 * there are at least 5 s (less clock-rate drift) between the old leader giving up and a new one starting.
 *
 * @module
 */
import type { LeaderElectionRecord, LeaseLock } from "./lease_lock.ts";

/** client-go's JitterFactor: acquire retries wait between 1× and 2.2× the retry period. */
const JITTER_FACTOR = 1.2;

/**
 * What the elector needs of a lock; {@link LeaseLock} is the one implementation.
 *
 * @example
 * ```ts
 * const lock: ResourceLock = new LeaseLock(api, { name: "op", namespace: "default", identity: "a" });
 * ```
 */
export type ResourceLock = Pick<
  LeaseLock,
  "identity" | "get" | "create" | "update" | "recordEvent" | "describe"
>;

/**
 * The callbacks of a {@link LeaderElector}.
 *
 * @example
 * ```ts
 * const callbacks: LeaderCallbacks = {
 *   onStartedLeading: async (signal) => { await runControllers(signal); },
 *   onStoppedLeading: () => Deno.exit(1),
 *   onNewLeader: (id) => console.log("leader is", id),
 * };
 * ```
 */
export interface LeaderCallbacks {
  /** Called when this candidate starts leading; the signal aborts when it stops. Not awaited. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /**
   * Called when run() ends: after leading, and also (as in client-go) when run() was cancelled before
   * this candidate ever led.
   */
  onStoppedLeading(): void;
  /** Called when a different leader is observed, including the first one seen. */
  onNewLeader?(identity: string): void;
}

/**
 * Leader-election metrics (client-go's leaderMetricsAdapter): leader_election_master_status is 1 while
 * leading and 0 otherwise, per lock name.
 *
 * @example
 * ```ts
 * const status = new Map<string, number>();
 * const metrics: LeaderMetrics = { leaderOn: (n) => status.set(n, 1), leaderOff: (n) => status.set(n, 0) };
 * ```
 */
export interface LeaderMetrics {
  leaderOn(name: string): void;
  leaderOff(name: string): void;
}

/**
 * Configuration of a {@link LeaderElector}; durations in milliseconds.
 *
 * @example
 * ```ts
 * const config: LeaderElectionConfig = {
 *   lock,
 *   leaseDurationMs: 15_000,
 *   renewDeadlineMs: 10_000,
 *   retryPeriodMs: 2_000,
 *   releaseOnCancel: true,
 *   callbacks: { onStartedLeading() {}, onStoppedLeading() {} },
 * };
 * ```
 */
export interface LeaderElectionConfig {
  lock: ResourceLock;
  /**
   * How long standbys wait after the last observed change before taking over (default 15 s). Stored in
   * the Lease as whole seconds, so at least 1000.
   */
  leaseDurationMs?: number;
  /** How long the leader keeps retrying a renewal before it gives up leading (default 10 s). */
  renewDeadlineMs?: number;
  /** How long candidates wait between attempts (default 2 s). */
  retryPeriodMs?: number;
  /**
   * Clear the Lease's holder when run() is cancelled, so a standby takes over at once. Only safe when the
   * leader's work has stopped before cancelling.
   */
  releaseOnCancel?: boolean;
  callbacks: LeaderCallbacks;
  /**
   * The lock's name in metrics (client-go's LeaderElectionConfig.Name); defaults to the lock's
   * "NAMESPACE/NAME".
   */
  name?: string;
  /** Told when this candidate starts and stops leading (see `ManagerMetrics.leaderElectionMetrics`). */
  metrics?: LeaderMetrics;
  /** Reports failed attempts; silent by default. */
  log?: (message: string) => void;
}

/**
 * client-go's defaults (the ones kube-controller-manager and controller-runtime use).
 *
 * @example
 * ```ts
 * LEADER_ELECTION_DEFAULTS.leaseDurationMs; // 15000
 * ```
 */
export const LEADER_ELECTION_DEFAULTS = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
} as const;

/**
 * A candidate for leadership of one Lease.
 *
 * @example
 * ```ts
 * const lock = new LeaseLock(leasesApi, { name: "my-operator", namespace: "kube-system", identity: "pod-a" });
 * const elector = new LeaderElector({
 *   lock,
 *   releaseOnCancel: true,
 *   callbacks: {
 *     onStartedLeading: (signal) => manager.start(signal),
 *     onStoppedLeading: () => console.log("stopped leading"),
 *   },
 * });
 * const stop = new AbortController();
 * await elector.run(stop.signal); // returns when leadership is lost or stop.abort() is called
 * ```
 */
export class LeaderElector {
  readonly #lock: ResourceLock;
  readonly #leaseDurationMs: number;
  readonly #renewDeadlineMs: number;
  readonly #retryPeriodMs: number;
  readonly #releaseOnCancel: boolean;
  readonly #callbacks: LeaderCallbacks;
  readonly #log: (message: string) => void;
  readonly #name: string;
  readonly #metrics?: LeaderMetrics;
  #observedRecord: LeaderElectionRecord = emptyRecord();
  #observedRaw = "";
  /** Local time (performance.now) at which the observed record last changed: expiry is measured from it. */
  #observedTime = 0;
  #reportedLeader = "";

  constructor(config: LeaderElectionConfig) {
    const d = { ...LEADER_ELECTION_DEFAULTS, ...definedOnly(config) };
    if (d.leaseDurationMs <= d.renewDeadlineMs) {
      throw new Error("leaseDuration must be greater than renewDeadline");
    }
    if (d.renewDeadlineMs <= JITTER_FACTOR * d.retryPeriodMs) {
      throw new Error("renewDeadline must be greater than retryPeriod*JitterFactor");
    }
    if (d.leaseDurationMs < 1000) throw new Error("leaseDuration must be at least one second");
    if (d.retryPeriodMs <= 0) throw new Error("retryPeriod must be greater than zero");
    if (!config.lock) throw new Error("Lock must not be nil.");
    if (!config.lock.identity) throw new Error("Lock identity is empty");
    if (!config.callbacks?.onStartedLeading) throw new Error("OnStartedLeading callback must not be nil");
    if (!config.callbacks?.onStoppedLeading) throw new Error("OnStoppedLeading callback must not be nil");
    this.#lock = config.lock;
    this.#leaseDurationMs = d.leaseDurationMs;
    this.#renewDeadlineMs = d.renewDeadlineMs;
    this.#retryPeriodMs = d.retryPeriodMs;
    this.#releaseOnCancel = config.releaseOnCancel ?? false;
    this.#callbacks = config.callbacks;
    this.#log = config.log ?? (() => {});
    this.#name = config.name ?? config.lock.describe();
    this.#metrics = config.metrics;
  }

  /**
   * Campaigns until this candidate leads, then renews until the signal aborts or a renewal misses the
   * deadline. Resolves when it no longer leads; onStoppedLeading has been called by then.
   *
   * @example
   * ```ts
   * const stop = new AbortController();
   * const running = elector.run(stop.signal);
   * // later
   * stop.abort();
   * await running;
   * ```
   */
  async run(signal: AbortSignal = new AbortController().signal): Promise<void> {
    try {
      if (!await this.#acquire(signal)) return;
      const leading = new AbortController();
      const stopLeading = () => leading.abort();
      signal.addEventListener("abort", stopLeading, { once: true });
      try {
        // Started without waiting, as client-go runs it in its own goroutine.
        Promise.resolve()
          .then(() => this.#callbacks.onStartedLeading(leading.signal))
          .catch((error) => this.#log(`OnStartedLeading failed: ${error}`));
        await this.#renew(signal);
      } finally {
        signal.removeEventListener("abort", stopLeading);
        leading.abort();
      }
    } finally {
      this.#callbacks.onStoppedLeading();
    }
  }

  /**
   * Whether the last observed record names this candidate as holder.
   *
   * @example
   * ```ts
   * if (elector.isLeader()) console.log("leading");
   * ```
   */
  isLeader(): boolean {
    return this.#observedRecord.holderIdentity === this.#lock.identity;
  }

  /**
   * The identity of the last observed leader, "" when none has been seen.
   *
   * @example
   * ```ts
   * elector.getLeader(); // "pod-a"
   * ```
   */
  getLeader(): string {
    return this.#observedRecord.holderIdentity;
  }

  /**
   * For a health check: an error when this candidate believes it leads but has not renewed for longer than
   * the lease duration plus the tolerance (it should have stopped leading by then).
   *
   * @example
   * ```ts
   * const error = elector.check(20_000);
   * if (error) return new Response(error.message, { status: 500 });
   * ```
   */
  check(maxTolerableExpiredLeaseMs: number): Error | undefined {
    if (!this.isLeader()) return undefined;
    if (performance.now() - this.#observedTime > this.#leaseDurationMs + maxTolerableExpiredLeaseMs) {
      return new Error(`failed election to renew leadership on lease ${this.#lock.describe()}`);
    }
    return undefined;
  }

  /** Tries every retry period (with jitter) until it acquires the lease; false when cancelled first. */
  async #acquire(signal: AbortSignal): Promise<boolean> {
    this.#log(`attempting to acquire leader lease ${this.#lock.describe()}...`);
    while (!signal.aborted) {
      const ok = await this.#tryAcquireOrRenew(signal);
      this.#maybeReportTransition();
      if (ok) {
        this.#lock.recordEvent("became leader");
        this.#metrics?.leaderOn(this.#name);
        this.#log(`successfully acquired lease ${this.#lock.describe()}`);
        return true;
      }
      await sleep(this.#retryPeriodMs * (1 + Math.random() * JITTER_FACTOR), signal);
    }
    return false;
  }

  /** Renews every retry period; returns when a renewal misses its deadline or the signal aborts. */
  async #renew(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), this.#renewDeadlineMs);
      const deadline = AbortSignal.any([signal, timeout.signal]);
      let renewed = false;
      try {
        // Poll immediately, then every retry period, until success or the deadline.
        while (!deadline.aborted) {
          if (await this.#tryAcquireOrRenew(deadline)) {
            renewed = true;
            break;
          }
          await sleep(this.#retryPeriodMs, deadline);
        }
      } finally {
        clearTimeout(timer);
      }
      this.#maybeReportTransition();
      if (!renewed) {
        if (!signal.aborted) this.#log(`failed to renew lease ${this.#lock.describe()}: timed out`);
        break;
      }
      await sleep(this.#retryPeriodMs, signal);
    }
    // Reported however the loop ended (client-go misses a cancel that lands between two renewals).
    this.#metrics?.leaderOff(this.#name);
    this.#lock.recordEvent("stopped leading");
    if (this.#releaseOnCancel) await this.#release();
  }

  /** Gives the lease up: holder "" and a one-second duration, so a standby takes it at its next try. */
  async #release(): Promise<boolean> {
    if (!this.isLeader()) return true;
    const now = Date.now();
    const record: LeaderElectionRecord = {
      holderIdentity: "",
      leaseDurationSeconds: 1,
      acquireTime: now,
      renewTime: now,
      leaderTransitions: this.#observedRecord.leaderTransitions,
    };
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.#renewDeadlineMs);
    try {
      // Read first: a renewal cancelled in flight may have been stored, leaving us an old resourceVersion
      // (newer client-go does the same). Someone else holding it now means there is nothing to release.
      const { record: current } = await this.#lock.get(timeout.signal);
      if (current.holderIdentity !== this.#lock.identity) return true;
      await this.#lock.update(record, timeout.signal);
    } catch (error) {
      this.#log(`Failed to release lock: ${error}`);
      return false;
    } finally {
      clearTimeout(timer);
    }
    this.#setObservedRecord(record);
    return true;
  }

  /** One attempt (client-go's tryAcquireOrRenew); true when this candidate holds the lease afterwards. */
  async #tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const now = Date.now();
    const record: LeaderElectionRecord = {
      holderIdentity: this.#lock.identity,
      leaseDurationSeconds: Math.floor(this.#leaseDurationMs / 1000),
      acquireTime: now,
      renewTime: now,
      leaderTransitions: 0,
    };

    // 1. The leader's fast path: update the version it wrote last, without reading first.
    if (this.isLeader() && this.#isLeaseValid()) {
      const observed = this.#observedRecord;
      record.acquireTime = observed.acquireTime;
      record.leaderTransitions = observed.leaderTransitions;
      try {
        await this.#lock.update(record, signal);
        this.#setObservedRecord(record);
        return true;
      } catch (error) {
        if (signal.aborted) return false;
        this.#log(`Failed to update lock optimistically: ${error}, falling back to slow path`);
      }
    }

    // 2. Read the lease, or create it.
    let current: { record: LeaderElectionRecord; raw: string };
    try {
      current = await this.#lock.get(signal);
    } catch (error) {
      if (signal.aborted) return false;
      if (codeOf(error) !== 404) {
        this.#log(`error retrieving resource lock ${this.#lock.describe()}: ${error}`);
        return false;
      }
      try {
        await this.#lock.create(record, signal);
      } catch (error) {
        this.#log(`error initially creating leader election record: ${error}`);
        return false;
      }
      this.#setObservedRecord(record);
      return true;
    }

    // 3. Someone else holds a lease that has not expired (measured from when we saw it change).
    if (current.raw !== this.#observedRaw) {
      this.#setObservedRecord(current.record);
      this.#observedRaw = current.raw;
    }
    if (current.record.holderIdentity && this.#isLeaseValid() && !this.isLeader()) return false;

    // 4. Take it over (or renew it on the slow path); the resourceVersion read above guards the write.
    if (this.isLeader()) {
      record.acquireTime = current.record.acquireTime;
      record.leaderTransitions = current.record.leaderTransitions;
    } else {
      record.leaderTransitions = current.record.leaderTransitions + 1;
    }
    try {
      await this.#lock.update(record, signal);
    } catch (error) {
      if (!signal.aborted) this.#log(`Failed to update lock: ${error}`);
      return false;
    }
    this.#setObservedRecord(record);
    return true;
  }

  #isLeaseValid(): boolean {
    return this.#observedTime + this.#observedRecord.leaseDurationSeconds * 1000 > performance.now();
  }

  #setObservedRecord(record: LeaderElectionRecord): void {
    this.#observedRecord = record;
    this.#observedTime = performance.now();
  }

  #maybeReportTransition(): void {
    const holder = this.#observedRecord.holderIdentity;
    if (holder === this.#reportedLeader) return;
    this.#reportedLeader = holder;
    const onNewLeader = this.#callbacks.onNewLeader;
    if (onNewLeader) queueMicrotask(() => onNewLeader(holder));
  }
}

function emptyRecord(): LeaderElectionRecord {
  return { holderIdentity: "", leaseDurationSeconds: 0, acquireTime: 0, renewTime: 0, leaderTransitions: 0 };
}

function definedOnly(config: LeaderElectionConfig): Partial<typeof LEADER_ELECTION_DEFAULTS> {
  const out: Record<string, number> = {};
  for (const k of ["leaseDurationMs", "renewDeadlineMs", "retryPeriodMs"] as const) {
    if (config[k] !== undefined) out[k] = config[k];
  }
  return out;
}

function codeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

/** Waits ms milliseconds, or less when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
