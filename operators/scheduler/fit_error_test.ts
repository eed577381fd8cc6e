import assert from "node:assert/strict";
import { fitErrorMessage } from "./fit_error.ts";
import { newStatus } from "./framework.ts";

const taint = newStatus(
  "UnschedulableAndUnresolvable",
  "TaintToleration",
  "node(s) had untolerated taint {gpu: yes}",
);
const affinity = newStatus(
  "UnschedulableAndUnresolvable",
  "NodeAffinity",
  "node(s) didn't match Pod's node affinity/selector",
);
const resources = newStatus("Unschedulable", "NodeResourcesFit", "Insufficient cpu", "Insufficient memory");

Deno.test("the FitError message counts each reason and sorts the counts as strings", () => {
  assert.equal(
    fitErrorMessage({
      numAllNodes: 3,
      nodeStatuses: new Map([["a", taint], ["b", affinity], ["c", affinity]]),
    }),
    "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: yes}, 2 node(s) didn't match Pod's node affinity/selector.",
  );
  const many = new Map([["x", taint], ...Array.from({ length: 10 }, (_, i) => [`n${i}`, affinity] as const)]);
  // Go's sort.Strings compares bytes: "1 n..." precedes "10 n..." because ' ' (0x20) < '0' (0x30), and
  // "10 node(s) didn't..." precedes "2 node(s)..." although 10 > 2.
  assert.equal(
    fitErrorMessage({ numAllNodes: 11, nodeStatuses: many }),
    "0/11 nodes are available: 1 node(s) had untolerated taint {gpu: yes}, 10 node(s) didn't match Pod's node affinity/selector.",
  );
});

Deno.test("a node with several reasons counts for each of them", () => {
  assert.equal(
    fitErrorMessage({
      numAllNodes: 2,
      nodeStatuses: new Map([["a", resources], [
        "b",
        newStatus("Unschedulable", "NodeResourcesFit", "Insufficient cpu"),
      ]]),
    }),
    // Sorted as whole strings, so the count decides first.
    "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.",
  );
});

Deno.test("nodes a PreFilter result left out count under the absent-nodes status", () => {
  const absent = newStatus(
    "UnschedulableAndUnresolvable",
    "NodeAffinity",
    "node(s) didn't satisfy plugin(s) [NodeAffinity]",
  );
  assert.equal(
    fitErrorMessage({ numAllNodes: 4, nodeStatuses: new Map([["a", resources]]), absentNodesStatus: absent }),
    "0/4 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].",
  );
});

Deno.test("a PreFilter rejection replaces the per-node reasons and the PostFilter message ends it with one period", () => {
  assert.equal(
    fitErrorMessage({
      numAllNodes: 3,
      nodeStatuses: new Map(),
      preFilterMsg: "pod affinity terms conflict",
      postFilterMsg: "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    }),
    "0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
});

Deno.test("counts sort as strings, so 10 precedes 2", () => {
  const nodeStatuses = new Map([
    ...Array.from({ length: 10 }, (_, i) => [`a${i}`, affinity] as const),
    ["t1", taint],
    ["t2", taint],
  ]);
  assert.equal(
    fitErrorMessage({ numAllNodes: 12, nodeStatuses }),
    "0/12 nodes are available: 10 node(s) didn't match Pod's node affinity/selector, 2 node(s) had untolerated taint {gpu: yes}.",
  );
});
