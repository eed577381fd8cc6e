import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import { eventually, podsResource } from "@skiff/sdk";
import type { ReplicaSet } from "../api/replica_set.ts";
import { livePods, markReady, recordChanges, startWorkloadsCore } from "../_testing.ts";
import type { ReplicationController } from "../api/replication_controller.ts";
import { replicaSetsResource, replicationControllersResource } from "../resources.ts";
import { podsToDelete } from "./sync.ts";

function replicaSet(name: string, replicas: number, extra: Partial<ReplicaSet["spec"]> = {}): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, tier: "web" } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
      ...extra,
    },
  } as ReplicaSet;
}

Deno.test("a ReplicaSet creates its pods from the template and counts them ready and available", async () => {
  const w = await startWorkloadsCore();
  try {
    const sets = w.client.resource(replicaSetsResource).namespace("default");
    const created = await sets.create({ ...replicaSet("web", 3), status: { replicas: 7 } } as ReplicaSet);
    assert.deepEqual(created.status, { replicas: 0 }, "a create starts with an empty status");
    const pods = await eventually("three pods exist", async () => {
      const pods = await livePods(w.client);
      return pods.length === 3 ? pods : undefined;
    });
    for (const pod of pods) {
      assert.match(pod.metadata!.name!, /^web-[a-z0-9]{5}$/);
      assert.equal(pod.metadata?.generateName, "web-");
      assert.deepEqual(pod.metadata?.labels, { app: "web", tier: "web" });
      const [ref] = pod.metadata?.ownerReferences ?? [];
      assert.equal(ref.kind, "ReplicaSet");
      assert.equal(ref.uid, created.metadata?.uid);
      assert.equal(ref.controller, true);
    }
    let rs = await eventually("the status counts three pods", async () => {
      const rs = await sets.get("web");
      return rs.status?.replicas === 3 ? rs : undefined;
    });
    assert.equal(rs.status?.readyReplicas, undefined);
    assert.equal(rs.status?.fullyLabeledReplicas, 3);
    assert.equal(rs.status?.observedGeneration, 1);
    for (const pod of pods) await markReady(w.client, pod);
    rs = await eventually("three pods are ready and available", async () => {
      const rs = await sets.get("web");
      return rs.status?.availableReplicas === 3 ? rs : undefined;
    });
    assert.equal(rs.status?.readyReplicas, 3);
    // Nothing more is created: expectations and the count agree.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await livePods(w.client)).length, 3);
  } finally {
    await w.close();
  }
});

Deno.test("scaling a ReplicaSet down deletes the pods that are not ready first, then the cheapest", async () => {
  const w = await startWorkloadsCore();
  try {
    const sets = w.client.resource(replicaSetsResource).namespace("default");
    const podsApi = w.client.resource(podsResource).namespace("default");
    await sets.create(replicaSet("web", 4));
    const pods = await eventually("four pods exist", async () => {
      const pods = await livePods(w.client);
      return pods.length === 4 ? pods : undefined;
    });
    const [notReady, cheap, ...rest] = pods;
    for (const pod of [cheap, ...rest]) await markReady(w.client, pod);
    await podsApi.patch(cheap.metadata!.name!, {
      metadata: { annotations: { "controller.kubernetes.io/pod-deletion-cost": "-100" } },
    });
    await eventually("three pods are ready", async () => (await sets.get("web")).status?.readyReplicas === 3);

    await sets.patch("web", { spec: { replicas: 3 } });
    let left = await eventually("three pods are left", async () => {
      const pods = await livePods(w.client);
      return pods.length === 3 ? pods : undefined;
    });
    assert.ok(
      !left.some((p) => p.metadata?.name === notReady.metadata?.name),
      "the pod not ready went first",
    );

    await sets.patch("web", { spec: { replicas: 2 } });
    left = await eventually("two pods are left", async () => {
      const pods = await livePods(w.client);
      return pods.length === 2 ? pods : undefined;
    });
    assert.ok(
      !left.some((p) => p.metadata?.name === cheap.metadata?.name),
      "the lowest deletion cost went next",
    );
    await eventually("the status says 2", async () => (await sets.get("web")).status?.replicas === 2);
  } finally {
    await w.close();
  }
});

Deno.test("a ReplicaSet adopts a matching orphan pod and releases a pod whose labels stop matching", async () => {
  const w = await startWorkloadsCore();
  try {
    const sets = w.client.resource(replicaSetsResource).namespace("default");
    const podsApi = w.client.resource(podsResource).namespace("default");
    const orphan = await podsApi.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "stray", labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
    } as Pod);
    const rs = await sets.create(replicaSet("web", 2));
    await eventually("the orphan is adopted", async () => {
      const pod = await podsApi.get("stray");
      return pod.metadata?.ownerReferences?.some((r) => r.uid === rs.metadata?.uid && r.controller);
    });
    await eventually("one more pod is made, not two", async () => (await livePods(w.client)).length === 2);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await livePods(w.client)).length, 2);
    assert.ok((await livePods(w.client)).some((p) => p.metadata?.uid === orphan.metadata?.uid));

    await podsApi.patch("stray", { metadata: { labels: { app: "debug" } } });
    await eventually("the relabelled pod is released", async () => {
      const pod = await podsApi.get("stray");
      return !pod.metadata?.ownerReferences?.length;
    });
    await eventually("a replacement is made", async () => {
      const mine = (await livePods(w.client)).filter((p) => p.metadata?.labels?.app === "web");
      return mine.length === 2 &&
        mine.every((p) => p.metadata?.ownerReferences?.[0]?.uid === rs.metadata?.uid);
    });
  } finally {
    await w.close();
  }
});

