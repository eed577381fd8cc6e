import assert from "node:assert/strict";
import { apiFixture } from "../../../core/api/testing/api_fixture.ts";
import { eventSink } from "./_api_for_test.ts";
import { createInProcessClient, eventsResource } from "../client/mod.ts";
import { EventRecorder, eventSinkFrom } from "./event_recorder.ts";
import type { MetaObject } from "./types.ts";

const web: MetaObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default", uid: "u-web", resourceVersion: "7" },
};

async function events(f: Awaited<ReturnType<typeof apiFixture>>) {
  const list = await f.req("GET", "/api/v1/namespaces/default/events");
  assert.equal(list.status, 200);
  // deno-lint-ignore no-explicit-any
  return list.body.items as any[];
}

Deno.test("the recorder creates an Event naming the object, reason, type and source", async () => {
  const f = await apiFixture();
  const t = Date.UTC(2026, 0, 2, 3, 4, 5, 123);
  const recorder = new EventRecorder(eventSink(f), {
    component: "web-controller",
    host: "node-1",
    now: () => t,
  });
  await recorder.event(web, "Normal", "Scaled", "Scaled up to 3");
  const [e, ...rest] = await events(f);
  assert.equal(rest.length, 0);
  assert.match(e.metadata.name, /^web\.[0-9a-f]+$/);
  assert.equal(BigInt("0x" + e.metadata.name.slice(4)) / 1_000_000n, BigInt(t), "hex unix nanoseconds");
  assert.deepEqual(e.involvedObject, {
    apiVersion: "v1",
    kind: "Pod",
    namespace: "default",
    name: "web",
    uid: "u-web",
    resourceVersion: "7",
  });
  assert.equal(e.reason, "Scaled");
  assert.equal(e.message, "Scaled up to 3");
  assert.equal(e.type, "Normal");
  assert.equal(e.count, 1);
  assert.deepEqual(e.source, { component: "web-controller", host: "node-1" });
  assert.equal(e.firstTimestamp, "2026-01-02T03:04:05Z");
  assert.equal(e.lastTimestamp, "2026-01-02T03:04:05Z");
  await f.close();
});

Deno.test("repeats within ten minutes fold into one Event with a growing count", async () => {
  const f = await apiFixture();
  let now = Date.UTC(2026, 0, 2, 3, 0, 0);
  const recorder = new EventRecorder(eventSink(f), { component: "web-controller", now: () => now });
  recorder.event(web, "Warning", "Failed", "quota exceeded");
  now += 60_000;
  recorder.event(web, "Warning", "Failed", "quota exceeded");
  now += 60_000;
  recorder.event(web, "Warning", "Failed", "quota exceeded");
  recorder.event(web, "Warning", "Failed", "another message");
  await recorder.flush();
  const list = await events(f);
  assert.equal(list.length, 2);
  const folded = list.find((e) => e.message === "quota exceeded");
  assert.equal(folded.count, 3);
  assert.equal(folded.firstTimestamp, "2026-01-02T03:00:00Z");
  assert.equal(folded.lastTimestamp, "2026-01-02T03:02:00Z");
  assert.equal(list.find((e) => e.message === "another message").count, 1);

  now += 11 * 60_000; // past the window: a new Event
  await recorder.event(web, "Warning", "Failed", "quota exceeded");
  assert.equal((await events(f)).length, 3);
  await f.close();
});

Deno.test("a repeat of an Event deleted meanwhile creates it again", async () => {
  const f = await apiFixture();
  const recorder = new EventRecorder(eventSink(f), { component: "c" });
  await recorder.event(web, "Normal", "Synced", "ok");
  const [first] = await events(f);
  assert.equal(
    (await f.req("DELETE", `/api/v1/namespaces/default/events/${first.metadata.name}`)).status,
    200,
  );
  await recorder.event(web, "Normal", "Synced", "ok");
  const [again] = await events(f);
  assert.equal(again.metadata.name, first.metadata.name);
  assert.equal(again.count, 2);
  await f.close();
});

