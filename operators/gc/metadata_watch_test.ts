import assert from "node:assert/strict";
import {
  createInProcessClient,
  eventually,
  isNotFound,
  podsResource,
  startTestCore,
  WATCH_EVENT,
} from "@skiff/sdk";
import { GarbageCollector } from "./collector.ts";

/** What a watch chunk carries as text: its bytes, or the event an in-process server handed over, as JSON. */
function wireText(chunk: Uint8Array, decoder: TextDecoder): string {
  const event = (chunk as unknown as Record<symbol, unknown>)[WATCH_EVENT];
  return event ? JSON.stringify(event) + "\n" : decoder.decode(chunk, { stream: true });
}

const quiet = { info() {}, error() {}, with: () => quiet };
const spec = {
  containers: [{ name: "c", image: "nginx", env: [{ name: "PADDING", value: "x".repeat(2000) }] }],
};

Deno.test("the collector's pod watch is sent each pod's metadata alone, and it still collects a pod whose owner is gone", async () => {
  const core = await startTestCore();
  const stop = new AbortController();
  let running: Promise<void> | undefined;
  try {
    // The real API server; what it streams to watches of pods is copied aside on the way out.
    const watches: string[] = [];
    const client = createInProcessClient({
      async fetch(req) {
        const res = await core.api.app.fetch(req);
        const url = new URL(req.url);
        if (!url.pathname.endsWith("/pods") || url.searchParams.get("watch") !== "true" || !res.body) {
          return res;
        }
        const at = watches.push("") - 1;
        const decoder = new TextDecoder();
        const copy = new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, c) {
            watches[at] += wireText(chunk, decoder);
            c.enqueue(chunk);
          },
        });
        return new Response(res.body.pipeThrough(copy), res);
      },
    }, { token: core.token });
    const gc = new GarbageCollector({ client, log: quiet });
    running = gc.start(stop.signal);
    await eventually("the collector has synced", () => gc.synced);

    const pods = core.client.resource(podsResource).namespace("default");
    const owner = await pods.create({ metadata: { name: "owner" }, spec });
    const ref = { apiVersion: "v1", kind: "Pod", name: "owner", uid: owner.metadata!.uid! };
    const part = await pods.create({ metadata: { name: "part", ownerReferences: [ref] }, spec });
    await eventually(
      "the pod watch carried the part",
      () => watches.some((w) => w.includes('"name":"part"')),
    );

    const lines = watches.join("").trim().split("\n");
    const added = lines.map((l) => JSON.parse(l)).find((e) => e.object.metadata?.name === "part");
    assert.equal(added.type, "ADDED");
    assert.deepEqual(Object.keys(added.object), ["kind", "apiVersion", "metadata"]);
    assert.equal(added.object.kind, "PartialObjectMetadata");
    assert.equal(added.object.apiVersion, "meta.k8s.io/v1");
    assert.deepEqual(added.object.metadata.ownerReferences, [ref]);
    // The whole Pod, with its 2 KB of spec, is what the watch carried before.
    const line = lines.find((l) => l.includes('"name":"part"'))!;
    assert.ok(!line.includes('"spec"'));
    assert.ok(line.length < JSON.stringify(part).length - 2000, `${line.length} bytes for one event`);

    await pods.delete("owner", { gracePeriodSeconds: 0 });
    await eventually("the collector deleted the part", async () => {
      try {
        await pods.get("part");
        return false;
      } catch (e) {
        if (isNotFound(e)) return true;
        throw e;
      }
    });
  } finally {
    stop.abort();
    await running;
    await core.close();
  }
});
