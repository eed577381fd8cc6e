/**
 * An event recorder writing core/v1 Events the way client-go's record package does: each event names the
 * object it is about, and repeats of the same event (same object, type, reason and message from the same
 * source) within ten minutes update the first one's count and lastTimestamp instead of creating new
 * Events (the EventCorrelator's logger). Similar events with many messages are combined and a source's
 * Events about one object are rate-limited as the EventCorrelator does (see _event_correlator.ts).
 *
 * @module
 */
import { formatTime } from "./conditions.ts";
import type { MetaObject } from "./types.ts";
import { COMBINED_PREFIX, EventAggregator, lruSet, SpamFilter } from "./_event_correlator.ts";

/** Repeats within this window fold into one Event. */
const CORRELATION_WINDOW_MS = 10 * 60 * 1000;

/**
 * A core/v1 ObjectReference as events carry it.
 *
 * @example
 * ```ts
 * const ref: ObjectReference = { apiVersion: "v1", kind: "Pod", namespace: "default", name: "web", uid: "u1" };
 * ```
 */
export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/**
 * A core/v1 Event as plain JSON.
 *
 * @example
 * ```ts
 * const e: CoreEvent = {
 *   apiVersion: "v1", kind: "Event",
 *   metadata: { name: "web.17c4a1b2c3d4e5f6", namespace: "default" },
 *   involvedObject: { kind: "Pod", name: "web", namespace: "default" },
 *   reason: "Started", message: "Started container", type: "Normal", count: 1,
 *   source: { component: "kubelet" },
 * };
 * ```
 */
export interface CoreEvent {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace: string; resourceVersion?: string; [field: string]: unknown };
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
  [field: string]: unknown;
}

/**
 * Where a recorder writes Events (client-go's EventSink). Errors carry the HTTP code as `.code`; a 404 on
 * patch makes the recorder create the Event again.
 *
 * @example
 * ```ts
 * const sink: EventSink = {
 *   create: (e) => client.resource(eventsResource).namespace(e.metadata.namespace).create(e),
 *   patch: (e, patch) =>
 *     client.resource(eventsResource).namespace(e.metadata.namespace)
 *       .patch(e.metadata.name, patch, "application/strategic-merge-patch+json"),
 * };
 * ```
 */
export interface EventSink {
  create(event: CoreEvent): Promise<CoreEvent>;
  /** A strategic merge patch of count, lastTimestamp and message onto the named Event. */
  patch(
    event: CoreEvent,
    patch: { count: number; lastTimestamp: string; message: string },
  ): Promise<CoreEvent>;
}

/**
 * The part of a client for core/v1 Events that {@link eventSinkFrom} needs; the SDK's
 * `client.resource(eventsResource)` fits.
 *
 * @example
 * ```ts
 * const events: EventsClient = client.resource(eventsResource);
 * ```
 */
export interface EventsClient {
  namespace(namespace: string): {
    create(event: CoreEvent): Promise<unknown>;
    patch(name: string, patch: unknown, options: { type: "strategic" }): Promise<unknown>;
  };
}

/**
 * An {@link EventSink} writing through an Events client: creates with POST, folds repeats with a strategic
 * merge patch, as client-go's sink does.
 *
 * @example
 * ```ts
 * const recorder = new EventRecorder(eventSinkFrom(client.resource(eventsResource)), { component: "widgets" });
 * ```
 */
export function eventSinkFrom(events: EventsClient): EventSink {
  return {
    create: async (event) => await events.namespace(event.metadata.namespace).create(event) as CoreEvent,
    patch: async (event, patch) =>
      await events.namespace(event.metadata.namespace).patch(event.metadata.name, patch, {
        type: "strategic",
      }) as CoreEvent,
  };
}

/**
 * Options of an {@link EventRecorder}.
 *
 * @example
 * ```ts
 * const options: EventRecorderOptions = { component: "deployment-controller", host: Deno.hostname() };
 * ```
 */
