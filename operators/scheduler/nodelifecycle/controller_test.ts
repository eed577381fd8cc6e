import assert from "node:assert/strict";
import type { Lease, Pod } from "@skiff/kinds";
import {
  type Client,
  isAlreadyExists,
  leasesResource,
  namespacesResource,
  nodesResource,
  podsResource,
  startTestCore,
} from "@skiff/sdk";
import { eventsFor, registerNode, runWith, testPod, waitFor } from "../_core_testing.ts";
import { NODE_LEASE_NAMESPACE, NodeLifecycleController } from "./controller.ts";
import { defaultTolerationSecondsAdmission } from "./default_toleration_seconds.ts";

async function nodeLease(client: Client, node: string): Promise<() => Promise<void>> {
  await client.resource(namespacesResource).create({ metadata: { name: NODE_LEASE_NAMESPACE } }).catch(
    (e) => {
      if (!isAlreadyExists(e)) throw e;
    },
  );
  const leases = client.resource(leasesResource).namespace(NODE_LEASE_NAMESPACE);
  let lease: Lease = await leases.create({
    metadata: { name: node },
    spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime: new Date().toISOString() },
  });
  return async () => {
    lease = await leases.update({ ...lease, spec: { ...lease.spec, renewTime: new Date().toISOString() } });
  };
}

Deno.test("node lifecycle taints a node whose lease stops, evicts pods as their tolerations say, and untaints it when the lease renews", async () => {
  const core = await startTestCore();
  const client = core.inProcessClient;
  const controller = await runWith(
    client,
    (ctx) => new NodeLifecycleController(ctx, { gracePeriodMs: 800, monitorPeriodMs: 100 }),
  );
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  try {
    await registerNode(client, "silent");
    await registerNode(client, "alive");
    const renewSilent = await nodeLease(client, "silent");
    const renewAlive = await nodeLease(client, "alive");
    heartbeat = setInterval(() => renewAlive().catch(() => {}), 100);
    const pods = client.resource(podsResource).namespace("default");
    const unreachable = "node.kubernetes.io/unreachable";
    await pods.create(testPod("plain", { nodeName: "silent" }));
    await pods.create(testPod("patient", {
      nodeName: "silent",
      tolerations: [{ key: unreachable, operator: "Exists", effect: "NoExecute", tolerationSeconds: 1 }],
    }));
    await pods.create(testPod("loyal", {
      nodeName: "silent",
      tolerations: [{ key: unreachable, operator: "Exists", effect: "NoExecute" }],
    }));
    await pods.create(testPod("elsewhere", { nodeName: "alive" }));

    const nodes = client.resource(nodesResource);
    // When the last look that found the node untainted began: the taint, and so every toleration's
    // clock, started after it. (When the test sees the taint says nothing: a loaded machine sees it late.)
    let untaintedAt = Date.now();
    const tainted = await waitFor("unreachable taints", async () => {
      const lookedAt = Date.now();
      const node = await nodes.get("silent");
      if (!node.spec?.taints?.length) untaintedAt = lookedAt;
      return node.spec?.taints?.length === 2 ? node : undefined;
    });
    assert.deepEqual(tainted.spec!.taints!.map((t) => `${t.key}:${t.effect}`), [
      `${unreachable}:NoSchedule`,
      `${unreachable}:NoExecute`,
    ]);
    assert.ok(tainted.spec!.taints![1].timeAdded);
    const ready = tainted.status?.conditions?.find((c) => c.type === "Ready");
    assert.deepEqual([ready?.status, ready?.reason, ready?.message], [
      "Unknown",
      "NodeStatusUnknown",
      "Kubelet stopped posting node status.",
    ]);

    const gone = (pod: Pod | undefined) => !pod || !!pod.metadata?.deletionTimestamp;
    const get = (name: string) => pods.get(name).catch(() => undefined);
    await waitFor("the pod without tolerations evicted", async () => gone(await get("plain")));
    // No look at the tolerating pod in between: its one second may be over by the time a loaded machine
    // gets there. Seen gone no sooner than 1 s after the taint, it was not evicted at once.
    await waitFor("the pod tolerating 1 s evicted", async () => gone(await get("patient")));
    const after = Date.now() - untaintedAt;
    assert.ok(after >= 1000, `evicted after its tolerationSeconds (seen gone ${after} ms after the taint)`);
    const [event] = await eventsFor(client, "plain", "TaintManagerEviction");
    assert.equal(event?.message, "Marking for deletion Pod default/plain");
    assert.ok(!gone(await get("loyal")), "a pod tolerating without tolerationSeconds stays");
    assert.ok(!gone(await get("elsewhere")), "pods on a node that renews stay");
    assert.equal((await nodes.get("alive")).spec?.taints, undefined);

    await renewSilent();
    await waitFor("taints removed", async () => !(await nodes.get("silent")).spec?.taints?.length);
  } finally {
    clearInterval(heartbeat);
    await controller.stop();
    await core.close();
  }
});

Deno.test("DefaultTolerationSeconds gives a new pod 300 s tolerations for not-ready and unreachable, unless it has its own", async () => {
  const core = await startTestCore();
  core.api.admission.add(defaultTolerationSecondsAdmission);
  try {
    const pods = core.inProcessClient.resource(podsResource).namespace("default");
    const plain = await pods.create(testPod("plain"));
    assert.deepEqual(plain.spec?.tolerations, [
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ]);
    const own = await pods.create(testPod("own", {
      tolerations: [{
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 5,
      }],
    }));
    assert.deepEqual(own.spec?.tolerations, [
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 5,
      },
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ]);
    const updated = await pods.update({ ...own, metadata: { ...own.metadata, labels: { a: "b" } } });
    assert.equal(updated.spec?.tolerations?.length, 2, "only CREATE is defaulted");
  } finally {
    await core.close();
  }
});
