import assert from "node:assert/strict";
import { makeNode, makePod } from "./_testing.ts";
import { NodeInfo } from "./node_info.ts";
import { PodInfo } from "./pod_info.ts";
import { Snapshot } from "./snapshot.ts";
import {
  ChangeLog,
  type Contribution,
  TopologyAggregates,
  type TopologyCounts,
} from "./topology_aggregate.ts";

const ZONE = "topology.kubernetes.io/zone";
const HOST = "kubernetes.io/hostname";

/** Each pod labelled app=web counts 1 in the node's zone and host, and -1 ("anti") per app=db pod. */
function webMinusDb(node: NodeInfo): Contribution {
  const out: [string, number][] = [];
  for (const p of node.pods) {
    if (p.labels?.app === "web") out.push([ZONE, 1], [HOST, 1]);
    if (p.labels?.app === "db") out.push([ZONE, -1]);
  }
  return out;
}

/** The plain loop over every listed node the aggregate stands in for. */
function fullLoop(nodes: readonly NodeInfo[], contribute: (n: NodeInfo) => Contribution): TopologyCounts {
  const counts: TopologyCounts = new Map();
  for (const node of nodes) {
    for (const [key, weight] of contribute(node)) {
      const value = node.labels?.[key];
      if (typeof value !== "string") continue;
      let byValue = counts.get(key);
      if (!byValue) counts.set(key, byValue = new Map());
      byValue.set(value, (byValue.get(value) ?? 0) + weight);
    }
  }
  return counts;
}

function sorted(counts: TopologyCounts): [string, [string, number][]][] {
  return [...counts].map(([k, byValue]) => [k, [...byValue].sort()] as [string, [string, number][]]).sort();
}

function cluster(nodes: number): Snapshot {
  return Snapshot.from({
    nodes: Array.from({ length: nodes }, (_, i) => makeNode(`n${i}`, { labels: { [ZONE]: `z${i % 3}` } })),
  });
}

Deno.test("a topology sum takes in a changed node without visiting the others", () => {
  const s = cluster(40);
  s.addPod(makePod("w0", { nodeName: "n0", labels: { app: "web" } }));
  let calls = 0;
  const counting = (node: NodeInfo) => {
    calls++;
    return webMinusDb(node);
  };
  assert.deepEqual(sorted(s.topologyCounts("web", counting)), sorted(fullLoop(s.nodes(), webMinusDb)));
  assert.equal(calls, 40);

  calls = 0;
  s.addPod(makePod("w1", { nodeName: "n4", labels: { app: "web" } }));
  s.addPod(makePod("d1", { nodeName: "n4", labels: { app: "db" } }));
  const counts = s.topologyCounts("web", counting);
  assert.equal(calls, 1);
  assert.deepEqual(sorted(counts), sorted(fullLoop(s.nodes(), webMinusDb)));
  assert.equal(
    counts.get(ZONE)?.get("z1"),
    0,
    "+1 and -1 in one domain leave an entry of 0, as the loop does",
  );

  calls = 0;
  s.topologyCounts("web", counting);
  assert.equal(calls, 0, "nothing changed, nothing is visited");
});

Deno.test("a topology sum follows a node's new labels and drops removed nodes", () => {
  const s = cluster(40);
  s.addPod(makePod("w0", { nodeName: "n0", labels: { app: "web" } }));
  s.addPod(makePod("w1", { nodeName: "n1", labels: { app: "web" } }));
  s.topologyCounts("web", webMinusDb);

  s.updateNode(makeNode("n0", { labels: { [ZONE]: "z9" } }));
  s.removeNode("n1");
  const counts = s.topologyCounts("web", webMinusDb);
  assert.deepEqual(sorted(counts), sorted(fullLoop(s.nodes(), webMinusDb)));
  assert.deepEqual(sorted(counts), [[HOST, [["n0", 1]]], [ZONE, [["z9", 1]]]]);

  // The node comes back with its pod still bound to it.
  s.addNode(makeNode("n1", { labels: { [ZONE]: "z1" } }));
  assert.deepEqual(sorted(s.topologyCounts("web", webMinusDb)), sorted(fullLoop(s.nodes(), webMinusDb)));
});

Deno.test("a topology sum is rebuilt when many nodes changed or the log no longer reaches back", () => {
  const log = new ChangeLog(4);
  const nodes = Array.from({ length: 8 }, (_, i) => new NodeInfo(`n${i}`, makeNode(`n${i}`)));
  const aggregates = new TopologyAggregates(log, () => nodes);
  let calls = 0;
  const perPod = (node: NodeInfo): Contribution => {
    calls++;
    return [[HOST, node.pods.length]];
  };
  aggregates.counts("pods", perPod);

  // Three of eight nodes changed: more than a quarter, so all eight are visited again.
  for (const i of [0, 1, 2]) {
    nodes[i].addPod(new PodInfo(makePod(`p${i}`, { nodeName: `n${i}` })));
    log.record(nodes[i]);
  }
  calls = 0;
  assert.equal(aggregates.counts("pods", perPod).get(HOST)?.get("n2"), 1);
  assert.equal(calls, 8);

  // One node changed nine times: the log (capacity 4, so at most 8 kept) lost the start.
  for (let i = 0; i < 9; i++) log.record(nodes[3]);
  nodes[3].addPod(new PodInfo(makePod("p3", { nodeName: "n3" })));
  calls = 0;
  assert.equal(aggregates.counts("pods", perPod).get(HOST)?.get("n3"), 1);
  assert.equal(calls, 8);
  assert.equal(log.changedSince(0, 100), undefined);
});

Deno.test("only the most recently used topology sums are kept", () => {
  const log = new ChangeLog();
  const nodes = [new NodeInfo("n0", makeNode("n0"))];
  const aggregates = new TopologyAggregates(log, () => nodes, 2);
  let calls = 0;
  const one = (): Contribution => {
    calls++;
    return [[HOST, 1]];
  };
  aggregates.counts("a", one);
  aggregates.counts("b", one);
  aggregates.counts("a", one);
  aggregates.counts("c", one); // evicts b, the least recently used
  assert.equal(aggregates.size, 2);
  calls = 0;
  aggregates.counts("a", one);
  assert.equal(calls, 0);
  aggregates.counts("b", one);
  assert.equal(calls, 1);
});

Deno.test("a namespace whose labels change drops the topology sums, a resync with the same labels does not", () => {
  const s = cluster(4);
  s.setNamespace({ metadata: { name: "team", labels: { tier: "a" } } });
  let calls = 0;
  const counting = (node: NodeInfo) => {
    calls++;
    return webMinusDb(node);
  };
  s.topologyCounts("web", counting);
  calls = 0;
  s.setNamespace({ metadata: { name: "team", labels: { tier: "a" } } });
  s.topologyCounts("web", counting);
  assert.equal(calls, 0);
  s.setNamespace({ metadata: { name: "team", labels: { tier: "b" } } });
  s.topologyCounts("web", counting);
  assert.equal(calls, 4);
});
