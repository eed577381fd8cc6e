import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import { type Client, leasesResource, nodesResource, podsResource, startTestCore } from "@skiff/sdk";
import { NODE_LEASE_NAMESPACE, SIM_KUBELET_VERSION } from "./node_object.ts";
import { startSimulator } from "./simulator.ts";

async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function bind(client: Client, name: string, node: string): Promise<void> {
  await client.request("POST", `/api/v1/namespaces/default/pods/${name}/binding`, {
    body: {
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name },
      target: { apiVersion: "v1", kind: "Node", name: node },
    },
  });
}

const pod = (name: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: {
    initContainers: [{ name: "init", image: "busybox:1.36" }],
    containers: [{ name: "web", image: "nginx:1.27" }, { name: "log", image: "registry.local:5000/tail" }],
  },
} as Pod);

Deno.test("simulated nodes register Ready with kubelet labels, capacity and addresses, and renew their leases", async () => {
  const core = await startTestCore();
  const sim = await startSimulator(core.client, { count: 5, leaseRenewMs: 200 });
  try {
    const nodes = (await core.client.resource(nodesResource).list()).items;
    assert.deepEqual(nodes.map((n) => n.metadata?.name).sort(), [0, 1, 2, 3, 4].map((i) => `sim-node-${i}`));
    const node = nodes.find((n) => n.metadata?.name === "sim-node-4")!;
    assert.equal(node.metadata?.labels?.["kubernetes.io/hostname"], "sim-node-4");
    assert.equal(node.metadata?.labels?.["kubernetes.io/os"], "linux");
    assert.equal(node.metadata?.labels?.["kubernetes.io/arch"], "amd64");
    assert.equal(node.metadata?.labels?.["topology.kubernetes.io/zone"], "zone-b");
    assert.equal(node.metadata?.labels?.type, "kwok");
    assert.ok(node.metadata?.labels?.["node.kubernetes.io/instance-type"]);
    assert.equal(node.spec?.podCIDR, "10.244.4.0/24");
    assert.deepEqual(node.status?.capacity, {
      cpu: "32",
      memory: "256Gi",
      pods: "110",
      "ephemeral-storage": "100Gi",
    });
    assert.deepEqual(node.status?.allocatable, node.status?.capacity);
    assert.equal(node.status?.nodeInfo?.kubeletVersion, SIM_KUBELET_VERSION);
    assert.equal(node.status?.addresses?.find((a) => a.type === "InternalIP")?.address, "172.16.0.6");
    const conditions = Object.fromEntries((node.status?.conditions ?? []).map((c) => [c.type, c]));
    assert.equal(conditions.Ready.status, "True");
    for (const t of ["MemoryPressure", "DiskPressure", "PIDPressure"]) {
      assert.equal(conditions[t].status, "False");
    }
    assert.ok(conditions.Ready.lastHeartbeatTime);

    const leases = core.client.resource(leasesResource).namespace(NODE_LEASE_NAMESPACE);
    const first = await leases.get("sim-node-4");
    assert.equal(first.spec?.holderIdentity, "sim-node-4");
    assert.equal(first.spec?.leaseDurationSeconds, 40);
    assert.equal(first.metadata?.ownerReferences?.[0]?.uid, node.metadata?.uid);
    await eventually("the lease is renewed", async () => {
      const now = await leases.get("sim-node-4");
      return Date.parse(now.spec!.renewTime!) > Date.parse(first.spec!.renewTime!) ? now : undefined;
    });
  } finally {
    await sim.stop();
    await core.close();
  }
});

