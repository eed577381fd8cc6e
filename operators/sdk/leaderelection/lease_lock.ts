/**
 * The lock leader election holds: a coordination.k8s.io/v1 Lease, read and written through a small
 * {@link LeaseApi} (client-go's `resourcelock.LeaseLock`). Every update carries the resourceVersion of the
 * Lease last read or written, so two candidates writing the same version cannot both win: the server
 * answers the second with 409 Conflict.
 *
 * @module
 */

/**
 * A coordination.k8s.io/v1 Lease as plain JSON.
 *
 * @example
 * ```ts
 * const lease: Lease = {
 *   apiVersion: "coordination.k8s.io/v1",
 *   kind: "Lease",
 *   metadata: { name: "my-operator", namespace: "kube-system" },
 *   spec: { holderIdentity: "pod-a", leaseDurationSeconds: 15 },
 * };
 * ```
 */
export interface Lease {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; [field: string]: unknown };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/**
 * How leader election reads and writes Leases of one namespace. Errors must carry the HTTP code as
 * `.code` (404 when the Lease does not exist, 409 on a conflict), as the SDK client's `ApiError` does;
 * a namespaced `ResourceClient` of Leases fits as it is.
 *
 * @example
 * ```ts
 * const base = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
 * async function send(method: string, path: string, body?: unknown, signal?: AbortSignal) {
 *   const res = await fetch(server + path, { method, body: body && JSON.stringify(body), signal });
 *   const json = await res.json();
 *   if (!res.ok) throw Object.assign(new Error(json.message), { code: res.status });
 *   return json;
 * }
 * const api: LeaseApi = {
 *   get: (name, o) => send("GET", `${base}/${name}`, undefined, o?.signal),
 *   create: (lease, o) => send("POST", base, lease, o?.signal),
 *   update: (lease, o) => send("PUT", `${base}/${lease.metadata!.name}`, lease, o?.signal),
 * };
 * ```
 */
export interface LeaseApi {
  get(name: string, options?: { signal?: AbortSignal }): Promise<Lease>;
  create(lease: Lease, options?: { signal?: AbortSignal }): Promise<Lease>;
  update(lease: Lease, options?: { signal?: AbortSignal }): Promise<Lease>;
}

/**
 * What the lock stores (client-go's `LeaderElectionRecord`); times in milliseconds since the epoch.
 *
 * @example
 * ```ts
 * const now = Date.now();
 * const record: LeaderElectionRecord = {
 *   holderIdentity: "pod-a",
 *   leaseDurationSeconds: 15,
 *   acquireTime: now,
 *   renewTime: now,
 *   leaderTransitions: 0,
 * };
 * ```
 */
export interface LeaderElectionRecord {
  /** The leader's identity; "" when the lease was released. */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: number;
  renewTime: number;
  leaderTransitions: number;
}

/**
 * Something an elector can report to, such as the SDK's event recorder: the lock records "became leader"
 * and "stopped leading" as Normal events with reason LeaderElection on the Lease.
 *
 * @example
 * ```ts
 * const recorder: LeaderEventRecorder = { event: (obj, type, reason, message) => console.log(reason, message) };
 * ```
 */
export interface LeaderEventRecorder {
  event(object: Lease, type: "Normal" | "Warning", reason: string, message: string): unknown;
}

/**
 * Options of a {@link LeaseLock}.
 *
 * @example
 * ```ts
 * const options: LeaseLockOptions = { name: "my-operator", namespace: "kube-system", identity: crypto.randomUUID() };
 * ```
 */
export interface LeaseLockOptions {
  name: string;
  namespace: string;
  /** This candidate's identity, unique among candidates (often the pod name plus a random suffix). */
  identity: string;
  eventRecorder?: LeaderEventRecorder;
}

/**
 * Formats a time as a metav1.MicroTime: RFC 3339 with six fractional digits.
 *
 * @example
 * ```ts
 * formatMicroTime(Date.UTC(2024, 0, 2, 3, 4, 5, 678)); // "2024-01-02T03:04:05.678000Z"
 * ```
 */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/**
 * The election record a Lease spec holds (client-go's LeaseSpecToLeaderElectionRecord); missing fields are
 * zero.
 *
 * @example
 * ```ts
 * leaseSpecToRecord({ holderIdentity: "a", leaseDurationSeconds: 15 }).holderIdentity; // "a"
 * ```
 */
