import assert from "node:assert/strict";
import type { Taint, Toleration } from "@skiff/kinds";
import { makeNode, makePod, runFilter, runScore } from "../_testing.ts";
import { Snapshot } from "../snapshot.ts";
import { taintTolerationFilter, taintTolerationScore } from "./taint_toleration.ts";

// Cases from pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go (TestTaintTolerationFilter).
const filterCases: { name: string; tolerations: Toleration[]; taints: Taint[]; want: string }[] = [
  {
    name: "a pod without tolerations cannot go onto a node with taints",
    tolerations: [],
    taints: [{ key: "dedicated", value: "user1", effect: "NoSchedule" }],
    want: "node(s) had untolerated taint {dedicated: user1}",
  },
  {
    name: "a pod tolerating dedicated=user1:NoSchedule goes onto the node dedicated to user1",
    tolerations: [{ key: "dedicated", value: "user1", effect: "NoSchedule" }],
    taints: [{ key: "dedicated", value: "user1", effect: "NoSchedule" }],
    want: "",
  },
  {
    name: "a pod tolerating user2 cannot go onto the node dedicated to user1",
    tolerations: [{ operator: "Equal", key: "dedicated", value: "user2", effect: "NoSchedule" }],
    taints: [{ key: "dedicated", value: "user1", effect: "NoSchedule" }],
    want: "node(s) had untolerated taint {dedicated: user1}",
  },
  {
    name: "a toleration with operator Exists tolerates the taint whatever its value",
    tolerations: [{ key: "foo", operator: "Exists", effect: "NoSchedule" }],
    taints: [{ key: "foo", value: "bar", effect: "NoSchedule" }],
    want: "",
  },
  {
    name: "a pod tolerating every taint of a node with several taints goes onto it",
    tolerations: [
      { key: "dedicated", operator: "Equal", value: "user2", effect: "NoSchedule" },
      { key: "foo", operator: "Exists", effect: "NoSchedule" },
    ],
    taints: [{ key: "dedicated", value: "user2", effect: "NoSchedule" }, {
      key: "foo",
      value: "bar",
      effect: "NoSchedule",
    }],
    want: "",
  },
  {
    name: "a toleration with another non-empty effect does not tolerate the taint",
    tolerations: [{ key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule" }],
    taints: [{ key: "foo", value: "bar", effect: "NoSchedule" }],
    want: "node(s) had untolerated taint {foo: bar}",
  },
  {
    name: "a toleration with an empty effect tolerates a NoSchedule taint",
    tolerations: [{ key: "foo", operator: "Equal", value: "bar" }],
    taints: [{ key: "foo", value: "bar", effect: "NoSchedule" }],
    want: "",
  },
  {
    name: "an untolerated PreferNoSchedule taint does not keep a pod off",
    tolerations: [{ key: "dedicated", operator: "Equal", value: "user2", effect: "NoSchedule" }],
    taints: [{ key: "dedicated", value: "user1", effect: "PreferNoSchedule" }],
    want: "",
  },
  {
    name: "a pod without tolerations goes onto a node whose only taint is PreferNoSchedule",
    tolerations: [],
    taints: [{ key: "dedicated", value: "user1", effect: "PreferNoSchedule" }],
    want: "",
  },
  {
    name: "a NoExecute taint keeps an intolerant pod off too",
    tolerations: [],
    taints: [{ key: "node.kubernetes.io/not-ready", effect: "NoExecute" }],
    want: "node(s) had untolerated taint {node.kubernetes.io/not-ready: }",
  },
  {
    name: "an empty key with operator Exists tolerates every taint",
    tolerations: [{ operator: "Exists" }],
    taints: [{ key: "a", value: "1", effect: "NoSchedule" }, { key: "b", effect: "NoExecute" }],
    want: "",
  },
  {
    name: "the message names the first untolerated taint in the node's order",
    tolerations: [{ key: "a", operator: "Exists" }],
    taints: [
      { key: "a", value: "1", effect: "NoSchedule" },
      { key: "gpu", value: "yes", effect: "NoSchedule" },
      { key: "z", value: "2", effect: "NoSchedule" },
    ],
    want: "node(s) had untolerated taint {gpu: yes}",
  },
];

for (const c of filterCases) {
  Deno.test(`TaintToleration filter: ${c.name}`, () => {
    const snapshot = Snapshot.from({ nodes: [makeNode("n1", { taints: c.taints })] });
    const pod = makePod("p", { spec: { tolerations: c.tolerations } });
    assert.equal(runFilter(taintTolerationFilter, pod, snapshot, "n1"), c.want);
  });
}

// Cases from TestTaintTolerationScore.
const scoreCases: { name: string; tolerations: Toleration[]; nodes: Taint[][]; want: number[] }[] = [
  {
    name: "a node whose taints the pod tolerates scores above one with an untolerated taint",
    tolerations: [{ key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule" }],
    nodes: [[{ key: "foo", value: "bar", effect: "PreferNoSchedule" }], [{
      key: "foo",
      value: "blah",
      effect: "PreferNoSchedule",
    }]],
    want: [100, 0],
  },
  {
    name: "nodes whose taints are all tolerated score the same however many taints they have",
    tolerations: [
      { key: "cpu-type", operator: "Equal", value: "arm64", effect: "PreferNoSchedule" },
      { key: "disk-type", operator: "Equal", value: "ssd", effect: "PreferNoSchedule" },
    ],
    nodes: [
      [],
      [{ key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" }],
      [{ key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" }, {
        key: "disk-type",
        value: "ssd",
        effect: "PreferNoSchedule",
      }],
    ],
    want: [100, 100, 100],
  },
  {
    name: "the more untolerated taints a node has the lower it scores",
    tolerations: [{ key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule" }],
    nodes: [
      [],
      [{ key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" }],
      [{ key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" }, {
        key: "disk-type",
        value: "ssd",
        effect: "PreferNoSchedule",
      }],
    ],
    want: [100, 50, 0],
  },
  {
    name: "only PreferNoSchedule taints and tolerations count for the score",
    tolerations: [
      { key: "cpu-type", operator: "Equal", value: "arm64", effect: "NoSchedule" },
      { key: "disk-type", operator: "Equal", value: "ssd", effect: "NoSchedule" },
    ],
    nodes: [
      [],
      [{ key: "cpu-type", value: "arm64", effect: "NoSchedule" }],
      [{ key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" }, {
        key: "disk-type",
        value: "ssd",
        effect: "PreferNoSchedule",
      }],
    ],
    want: [100, 100, 0],
  },
  {
    name: "a pod without tolerations prefers the node without taints",
    tolerations: [],
    nodes: [[], [{ key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" }]],
    want: [100, 0],
  },
];

for (const c of scoreCases) {
  Deno.test(`TaintToleration score: ${c.name}`, () => {
    const snapshot = Snapshot.from({ nodes: c.nodes.map((taints, i) => makeNode(`n${i}`, { taints })) });
    const scores = runScore(
      taintTolerationScore,
      makePod("p", { spec: { tolerations: c.tolerations } }),
      snapshot,
    );
    assert.deepEqual(Object.values(scores!), c.want);
  });
}