Deno.test("a pod bound to a simulated node becomes Running and Ready with an IP from its node's CIDR", async () => {
  const core = await startTestCore();
  const sim = await startSimulator(core.client, { count: 3 });
  try {
    const pods = core.client.resource(podsResource).namespace("default");
    await pods.create(pod("web"));
    await bind(core.client, "web", "sim-node-2");
    const running = await eventually("the pod runs", async () => {
      const p = await pods.get("web");
      return p.status?.phase === "Running" ? p : undefined;
    });
    const s = running.status!;
    assert.match(s.podIP!, /^10\.244\.2\.\d+$/);
    assert.deepEqual(s.podIPs, [{ ip: s.podIP }]);
    assert.equal(s.hostIP, "172.16.0.4");
    assert.deepEqual(s.hostIPs, [{ ip: "172.16.0.4" }]);
    assert.ok(s.startTime);
    assert.equal(s.qosClass, "BestEffort");
    const conditions = Object.fromEntries((s.conditions ?? []).map((c) => [c.type, c.status]));
    assert.deepEqual(conditions, {
      PodReadyToStartContainers: "True",
      Initialized: "True",
      Ready: "True",
      ContainersReady: "True",
      PodScheduled: "True",
    });
    assert.deepEqual(s.containerStatuses?.map((c) => c.name), ["web", "log"]);
    for (const c of s.containerStatuses!) {
      assert.equal(c.ready, true);
      assert.equal(c.started, true);
      assert.equal(c.restartCount, 0);
      assert.ok(c.state?.running?.startedAt);
      assert.match(c.containerID!, /^containerd:\/\/[0-9a-f]{64}$/);
    }
    assert.equal(s.containerStatuses![0].image, "nginx:1.27");
    assert.match(s.containerStatuses![0].imageID!, /^docker-pullable:\/\/nginx@sha256:[0-9a-f]{64}$/);
    assert.match(s.containerStatuses![1].imageID!, /^docker-pullable:\/\/registry\.local:5000\/tail@sha256:/);
    assert.equal(s.initContainerStatuses?.[0].state?.terminated?.reason, "Completed");
    assert.equal(s.initContainerStatuses?.[0].state?.terminated?.exitCode, 0);

    // A second pod on the same node gets a different IP.
    await pods.create(pod("api"));
    await bind(core.client, "api", "sim-node-2");
    const api = await eventually("the second pod runs", async () => {
      const p = await pods.get("api");
      return p.status?.phase === "Running" ? p : undefined;
    });
    assert.match(api.status!.podIP!, /^10\.244\.2\.\d+$/);
    assert.notEqual(api.status!.podIP, s.podIP);
  } finally {
    await sim.stop();
    await core.close();
  }
});

Deno.test("deleting a pod on a simulated node removes it for good", async () => {
  const core = await startTestCore();
  const sim = await startSimulator(core.client, { count: 1 });
  try {
    const pods = core.client.resource(podsResource).namespace("default");
    await pods.create(pod("web"));
    await bind(core.client, "web", "sim-node-0");
    await eventually(
      "the pod runs",
      async () => (await pods.get("web")).status?.phase === "Running" || undefined,
    );
    const deleted = await pods.delete("web") as Pod;
    assert.ok(deleted.metadata?.deletionTimestamp, "a running pod is deleted gracefully first");
    await eventually("the pod is gone", async () => (await pods.list()).items.length === 0 || undefined);
  } finally {
    await sim.stop();
    await core.close();
  }
});

Deno.test("pods on other nodes are left alone, and a node a user deletes stops being simulated", async () => {
  const core = await startTestCore();
  const sim = await startSimulator(core.client, { count: 2, leaseRenewMs: 100 });
  try {
    const pods = core.client.resource(podsResource).namespace("default");
    await core.client.resource(nodesResource).create({ metadata: { name: "real-node" } });
    await pods.create(pod("elsewhere"));
    await bind(core.client, "elsewhere", "real-node");

    await core.client.resource(nodesResource).delete("sim-node-1");
    await eventually("the node is forgotten", () => sim.nodeNames.length === 1 || undefined);
    assert.deepEqual(sim.nodeNames, ["sim-node-0"]);
    await pods.create(pod("orphan"));
    await bind(core.client, "orphan", "sim-node-1");
    // Give the simulator time it would have needed, then check neither pod was touched.
    await pods.create(pod("control"));
    await bind(core.client, "control", "sim-node-0");
    await eventually(
      "the control pod runs",
      async () => (await pods.get("control")).status?.phase === "Running" || undefined,
    );
    assert.equal((await pods.get("elsewhere")).status?.phase, "Pending");
    assert.equal((await pods.get("orphan")).status?.phase, "Pending");
  } finally {
    await sim.stop();
    await core.close();
  }
});

