import assert from "node:assert/strict";
import { startTestCore } from "../testing/core.ts";
import { leasesResource, podsResource } from "../client/resources.ts";
import { SharedInformerFactory } from "./factory.ts";
import { indexByLabel } from "./indexer.ts";

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
