import assert from "node:assert/strict";
import type { NodeAffinity } from "@skiff/kinds";
import { filterCode, makeNode, makePod, runFilter, runScore } from "../_testing.ts";
import { Snapshot } from "../snapshot.ts";
import { nodeAffinityFilter, nodeAffinityScore } from "./node_affinity.ts";

const REJECT = "node(s) didn't match Pod's node affinity/selector";

// Cases from nodeaffinity/node_affinity_test.go (TestNodeAffinity).
const filterCases: {
  name: string;
  nodeSelector?: Record<string, string>;
  affinity?: NodeAffinity;
  labels?: Record<string, string>;
  nodeName?: string;
  want: string;
}[] = [
  { name: "missing labels", nodeSelector: { foo: "bar" }, want: REJECT },
  { name: "same labels", nodeSelector: { foo: "bar" }, labels: { foo: "bar" }, want: "" },
  {
    name: "node labels are a superset",
    nodeSelector: { foo: "bar" },
    labels: { foo: "bar", baz: "blah" },
    want: "",
  },
  {
    name: "node labels are a subset",
    nodeSelector: { foo: "bar", baz: "blah" },
    labels: { foo: "bar" },
    want: REJECT,
  },
  {
    name: "In matches the node's label",
    affinity: req([{ matchExpressions: [{ key: "foo", operator: "In", values: ["bar", "value2"] }] }]),
    labels: { foo: "bar" },
    want: "",
  },
  {
    name: "Gt compares the label as an integer",
    affinity: req([{ matchExpressions: [{ key: "kernel-version", operator: "Gt", values: ["0204"] }] }]),
    labels: { "kernel-version": "0206" },
    want: "",
  },
  {
    name: "Lt rejects a larger value",
    affinity: req([{ matchExpressions: [{ key: "kernel-version", operator: "Lt", values: ["0204"] }] }]),
    labels: { "kernel-version": "0206" },
    want: REJECT,
  },
  {
    name: "NotIn matches a node with another value",
    affinity: req([{ matchExpressions: [{ key: "mem-type", operator: "NotIn", values: ["DDR", "DDR2"] }] }]),
    labels: { "mem-type": "DDR3" },
    want: "",
  },
  {
    name: "Exists matches a node with the label",
    affinity: req([{ matchExpressions: [{ key: "GPU", operator: "Exists" }] }]),
    labels: { GPU: "NVIDIA-GRID-K1" },
    want: "",
  },
  {
    name: "DoesNotExist rejects a node with the label",
    affinity: req([{ matchExpressions: [{ key: "GPU", operator: "DoesNotExist" }] }]),
    labels: { GPU: "NVIDIA-GRID-K1" },
    want: REJECT,
  },
  {
    name: "affinity that does not match the node's labels keeps the pod off",
    affinity: req([{ matchExpressions: [{ key: "foo", operator: "In", values: ["value1", "value2"] }] }]),
    labels: { foo: "bar" },
    want: REJECT,
  },
  {
    name: "an empty list of node selector terms matches no node",
    affinity: req([]),
    labels: { foo: "bar" },
    want: REJECT,
  },
  {
    name: "a term with empty matchExpressions matches no node",
    affinity: req([{ matchExpressions: [] }]),
    labels: { foo: "bar" },
    want: REJECT,
  },
  { name: "a pod without affinity fits", labels: { foo: "bar" }, want: "" },
  {
    name: "matchExpressions within a term are ANDed",
    affinity: req([{
      matchExpressions: [{ key: "GPU", operator: "Exists" }, {
        key: "GPU",
        operator: "NotIn",
        values: ["AMD", "INTER"],
      }],
    }]),
    labels: { GPU: "NVIDIA-GRID-K1" },
    want: "",
  },
  {
    name: "matchExpressions ANDed that do not all match keep the pod off",
    affinity: req([{
      matchExpressions: [{ key: "GPU", operator: "Exists" }, {
        key: "GPU",
        operator: "In",
        values: ["AMD", "INTER"],
      }],
    }]),
    labels: { GPU: "NVIDIA-GRID-K1" },
    want: REJECT,
  },
  {
    name: "terms are ORed",
    affinity: req([
      { matchExpressions: [{ key: "foo", operator: "In", values: ["bar", "value2"] }] },
      { matchExpressions: [{ key: "diffkey", operator: "In", values: ["wrong", "value2"] }] },
    ]),
    labels: { foo: "bar" },
    want: "",
  },
  {
    name: "affinity and nodeSelector both satisfied",
    nodeSelector: { foo: "bar" },
    affinity: req([{ matchExpressions: [{ key: "foo", operator: "Exists" }] }]),
    labels: { foo: "bar" },
    want: "",
  },
  {
    name: "affinity satisfied but nodeSelector not",
    nodeSelector: { foo: "bar" },
    affinity: req([{ matchExpressions: [{ key: "foo", operator: "Exists" }] }]),
    labels: { foo: "barrrrrr" },
    want: REJECT,
  },
  {
    name: "a Gt requirement with a value that is not an integer matches nothing",
    affinity: req([{ matchExpressions: [{ key: "kernel-version", operator: "Gt", values: ["invalid"] }] }]),
    labels: { "kernel-version": "0206" },
    want: REJECT,
  },
  {
    name: "matchFields In on metadata.name matches that node",
    affinity: req([{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node1"] }] }]),
    nodeName: "node1",
    want: "",
  },
  {
    name: "matchFields In on metadata.name leaves other nodes out in PreFilter",
    affinity: req([{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node1"] }] }]),
    nodeName: "node2",
    want: "excluded by PreFilter",
  },
  {
    name: "two terms: matchFields does not match but matchExpressions does",
    affinity: req([
      { matchFields: [{ key: "metadata.name", operator: "In", values: ["node1"] }] },
      { matchExpressions: [{ key: "foo", operator: "In", values: ["bar"] }] },
    ]),
    labels: { foo: "bar" },
    nodeName: "node2",
    want: "",
  },
  {
    name: "one term: matchFields does not match although matchExpressions does",
    affinity: req([{
      matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["node2"] }],
      matchExpressions: [{ key: "foo", operator: "In", values: ["bar"] }],
    }]),
    labels: { foo: "bar" },
    nodeName: "node2",
    want: REJECT,
  },
  {
    name: "one term: both matchFields and matchExpressions match",
    affinity: req([{
      matchFields: [{ key: "metadata.name", operator: "In", values: ["node1"] }],
      matchExpressions: [{ key: "foo", operator: "In", values: ["bar"] }],
    }]),
    labels: { foo: "bar" },
    nodeName: "node1",
    want: "",
  },
  {
    name: "name requirements that no node satisfies together conflict in PreFilter",
    affinity: req([{
      matchFields: [
        { key: "metadata.name", operator: "In", values: ["node1"] },
        { key: "metadata.name", operator: "In", values: ["node2"] },
      ],
    }]),
    nodeName: "node1",
    want: "pod affinity terms conflict",
  },
];

function req(
  nodeSelectorTerms: NonNullable<
    NodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"]
  >["nodeSelectorTerms"],
): NodeAffinity {
  return { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } };
}

for (const c of filterCases) {
  Deno.test(`NodeAffinity filter: ${c.name}`, () => {
    const name = c.nodeName ?? "node1";
    const snapshot = Snapshot.from({ nodes: [makeNode(name, { labels: c.labels })] });
    const pod = makePod("p", {
      spec: { nodeSelector: c.nodeSelector, affinity: c.affinity && { nodeAffinity: c.affinity } },
    });
    assert.equal(runFilter(nodeAffinityFilter, pod, snapshot, name), c.want);
  });
}

Deno.test("NodeAffinity rejections cannot be resolved by preemption", () => {
  const snapshot = Snapshot.from({ nodes: [makeNode("n1")] });
  assert.equal(
    filterCode(nodeAffinityFilter, makePod("p", { spec: { nodeSelector: { a: "b" } } }), snapshot, "n1"),
    "UnschedulableAndUnresolvable",
  );
});

// Cases from TestNodeAffinityPriority.
const label1 = { foo: "bar" };
const label2 = { key: "value" };
const label3 = { az: "az1" };
const label4 = { abc: "az11", def: "az22" };
const label5 = { foo: "bar", key: "value", az: "az1" };
const affinity1: NodeAffinity = {
  preferredDuringSchedulingIgnoredDuringExecution: [{
    weight: 2,
    preference: { matchExpressions: [{ key: "foo", operator: "In", values: ["bar"] }] },
  }],
};
const affinity2: NodeAffinity = {
  preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 2, preference: { matchExpressions: [{ key: "foo", operator: "In", values: ["bar"] }] } },
    { weight: 4, preference: { matchExpressions: [{ key: "key", operator: "In", values: ["value"] }] } },
    {
      weight: 5,
      preference: {
        matchExpressions: [
          { key: "foo", operator: "In", values: ["bar"] },
          { key: "key", operator: "In", values: ["value"] },
          { key: "az", operator: "In", values: ["az1"] },
        ],
      },
    },
  ],
};

const scoreCases: {
  name: string;
  affinity?: NodeAffinity;
  nodes: [string, Record<string, string>][];
  want: Record<string, number> | undefined;
}[] = [
  {
    name: "a pod without preferred node affinity skips scoring",
    nodes: [["node1", label1], ["node2", label2], ["node3", label3]],
    want: undefined,
  },
  {
    name: "no node matching the preferred terms scores every node zero",
    affinity: affinity1,
    nodes: [["node1", label4], ["node2", label2], ["node3", label3]],
    want: { node1: 0, node2: 0, node3: 0 },
  },
  {
    name: "only node1 matches the preferred terms",
    affinity: affinity1,
    nodes: [["node1", label1], ["node2", label2], ["node3", label3]],
    want: { node1: 100, node2: 0, node3: 0 },
  },
  {
    name: "nodes matching different preferred terms get scores in proportion to the weights",
    affinity: affinity2,
    nodes: [["node1", label1], ["node5", label5], ["node2", label2]],
    want: { node1: 18, node5: 100, node2: 36 },
  },
];

for (const c of scoreCases) {
  Deno.test(`NodeAffinity score: ${c.name}`, () => {
    const snapshot = Snapshot.from({ nodes: c.nodes.map(([name, labels]) => makeNode(name, { labels })) });
    const pod = makePod("p", { spec: { affinity: c.affinity && { nodeAffinity: c.affinity } } });
    assert.deepEqual(runScore(nodeAffinityScore, pod, snapshot), c.want);
  });
}
