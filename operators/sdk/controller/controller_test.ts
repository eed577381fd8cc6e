import assert from "node:assert/strict";
import { SharedInformerFactory } from "../cache/factory.ts";
import type { KubeObject } from "../client/types.ts";
import { ManagerMetrics } from "../metrics/manager_metrics.ts";
import { startTestCore, type TestCore } from "../testing/core.ts";
import { Controller, type ControllerOptions } from "./controller.ts";
import { TerminalError } from "./errors.ts";
import { jsonLogger } from "./logger.ts";
import { generationChanged } from "./predicates.ts";
import { partCrd, partsResource, sleep, widgetCrd, widgetsResource } from "./_testing.ts";
import { eventually } from "../testing/eventually.ts";

/** Runs a controller against the core the way a manager would; `stop()` ends it and its informers. */
async function run(core: TestCore, options: ControllerOptions<KubeObject>) {
  const informers = new SharedInformerFactory(core.client);
  const metrics = new ManagerMetrics();
  const logs: Record<string, unknown>[] = [];
  const controller = new Controller(options);
  controller.setup({
    client: core.client,
    informers,
    metrics,
    log: jsonLogger((line) => logs.push(JSON.parse(line))),
  });
  const abort = new AbortController();
  informers.start(abort.signal);
  const running = controller.start(abort.signal);
  await informers.waitForSync();
  return {
    controller,
    logs,
    metrics,
    async stop() {
      abort.abort();
      await running;
      await informers.stop();
    },
  };
}

async function withCore(fn: (core: TestCore) => Promise<void>): Promise<void> {
  const core = await startTestCore({ crds: [widgetCrd, partCrd] });
  try {
    await fn(core);
  } finally {
    await core.close();
  }
}

const widget = (name: string, spec: Record<string, unknown> = { size: 1 }): KubeObject => ({
  apiVersion: "example.com/v1",
  kind: "Widget",
  metadata: { name },
  spec,
});

async function metric(metrics: ManagerMetrics, name: string, labels: string): Promise<number> {
  const line = (await metrics.render()).split("\n").find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? NaN : Number(line.split(" ").at(-1));
}

Deno.test("a controller reconciles every existing object once its cache has synced, then each new one", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsResource).namespace("default");
    await widgets.create(widget("before"));
    const seen: string[] = [];
    const c = await run(core, {
      name: "widget",
      for: widgetsResource,
      reconcile: (key) => {
        seen.push(key);
        return Promise.resolve();
      },
    });
    try {
      await eventually("the existing widget is reconciled", () => seen.includes("default/before"));
      await widgets.create(widget("after"));
      await eventually("the new widget is reconciled", () => seen.includes("default/after"));
      await widgets.delete("after");
      await eventually(
        "the deleted widget is reconciled",
        () => seen.filter((k) => k === "default/after").length >= 2,
      );
      assert.equal(
        await metric(c.metrics, "controller_runtime_reconcile_total", 'controller="widget",result="success"'),
        seen.length,
      );
    } finally {
      await c.stop();
    }
  });
});

Deno.test("a change to an owned object enqueues its controller owner, and an object another kind controls does not", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsResource).namespace("default");
    const parts = core.client.resource(partsResource).namespace("default");
    const w = await widgets.create(widget("w"));
    const seen: string[] = [];
    const c = await run(core, {
      name: "widget",
      for: widgetsResource,
      owns: [partsResource],
      reconcile: (key) => {
        seen.push(key);
        return Promise.resolve();
      },
    });
    try {
      await eventually("the widget is reconciled", () => seen.length === 1);
      const ref = {
        apiVersion: "example.com/v1",
        kind: "Widget",
        name: "w",
        uid: w.metadata!.uid!,
        controller: true,
      };
      await parts.create({ metadata: { name: "p", ownerReferences: [ref] }, spec: {} });
      await eventually("creating the owned part reconciles its owner", () => seen.length === 2);
      await parts.patch("p", { spec: { color: "red" } });
      await eventually("changing the owned part reconciles its owner", () => seen.length === 3);
      const foreign = { ...ref, apiVersion: "other.example.com/v1", name: "x" };
      const notController = { ...ref, name: "y", controller: false };
      await parts.create({ metadata: { name: "q", ownerReferences: [foreign] }, spec: {} });
      await parts.create({ metadata: { name: "r", ownerReferences: [notController] }, spec: {} });
      await sleep(200);
      assert.deepEqual(seen, ["default/w", "default/w", "default/w"]);
    } finally {
      await c.stop();
    }
  });
});

