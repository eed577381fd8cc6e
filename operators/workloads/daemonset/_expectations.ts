/**
 * ControllerExpectations (pkg/controller/controller_utils.go) as the DaemonSet controller uses it: one
 * count of creations and one of deletions per DaemonSet, set together before a sync's writes
 * (SetExpectations) and lowered by the pods' own events. Counts, not pod names: a graceful deletion is
 * observed twice (deletionTimestamp, then the delete), which only drives the count below zero.
 *
 * @module
 */
import { EXPECTATIONS_TIMEOUT_MS } from "../controller/expectations.ts";

interface Counts {
  add: number;
  del: number;
  timestamp: number;
}

/**
 * Pending creations and deletions per DaemonSet key.
 *
 * @example
 * ```ts
 * import { CountExpectations } from "./_expectations.ts";
 *
 * const e = new CountExpectations();
 * e.set("default/agent", 2, 0);
 * e.creationObserved("default/agent");
 * e.satisfied("default/agent"); // false: one creation still to be seen
 * ```
 */
export class CountExpectations {
  #records = new Map<string, Counts>();

  constructor(readonly now: () => number = Date.now) {}

  /** SatisfiedExpectations: nothing pending, expired (five minutes), or never set. */
  satisfied(key: string): boolean {
    const r = this.#records.get(key);
    if (!r) return true;
    return (r.add <= 0 && r.del <= 0) || this.now() - r.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  /** SetExpectations: replaces what was expected. */
  set(key: string, add: number, del: number): void {
    this.#records.set(key, { add, del, timestamp: this.now() });
  }

  /** LowerExpectations. */
  lower(key: string, add: number, del: number): void {
    const r = this.#records.get(key);
    if (r) {
      r.add -= add;
      r.del -= del;
    }
  }

  /** CreationObserved. */
  creationObserved(key: string): void {
    this.lower(key, 1, 0);
  }

  /** DeletionObserved. */
  deletionObserved(key: string): void {
    this.lower(key, 0, 1);
  }

  /** DeleteExpectations. */
  delete(key: string): void {
    this.#records.delete(key);
  }
}
