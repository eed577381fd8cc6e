import assert from "node:assert/strict";
import type { Pod, Taint, TopologySpreadConstraint } from "@skiff/kinds";
import { filterCode, makeNode, makePod, runFilter, runScore } from "../_testing.ts";
import { Snapshot } from "../snapshot.ts";
import { podTopologySpreadFilter, podTopologySpreadScore } from "./pod_topology_spread.ts";

const SKEW = "node(s) didn't match pod topology spread constraints";
const LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

function spread(
  topologyKey: string,
  maxSkew = 1,
  extra: Partial<TopologySpreadConstraint> = {},
): TopologySpreadConstraint {
  return {
    maxSkew,
    topologyKey,
    whenUnsatisfiable: "DoNotSchedule",
    labelSelector: { matchExpressions: [{ key: "foo", operator: "Exists" }] },
    ...extra,
  };
}

function incoming(constraints: TopologySpreadConstraint[], spec: Partial<Pod["spec"]> = {}): Pod {
  return makePod("p", { labels: { foo: "" }, spec: { topologySpreadConstraints: constraints, ...spec } });
}

/** Pods labelled foo on each node: [node, count]. */
function existing(...counts: [string, number][]): Pod[] {
  return counts.flatMap(([node, n]) =>
    Array.from({ length: n }, (_, i) => makePod(`p-${node}-${i}`, { labels: { foo: "" }, nodeName: node }))
  );
}

const zoned = (taints: Record<string, Taint[]> = {}) => [
  makeNode("node-a", { labels: { zone: "zone1" }, taints: taints["node-a"] }),
  makeNode("node-b", { labels: { zone: "zone1" }, taints: taints["node-b"] }),
  makeNode("node-x", { labels: { zone: "zone2" }, taints: taints["node-x"] }),
  makeNode("node-y", { labels: { zone: "zone2" }, taints: taints["node-y"] }),
];

function results(pod: Pod, snapshot: Snapshot): Record<string, string> {
  return Object.fromEntries(
    snapshot.nodes().map((n) => [n.name, runFilter(podTopologySpreadFilter, pod, snapshot, n.name)]),
  );
}

// Cases from podtopologyspread/filtering_test.go (TestSingleConstraint, TestMultipleConstraints).
Deno.test("PodTopologySpread filter: with no existing pods every node fits", () => {
  const snapshot = Snapshot.from({ nodes: zoned() });
  assert.deepEqual(results(incoming([spread("zone")]), snapshot), {
    "node-a": "",
    "node-b": "",
    "node-x": "",
    "node-y": "",
  });
});

Deno.test("PodTopologySpread filter: an incoming pod that does not match its own selector fits everywhere", () => {
  const snapshot = Snapshot.from({ nodes: zoned(), pods: existing(["node-a", 3]) });
  const pod = incoming([
    spread("zone", 1, { labelSelector: { matchExpressions: [{ key: "bar", operator: "Exists" }] } }),
  ]);
  assert.deepEqual(results(pod, snapshot), { "node-a": "", "node-b": "", "node-x": "", "node-y": "" });
});

Deno.test("PodTopologySpread filter: pods spread across zones 3/1 leave only zone2 open", () => {
  const snapshot = Snapshot.from({
    nodes: zoned(),
    pods: existing(["node-a", 2], ["node-b", 1], ["node-x", 1]),
  });
  // zone1 = 3, zone2 = 1, min 1: zone1 3+1-1 = 3 > 1; zone2 1+1-1 = 1.
  assert.deepEqual(results(incoming([spread("zone")]), snapshot), {
    "node-a": SKEW,
    "node-b": SKEW,
    "node-x": "",
    "node-y": "",
  });
});

Deno.test("PodTopologySpread filter: a node lacking the topology label is rejected as unresolvable and not counted", () => {
  const nodes = [
    makeNode("node-a", { labels: { zone: "zone1" } }),
    makeNode("node-b"),
    makeNode("node-x", { labels: { zone: "zone2" } }),
    makeNode("node-y", { labels: { zone: "zone2" } }),
  ];
  const snapshot = Snapshot.from({
    nodes,
    pods: existing(["node-a", 1], ["node-b", 1], ["node-x", 1], ["node-y", 1]),
  });
  const pod = incoming([spread("zone")]);
  // zone1 = 1 (node-b's pod is not counted), zone2 = 2, min 1.
  assert.deepEqual(results(pod, snapshot), { "node-a": "", "node-b": LABEL, "node-x": SKEW, "node-y": SKEW });
  assert.equal(filterCode(podTopologySpreadFilter, pod, snapshot, "node-b"), "UnschedulableAndUnresolvable");
  assert.equal(filterCode(podTopologySpreadFilter, pod, snapshot, "node-x"), "Unschedulable");
});