Deno.test("generationChanged lets spec changes through and drops label-only and status-only writes", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsResource).namespace("default");
    await widgets.create(widget("w"));
    let reconciles = 0;
    const c = await run(core, {
      name: "widget",
      for: widgetsResource,
      predicates: [generationChanged],
      reconcile: () => {
        reconciles++;
        return Promise.resolve();
      },
    });
    try {
      await eventually("the widget is reconciled", () => reconciles === 1);
      await widgets.patch("w", { metadata: { labels: { a: "b" } } });
      await widgets.patchStatus("w", { status: { ready: true } });
      await sleep(200);
      assert.equal(reconciles, 1);
      await widgets.patch("w", { spec: { size: 2 } });
      await eventually("the spec change is reconciled", () => reconciles === 2);
    } finally {
      await c.stop();
    }
  });
});

Deno.test("a failing reconcile is logged with its key and controller name and retried with backoff until it succeeds", async () => {
  await withCore(async (core) => {
    await core.client.resource(widgetsResource).namespace("default").create(widget("w"));
    const at: number[] = [];
    const c = await run(core, {
      name: "widget",
      for: widgetsResource,
      reconcile: () => {
        at.push(performance.now());
        return at.length <= 3 ? Promise.reject(new Error(`attempt ${at.length} failed`)) : Promise.resolve();
      },
    });
    try {
      await eventually("the fourth attempt succeeds", () => at.length === 4);
      await sleep(100);
      assert.equal(at.length, 4, "a success is not retried");
      // 5 ms, 10 ms, 20 ms: each wait at least the one before it doubled.
      assert.ok(at[3] - at[2] >= 19 && at[2] - at[1] >= 9, `waits ${at.map((t, i) => i && t - at[i - 1])}`);
      const errors = c.logs.filter((l) => l.msg === "Reconciler error");
      assert.equal(errors.length, 3);
      assert.deepEqual(
        [errors[0].controller, errors[0].key, errors[0].namespace, errors[0].name, errors[0].error],
        ["widget", "default/w", "default", "w", "attempt 1 failed"],
      );
      assert.equal(
        await metric(c.metrics, "controller_runtime_reconcile_errors_total", 'controller="widget"'),
        3,
      );
      assert.equal(c.controller.queue?.numRequeues("default/w"), 0, "success forgets the key's failures");
    } finally {
      await c.stop();
    }
  });
});

Deno.test("a TerminalError is logged and counted but not retried", async () => {
  await withCore(async (core) => {
    await core.client.resource(widgetsResource).namespace("default").create(widget("w"));
    let reconciles = 0;
    const c = await run(core, {
      name: "widget",
      for: widgetsResource,
      reconcile: () => {
        reconciles++;
        return Promise.reject(new TerminalError("spec.size is not a number"));
      },
    });
    try {
      await eventually("the widget is reconciled", () => reconciles === 1);
      await sleep(200);
      assert.equal(reconciles, 1);
      const error = c.logs.find((l) => l.msg === "Reconciler error");
      assert.equal(error?.error, "spec.size is not a number");
      assert.equal(error?.terminal, true);
      assert.equal(
        await metric(c.metrics, "controller_runtime_terminal_reconcile_errors_total", 'controller="widget"'),
        1,
      );
    } finally {
      await c.stop();
    }
  });
});

