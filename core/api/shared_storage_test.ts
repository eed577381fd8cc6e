// events.k8s.io/v1 Events are core/v1 Events in storage, as in Kubernetes: whichever API writes an event,
// both read it, each in its own shape, and both watch it.
import assert from "node:assert/strict";
import { apiFixture } from "./testing/api_fixture.ts";

const CORE = "/api/v1/namespaces/default/events";
const V1 = "/apis/events.k8s.io/v1/namespaces/default/events";

const coreEvent = (name: string, pod: string) => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name, namespace: "default" },
  involvedObject: { kind: "Pod", name: pod, namespace: "default" },
  reason: "Pulled",
  message: `Successfully pulled image for ${pod}`,
  source: { component: "kubelet", host: "node-1" },
  firstTimestamp: "2026-01-01T00:00:00Z",
  lastTimestamp: "2026-01-01T00:00:00Z",
  count: 1,
  type: "Normal",
});

Deno.test("an event written through events.k8s.io/v1 reads back through core/v1 under core's field names", async () => {
  const f = await apiFixture();
  try {
    const created = await f.req("POST", V1, {
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
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.apiVersion, "events.k8s.io/v1");
    assert.equal(created.body.note, "Successfully assigned default/web to node-1");

    const core = await f.req("GET", `${CORE}/web.1`);
    assert.equal(core.status, 200);
    assert.equal(core.body.apiVersion, "v1");
    assert.equal(core.body.message, "Successfully assigned default/web to node-1");
    assert.deepEqual(core.body.involvedObject, { kind: "Pod", name: "web", namespace: "default" });
    assert.equal(core.body.reportingComponent, "default-scheduler");
    assert.equal(core.body.metadata.resourceVersion, created.body.metadata.resourceVersion);
    assert.equal(core.body.note, undefined);
    assert.equal(core.body.regarding, undefined);

    // One object: deleting it through core/v1 removes it from events.k8s.io/v1 too.
    assert.equal((await f.req("DELETE", `${CORE}/web.1`)).status, 200);
    assert.equal((await f.req("GET", `${V1}/web.1`)).status, 404);
  } finally {
    await f.close();
  }
});

Deno.test("events.k8s.io/v1 lists core/v1 events with field selectors on its own field names", async () => {
  const f = await apiFixture();
  try {
    assert.equal((await f.req("POST", CORE, coreEvent("a.1", "a"))).status, 201);
    assert.equal((await f.req("POST", CORE, coreEvent("b.1", "b"))).status, 201);
    const list = await f.req("GET", `${V1}?fieldSelector=regarding.name%3Db`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.equal(list.body.kind, "EventList");
    assert.equal(list.body.apiVersion, "events.k8s.io/v1");
    assert.deepEqual(list.body.items.map((e: { metadata: { name: string } }) => e.metadata.name), ["b.1"]);
    const [b] = list.body.items;
    assert.equal(b.apiVersion, "events.k8s.io/v1");
    assert.equal(b.note, "Successfully pulled image for b");
    assert.equal(b.deprecatedCount, 1);
    assert.deepEqual(b.deprecatedSource, { component: "kubelet", host: "node-1" });
    assert.equal(b.eventTime, null);
    // core/v1's field names are not events.k8s.io/v1's.
    const refused = await f.req("GET", `${V1}?fieldSelector=involvedObject.name%3Db`);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.message, "field label not supported: involvedObject.name");
  } finally {
    await f.close();
  }
});

Deno.test("a watch on events.k8s.io/v1 sees an event written through core/v1, in its own shape", async () => {
  const f = await apiFixture();
  try {
    const rv = (await f.req("GET", V1)).body.metadata.resourceVersion;
    const res = await f.api.app.request(
      `${V1}?watch=1&resourceVersion=${rv}&fieldSelector=regarding.name%3Da`,
    );
    assert.equal(res.status, 200);
    await f.req("POST", CORE, coreEvent("b.1", "b"));
    await f.req("POST", CORE, coreEvent("a.1", "a"));
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("\n")) text += (await reader.read()).value ?? "";
    await reader.cancel();
    const event = JSON.parse(text.slice(0, text.indexOf("\n")));
    assert.equal(event.type, "ADDED");
    assert.equal(event.object.apiVersion, "events.k8s.io/v1");
    assert.equal(event.object.metadata.name, "a.1");
    assert.deepEqual(event.object.regarding, { kind: "Pod", name: "a", namespace: "default" });
    assert.equal(event.object.involvedObject, undefined);
  } finally {
    await f.close();
  }
});
