import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import { makeNode, makePod } from "./_testing.ts";
import { numFeasibleNodesToFind, schedule, Scheduler } from "./schedule.ts";
import { Snapshot } from "./snapshot.ts";

const alloc = { cpu: "4", memory: "8Gi", pods: "110" };

/** Schedules each pod and adds it to the snapshot where it landed, as a scheduler loop assumes pods. */
function scheduleAll(scheduler: Scheduler, snapshot: Snapshot, pods: Pod[]): (string | undefined)[] {
  return pods.map((pod) => {
    const result = scheduler.schedule(pod, snapshot);
    if (result.node) snapshot.addPod({ ...pod, spec: { ...pod.spec!, nodeName: result.node } });
    return result.node;
  });
}

Deno.test("the scheduler binds a pod to the only node that tolerates its taint", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("plain", { allocatable: alloc, taints: [{ key: "gpu", value: "yes", effect: "NoSchedule" }] }),
      makeNode("gpu", { allocatable: alloc }),
    ],
  });
  assert.equal(schedule(makePod("p"), snapshot).node, "gpu");
});

Deno.test("the FailedScheduling message counts taints and affinity as Kubernetes 1.32 words it", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("a", {
        allocatable: alloc,
        labels: { disk: "ssd" },
        taints: [{ key: "gpu", value: "yes", effect: "NoSchedule" }],
      }),
      makeNode("b", { allocatable: alloc }),
      makeNode("c", { allocatable: alloc }),
    ],
  });
  const result = schedule(makePod("p", { spec: { nodeSelector: { disk: "ssd" } } }), snapshot);
  assert.equal(
    result.fitError?.message,
    "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: yes}, 2 node(s) didn't match Pod's node affinity/selector. " +
      "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
});

Deno.test("insufficient cpu without lower-priority pods reports no preemption victims", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("a", { allocatable: { cpu: "1", memory: "1Gi", pods: "110" } }),
      makeNode("b", { allocatable: alloc, unschedulable: true }),
    ],
    pods: [makePod("busy", { nodeName: "a", requests: { cpu: "800m" } })],
  });
  const result = schedule(makePod("p", { requests: { cpu: "500m" } }), snapshot);
  assert.equal(
    result.fitError?.message,
    "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable. " +
      "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
  );
});

Deno.test("a higher-priority pod that would fit after preemption gets a candidate and no preemption message", () => {
  const snapshot = Snapshot.from({
    nodes: [makeNode("a", { allocatable: { cpu: "1", memory: "1Gi", pods: "110" } })],
    pods: [makePod("low", { nodeName: "a", requests: { cpu: "800m" } })],
  });
  const result = schedule(makePod("p", { requests: { cpu: "500m" }, spec: { priority: 1000 } }), snapshot);
  assert.equal(result.fitError?.message, "0/1 nodes are available: 1 Insufficient cpu.");
  assert.deepEqual(result.fitError?.preemptionCandidates, ["a"]);
});

Deno.test("a higher-priority pod that would not fit even on an emptied node reports the filter's reason", () => {
  const snapshot = Snapshot.from({
    nodes: [makeNode("a", { allocatable: { cpu: "1", memory: "1Gi", pods: "110" } })],
    pods: [makePod("low", { nodeName: "a", requests: { cpu: "800m" } })],
  });
  const result = schedule(makePod("p", { requests: { cpu: "2" }, spec: { priority: 1000 } }), snapshot);
  assert.equal(
    result.fitError?.message,
    "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.",
  );
});

Deno.test("a pod with preemptionPolicy Never is not eligible for preemption", () => {
  const snapshot = Snapshot.from({ nodes: [makeNode("a", { allocatable: { cpu: "1", pods: "110" } })] });
  const result = schedule(
    makePod("p", { requests: { cpu: "2" }, spec: { preemptionPolicy: "Never" } }),
    snapshot,
  );
  assert.equal(
    result.fitError?.message,
    "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
  );
});

Deno.test("a pod pinned to one node by metadata.name counts the other nodes as not satisfying NodeAffinity", () => {
  const snapshot = Snapshot.from({
    nodes: ["a", "b", "c", "d"].map((n) =>
      makeNode(n, { allocatable: { cpu: "1", memory: "1Gi", pods: "110" } })
    ),
  });
  const daemon = makePod("ds", {
    requests: { cpu: "2" },
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["b"] }] }],
          },
        },
      },
    },
  });
  assert.equal(
    schedule(daemon, snapshot).fitError?.message,
    "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
      "preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
  );
  const small = { ...daemon, spec: { ...daemon.spec!, containers: [{ name: "c" }] } };
  assert.equal(schedule(small, snapshot).node, "b");
});

Deno.test("conflicting required node names fail in PreFilter with Kubernetes' message", () => {
  const snapshot = Snapshot.from({
    nodes: [makeNode("a", { allocatable: alloc }), makeNode("b", { allocatable: alloc })],
  });
  const pod = makePod("p", {
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{
              matchFields: [
                { key: "metadata.name", operator: "In", values: ["a"] },
                { key: "metadata.name", operator: "In", values: ["b"] },
              ],
            }],
          },
        },
      },
    },
  });
  assert.equal(
    schedule(pod, snapshot).fitError?.message,
    "0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
  );
});