Deno.test("podsToDelete picks unscheduled, then pending, then not ready pods", () => {
  const pod = (name: string, status: Pod["status"], nodeName?: string): Pod => ({
    metadata: { name, uid: name, creationTimestamp: "2026-01-01T00:00:00Z" },
    spec: { containers: [], ...(nodeName ? { nodeName } : {}) },
    status,
  } as Pod);
  const ready: Pod["status"] = { phase: "Running", conditions: [{ type: "Ready", status: "True" }] };
  const pods = [
    pod("running-ready", ready, "n1"),
    pod("running-unready", { phase: "Running" }, "n1"),
    pod("pending", { phase: "Pending" }, "n2"),
    pod("unscheduled", { phase: "Pending" }),
  ];
  assert.deepEqual(podsToDelete(pods, 3).map((p) => p.metadata?.name), [
    "unscheduled",
    "pending",
    "running-unready",
  ]);
});

Deno.test("a ReplicaSet whose pods are refused tries one at a time and reports ReplicaFailure until they are let in", async () => {
  const w = await startWorkloadsCore();
  let attempts = 0;
  // A real admission step in the real chain, standing for a quota or a policy that refuses the pods.
  const remove = w.core.api.admission.add({
    name: "refuse-web-pods",
    kinds: ["v1/Pod"],
    validate(req) {
      if (req.object.metadata?.labels?.app !== "web") return [];
      attempts++;
      return [{ reason: "FieldValueForbidden", field: "metadata.labels", message: "Forbidden: not today" }];
    },
  });
  try {
    const sets = w.client.resource(replicaSetsResource).namespace("default");
    await sets.create(replicaSet("web", 10));
    const rs = await eventually("the failure is reported", async () => {
      const rs = await sets.get("web");
      return rs.status?.conditions?.some((c) => c.type === "ReplicaFailure") ? rs : undefined;
    });
    const [failure] = rs.status!.conditions!;
    assert.equal(failure.status, "True");
    assert.equal(failure.reason, "FailedCreate");
    assert.match(failure.message ?? "", /not today/);
    // Slow start: each sync stops after its first batch of one failed, whatever the count asked.
    assert.ok(attempts < 10, `${attempts} creates tried`);

    remove();
    await eventually("the pods are made", async () => (await livePods(w.client)).length === 10);
    await eventually("the failure is cleared", async () => {
      const rs = await sets.get("web");
      return rs.status?.replicas === 10 && !rs.status?.conditions;
    }, 20_000);
  } finally {
    await w.close();
  }
});

Deno.test("a ReplicationController keeps its count of pods with the same controller", async () => {
  const w = await startWorkloadsCore();
  try {
    const rcs = w.client.resource(replicationControllersResource).namespace("default");
    const rc = await rcs.create({
      apiVersion: "v1",
      kind: "ReplicationController",
      metadata: { name: "legacy" },
      spec: {
        replicas: 2,
        selector: { app: "legacy" },
        template: {
          metadata: { labels: { app: "legacy" } },
          spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
        },
      },
    } as ReplicationController);
    const pods = await eventually("two pods exist", async () => {
      const pods = await livePods(w.client);
      return pods.length === 2 ? pods : undefined;
    });
    for (const pod of pods) {
      assert.match(pod.metadata!.name!, /^legacy-/);
      assert.equal(pod.metadata?.ownerReferences?.[0].kind, "ReplicationController");
      assert.equal(pod.metadata?.ownerReferences?.[0].uid, rc.metadata?.uid);
      await markReady(w.client, pod);
    }
    await eventually(
      "the status counts them ready",
      async () => (await rcs.get("legacy")).status?.readyReplicas === 2,
    );
    await w.client.resource(podsResource).namespace("default").delete(pods[0].metadata!.name!);
    await eventually("a replacement is made", async () => {
      const now = await livePods(w.client);
      return now.length === 2 && !now.some((p) => p.metadata?.name === pods[0].metadata?.name);
    });
  } finally {
    await w.close();
  }
});

Deno.test("a ReplicaSet counts a ready pod available only after minReadySeconds", async () => {
  const w = await startWorkloadsCore();
  // Every status the set goes through, in order: the ready-but-not-available one lasts only about
  // minReadySeconds, which a poll on a loaded machine can step over.
  const changes = await recordChanges(w.client, replicaSetsResource);
  try {
    const sets = w.client.resource(replicaSetsResource).namespace("default");
    await sets.create(replicaSet("web", 1, { minReadySeconds: 2 }));
    const [pod] = await eventually("the pod exists", async () => {
      const pods = await livePods(w.client);
      return pods.length === 1 ? pods : undefined;
    });
    // Condition times have whole seconds: start on one so the seconds counted are whole ones.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
    const readyAt = Date.now();
    await markReady(w.client, pod);
    await eventually(
      "the pod is available",
      async () => (await sets.get("web")).status?.availableReplicas === 1,
    );
    assert.ok(Date.now() - readyAt >= 1950, "available two seconds after ready");
    const statuses = changes.events.map((e) => e.object.status);
    const ready = statuses.findIndex((st) => st?.readyReplicas === 1);
    assert.ok(ready >= 0, "the pod was counted ready");
    assert.equal(statuses[ready]?.availableReplicas, undefined, "not available yet when first counted ready");
  } finally {
    await changes.stop();
    await w.close();
  }
});
