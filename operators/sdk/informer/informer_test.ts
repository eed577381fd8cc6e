import assert from "node:assert/strict";
import { startTestCore } from "../testing/core.ts";
import { leasesResource } from "../client/resources.ts";
import type { Lease } from "@skiff/kinds";
import { Client } from "../client/client.ts";
import { inProcessTransport } from "../client/transport.ts";
import { Informer } from "./informer.ts";

const lease = (name: string, holder = "a"): Lease => ({
  metadata: { name },
  spec: { holderIdentity: holder },
});

/** Polls until `check` holds (or fails after `ms`). */
async function eventually(check: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function recorder(informer: Informer<Lease>): string[] {
  const log: string[] = [];
  informer.addEventHandler({
    onAdd: (o, initial) => log.push(`add ${o.metadata?.name}${initial ? " (list)" : ""}`),
    onUpdate: (old, o) =>
      log.push(`update ${o.metadata?.name}${old === o ? " (resync)" : ` ${o.spec?.holderIdentity}`}`),
    onDelete: (o) => log.push(`delete ${o.metadata?.name}`),
  });
  return log;
}

Deno.test("an informer lists in pages, then tells handlers of adds, updates and deletes in order", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    for (const n of ["a", "b", "c", "d", "e"]) await leases.create(lease(n));
    const informer = new Informer(leases, { pageSize: 2 });
    const log = recorder(informer);
    const running = informer.run();
    await informer.waitForSync();
    assert.equal(informer.store.size, 5);
    assert.deepEqual(log.splice(0).sort(), ["a", "b", "c", "d", "e"].map((n) => `add ${n} (list)`));

    await leases.create(lease("f"));
    await leases.patch("a", { spec: { holderIdentity: "z" } });
    await leases.delete("b");
    await eventually(() => log.length === 3);
    assert.deepEqual(log, ["add f", "update a z", "delete b"]);
    assert.equal(informer.store.get("default/a")?.spec?.holderIdentity, "z");
    assert.equal(informer.store.get("default/b"), undefined);
    const last = await leases.get("f");
    assert.ok(Number(informer.resourceVersion) >= Number(last.metadata?.resourceVersion));
    assert.equal(informer.stats.lists, 1);
    informer.stop();
    await running;
  } finally {
    await core.close();
  }
});

Deno.test("objects an informer hands out are frozen, so nobody changes the cache by accident", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    await leases.create(lease("a"));
    const informer = new Informer(leases);
    const running = informer.run();
    await informer.waitForSync();
    const cached = informer.store.get("default/a")!;
    assert.throws(() => {
      (cached.spec as { holderIdentity?: string }).holderIdentity = "mine";
    }, TypeError);
    assert.throws(() => {
      cached.metadata!.labels = {};
    }, TypeError);
    const copy = structuredClone(cached);
    copy.spec!.holderIdentity = "mine";
    assert.equal(informer.store.get("default/a")?.spec?.holderIdentity, "a");
    informer.stop();
    await running;
  } finally {
    await core.close();
  }
});

Deno.test("a watch that meets 410 Expired lists again and tells handlers only what changed meanwhile", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    for (const n of ["keep", "change", "drop"]) await leases.create(lease(n));
    const informer = new Informer(leases);
    const log = recorder(informer);
    let running = informer.run();
    await informer.waitForSync();
    informer.stop();
    await running;
    log.splice(0);

    // While the informer is away its resourceVersion is compacted, so its next watch gets an ERROR 410.
    await leases.patch("change", { spec: { holderIdentity: "b" } });
    await leases.delete("drop");
    await leases.create(lease("new"));
    await core.store.compact(await core.store.revision());
    running = informer.run();
    await eventually(() => informer.stats.lists === 2 && log.length === 3);
    assert.deepEqual(log.sort(), ["add new (list)", "delete drop", "update change b"]);
    assert.deepEqual(informer.store.keys().sort(), ["default/change", "default/keep", "default/new"]);
    informer.stop();
    await running;
  } finally {
    await core.close();
  }
});

Deno.test("a resync period redelivers every cached object as an update to itself", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    await leases.create(lease("a"));
    const informer = new Informer(leases, { resyncPeriodMs: 100 });
    const log = recorder(informer);
    const running = informer.run();
    await eventually(() => log.filter((l) => l === "update a (resync)").length >= 2);
    informer.stop();
    await running;
  } finally {
    await core.close();
  }
});

Deno.test("a handler that throws is reported and the informer goes on delivering", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    const errors: string[] = [];
    const lags: number[] = [];
    const informer = new Informer(leases, {
      onError: (e, phase) => errors.push(`${phase}: ${(e as Error).message}`),
      onLag: (ms) => lags.push(ms),
    });
    informer.addEventHandler({
      onAdd: (o) => {
        if (o.metadata?.name === "bad") throw new Error("handler broke");
      },
    });
    const log = recorder(informer);
    const running = informer.run();
    await informer.waitForSync();
    await leases.create(lease("bad"));
    await leases.create(lease("good"));
    await eventually(() => log.includes("add good"));
    assert.deepEqual(errors, ["handler: handler broke"]);
    assert.equal(lags.length, 2);
    assert.ok(lags.every((ms) => ms >= 0));
    informer.stop();
    await running;
  } finally {
    await core.close();
  }
});