Deno.test("a cluster without nodes answers that no nodes are available", () => {
  assert.equal(
    schedule(makePod("p"), new Snapshot()).fitError?.message,
    "no nodes available to schedule pods",
  );
});

Deno.test("the scheduler prefers the node with the most free resources", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("small", { allocatable: { cpu: "2", memory: "4Gi", pods: "110" } }),
      makeNode("big", { allocatable: alloc }),
    ],
  });
  assert.equal(schedule(makePod("p", { requests: { cpu: "1", memory: "1Gi" } }), snapshot).node, "big");
});

Deno.test("ties are broken at random among the best nodes, with an injectable random source", () => {
  const snapshot = Snapshot.from({ nodes: ["a", "b", "c"].map((n) => makeNode(n, { allocatable: alloc })) });
  // Reservoir sampling: the i-th tied node replaces the pick when random() * i < 1.
  assert.equal(schedule(makePod("p"), snapshot, { random: () => 0 }).node, "c");
  assert.equal(schedule(makePod("p"), snapshot, { random: () => 0.99 }).node, "a");
  assert.equal(schedule(makePod("p"), snapshot, { random: () => 0.4 }).node, "b"); // 0.4*2 < 1, 0.4*3 >= 1
});

Deno.test("preferred node affinity outweighs a small difference in free resources", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("preferred", { allocatable: alloc, labels: { disk: "ssd" } }),
      makeNode("other", { allocatable: alloc }),
    ],
    pods: [makePod("x", { nodeName: "preferred", requests: { cpu: "500m" } })],
  });
  const pod = makePod("p", {
    spec: {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            weight: 1,
            preference: { matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }] },
          }],
        },
      },
    },
  });
  assert.equal(schedule(pod, snapshot).node, "preferred");
});

Deno.test("pods with anti-affinity to each other land on different nodes until none is left", () => {
  const snapshot = Snapshot.from({ nodes: ["a", "b", "c"].map((n) => makeNode(n, { allocatable: alloc })) });
  const replica = (i: number) =>
    makePod(`web-${i}`, {
      labels: { app: "web" },
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{
              labelSelector: { matchLabels: { app: "web" } },
              topologyKey: "kubernetes.io/hostname",
            }],
          },
        },
      },
    });
  const scheduler = new Scheduler();
  const placed = scheduleAll(scheduler, snapshot, [replica(0), replica(1), replica(2)]);
  assert.deepEqual([...placed].sort(), ["a", "b", "c"]);
  const result = scheduler.schedule(replica(3), snapshot);
  assert.equal(
    result.fitError?.message,
    "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. " +
      "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
  );
});

Deno.test("pods spread evenly over zones with a DoNotSchedule constraint", () => {
  const zone = (z: string) => ({ allocatable: alloc, labels: { "topology.kubernetes.io/zone": z } });
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("a1", zone("a")),
      makeNode("a2", zone("a")),
      makeNode("b1", zone("b")),
      makeNode("c1", zone("c")),
    ],
  });
  const pods = Array.from({ length: 6 }, (_, i) =>
    makePod(`w-${i}`, {
      labels: { app: "w" },
      spec: {
        topologySpreadConstraints: [{
          maxSkew: 1,
          topologyKey: "topology.kubernetes.io/zone",
          whenUnsatisfiable: "DoNotSchedule",
          labelSelector: { matchLabels: { app: "w" } },
        }],
      },
    }));
  const placed = scheduleAll(new Scheduler(), snapshot, pods);
  const perZone = { a: 0, b: 0, c: 0 } as Record<string, number>;
  for (const node of placed) perZone[node![0]]++;
  assert.deepEqual(perZone, { a: 2, b: 2, c: 2 });
});

Deno.test("filtering stops once enough feasible nodes are found and resumes from there next cycle", () => {
  assert.equal(numFeasibleNodesToFind(1000), 420);
  assert.equal(numFeasibleNodesToFind(100), 100);
  assert.equal(numFeasibleNodesToFind(5000), 500);
  assert.equal(numFeasibleNodesToFind(1000, 100), 1000);
  const snapshot = Snapshot.from({
    nodes: Array.from(
      { length: 1000 },
      (_, i) => makeNode(`n${String(i).padStart(4, "0")}`, { allocatable: alloc }),
    ),
  });
  const scheduler = new Scheduler({ random: () => 0.5 });
  const first = scheduler.schedule(makePod("p1"), snapshot);
  assert.equal(first.node && first.evaluatedNodes, 420);
  const second = scheduler.schedule(makePod("p2"), snapshot);
  assert.equal(second.node && second.evaluatedNodes, 420);
  // The second cycle looked at nodes 420..839, so it cannot pick one of the first 420.
  assert.ok(Number(second.node!.slice(1)) >= 420 && Number(second.node!.slice(1)) < 840, `${second.node}`);
});

Deno.test("a node filled by assumed pods stops taking more", () => {
  const snapshot = Snapshot.from({
    nodes: [makeNode("a", { allocatable: { cpu: "1", memory: "1Gi", pods: "3" } })],
  });
  const placed = scheduleAll(new Scheduler(), snapshot, [1, 2, 3, 4].map((i) => makePod(`p${i}`)));
  assert.deepEqual(placed, ["a", "a", "a", undefined]);
});
