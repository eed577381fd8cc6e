import assert from "node:assert/strict";
import { startTestCore } from "../testing/core.ts";
import { eventually } from "../testing/eventually.ts";
import { createInProcessClient } from "../client/client.ts";
import { leasesResource, podsResource } from "../client/resources.ts";
import { SharedInformerFactory } from "./factory.ts";
import { indexByLabel } from "./indexer.ts";
import { WATCH_EVENT } from "../client/_ndjson.ts";

/** What a watch chunk carries as text: its bytes, or the event an in-process server handed over, as JSON. */
function wireText(chunk: Uint8Array, decoder: TextDecoder): string {
  const event = (chunk as unknown as Record<symbol, unknown>)[WATCH_EVENT];
  return event ? JSON.stringify(event) + "\n" : decoder.decode(chunk, { stream: true });
}

Deno.test("two controllers asking one factory for pods get the same informer and cache", async () => {
  const core = await startTestCore();
  try {
    const factory = SharedInformerFactory.for(core.client);
    assert.equal(SharedInformerFactory.for(core.client), factory);
    const first = factory.informerFor(podsResource);
    const second = factory.informerFor(podsResource, { indexers: { app: indexByLabel("app") } });
    assert.equal(first, second);
    assert.ok(first.store.hasIndex("app"));
    assert.notEqual(factory.informerFor(leasesResource), first);
    assert.deepEqual([...factory.informers().keys()].sort(), ["coordination.k8s.io/v1/leases", "v1/pods"]);

    await core.client.resource(podsResource).namespace("default").create({
      metadata: { name: "web", labels: { app: "web" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    factory.start();
    await factory.waitForSync(AbortSignal.timeout(5000));
    assert.ok(factory.hasSynced());
    assert.deepEqual(first.store.byIndex("app", "web").map((p) => p.metadata?.name), ["web"]);

    // An informer asked for after start runs at once.
    const late = factory.informerFor({
      group: "",
      version: "v1",
      plural: "namespaces",
      kind: "Namespace",
      namespaced: false,
    });
    await late.waitForSync(AbortSignal.timeout(5000));
    assert.ok(late.store.get("default"));
    await factory.stop();
    assert.ok(!first.running && !late.running);
  } finally {
    await core.close();
  }
});

Deno.test("a metadata-only informer keeps apiVersion, kind and metadata and nothing else", async () => {
  const core = await startTestCore();
  try {
    const pods = core.client.resource(podsResource).namespace("default");
    await pods.create({ metadata: { name: "web" }, spec: { containers: [{ name: "c", image: "nginx" }] } });
    const factory = new SharedInformerFactory(core.client);
    const meta = factory.informerFor(podsResource, { metadataOnly: true });
    const full = factory.informerFor(podsResource);
    assert.notEqual(meta as unknown, full as unknown);
    const updates: string[] = [];
    meta.addEventHandler({
      onUpdate: (_o, n) => {
        updates.push(Object.keys(n).sort().join(","));
      },
    });
    factory.start();
    await factory.waitForSync(AbortSignal.timeout(5000));
    const cached = meta.store.get("default/web")!;
    assert.deepEqual(Object.keys(cached).sort(), ["apiVersion", "kind", "metadata"]);
    assert.equal(cached.kind, "Pod");
    assert.ok(full.store.get("default/web")?.spec);
    await pods.patch("web", { metadata: { labels: { a: "b" } } });
    const deadline = Date.now() + 5000;
    while (!updates.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(updates, ["apiVersion,kind,metadata"]);
    assert.equal(meta.store.get("default/web")?.metadata?.labels?.a, "b");
    await factory.stop();
  } finally {
    await core.close();
  }
});

Deno.test("caches drop managedFields unless a controller asks to keep them", async () => {
  const core = await startTestCore();
  try {
    await core.client.resource(podsResource).namespace("default").create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web" },
      spec: { containers: [{ name: "web", image: "nginx" }] },
    });
    const factory = new SharedInformerFactory(core.client);
    const lean = factory.informerFor(podsResource);
    const full = factory.informerFor(podsResource, { keepManagedFields: true });
    factory.start();
    await factory.waitForSync();
    assert.equal(lean.store.get("default/web")?.metadata?.managedFields, undefined);
    assert.ok(full.store.get("default/web")?.metadata?.managedFields?.length);
    factory.stop();
  } finally {
    await core.close();
  }
});

Deno.test("a metadata-only informer is sent PartialObjectMetadata, and caches its kind's apiVersion and kind", async () => {
  const core = await startTestCore();
  try {
    // The real API server, with what it answers reads of pods copied aside as it streams out.
    const wire: { accept: string; text: string }[] = [];
    const recorded = (req: Request, res: Response) => {
      if (!new URL(req.url).pathname.endsWith("/pods") || !res.body) return res;
      const entry = { accept: req.headers.get("accept") ?? "", text: "" };
      wire.push(entry);
      const decoder = new TextDecoder();
      const copy = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, c) {
          entry.text += wireText(chunk, decoder);
          c.enqueue(chunk);
        },
      });
      return new Response(res.body.pipeThrough(copy), res);
    };
    const client = createInProcessClient(
      { fetch: async (req) => recorded(req, await core.api.app.fetch(req)) },
      { token: core.token },
    );
    const pods = core.client.resource(podsResource).namespace("default");
    await pods.create({ metadata: { name: "a" }, spec: { containers: [{ name: "c", image: "nginx" }] } });
    const factory = new SharedInformerFactory(client);
    const meta = factory.informerFor(podsResource, { metadataOnly: true });
    factory.start();
    await factory.waitForSync(AbortSignal.timeout(5000));
    await pods.create({ metadata: { name: "b" }, spec: { containers: [{ name: "c", image: "nginx" }] } });
    await eventually("the informer has pod b", () => meta.store.get("default/b") !== undefined);
    await factory.stop();

    const [list, watch] = wire;
    assert.match(list.accept, /^application\/json;as=PartialObjectMetadataList;g=meta\.k8s\.io;v=v1,/);
    assert.equal(JSON.parse(list.text).kind, "PartialObjectMetadataList");
    assert.match(watch.accept, /^application\/json;as=PartialObjectMetadata;g=meta\.k8s\.io;v=v1,/);
    const events = watch.text.trim().split("\n").map((l) => JSON.parse(l));
    const added = events.find((e) => e.type === "ADDED");
    assert.deepEqual(Object.keys(added.object), ["kind", "apiVersion", "metadata"]);
    assert.equal(added.object.kind, "PartialObjectMetadata");
    assert.ok(!watch.text.includes('"spec"'), "no event carries a spec");

    for (const name of ["default/a", "default/b"]) {
      const cached = meta.store.get(name)!;
      assert.deepEqual([cached.apiVersion, cached.kind], ["v1", "Pod"]);
      assert.equal(cached.metadata?.managedFields, undefined);
    }
  } finally {
    await core.close();
  }
});