Deno.test("handlers added after the sync are first told about every cached object", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    await leases.create(lease("a"));
    const informer = new Informer(leases);
    const running = informer.run();
    await informer.waitForSync();
    const log = recorder(informer);
    await eventually(() => log.length === 1);
    assert.deepEqual(log, ["add a (list)"]);
    informer.stop();
    await running;
  } finally {
    await core.close();
  }
});

Deno.test("an informer scoped by namespace and label selector sees only what matches", async () => {
  const core = await startTestCore();
  try {
    const all = core.client.resource(leasesResource);
    await all.create({
      ...lease("x"),
      metadata: { name: "x", namespace: "default", labels: { app: "web" } },
    });
    await all.create({
      ...lease("y"),
      metadata: { name: "y", namespace: "kube-system", labels: { app: "web" } },
    });
    await all.create({ ...lease("z"), metadata: { name: "z", namespace: "default", labels: { app: "db" } } });
    const informer = new Informer(all, { namespace: "default", labelSelector: "app=web" });
    const log = recorder(informer);
    const running = informer.run();
    await informer.waitForSync();
    await all.namespace("default").patch("z", { metadata: { labels: { app: "web" } } });
    await eventually(() => log.length === 2);
    assert.deepEqual(log, ["add x (list)", "add z"]);
    informer.stop();
    await running;
  } finally {
    await core.close();
  }
});

Deno.test("a bookmark moves the informer's resourceVersion on without telling handlers anything", async () => {
  const core = await startTestCore();
  try {
    let listed = "";
    let bookmarked = "";
    // The real API server, with one BOOKMARK put in front of the first watch it answers (the server sends
    // its own only every 30 s, too slow for a test). Before it, a change in another namespace moves the
    // store past what the informer listed, as changes the informer does not watch do.
    const client = new Client({
      server: "http://in-process",
      transport: inProcessTransport({
        fetch: async (req) => {
          const url = new URL(req.url);
          if (!url.searchParams.has("watch") || bookmarked) return await core.api.app.fetch(req);
          listed = url.searchParams.get("resourceVersion")!;
          const other = await core.inProcessClient.resource(leasesResource).namespace("kube-system")
            .create(lease("elsewhere"));
          bookmarked = other.metadata!.resourceVersion!;
          const res = await core.api.app.fetch(req);
          const line = JSON.stringify({
            type: "BOOKMARK",
            object: {
              kind: "Lease",
              apiVersion: "coordination.k8s.io/v1",
              metadata: { resourceVersion: bookmarked },
            },
          });
          const merged = new ReadableStream<Uint8Array>({
            async start(controller) {
              controller.enqueue(new TextEncoder().encode(line + "\n"));
              try {
                for await (const chunk of res.body!) controller.enqueue(chunk);
                controller.close();
              } catch (e) {
                controller.error(e);
              }
            },
            cancel: (reason) => res.body!.cancel(reason),
          });
          return new Response(merged, { status: res.status, headers: res.headers });
        },
      }, { token: core.token }),
    });
    const informer = new Informer(client.resource(leasesResource).namespace("default"));
    const log = recorder(informer);
    const running = informer.run();
    await informer.waitForSync();
    await eventually(() => informer.stats.bookmarks === 1);
    assert.ok(Number(bookmarked) > Number(listed));
    assert.equal(informer.resourceVersion, bookmarked);
    assert.deepEqual(log, []);
    informer.stop();
    await running;
  } finally {
    await core.close();
  }
});

Deno.test("an informer whose watch goes quiet past idleTimeoutMs starts a new watch, and steady events keep it open", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    const errors: string[] = [];
    const informer = new Informer(leases, {
      idleTimeoutMs: 1500,
      onError: (e, phase) => errors.push(`${phase}: ${(e as Error).message}`),
    });
    const running = informer.run();
    await informer.waitForSync();
    // Events every ~100 ms for over 2 s: longer than the idle timeout, yet never 1.5 s without one.
    for (let i = 0; i < 22; i++) {
      await leases.create(lease(`l${i}`));
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(errors, [], "a watch with events is not idle");
    assert.equal(informer.stats.watches, 1);
    await eventually(() => informer.stats.watches >= 2);
    assert.equal(errors[0], "watch: watch sent nothing for 1500 ms");
    await leases.create(lease("after"));
    await eventually(() => informer.store.get("default/after") !== undefined);
    informer.stop();
    await running;
  } finally {
    await core.close();
  }
});
