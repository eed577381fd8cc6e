import assert from "node:assert/strict";
import { coreEventToEventsV1, eventsV1ToCoreEvent } from "./event.ts";

const v1 = {
  apiVersion: "events.k8s.io/v1",
  kind: "Event",
  metadata: { name: "web.1", namespace: "default" },
  eventTime: "2026-01-01T00:00:00.000000Z",
  reportingController: "default-scheduler",
  reportingInstance: "scheduler-1",
  action: "Binding",
  reason: "Scheduled",
  regarding: { kind: "Pod", name: "web", namespace: "default" },
  note: "Successfully assigned default/web to node-1",
  type: "Normal",
  deprecatedCount: 2,
  deprecatedSource: { component: "default-scheduler" },
  deprecatedFirstTimestamp: "2026-01-01T00:00:00Z",
  deprecatedLastTimestamp: "2026-01-01T00:01:00Z",
};

Deno.test("an events.k8s.io/v1 Event is stored under core/v1's field names", () => {
  assert.deepEqual(eventsV1ToCoreEvent(v1), {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "web.1", namespace: "default" },
    eventTime: "2026-01-01T00:00:00.000000Z",
    reportingComponent: "default-scheduler",
    reportingInstance: "scheduler-1",
    action: "Binding",
    reason: "Scheduled",
    involvedObject: { kind: "Pod", name: "web", namespace: "default" },
    message: "Successfully assigned default/web to node-1",
    type: "Normal",
    count: 2,
    source: { component: "default-scheduler" },
    firstTimestamp: "2026-01-01T00:00:00Z",
    lastTimestamp: "2026-01-01T00:01:00Z",
  });
});

Deno.test("converting there and back gives the same event", () => {
  assert.deepEqual(coreEventToEventsV1(eventsV1ToCoreEvent(v1)), v1);
});

Deno.test("a core/v1 Event without an eventTime shows eventTime null through events.k8s.io/v1", () => {
  const shown = coreEventToEventsV1({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "x" },
    involvedObject: { kind: "Node", name: "n1" },
    message: "Node n1 status is now: NodeReady",
  });
  assert.equal(shown.eventTime, null);
  assert.deepEqual(shown.regarding, { kind: "Node", name: "n1" });
  assert.equal(shown.note, "Node n1 status is now: NodeReady");
  assert.equal("message" in shown, false);
});
