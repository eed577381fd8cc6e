/**
 * Controller expectations (pkg/controller/controller_utils.go, UIDTrackingControllerExpectations): after
 * a controller asks for N pods to be created or deleted it waits until its informer has seen them before
 * it counts pods again, so a cache that lags its own writes does not make it create (or delete) twice.
 * Expectations expire after five minutes, so a lost watch event cannot stall a controller for good.
 *
 * @module
 */

/** How long expectations hold before a controller syncs anyway (ExpectationsTimeout). */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Record {
  add: number;
  del: number;
  /** Pods whose deletion was asked for and not yet seen (a delete can be observed twice: as a
   * deletionTimestamp, then as the delete itself). */
  deleting: Set<string>;
  timestamp: number;
}

/**
 * Pending creations and deletions per controller key.
 *
 * @example
 * ```ts
 * import { Expectations } from "@skiff/workloads";
 *
 * const e = new Expectations();
 * e.expectCreations("default/web", 2);
 * e.satisfied("default/web"); // false
 * e.creationObserved("default/web");
 * e.creationObserved("default/web");
 * e.satisfied("default/web"); // true
 * ```
 */
export class Expectations {
  #records = new Map<string, Record>();

  constructor(readonly now: () => number = Date.now) {}

  /** Whether the controller may count pods again: nothing pending, expired, or never set. */
  satisfied(key: string): boolean {
    const r = this.#records.get(key);
    if (!r) return true;
    return (r.add <= 0 && r.del <= 0) || this.now() - r.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  /** Expects `count` creations (replacing what was expected before). */
  expectCreations(key: string, count: number): void {
    this.#records.set(key, { add: count, del: 0, deleting: new Set(), timestamp: this.now() });
  }

  /** Expects the deletion of these pods ("NAMESPACE/NAME" keys). */
  expectDeletions(key: string, podKeys: string[]): void {
    this.#records.set(key, {
      add: 0,
      del: podKeys.length,
      deleting: new Set(podKeys),
      timestamp: this.now(),
    });
  }

  /** A creation was seen, or one that was asked for failed (lowering the count either way). */
  creationObserved(key: string): void {
    const r = this.#records.get(key);
    if (r) r.add--;
  }

  /** A deletion of `podKey` was seen, or failed; counted once per pod. */
  deletionObserved(key: string, podKey: string): void {
    const r = this.#records.get(key);
    if (r?.deleting.delete(podKey)) r.del--;
  }

  /** Forgets a key (its controller object is gone). */
  delete(key: string): void {
    this.#records.delete(key);
  }
}