Deno.test("requeueAfter reconciles the key again after that long, and requeue: true again with backoff", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsResource).namespace("default");
    await widgets.create(widget("later"));
    await widgets.create(widget("again"));
    const at: Record<string, number[]> = { "default/later": [], "default/again": [] };
    const c = await run(core, {
      name: "widget",
      for: widgetsResource,
      reconcile: (key) => {
        at[key].push(performance.now());
        if (at[key].length > 1) return Promise.resolve();
        return Promise.resolve(key === "default/later" ? { requeueAfter: 150 } : { requeue: true });
      },
    });
    try {
      await eventually(
        "both are reconciled twice",
        () => at["default/later"].length === 2 && at["default/again"].length === 2,
      );
      const [first, second] = at["default/later"];
      assert.ok(second - first >= 145, `requeued after ${second - first} ms`);
      assert.equal(
        await metric(
          c.metrics,
          "controller_runtime_reconcile_total",
          'controller="widget",result="requeue_after"',
        ),
        1,
      );
      assert.equal(
        await metric(c.metrics, "controller_runtime_reconcile_total", 'controller="widget",result="requeue"'),
        1,
      );
    } finally {
      await c.stop();
    }
  });
});

Deno.test("one key never reconciles twice at once while different keys run side by side up to maxConcurrentReconciles", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsResource).namespace("default");
    for (const name of ["a", "b", "c"]) await widgets.create(widget(name));
    const running = new Set<string>();
    let most = 0;
    let overlapped = false;
    let reconciles = 0;
    const c = await run(core, {
      name: "widget",
      for: widgetsResource,
      maxConcurrentReconciles: 2,
      reconcile: async (key) => {
        if (running.has(key)) overlapped = true;
        running.add(key);
        most = Math.max(most, running.size);
        await sleep(60);
        running.delete(key);
        reconciles++;
      },
    });
    try {
      await eventually("the first reconciles run", () => reconciles >= 1);
      for (let i = 0; i < 3; i++) await widgets.patch("a", { spec: { size: 10 + i } });
      await eventually(
        "everything is reconciled",
        () => reconciles >= 4 && running.size === 0 && c.controller.queue?.len() === 0,
      );
      assert.equal(overlapped, false);
      assert.equal(most, 2);
    } finally {
      await c.stop();
    }
  });
});

Deno.test("watches map another kind's events to the keys mapFn answers", async () => {
  await withCore(async (core) => {
    const parts = core.client.resource(partsResource).namespace("default");
    const seen: string[] = [];
    const c = await run(core, {
      name: "widget",
      for: widgetsResource,
      watches: [{
        resource: partsResource,
        mapFn: (part) => {
          const w = part.metadata?.labels?.["widget"];
          return w ? [`${part.metadata!.namespace}/${w}`] : [];
        },
      }],
      reconcile: (key) => {
        seen.push(key);
        return Promise.resolve();
      },
    });
    try {
      await parts.create({ metadata: { name: "p", labels: { widget: "big" } }, spec: {} });
      await parts.create({ metadata: { name: "q" }, spec: {} });
      await eventually("the labelled part's widget is reconciled", () => seen.includes("default/big"));
      await sleep(100);
      assert.deepEqual(seen, ["default/big"]);
    } finally {
      await c.stop();
    }
  });
});

Deno.test("stopping a controller lets the running reconcile finish, aborts its signal and starts no other key", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsResource).namespace("default");
    for (const name of ["a", "b"]) await widgets.create(widget(name));
    const started: string[] = [];
    let finished = 0;
    let sawAbort = false;
    const c = await run(core, {
      name: "widget",
      for: widgetsResource,
      reconcile: async (key, ctx) => {
        started.push(key);
        await sleep(100);
        sawAbort = ctx.signal.aborted;
        finished++;
      },
    });
    await eventually("a reconcile starts", () => started.length === 1);
    await c.stop();
    assert.equal(finished, 1, "stop() waited for the running reconcile");
    assert.equal(sawAbort, true);
    assert.equal(started.length, 1);
  });
});