export interface EventRecorderOptions {
  /** The source component, e.g. "deployment-controller"; also the reportingComponent. */
  component: string;
  /** The source host; also the reportingInstance. */
  host?: string;
  /** Tries per event when the sink fails without a Kubernetes error (client-go: 12). */
  maxTries?: number;
  /** Wait between tries (client-go: 10 s; the first one is randomized). */
  retryDelayMs?: number;
  /** Reports dropped events; silent by default. */
  log?: (message: string) => void;
  /** The clock, for tests. */
  now?: () => number;
}

interface Observation {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
  resourceVersion?: string;
  lastSeen: number;
}

/**
 * Records Events about objects. Writes are queued and sent one at a time, so a quick repeat updates the
 * Event its predecessor created.
 *
 * @example
 * ```ts
 * const recorder = new EventRecorder(sink, { component: "widget-controller" });
 * recorder.event(widget, "Normal", "Created", "Created deployment web");
 * recorder.event(widget, "Warning", "Failed", "quota exceeded");
 * await recorder.flush();
 * ```
 */
export class EventRecorder {
  readonly #sink: EventSink;
  readonly #options: Required<Omit<EventRecorderOptions, "host">> & { host?: string };
  readonly #cache = new Map<string, Observation>();
  readonly #aggregator = new EventAggregator();
  readonly #spam = new SpamFilter();
  #tail: Promise<void> = Promise.resolve();
  #lastNano = 0n;
  readonly #stopped = new AbortController();