Deno.test("PodTopologySpread filter: no node with the topology key means no node fits", () => {
  const snapshot = Snapshot.from({ nodes: zoned() });
  assert.deepEqual(results(incoming([spread("rack")]), snapshot), {
    "node-a": LABEL,
    "node-b": LABEL,
    "node-x": LABEL,
    "node-y": LABEL,
  });
});

Deno.test("PodTopologySpread filter: pods spread across nodes 2/1/0/3 leave only the empty node", () => {
  const snapshot = Snapshot.from({
    nodes: zoned(),
    pods: existing(["node-a", 2], ["node-b", 1], ["node-y", 3]),
  });
  assert.deepEqual(results(incoming([spread("kubernetes.io/hostname")]), snapshot), {
    "node-a": SKEW,
    "node-b": SKEW,
    "node-x": "",
    "node-y": SKEW,
  });
});

Deno.test("PodTopologySpread filter: pods of other namespaces and terminating pods are not counted", () => {
  const pods = [
    ...existing(["node-a", 1]),
    makePod("other-ns", { namespace: "ns2", labels: { foo: "" }, nodeName: "node-x" }),
    makePod("going", { labels: { foo: "" }, nodeName: "node-x", deleting: true }),
  ];
  const snapshot = Snapshot.from({ nodes: zoned(), pods });
  // zone1 = 1, zone2 = 0: zone1 1+1-0 = 2 > 1.
  assert.deepEqual(results(incoming([spread("zone")]), snapshot), {
    "node-a": SKEW,
    "node-b": SKEW,
    "node-x": "",
    "node-y": "",
  });
});

Deno.test("PodTopologySpread filter: fewer domains than minDomains make the global minimum 0", () => {
  const snapshot = Snapshot.from({ nodes: zoned(), pods: existing(["node-a", 1], ["node-x", 1]) });
  // zones 1/1, min 1 normally: both fit with maxSkew 1; with minDomains 3 the min is 0 and 1+1-0 = 2 > 1.
  assert.deepEqual(results(incoming([spread("zone")]), snapshot), {
    "node-a": "",
    "node-b": "",
    "node-x": "",
    "node-y": "",
  });
  assert.deepEqual(results(incoming([spread("zone", 1, { minDomains: 3 })]), snapshot), {
    "node-a": SKEW,
    "node-b": SKEW,
    "node-x": SKEW,
    "node-y": SKEW,
  });
});

Deno.test("PodTopologySpread filter: nodeAffinityPolicy Honor leaves domains the pod cannot reach out of the minimum", () => {
  const nodes = [
    makeNode("node-a", { labels: { zone: "zone1", foo: "bar" } }),
    makeNode("node-x", { labels: { zone: "zone2", foo: "bar" } }),
    makeNode("node-y", { labels: { zone: "zone3" } }),
  ];
  const snapshot = Snapshot.from({ nodes, pods: existing(["node-a", 1], ["node-x", 2]) });
  const honor = incoming([spread("zone")], { nodeSelector: { foo: "bar" } });
  // Honor: zones 1 and 2 only, min 1: zone1 1+1-1 = 1 fits, zone2 2+1-1 = 2 does not.
  assert.equal(runFilter(podTopologySpreadFilter, honor, snapshot, "node-a"), "");
  assert.equal(runFilter(podTopologySpreadFilter, honor, snapshot, "node-x"), SKEW);
  // Ignore: zone3 counts with 0 pods, so zone1 1+1-0 = 2 no longer fits.
  const ignore = incoming([spread("zone", 1, { nodeAffinityPolicy: "Ignore" })], {
    nodeSelector: { foo: "bar" },
  });
  assert.equal(runFilter(podTopologySpreadFilter, ignore, snapshot, "node-a"), SKEW);
});

