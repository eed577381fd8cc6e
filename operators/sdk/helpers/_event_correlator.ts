/**
 * The two parts of client-go's EventCorrelator (tools/record/events_cache.go) that keep a busy source
 * from flooding the API with Events, besides folding exact repeats (the recorder does that itself):
 *
 * - the aggregator: once an object has had 10 events of the same type and reason from a source with
 *   10 different messages within 10 minutes, the next ones become a single "(combined from similar
 *   events): MESSAGE" Event, counted up;
 * - the spam filter: a source may write 25 Events about one object, then one more every 5 minutes
 *   (a token bucket per source and object); the rest are dropped.
 *
 * A ReplicaSet controller creating 10,000 pods records "Created pod: NAME" 10,000 times about the same
 * ReplicaSet: Kubernetes writes about 25 Events for it, not 10,000.
 *
 * @module
 */

/** client-go's defaultAggregateMaxEvents: distinct messages before events are combined. */
export const AGGREGATE_MAX_EVENTS = 10;
/** client-go's defaultAggregateIntervalInSeconds, in ms. */
export const AGGREGATE_INTERVAL_MS = 600_000;
/** client-go's defaultSpamBurst: Events a source may write about one object at once. */
export const SPAM_BURST = 25;
/** client-go's defaultSpamQPS: one more Event every 5 minutes. */
export const SPAM_QPS = 1 / 300;
/** client-go's maxLruCacheEntries. */
export const CACHE_ENTRIES = 4096;
/** The message prefix of a combined Event (EventAggregatorByReasonMessageFunc). */
export const COMBINED_PREFIX = "(combined from similar events): ";

/**
 * Sets `key` in a Map used as an LRU cache of {@link CACHE_ENTRIES}: the key moves to the end, and the
 * oldest key goes when there are too many.
 *
 * @example
 * ```ts
 * const cache = new Map<string, number>();
 * lruSet(cache, "a", 1);
 * ```
 */
export function lruSet<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
}

/**
 * EventAggregator: answers whether an event with `message` under `aggregateKey` (source, object, type
 * and reason) is to be combined with its similar predecessors.
 *
 * @example
 * ```ts
 * const aggregator = new EventAggregator();
 * for (let i = 0; i < 9; i++) aggregator.combine("rs-web Normal SuccessfulCreate", `Created pod: web-${i}`, 0); // false
 * aggregator.combine("rs-web Normal SuccessfulCreate", "Created pod: web-9", 0); // true
 * ```
 */
export class EventAggregator {
  readonly #records = new Map<string, { messages: Set<string>; last: number }>();

  /** Records the event at `now` (ms); true once it is the tenth distinct message or later. */
  combine(aggregateKey: string, message: string, now: number): boolean {
    let record = this.#records.get(aggregateKey);
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS) record = { messages: new Set(), last: now };
    record.messages.add(message);
    record.last = now;
    lruSet(this.#records, aggregateKey, record);
    if (record.messages.size < AGGREGATE_MAX_EVENTS) return false;
    // Do not grow the set past the maximum (client-go pops any one key).
    record.messages.delete(record.messages.values().next().value!);
    return true;
  }
}

/**
 * EventSourceObjectSpamFilter: a token bucket per source and object, full (25) at first, refilled at one
 * token per 5 minutes.
 *
 * @example
 * ```ts
 * const filter = new SpamFilter();
 * let written = 0;
 * for (let i = 0; i < 30; i++) if (filter.accept("kubelet web", 0)) written++;
 * written; // 25
 * ```
 */
export class SpamFilter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes a token for an Event about `spamKey` at `now` (ms); false when the event is to be dropped. */
  accept(spamKey: string, now: number): boolean {
    let bucket = this.#buckets.get(spamKey);
    if (!bucket) bucket = { tokens: SPAM_BURST, at: now };
    else {
      bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + ((now - bucket.at) / 1000) * SPAM_QPS);
      bucket.at = now;
    }
    lruSet(this.#buckets, spamKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
