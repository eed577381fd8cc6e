import assert from "node:assert/strict";
import type { KubeObject } from "../admission.ts";
import { eventPrinter, eventsV1Printer } from "./_event.ts";

// Cases from kubernetes/pkg/printers/internalversion/printers_test.go (TestPrintEvent), with Go's
// time.Now() pinned to NOW. The server prints wide, so every row has all ten cells; the first five
// are what plain `kubectl get events` shows.
const NOW = Date.parse("2024-05-01T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW - n * 24 * 3600_000).toISOString().replace(/\.\d+Z$/, "Z");
const microDaysAgo = (n: number) => new Date(NOW - n * 24 * 3600_000).toISOString().replace(/Z$/, "000Z");

function event(name: string, fields: Record<string, unknown>): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name },
    involvedObject: { kind: "Deployment", name: "Deployment Name", fieldPath: "spec.containers{foo}" },
    reason: "Event Reason",
    message: "Message Data",
    type: "Warning",
    ...fields,
  };
}

const node1 = { source: { component: "kubelet", host: "Node1" } };

const cases: { name: string; event: KubeObject; cells: unknown[] }[] = [
  {
    name: "names the object by lower-case kind and name",
    event: event("event1", {
      source: { component: "kubelet" },
      involvedObject: { kind: "Pod", name: "Pod Name", fieldPath: "spec.containers{foo}" },
      firstTimestamp: daysAgo(3),
      lastTimestamp: daysAgo(2),
      count: 6,
      type: "Normal",
    }),
    cells: [
      "2d",
      "Normal",
      "Event Reason",
      "pod/Pod Name",
      "spec.containers{foo}",
      "kubelet",
      "Message Data",
      "3d",
      6,
      "event1",
    ],
  },
  {
    name: "prints the source as component and host",
    event: event("event2", { ...node1, firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6 }),
    cells: [
      "2d",
      "Warning",
      "Event Reason",
      "deployment/Deployment Name",
      "spec.containers{foo}",
      "kubelet, Node1",
      "Message Data",
      "3d",
      6,
      "event2",
    ],
  },
  {
    name: "falls back to the event time without a first timestamp",
    event: event("event3", { ...node1, eventTime: microDaysAgo(3), lastTimestamp: daysAgo(3), count: 1 }),
    cells: [
      "3d",
      "Warning",
      "Event Reason",
      "deployment/Deployment Name",
      "spec.containers{foo}",
      "kubelet, Node1",
      "Message Data",
      "3d",
      1,
      "event3",
    ],
  },
  {
    name: "falls back to the first timestamp without a last timestamp",
    event: event("event4", { ...node1, eventTime: microDaysAgo(3), firstTimestamp: daysAgo(3), count: 1 }),
    cells: [
      "3d",
      "Warning",
      "Event Reason",
      "deployment/Deployment Name",
      "spec.containers{foo}",
      "kubelet, Node1",
      "Message Data",
      "3d",
      1,
      "event4",
    ],
  },
  {
    name: "uses the event time for both without either timestamp",
    event: event("event5", { ...node1, eventTime: microDaysAgo(3), count: 1 }),
    cells: [
      "3d",
      "Warning",
      "Event Reason",
      "deployment/Deployment Name",
      "spec.containers{foo}",
      "kubelet, Node1",
      "Message Data",
      "3d",
      1,
      "event5",
    ],
  },
  {
    name: "takes last seen and count from a series",
    event: event("event6", {
      ...node1,
      series: { count: 2, lastObservedTime: microDaysAgo(2) },
      eventTime: microDaysAgo(3),
    }),
    cells: [
      "2d",
      "Warning",
      "Event Reason",
      "deployment/Deployment Name",
      "spec.containers{foo}",
      "kubelet, Node1",
      "Message Data",
      "3d",
      2,
      "event6",
    ],
  },
  {
    name: "counts a singleton event without a count once",
    event: event("event7", { ...node1, eventTime: microDaysAgo(3) }),
    cells: [
      "3d",
      "Warning",
      "Event Reason",
      "deployment/Deployment Name",
      "spec.containers{foo}",
      "kubelet, Node1",
      "Message Data",
      "3d",
      1,
      "event7",
    ],
  },
  {
    name: "takes the source from the reporting controller and instance without one",
    event: event("event2", {
      reportingController: "kubelet",
      reportingInstance: "test",
      firstTimestamp: daysAgo(3),
      lastTimestamp: daysAgo(2),
      count: 6,
    }),
    cells: [
      "2d",
      "Warning",
      "Event Reason",
      "deployment/Deployment Name",
      "spec.containers{foo}",
      "kubelet, test",
      "Message Data",
      "3d",
      6,
      "event2",
    ],
  },
  {
    name: "names a nameless object by kind alone and trims the message",
    event: event("event8", {
      involvedObject: { kind: "Node" },
      message: "  Starting kubelet.\n",
      firstTimestamp: daysAgo(1),
      count: 1,
    }),
    cells: ["24h", "Warning", "Event Reason", "node", "", "", "Starting kubelet.", "24h", 1, "event8"],
  },
  {
    name: "prints <unknown> ages for an event with no times at all",
    event: event("event9", {}),
    cells: [
      "<unknown>",
      "Warning",
      "Event Reason",
      "deployment/Deployment Name",
      "spec.containers{foo}",
      "",
      "Message Data",
      "<unknown>",
      1,
      "event9",
    ],
  },
];

for (const c of cases) {
  Deno.test(`event printer ${c.name}`, () => {
    assert.deepEqual(eventPrinter.row(c.event, NOW).cells, c.cells);
  });
}

Deno.test("events.k8s.io event printer reads regarding, note and the deprecated fields", () => {
  const e: KubeObject = {
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: { name: "web.17c" },
    regarding: { kind: "Pod", name: "web", fieldPath: "spec.containers{app}" },
    note: "Pulled image",
    reason: "Pulled",
    type: "Normal",
    reportingController: "kubelet",
    reportingInstance: "node-a",
    deprecatedFirstTimestamp: daysAgo(3),
    deprecatedLastTimestamp: daysAgo(2),
    deprecatedCount: 4,
  };
  assert.deepEqual(eventsV1Printer.row(e, NOW).cells, [
    "2d",
    "Normal",
    "Pulled",
    "pod/web",
    "spec.containers{app}",
    "kubelet, node-a",
    "Pulled image",
    "3d",
    4,
    "web.17c",
  ]);
});

Deno.test("event printer's columns put the wide ones where kubectl -o wide shows them", () => {
  assert.deepEqual(
    eventPrinter.columns.map((c) => `${c.name}:${c.priority}`),
    [
      "Last Seen:0",
      "Type:0",
      "Reason:0",
      "Object:0",
      "Subobject:1",
      "Source:1",
      "Message:0",
      "First Seen:1",
      "Count:1",
      "Name:1",
    ],
  );
});