Deno.test("a restarted simulator takes its nodes over and keeps running pods and their IPs as they are", async () => {
  const core = await startTestCore();
  let sim = await startSimulator(core.client, { count: 1 });
  try {
    const pods = core.client.resource(podsResource).namespace("default");
    await pods.create(pod("web"));
    await bind(core.client, "web", "sim-node-0");
    const before = await eventually("the pod runs", async () => {
      const p = await pods.get("web");
      return p.status?.phase === "Running" ? p : undefined;
    });
    const readyBefore = (await core.client.resource(nodesResource).get("sim-node-0")).status?.conditions
      ?.find((c) => c.type === "Ready");
    await sim.stop();
    await new Promise((r) => setTimeout(r, 1100)); // so a new transition time would differ
    sim = await startSimulator(core.client, { count: 1 });
    const readyAfter = (await core.client.resource(nodesResource).get("sim-node-0")).status?.conditions
      ?.find((c) => c.type === "Ready");
    assert.equal(readyAfter?.lastTransitionTime, readyBefore?.lastTransitionTime);
    assert.notEqual(readyAfter?.lastHeartbeatTime, readyBefore?.lastHeartbeatTime);
    await pods.create(pod("api"));
    await bind(core.client, "api", "sim-node-0");
    const api = await eventually("the new pod runs", async () => {
      const p = await pods.get("api");
      return p.status?.phase === "Running" ? p : undefined;
    });
    const after = await pods.get("web");
    assert.equal(after.metadata?.resourceVersion, before.metadata?.resourceVersion, "not rewritten");
    assert.notEqual(api.status?.podIP, before.status?.podIP, "the old pod's IP is not handed out again");
    assert.equal((await core.client.resource(nodesResource).list()).items.length, 1);
  } finally {
    await sim.stop();
    await core.close();
  }
});

Deno.test("a hostNetwork pod gets its node's IP as its pod IP", async () => {
  const core = await startTestCore();
  const sim = await startSimulator(core.client, { count: 1 });
  try {
    const pods = core.client.resource(podsResource).namespace("default");
    await pods.create({ ...pod("agent"), spec: { ...pod("agent").spec!, hostNetwork: true } } as Pod);
    await bind(core.client, "agent", "sim-node-0");
    const running = await eventually("the pod runs", async () => {
      const p = await pods.get("agent");
      return p.status?.phase === "Running" ? p : undefined;
    });
    assert.equal(running.status?.podIP, "172.16.0.2");
    assert.equal(running.status?.hostIP, "172.16.0.2");
  } finally {
    await sim.stop();
    await core.close();
  }
});

Deno.test("nodes re-report their status with a new heartbeat time at the report period", async () => {
  const core = await startTestCore();
  const sim = await startSimulator(core.client, { count: 1, leaseRenewMs: 100, statusReportMs: 300 });
  try {
    const nodes = core.client.resource(nodesResource);
    const ready = async () =>
      (await nodes.get("sim-node-0")).status!.conditions!.find((c) => c.type === "Ready")!;
    const first = await ready();
    const later = await eventually("the heartbeat moves", async () => {
      const c = await ready();
      return c.lastHeartbeatTime !== first.lastHeartbeatTime ? c : undefined;
    });
    assert.equal(later.lastTransitionTime, first.lastTransitionTime);
    assert.equal(later.status, "True");
  } finally {
    await sim.stop();
    await core.close();
  }
});