Deno.test("PodTopologySpread filter: nodeTaintsPolicy Honor leaves tainted domains out of the minimum", () => {
  const taint: Taint[] = [{ key: "k", value: "v", effect: "NoSchedule" }];
  const nodes = [
    makeNode("node-a", { labels: { zone: "zone1" } }),
    makeNode("node-y", { labels: { zone: "zone3" }, taints: taint }),
  ];
  const snapshot = Snapshot.from({ nodes, pods: existing(["node-a", 1]) });
  // Ignore (the default): zone3 counts with 0 pods, zone1 1+1-0 = 2 > 1.
  assert.equal(runFilter(podTopologySpreadFilter, incoming([spread("zone")]), snapshot, "node-a"), SKEW);
  // Honor: only zone1 counts, min 1, 1+1-1 = 1 fits.
  const honor = incoming([spread("zone", 1, { nodeTaintsPolicy: "Honor" })]);
  assert.equal(runFilter(podTopologySpreadFilter, honor, snapshot, "node-a"), "");
});

Deno.test("PodTopologySpread filter: every constraint must hold", () => {
  const snapshot = Snapshot.from({
    nodes: zoned(),
    pods: existing(["node-a", 1], ["node-x", 1], ["node-y", 1]),
  });
  // zone: 1/2 so zone1 only; hostname: 1/0/1/1 so node-b only.
  assert.deepEqual(results(incoming([spread("zone"), spread("kubernetes.io/hostname")]), snapshot), {
    "node-a": SKEW,
    "node-b": "",
    "node-x": SKEW,
    "node-y": SKEW,
  });
});

Deno.test("PodTopologySpread filter: matchLabelKeys narrows the selector to the pod's own values", () => {
  const pods = [
    makePod("old-1", { labels: { foo: "", rev: "1" }, nodeName: "node-a" }),
    makePod("old-2", { labels: { foo: "", rev: "1" }, nodeName: "node-a" }),
  ];
  const snapshot = Snapshot.from({ nodes: zoned(), pods });
  const pod = makePod("p", {
    labels: { foo: "", rev: "2" },
    spec: { topologySpreadConstraints: [spread("zone", 1, { matchLabelKeys: ["rev"] })] },
  });
  assert.equal(runFilter(podTopologySpreadFilter, pod, snapshot, "node-a"), "");
});

Deno.test("PodTopologySpread score: a pod without ScheduleAnyway constraints skips scoring", () => {
  const snapshot = Snapshot.from({ nodes: zoned() });
  assert.equal(runScore(podTopologySpreadScore, incoming([spread("zone")]), snapshot), undefined);
});

Deno.test("PodTopologySpread score: nodes with fewer matching pods score higher", () => {
  const snapshot = Snapshot.from({
    nodes: zoned().slice(0, 3),
    pods: existing(["node-a", 2], ["node-b", 1]),
  });
  const pod = incoming([spread("kubernetes.io/hostname", 1, { whenUnsatisfiable: "ScheduleAnyway" })]);
  // weight ln(3 + 2) = 1.609: raw 3, 2, 0; normalized 100 * (3 + 0 - s) / 3.
  assert.deepEqual(runScore(podTopologySpreadScore, pod, snapshot), {
    "node-a": 0,
    "node-b": 33,
    "node-x": 100,
  });
});

Deno.test("PodTopologySpread score: zones are charged for the pods of every node in them", () => {
  const snapshot = Snapshot.from({ nodes: zoned(), pods: existing(["node-a", 1], ["node-b", 2]) });
  const pod = incoming([spread("zone", 1, { whenUnsatisfiable: "ScheduleAnyway" })]);
  // weight ln(2 + 2) = 1.386: zone1 3 * 1.386 = 4.16 -> 4, zone2 0; normalized 100 * (4 + 0 - s) / 4.
  assert.deepEqual(runScore(podTopologySpreadScore, pod, snapshot), {
    "node-a": 0,
    "node-b": 0,
    "node-x": 100,
    "node-y": 100,
  });
});

Deno.test("PodTopologySpread score: a feasible node lacking the topology key scores 0", () => {
  const snapshot = Snapshot.from({
    nodes: [...zoned().slice(0, 3), makeNode("node-z")],
    pods: existing(["node-a", 1]),
  });
  const pod = incoming([spread("zone", 1, { whenUnsatisfiable: "ScheduleAnyway" })]);
  assert.deepEqual(runScore(podTopologySpreadScore, pod, snapshot), {
    "node-a": 0,
    "node-b": 0,
    "node-x": 100,
    "node-z": 0,
  });
});
