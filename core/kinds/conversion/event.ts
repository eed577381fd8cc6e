/**
 * Conversion between the two shapes of an Event: core/v1 (what is stored, what `kubectl describe` reads)
 * and events.k8s.io/v1 (what newer reporters such as client-go's events recorder write). Kubernetes keeps
 * one collection of events and converts on the way in and out (pkg/apis/events/v1/conversion.go); so
 * does Skiff, so an event written through either API is seen through both.
 *
 * Renamed fields, events.k8s.io/v1 ↔ core/v1: regarding ↔ involvedObject, note ↔ message,
 * reportingController ↔ reportingComponent, deprecatedSource ↔ source, deprecatedFirstTimestamp ↔
 * firstTimestamp, deprecatedLastTimestamp ↔ lastTimestamp, deprecatedCount ↔ count. Everything else
 * (metadata, eventTime, series, action, reason, related, reportingInstance, type) keeps its name.
 *
 * @module
 */

/** An Event as JSON, in either shape. */
// deno-lint-ignore no-explicit-any
export type EventJson = Record<string, any>;

/** [events.k8s.io/v1 name, core/v1 name] of every renamed field. */
const RENAMED: ReadonlyArray<readonly [string, string]> = [
  ["regarding", "involvedObject"],
  ["note", "message"],
  ["reportingController", "reportingComponent"],
  ["deprecatedSource", "source"],
  ["deprecatedFirstTimestamp", "firstTimestamp"],
  ["deprecatedLastTimestamp", "lastTimestamp"],
  ["deprecatedCount", "count"],
];

function rename(event: EventJson, apiVersion: string, from: 0 | 1): EventJson {
  const to = from === 0 ? 1 : 0;
  const out: EventJson = { ...event, apiVersion, kind: "Event" };
  for (const pair of RENAMED) {
    delete out[pair[from]];
    if (event[pair[from]] !== undefined) out[pair[to]] = event[pair[from]];
  }
  return out;
}

/**
 * An events.k8s.io/v1 Event as core/v1 stores it. The object is new; nested values are shared.
 *
 * @example
 * ```ts
 * import { eventsV1ToCoreEvent } from "@skiff/kinds";
 *
 * eventsV1ToCoreEvent({ apiVersion: "events.k8s.io/v1", kind: "Event", metadata: { name: "e" }, note: "pulled" }).message;
 * // "pulled"
 * ```
 */
export function eventsV1ToCoreEvent(event: EventJson): EventJson {
  const out = rename(event, "v1", 0);
  // Go serializes core/v1's involvedObject (a struct without omitempty) even when empty.
  out.involvedObject ??= {};
  return out;
}

/**
 * A stored core/v1 Event as events.k8s.io/v1 shows it. The object is new; nested values are shared.
 *
 * @example
 * ```ts
 * import { coreEventToEventsV1 } from "@skiff/kinds";
 *
 * coreEventToEventsV1({ apiVersion: "v1", kind: "Event", metadata: { name: "e" }, involvedObject: { kind: "Pod", name: "web" } }).regarding;
 * // { kind: "Pod", name: "web" }
 * ```
 */
export function coreEventToEventsV1(event: EventJson): EventJson {
  const out = rename(event, "events.k8s.io/v1", 1);
  // events.k8s.io/v1's eventTime has no omitempty: an event reported through core/v1 without one
  // shows `eventTime: null`, as Kubernetes serves it.
  out.eventTime ??= null;
  return out;
}
