import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import { createInProcessClient, nodesResource, podsResource, startTestCore } from "@skiff/sdk";
import { eventsFor, registerNode, runWith, testPod, waitFor } from "../_core_testing.ts";
import { SchedulerController } from "./scheduler_controller.ts";

const fastQueue = { initialBackoffMs: 100, maxBackoffMs: 400 };

Deno.test("scheduler binds a pod to the only node that tolerates its taint", async () => {
  const core = await startTestCore();
  const client = core.inProcessClient;
  const scheduler = await runWith(client, (ctx) => new SchedulerController(ctx, { queue: fastQueue }));
  try {
    await registerNode(client, "a", { taints: [{ key: "gpu", value: "yes", effect: "NoSchedule" }] });
    await registerNode(client, "b", { taints: [{ key: "ssd", value: "yes", effect: "NoSchedule" }] });
    await registerNode(client, "c", { taints: [{ key: "arm", value: "yes", effect: "NoSchedule" }] });
    const pods = client.resource(podsResource).namespace("default");
    await pods.create(testPod("trainer", {
      tolerations: [{ key: "ssd", operator: "Equal", value: "yes", effect: "NoSchedule" }],
    }));
    const bound = await waitFor("binding", async () => (await pods.get("trainer")).spec?.nodeName);
    assert.deepEqual(bound, "b");
    const pod = await pods.get("trainer");
    const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
    assert.deepEqual(scheduled?.status, "True");
    const events = await waitFor("Scheduled event", async () => {
      const e = await eventsFor(client, "trainer", "Scheduled");
      return e.length ? e : undefined;
    });
    assert.deepEqual(events[0].message, "Successfully assigned default/trainer to b");
    assert.deepEqual(events[0].type, "Normal");
    assert.deepEqual(events[0].source?.component, "default-scheduler");
  } finally {
    await scheduler.stop();
    await core.close();
  }
});

Deno.test("a pod that fits nowhere gets Kubernetes' FailedScheduling event and condition, then lands once a node fits", async () => {
  const core = await startTestCore();
  const client = core.inProcessClient;
  const scheduler = await runWith(client, (ctx) => new SchedulerController(ctx, { queue: fastQueue }));
  try {
    await registerNode(client, "n1", { taints: [{ key: "gpu", value: "yes", effect: "NoSchedule" }] });
    await registerNode(client, "n2", { labels: { disk: "hdd" } });
    await registerNode(client, "n3", { labels: { disk: "hdd" } });
    const pods = client.resource(podsResource).namespace("default");
    await pods.create(testPod("db", { nodeSelector: { disk: "ssd" } }));
    const message = "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: yes}, 2 node(s) didn't " +
      "match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful " +
      "for scheduling.";
    const condition = await waitFor("PodScheduled=False", async () => {
      const pod = await pods.get("db");
      return pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
    });
    assert.deepEqual(condition.reason, "Unschedulable");
    assert.deepEqual(condition.message, message);
    assert.deepEqual((await pods.get("db")).status?.phase, "Pending");
    const [event] = await waitFor(
      "FailedScheduling event",
      () => eventsFor(client, "db", "FailedScheduling"),
    );
    assert.deepEqual(event.type, "Warning");
    assert.deepEqual(event.message, message);
    assert.deepEqual(event.source?.component, "default-scheduler");
    assert.deepEqual(event.involvedObject.kind, "Pod");

    // A change that does not help: the pod is tried again and the same event's count goes up.
    await client.resource(nodesResource).patch("n2", {
      metadata: { labels: { rack: "r1" } },
    });
    const repeated = await waitFor("a folded repeat", async () => {
      const events = await eventsFor(client, "db", "FailedScheduling");
      return events.length === 1 && (events[0].count ?? 0) >= 2 ? events[0] : undefined;
    });
    assert.deepEqual(repeated.message, message);

    await registerNode(client, "n4", { labels: { disk: "ssd" } });
    assert.deepEqual(await waitFor("binding", async () => (await pods.get("db")).spec?.nodeName), "n4");
  } finally {
    await scheduler.stop();
    await core.close();
  }
});