  constructor(sink: EventSink, options: EventRecorderOptions) {
    this.#sink = sink;
    this.#options = {
      maxTries: 12,
      retryDelayMs: 10_000,
      log: () => {},
      now: () => Date.now(),
      ...options,
    };
  }

  /**
   * Records an event about the object; type is "Normal" or "Warning" (others are dropped, as client-go
   * does). Answers when the Event has been written or dropped; callers need not wait.
   *
   * @example
   * ```ts
   * recorder.event(pod, "Warning", "BackOff", "Back-off restarting failed container");
   * ```
   */
  event(object: MetaObject, type: "Normal" | "Warning", reason: string, message: string): Promise<void> {
    if (type !== "Normal" && type !== "Warning") {
      this.#options.log(`Unsupported event type: '${type}'`);
      return Promise.resolve();
    }
    const ref = referenceOf(object);
    const now = this.#options.now();
    const write = this.#tail.then(() => this.#record(ref, type, reason, message, now));
    this.#tail = write;
    return write;
  }

  /**
   * Stops retrying (client-go's Broadcaster.Shutdown): an event waiting to retry is dropped, and every
   * event from now on gets one try. A manager calls it when it stops, so a recorder whose API server has
   * gone does not keep the process alive for its 12 tries 10 s apart.
   *
   * @example
   * ```ts
   * recorder.shutdown();
   * ```
   */
  shutdown(): void {
    this.#stopped.abort();
  }

  /**
   * Waits until every event recorded so far has been written or dropped.
   *
   * @example
   * ```ts
   * await recorder.flush();
   * ```
   */
  flush(): Promise<void> {
    return this.#tail;
  }

  async #record(
    ref: ObjectReference,
    type: string,
    reason: string,
    message: string,
    now: number,
  ): Promise<void> {
    const { component, host } = this.#options;
    const source = host ? { component, host } : { component };
    const join = (parts: (string | undefined)[]) => parts.map((p) => p ?? "").join("\u0000");
    // client-go's keys: the spam filter's (source and object), the aggregator's (and type and reason,
    // reporting controller and instance) and the exact event's (and field path and message).
    const spamKey = join([component, host, ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion]);
    const aggregateKey = join([spamKey, type, reason, component, host]);
    const combined = this.#aggregator.combine(aggregateKey, message, now);
    const text = combined ? COMBINED_PREFIX + message : message;
    const key = combined ? aggregateKey : join([
      component,
      host,
      ref.kind,
      ref.namespace,
      ref.name,
      ref.fieldPath,
      ref.uid,
      ref.apiVersion,
      type,
      reason,
      message,
    ]);
    const timestamp = formatTime(new Date(now));
    const previous = this.#cache.get(key);
    const repeat = previous && now - previous.lastSeen <= CORRELATION_WINDOW_MS ? previous : undefined;
    const event: CoreEvent = {
      apiVersion: "v1",
      kind: "Event",
      metadata: repeat ? { name: repeat.name, namespace: repeat.namespace } : {
        name: `${ref.name}.${this.#uniqueNanos(now).toString(16)}`,
        namespace: ref.namespace || "default",
      },
      involvedObject: ref,
      reason,
      message: text,
      firstTimestamp: repeat?.firstTimestamp ?? timestamp,
      lastTimestamp: timestamp,
      count: repeat ? repeat.count + 1 : 1,
      type,
      source,
      reportingComponent: component,
      reportingInstance: host ?? "",
    };
    if (!this.#spam.accept(spamKey, now)) {
      // Dropped, but counted: the next repeat that gets through carries the count (client-go records
      // the observation before it filters).
      this.#remember(key, event, now);
      return;
    }
    for (let tries = 1;; tries++) {
      try {
        const written = await this.#write(event, repeat !== undefined);
        this.#remember(key, written, now);
        return;
      } catch (error) {
        // A Kubernetes error (it has a code) will not improve with retries: drop the event.
        const stopped = this.#stopped.signal;
        if (
          typeof (error as { code?: unknown })?.code === "number" || tries >= this.#options.maxTries ||
          stopped.aborted
        ) {
          this.#options.log(`Server rejected event (will not retry!): ${error}`);
          return;
        }
        const delay = this.#options.retryDelayMs * (tries === 1 ? Math.random() : 1);
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            stopped.removeEventListener("abort", done);
            resolve();
          };
          const timer = setTimeout(done, delay);
          stopped.addEventListener("abort", done, { once: true });
        });
      }
    }
  }

  async #write(event: CoreEvent, update: boolean): Promise<CoreEvent> {
    if (update) {
      try {
        return await this.#sink.patch(event, {
          count: event.count!,
          lastTimestamp: event.lastTimestamp!,
          message: event.message ?? "",
        });
      } catch (error) {
        // The Event may have expired or been deleted: create it again under its name.
        if ((error as { code?: unknown })?.code !== 404) throw error;
      }
    }
    return await this.#sink.create(event);
  }

  #remember(key: string, written: CoreEvent, now: number): void {
    lruSet(this.#cache, key, {
      name: written.metadata.name,
      namespace: written.metadata.namespace,
      count: written.count ?? 1,
      firstTimestamp: written.firstTimestamp ?? formatTime(new Date(now)),
      resourceVersion: written.metadata.resourceVersion,
      lastSeen: now,
    });
  }

  /** Unix nanoseconds for the name, strictly increasing so two events never share one. */
  #uniqueNanos(nowMs: number): bigint {
    let nanos = BigInt(nowMs) * 1_000_000n + BigInt(Math.floor((performance.now() % 1) * 1e6));
    if (nanos <= this.#lastNano) nanos = this.#lastNano + 1n;
    this.#lastNano = nanos;
    return nanos;
  }
}

/**
 * The reference an Event makes to an object (client-go's ref.GetReference).
 *
 * @example
 * ```ts
 * referenceOf({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default", uid: "u1" } });
 * // { apiVersion: "v1", kind: "Pod", namespace: "default", name: "web", uid: "u1" }
 * ```
 */
export function referenceOf(object: MetaObject): ObjectReference {
  const m = object.metadata ?? {};
  const ref: ObjectReference = { kind: object.kind, namespace: m.namespace, name: m.name, uid: m.uid };
  if (object.apiVersion) ref.apiVersion = object.apiVersion;
  if (m.resourceVersion) ref.resourceVersion = m.resourceVersion;
  for (const k of Object.keys(ref) as (keyof ObjectReference)[]) if (ref[k] === undefined) delete ref[k];
  return ref;
}
