/**
 * Events as `kubectl get events` shows them: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE
 * FIRST SEEN COUNT NAME (in that column order). A port of printEvent in
 * kubernetes/pkg/printers/internalversion/printers.go. Kubernetes prints events.k8s.io/v1 Events with
 * the same printer after converting them to the core shape, which {@link eventsV1Printer} does too.
 *
 * @module
 */
import type { KubeObject } from "../admission.ts";
import { age, parseTimestamp } from "./duration.ts";
import { column, NAME_DESCRIPTION, num, obj, type PrintedRow, type Printer, str } from "./_printer.ts";

const COLUMNS = [
  column("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
  column("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
  column(
    "Reason",
    "string",
    "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
  ),
  column("Object", "string", "The object that this event is about."),
  column(
    "Subobject",
    "string",
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
    { priority: 1 },
  ),
  column(
    "Source",
    "string",
    "The component reporting this event. Should be a short machine understandable string.",
    { priority: 1 },
  ),
  column("Message", "string", "A human-readable description of the status of this operation."),
  column(
    "First Seen",
    "string",
    "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)",
    { priority: 1 },
  ),
  column("Count", "string", "The number of times this event has occurred.", { priority: 1 }),
  column("Name", "string", NAME_DESCRIPTION, { priority: 1, format: "name" }),
];

/**
 * The core/v1 Event printer.
 *
 * @example
 * ```ts
 * eventPrinter.row(event, Date.now()).cells.slice(0, 4); // ["30s", "Normal", "Scheduled", "pod/web"]
 * ```
 */
export const eventPrinter: Printer = { columns: COLUMNS, row: (e, now) => eventRow(e, now) };

/**
 * The events.k8s.io/v1 Event printer: the same table, read from the newer field names.
 *
 * @example
 * ```ts
 * const e = { metadata: { name: "e" }, regarding: { kind: "Pod", name: "web" }, note: "hi" };
 * eventsV1Printer.row(e, Date.now()).cells[3]; // "pod/web"
 * ```
 */
export const eventsV1Printer: Printer = { columns: COLUMNS, row: (e, now) => eventRow(fromEventsV1(e), now) };

function eventRow(e: KubeObject, now: number): PrintedRow {
  const firstSeen = parseTimestamp(e.firstTimestamp) === undefined
    ? age(e.eventTime, now)
    : age(e.firstTimestamp, now);
  let lastSeen = parseTimestamp(e.lastTimestamp) === undefined ? firstSeen : age(e.lastTimestamp, now);
  let count = num(e, "count");
  const series = obj(e, "series");
  if (series) {
    lastSeen = age(series.lastObservedTime, now);
    count = num(series, "count");
  } else if (count === 0) {
    // Singleton events of the newer API carry no count.
    count = 1;
  }
  const involved = obj(e, "involvedObject");
  const kind = str(involved, "kind").toLowerCase();
  const target = str(involved, "name") ? `${kind}/${involved!.name}` : kind;
  return {
    cells: [
      lastSeen,
      str(e, "type"),
      str(e, "reason"),
      target,
      str(involved, "fieldPath"),
      source(e),
      str(e, "message").trim(),
      firstSeen,
      count,
      str(e.metadata, "name"),
    ],
  };
}

/** `component, host`, each falling back to the reporting controller and instance of newer events. */
function source(e: KubeObject): string {
  const es = obj(e, "source");
  const component = str(es, "component") || str(e, "reportingController");
  const instance = str(es, "host") || str(e, "reportingInstance");
  return instance ? `${component}, ${instance}` : component;
}

/** An events.k8s.io/v1 Event in core/v1 field names, as Kubernetes converts it before printing. */
function fromEventsV1(e: KubeObject): KubeObject {
  return {
    ...e,
    involvedObject: e.regarding,
    message: e.note,
    source: e.deprecatedSource,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
  };
}