export function leaseSpecToRecord(spec: Lease["spec"] = {}): LeaderElectionRecord {
  return {
    holderIdentity: spec.holderIdentity ?? "",
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: parseTime(spec.acquireTime),
    renewTime: parseTime(spec.renewTime),
    leaderTransitions: spec.leaseTransitions ?? 0,
  };
}

/** Milliseconds since the epoch; 0 for a missing or unreadable time, as Go's zero time. */
function parseTime(value: string | undefined): number {
  const ms = value ? Date.parse(value) : 0;
  return Number.isFinite(ms) ? ms : 0;
}

/**
 * The Lease spec of an election record (client-go's LeaderElectionRecordToLeaseSpec): every field is set,
 * holderIdentity to "" after a release.
 *
 * @example
 * ```ts
 * recordToLeaseSpec({ holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: 0, renewTime: 0, leaderTransitions: 2 });
 * ```
 */
export function recordToLeaseSpec(record: LeaderElectionRecord): NonNullable<Lease["spec"]> {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    acquireTime: formatMicroTime(record.acquireTime),
    renewTime: formatMicroTime(record.renewTime),
    leaseTransitions: record.leaderTransitions,
  };
}

/**
 * A Lease used as a leader-election lock. It remembers the Lease it last read or wrote, and updates that
 * version (optimistic concurrency).
 *
 * @example
 * ```ts
 * const lock = new LeaseLock(api, { name: "my-operator", namespace: "kube-system", identity: "pod-a" });
 * const elector = new LeaderElector({ lock, callbacks: { onStartedLeading() {}, onStoppedLeading() {} } });
 * ```
 */
export class LeaseLock {
  readonly #api: LeaseApi;
  readonly #options: LeaseLockOptions;
  #lease?: Lease;

  constructor(api: LeaseApi, options: LeaseLockOptions) {
    this.#api = api;
    this.#options = options;
  }

  /** This candidate's identity. */
  get identity(): string {
    return this.#options.identity;
  }

  /**
   * Reads the Lease: its record, and the record's raw form to tell whether it changed since the last read.
   *
   * @example
   * ```ts
   * const { record } = await lock.get();
   * console.log(record.holderIdentity);
   * ```
   */
  async get(signal?: AbortSignal): Promise<{ record: LeaderElectionRecord; raw: string }> {
    const lease = await this.#api.get(this.#options.name, { signal });
    signal?.throwIfAborted();
    this.#lease = lease;
    const record = leaseSpecToRecord(lease.spec);
    // Compared at millisecond precision: client-go compares a JSON form with whole seconds, which tells
    // renewals apart only for retry periods of seconds.
    return { record, raw: JSON.stringify(record) };
  }

  /**
   * Creates the Lease holding the record.
   *
   * @example
   * ```ts
   * await lock.create({ holderIdentity: "pod-a", leaseDurationSeconds: 15, acquireTime: Date.now(), renewTime: Date.now(), leaderTransitions: 0 });
   * ```
   */
  async create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    const lease = await this.#api.create({
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: this.#options.name, namespace: this.#options.namespace },
      spec: recordToLeaseSpec(record),
    }, { signal });
    signal?.throwIfAborted();
    this.#lease = lease;
  }

  /**
   * Writes the record into the Lease last read or written, at that resourceVersion; a 409 means someone
   * else wrote it first.
   *
   * @example
   * ```ts
   * await lock.get();
   * await lock.update({ ...record, renewTime: Date.now() });
   * ```
   */
  async update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    if (!this.#lease) throw new Error("lease not initialized, call get or create first");
    const lease = await this.#api.update({ ...this.#lease, spec: recordToLeaseSpec(record) }, { signal });
    signal?.throwIfAborted();
    this.#lease = lease;
  }

  /**
   * Records an event about this candidate on the Lease, when an event recorder was given.
   *
   * @example
   * ```ts
   * lock.recordEvent("became leader"); // event "pod-a became leader"
   * ```
   */
  recordEvent(message: string): void {
    const recorder = this.#options.eventRecorder;
    if (!recorder || !this.#lease) return;
    const subject: Lease = { ...this.#lease, apiVersion: "coordination.k8s.io/v1", kind: "Lease" };
    recorder.event(subject, "Normal", "LeaderElection", `${this.#options.identity} ${message}`);
  }

  /**
   * "NAMESPACE/NAME" of the Lease, for messages.
   *
   * @example
   * ```ts
   * lock.describe(); // "kube-system/my-operator"
   * ```
   */
  describe(): string {
    return `${this.#options.namespace}/${this.#options.name}`;
  }
}
