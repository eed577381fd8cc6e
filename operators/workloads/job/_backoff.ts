/**
 * The pod failure backoff (pkg/controller/job/backoff_utils.go): after N failures since the last success
 * a Job waits base·2^(N-1), capped, from the last failure before it creates a replacement pod. With
 * Kubernetes' 10 s base and 10 min cap: 1 failure → 10 s, 2 → 20 s, 3 → 40 s, … 7 → 10 min.
 *
 * @module
 */
import type { Pod } from "./_types.ts";

/** What is remembered of a Job's failures. */
export interface BackoffRecord {
  key: string;
  failuresAfterLastSuccess: number;
  /** ms since the epoch. */
  lastFailureTime?: number;
}

/** Backoff records by Job key; updated only once the pods they count were flushed to the status. */
export class BackoffStore {
  #records = new Map<string, BackoffRecord>();

  /** newBackoffRecord: the record as it stands after these newly finished pods. */
  next(key: string, newSucceeded: Pod[], newFailed: Pod[]): BackoffRecord {
    const record: BackoffRecord = { ...(this.#records.get(key) ?? { key, failuresAfterLastSuccess: 0 }) };
    const failed = newFailed.map(finishedTime).sort((a, b) => a - b);
    if (newSucceeded.length === 0) {
      if (failed.length === 0) return record;
      record.failuresAfterLastSuccess += failed.length;
      record.lastFailureTime = failed[failed.length - 1];
      return record;
    }
    record.failuresAfterLastSuccess = 0;
    record.lastFailureTime = undefined;
    const lastSuccess = Math.max(...newSucceeded.map(finishedTime));
    // Only failures after the last success count, newest first.
    for (let i = failed.length - 1; i >= 0 && failed[i] > lastSuccess; i--) {
      record.lastFailureTime ??= failed[i];
      record.failuresAfterLastSuccess++;
    }
    return record;
  }

  update(record: BackoffRecord): void {
    this.#records.set(record.key, record);
  }

  remove(key: string): void {
    this.#records.delete(key);
  }
}

/** getRemainingTime: how long the Job still waits before creating pods (0: not at all). */
export function remainingBackoff(record: BackoffRecord, now: number, baseMs: number, maxMs: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  let backoff = baseMs;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= maxMs) {
      backoff = maxMs;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/**
 * getFinishedTime: when the last container terminated, else when Ready turned False, else the
 * deletion time less its grace period, else the creation time.
 */
export function finishedTime(pod: Pod): number {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  let latest: number | undefined;
  if (statuses.length > 0) {
    for (const s of statuses) {
      const at = s.state?.terminated?.finishedAt;
      if (!at) {
        latest = undefined;
        break;
      }
      latest = Math.max(latest ?? 0, Date.parse(at));
    }
  }
  if (latest !== undefined) return latest;
  const ready = pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "False");
  if (ready?.lastTransitionTime) return Date.parse(ready.lastTransitionTime);
  if (pod.metadata?.deletionTimestamp) {
    return Date.parse(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  }
  return Date.parse(pod.metadata?.creationTimestamp ?? "") || 0;
}
