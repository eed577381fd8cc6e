import assert from "node:assert/strict";
import { customResourceDefinitionsResource, leasesResource } from "../client/resources.ts";
import type { KubeObject } from "../client/types.ts";
import { Controller } from "../controller/controller.ts";
import { jsonLogger } from "../controller/logger.ts";
import { widgetCrd, widgetsResource } from "../controller/_testing.ts";
import { eventually } from "../testing/eventually.ts";
import { startTestCore } from "../testing/core.ts";
import { Manager } from "./manager.ts";

const FAST = { leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 300 };

function counting(seen: string[]): Controller<KubeObject> {
  return new Controller({
    name: "widget",
    for: widgetsResource,
    reconcile: (key) => {
      seen.push(key);
      return Promise.resolve();
    },
  });
}

Deno.test("a manager is ready once its caches synced, and serves /healthz, /readyz and the reconcile metrics", async () => {
  // The Widget CRD is installed only after the manager starts: until then its informer cannot list.
  const core = await startTestCore();
  const seen: string[] = [];
  const manager = new Manager({
    client: core.client,
    healthPort: 0,
    metricsPort: 0,
    hostname: "127.0.0.1",
    log: jsonLogger(() => {}),
  });
  manager.add(counting(seen));
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  try {
    await eventually("the probes listen", () => manager.healthAddr !== undefined);
    const health = `http://127.0.0.1:${manager.healthAddr!.port}`;
    const notReady = await fetch(`${health}/readyz`);
    assert.equal(notReady.status, 500);
    await notReady.body?.cancel();
    assert.equal(await (await fetch(`${health}/healthz`)).text(), "ok");

    await core.client.resource(customResourceDefinitionsResource).create(widgetCrd as never);
    await eventually("the manager is ready", () => manager.ready, 10_000);
    const ready = await fetch(`${health}/readyz`);
    assert.equal(ready.status, 200);
    await ready.body?.cancel();

    await core.client.resource(widgetsResource).namespace("default").create({
      metadata: { name: "w" },
      spec: {},
    });
    await eventually("the widget is reconciled", () => seen.includes("default/w"));
    const metrics = await (await fetch(`http://127.0.0.1:${manager.metricsAddr!.port}/metrics`)).text();
    assert.match(metrics, /controller_runtime_reconcile_total\{controller="widget",result="success"\} 1/);
    assert.match(metrics, /workqueue_adds_total\{name="widget",controller="widget"\} 1/);
  } finally {
    stop.abort();
    await running;
    await core.close();
  }
});

Deno.test("a manager that loses its Lease stops its controllers and start() rejects", async () => {
  const core = await startTestCore({ crds: [widgetCrd] });
  const seen: string[] = [];
  const manager = new Manager({
    client: core.client,
    leaderElection: { namespace: "default", name: "widgets", identity: "a", ...FAST },
    log: jsonLogger(() => {}),
  });
  manager.add(counting(seen));
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  const leases = core.client.resource(leasesResource).namespace("default");
  let intruding = true;
  try {
    await eventually("the manager leads", () => manager.leading);
    // Someone else keeps writing itself into the Lease: the holder cannot renew and gives up.
    const intruder = (async () => {
      while (intruding) {
        const lease = await leases.get("widgets");
        lease.spec = { ...lease.spec, holderIdentity: "b", renewTime: new Date().toISOString() };
        await leases.update(lease).catch(() => {});
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await assert.rejects(running, /leader election lost/);
    assert.equal(manager.leading, false);
    intruding = false;
    await intruder;
    const before = seen.length;
    await core.client.resource(widgetsResource).namespace("default").create({
      metadata: { name: "w" },
      spec: {},
    });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(seen.length, before, "nothing reconciles after leadership was lost");
  } finally {
    intruding = false;
    stop.abort();
    await running.catch(() => {});
    await core.close();
  }
});

Deno.test("stopping a leading manager lets the running reconcile finish before it releases the Lease", async () => {
  const core = await startTestCore({ crds: [widgetCrd] });
  const leases = core.client.resource(leasesResource).namespace("default");
  let started = false;
  let holderWhenFinished: string | undefined;
  const manager = new Manager({
    client: core.client,
    leaderElection: { namespace: "default", name: "widgets", identity: "a", ...FAST },
    log: jsonLogger(() => {}),
  });
  manager.add(
    new Controller({
      name: "widget",
      for: widgetsResource,
      reconcile: async () => {
        started = true;
        await new Promise((r) => setTimeout(r, 300));
        holderWhenFinished = (await leases.get("widgets")).spec?.holderIdentity;
      },
    }),
  );
  const stop = new AbortController();
  const running = manager.start(stop.signal);
  try {
    await eventually("the manager leads", () => manager.leading);
    await core.client.resource(widgetsResource).namespace("default").create({
      metadata: { name: "w" },
      spec: {},
    });
    await eventually("the reconcile started", () => started);
    stop.abort();
    await running;
    assert.equal(holderWhenFinished, "a", "the Lease was still held while the reconcile ran");
    assert.equal((await leases.get("widgets")).spec?.holderIdentity ?? "", "", "then released");
  } finally {
    stop.abort();
    await running.catch(() => {});
    await core.close();
  }
});