Deno.test("required pod anti-affinity spreads replicas over nodes, and the replica too many stays Pending", async () => {
  const core = await startTestCore();
  const client = core.inProcessClient;
  const scheduler = await runWith(client, (ctx) => new SchedulerController(ctx, { queue: fastQueue }));
  try {
    for (const n of ["a", "b", "c"]) await registerNode(client, n);
    const pods = client.resource(podsResource).namespace("default");
    const replica = (name: string) =>
      testPod(name, {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{
              labelSelector: { matchLabels: { app: "web" } },
              topologyKey: "kubernetes.io/hostname",
            }],
          },
        },
      }, { app: "web" });
    for (const name of ["web-1", "web-2", "web-3", "web-4"]) await pods.create(replica(name));
    const nodes = await waitFor("three bindings", async () => {
      const list = (await pods.list()).items.map((p) => p.spec?.nodeName).filter(Boolean);
      return list.length === 3 ? list : undefined;
    });
    assert.deepEqual([...nodes].sort(), ["a", "b", "c"]);
    const [event] = await waitFor("FailedScheduling", async () => {
      const all = await Promise.all(
        ["web-1", "web-2", "web-3", "web-4"].map((n) => eventsFor(client, n, "FailedScheduling")),
      );
      return all.flat().length ? all.flat() : undefined;
    });
    assert.deepEqual(
      event.message,
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are " +
        "available: 3 No preemption victims found for incoming pod.",
    );
  } finally {
    await scheduler.stop();
    await core.close();
  }
});

Deno.test("a pod bound by someone else while its binding is on the way is left where it is, not retried", async () => {
  const core = await startTestCore();
  // The API as the scheduler sees it: just before its binding arrives, another binder wins the race.
  const admin = core.inProcessClient;
  const app = {
    fetch: async (request: Request) => {
      const url = new URL(request.url);
      if (request.method === "POST" && url.pathname.endsWith("/pods/racer/binding")) {
        await admin.json("POST", url.pathname, {
          body: { apiVersion: "v1", kind: "Binding", metadata: { name: "racer" }, target: { name: "other" } },
        });
      }
      return await core.api.app.fetch(request);
    },
  };
  const client = createInProcessClient(app, { token: core.token });
  const scheduler = await runWith(client, (ctx) => new SchedulerController(ctx, { queue: fastQueue }));
  try {
    await registerNode(admin, "mine");
    await registerNode(admin, "other", { taints: [{ key: "dedicated", value: "x", effect: "NoSchedule" }] });
    const pods = admin.resource(podsResource).namespace("default");
    await pods.create(testPod("racer"));
    await pods.create(testPod("after"));
    assert.deepEqual(
      await waitFor("the next pod bound", async () => (await pods.get("after")).spec?.nodeName),
      "mine",
    );
    const racer: Pod = await pods.get("racer");
    assert.deepEqual(racer.spec?.nodeName, "other");
    assert.deepEqual(await eventsFor(admin, "racer", "FailedScheduling"), []);
    assert(!racer.status?.conditions?.some((c) => c.type === "PodScheduled" && c.status === "False"));
  } finally {
    await scheduler.stop();
    await core.close();
  }
});

Deno.test("a pod created before any node exists waits as unschedulable and is bound when the first node registers", async () => {
  const core = await startTestCore();
  const client = core.inProcessClient;
  const scheduler = await runWith(client, (ctx) => new SchedulerController(ctx, { queue: fastQueue }));
  try {
    const pods = client.resource(podsResource).namespace("default");
    await pods.create(testPod("early"));
    const condition = await waitFor("PodScheduled=False", async () => {
      const pod = await pods.get("early");
      return pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
    });
    assert.deepEqual([condition.reason, condition.message], [
      "Unschedulable",
      "no nodes available to schedule pods",
    ]);
    await registerNode(client, "first");
    assert.equal(await waitFor("binding", async () => (await pods.get("early")).spec?.nodeName), "first");
  } finally {
    await scheduler.stop();
    await core.close();
  }
});