Deno.test("events of cluster-scoped objects go to the default namespace and unknown types are dropped", async () => {
  const f = await apiFixture();
  const logged: string[] = [];
  const recorder = new EventRecorder(eventSink(f), { component: "c", log: (m) => logged.push(m) });
  const node: MetaObject = { apiVersion: "v1", kind: "Node", metadata: { name: "n1", uid: "u-n1" } };
  await recorder.event(node, "Normal", "Ready", "node is ready");
  // deno-lint-ignore no-explicit-any
  await recorder.event(node, "Info" as any, "Ready", "x");
  const list = await events(f);
  assert.equal(list.length, 1);
  assert.equal(list[0].involvedObject.namespace, undefined);
  assert.deepEqual(logged, ["Unsupported event type: 'Info'"]);
  await f.close();
});

Deno.test("eventSinkFrom writes and folds Events through the SDK client", async () => {
  const f = await apiFixture();
  const client = createInProcessClient(f.api.app);
  const recorder = new EventRecorder(eventSinkFrom(client.resource(eventsResource)), { component: "c" });
  recorder.event(web, "Normal", "Synced", "ok");
  await recorder.event(web, "Normal", "Synced", "ok");
  const list = await events(f);
  assert.equal(list.length, 1);
  assert.equal(list[0].count, 2);
  client.close();
  await f.close();
});

Deno.test("shutdown drops an event waiting to retry instead of keeping the process alive", async () => {
  let tries = 0;
  const unreachable = {
    create: () => {
      tries++;
      return Promise.reject(new TypeError("error sending request: connection refused"));
    },
    patch: () => Promise.reject(new TypeError("unreachable")),
  };
  const logged: string[] = [];
  const recorder = new EventRecorder(unreachable, {
    component: "web-controller",
    retryDelayMs: 60_000,
    log: (m) => logged.push(m),
  });
  const written = recorder.event(web, "Normal", "Scaled", "Scaled up to 3");
  while (tries === 0) await new Promise((r) => setTimeout(r, 1));
  const started = performance.now();
  recorder.shutdown();
  await written;
  assert.ok(performance.now() - started < 5_000, "the 60 s retry wait ended with the shutdown");
  assert.equal(tries, 2, "one more try after the wait, then dropped");
  assert.match(logged[0], /will not retry/);
});

Deno.test("similar events with ten different messages combine into one Event, and a source writes at most 25 about an object", async () => {
  const f = await apiFixture();
  let now = Date.UTC(2026, 0, 2, 3, 0, 0);
  const recorder = new EventRecorder(eventSink(f), { component: "replicaset-controller", now: () => now });
  const rs: MetaObject = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web", namespace: "default", uid: "u-rs" },
  };
  for (let i = 0; i < 40; i++) recorder.event(rs, "Normal", "SuccessfulCreate", `Created pod: web-${i}`);
  await recorder.flush();
  let list = await events(f);
  // Nine Events of their own; the tenth and later combine into one, counted up by every write the
  // 25-token bucket lets through (9 creates + 16 more), the other 15 dropped.
  assert.equal(list.length, 10);
  const combined = list.filter((e) => e.message.startsWith("(combined from similar events): "));
  assert.equal(combined.length, 1);
  assert.equal(combined[0].count, 16);
  assert.equal(combined[0].message, "(combined from similar events): Created pod: web-24");
  assert.deepEqual(
    list.filter((e) => e !== combined[0]).map((e) => e.message).sort(),
    Array.from({ length: 9 }, (_, i) => `Created pod: web-${i}`).sort(),
  );

  // Another object has a bucket of its own; this one gets a token back every 5 minutes, and the
  // write carries the count of the events dropped meanwhile.
  await recorder.event(
    { ...web, metadata: { ...web.metadata, name: "db", uid: "u-db" } },
    "Normal",
    "Pulled",
    "x",
  );
  now += 5 * 60_000;
  await recorder.event(rs, "Normal", "SuccessfulCreate", "Created pod: web-40");
  list = await events(f);
  assert.equal(list.length, 11);
  assert.equal(list.find((e) => e.message.startsWith("(combined"))?.count, 32);
  await f.close();
});
