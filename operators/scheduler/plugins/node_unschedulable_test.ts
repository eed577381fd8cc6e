import assert from "node:assert/strict";
import { filterCode, makeNode, makePod, runFilter } from "../_testing.ts";
import { Snapshot } from "../snapshot.ts";
import { nodeUnschedulable } from "./node_unschedulable.ts";
import { nodeName } from "./node_name.ts";

// Cases from nodeunschedulable/node_unschedulable_test.go and nodename/node_name_test.go.
Deno.test("NodeUnschedulable keeps pods off a cordoned node", () => {
  const snapshot = Snapshot.from({ nodes: [makeNode("n1", { unschedulable: true })] });
  assert.equal(runFilter(nodeUnschedulable, makePod("p"), snapshot, "n1"), "node(s) were unschedulable");
  assert.equal(filterCode(nodeUnschedulable, makePod("p"), snapshot, "n1"), "UnschedulableAndUnresolvable");
});

Deno.test("NodeUnschedulable lets a pod onto a schedulable node", () => {
  const snapshot = Snapshot.from({ nodes: [makeNode("n1", { unschedulable: false })] });
  assert.equal(runFilter(nodeUnschedulable, makePod("p"), snapshot, "n1"), "");
});

Deno.test("NodeUnschedulable lets a pod tolerating node.kubernetes.io/unschedulable onto a cordoned node", () => {
  const snapshot = Snapshot.from({ nodes: [makeNode("n1", { unschedulable: true })] });
  const pod = makePod("p", {
    spec: {
      tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }],
    },
  });
  assert.equal(runFilter(nodeUnschedulable, pod, snapshot, "n1"), "");
});

Deno.test("NodeName passes every node for a pod that names none", () => {
  const snapshot = Snapshot.from({ nodes: [makeNode("foo")] });
  assert.equal(runFilter(nodeName, makePod("p"), snapshot, "foo"), "");
});

Deno.test("NodeName passes the node a pod names and rejects the others", () => {
  const snapshot = Snapshot.from({ nodes: [makeNode("foo"), makeNode("bar")] });
  const pod = makePod("p", { spec: { nodeName: "foo" } });
  assert.equal(runFilter(nodeName, pod, snapshot, "foo"), "");
  assert.equal(runFilter(nodeName, pod, snapshot, "bar"), "node(s) didn't match the requested node name");
});
