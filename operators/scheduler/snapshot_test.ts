import assert from "node:assert/strict";
import { makeNode, makePod } from "./_testing.ts";
import { Snapshot } from "./snapshot.ts";

const alloc = { cpu: "4", memory: "8Gi", pods: "110" };

Deno.test("a snapshot files pods under their nodes and adds up their requests", () => {
  const s = Snapshot.from({
    nodes: [makeNode("n1", { allocatable: alloc }), makeNode("n2", { allocatable: alloc })],
    pods: [
      makePod("a", { nodeName: "n1", requests: { cpu: "500m", memory: "1Gi" } }),
      makePod("b", { nodeName: "n1", requests: { cpu: "250m" } }),
      makePod("pending"),
    ],
  });
  assert.equal(s.get("n1")!.pods.length, 2);
  assert.equal(s.get("n1")!.requested.milliCPU, 750);
  assert.equal(s.get("n1")!.nonZeroMemory, 1024 ** 3 + 200 * 1024 * 1024);
  assert.equal(s.get("n2")!.pods.length, 0);
});

Deno.test("updating a pod moves its requests, and finishing it removes it", () => {
  const s = Snapshot.from({ nodes: [makeNode("n1", { allocatable: alloc })] });
  const pod = makePod("a", { nodeName: "n1", requests: { cpu: "1" } });
  s.addPod(pod);
  s.updatePod(makePod("a", { nodeName: "n1", requests: { cpu: "2" } }));
  assert.equal(s.get("n1")!.requested.milliCPU, 2000);
  s.updatePod({ ...pod, status: { phase: "Succeeded" } });
  assert.equal(s.get("n1")!.pods.length, 0);
  assert.equal(s.get("n1")!.requested.milliCPU, 0);
});

Deno.test("pods bound to a node not yet seen wait for it, and outlive its removal", () => {
  const s = Snapshot.from({ pods: [makePod("a", { nodeName: "late", requests: { cpu: "1" } })] });
  assert.equal(s.nodes().length, 0);
  s.addNode(makeNode("late", { allocatable: alloc }));
  assert.equal(s.get("late")!.requested.milliCPU, 1000);
  s.removeNode("late");
  assert.equal(s.get("late"), undefined);
  assert.equal(s.nodes().length, 0);
  s.addNode(makeNode("late", { allocatable: alloc }));
  assert.equal(s.get("late")!.pods.length, 1);
});

Deno.test("updating a node keeps its pods and takes its new labels and taints", () => {
  const s = Snapshot.from({ nodes: [makeNode("n1")], pods: [makePod("a", { nodeName: "n1" })] });
  s.updateNode(makeNode("n1", { labels: { disk: "ssd" }, taints: [{ key: "k", effect: "NoSchedule" }] }));
  assert.equal(s.get("n1")!.labels?.disk, "ssd");
  assert.equal(s.get("n1")!.taints.length, 1);
  assert.equal(s.get("n1")!.pods.length, 1);
});

Deno.test("nodes are listed with zones interleaved, as kube-scheduler's node tree lists them", () => {
  const zone = (z: string) => ({ "topology.kubernetes.io/zone": z });
  const s = Snapshot.from({
    nodes: [
      makeNode("a1", { labels: zone("a") }),
      makeNode("a2", { labels: zone("a") }),
      makeNode("a3", { labels: zone("a") }),
      makeNode("b1", { labels: zone("b") }),
      makeNode("c1", { labels: zone("c") }),
      makeNode("c2", { labels: zone("c") }),
    ],
  });
  assert.deepEqual(s.nodes().map((n) => n.name), ["a1", "b1", "c1", "a2", "c2", "a3"]);
  s.removeNode("b1");
  assert.deepEqual(s.nodes().map((n) => n.name), ["a1", "c1", "a2", "c2", "a3"]);
});

Deno.test("the snapshot counts pods with affinity and how many nodes hold each image", () => {
  const images = [{ names: ["app:1"], sizeBytes: 100 }];
  const s = Snapshot.from({
    nodes: [makeNode("n1", { images }), makeNode("n2", { images }), makeNode("n3")],
    pods: [makePod("a", {
      nodeName: "n1",
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{
              topologyKey: "kubernetes.io/hostname",
              labelSelector: {},
            }],
          },
        },
      },
    })],
  });
  assert.equal(s.podsWithAffinity, 1);
  assert.equal(s.podsWithRequiredAntiAffinity, 1);
  assert.equal(s.imageNodeCount("app:1"), 2);
  s.removeNode("n2");
  assert.equal(s.imageNodeCount("app:1"), 1);
  s.removePod(makePod("a"));
  assert.equal(s.podsWithAffinity, 0);
  assert.equal(s.podsWithRequiredAntiAffinity, 0);
});

Deno.test("every change to a node or its pods moves the snapshot's generation on, and nothing else does", () => {
  const s = new Snapshot();
  let last = s.generation;
  const moved = () => {
    const now = s.generation;
    const changed = now > last;
    last = now;
    return changed;
  };
  s.addNode(makeNode("n1", { allocatable: alloc }));
  assert.ok(moved(), "node added");
  s.addPod(makePod("a", { nodeName: "n1" }));
  assert.ok(moved(), "pod added");
  s.addPod(makePod("pending"));
  assert.ok(!moved(), "an unbound pod is not in the snapshot");
  s.updateNode(makeNode("n1", { labels: { zone: "z" }, allocatable: alloc }));
  assert.ok(moved(), "node relabelled");
  s.removePod(makePod("a"));
  assert.ok(moved(), "pod removed");
  s.removePod(makePod("a"));
  assert.ok(!moved(), "removing it again changes nothing");
  s.removeNode("n1");
  assert.ok(moved(), "node removed");
  s.setNamespace({ metadata: { name: "default", labels: { team: "a" } } });
  assert.ok(!moved(), "namespaces are not node changes");
});
