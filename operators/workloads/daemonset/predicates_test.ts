import assert from "node:assert/strict";
import type { Node } from "@skiff/kinds";
import type { DaemonSet } from "../api/daemon_set.ts";
import { Backoff } from "./backoff.ts";
import { nodeShouldRunDaemonPod } from "./predicates.ts";
import { addDaemonPodTolerations, surgeCount, targetNodeName, unavailableCount } from "./util.ts";

function ds(
  spec: Record<string, unknown> = {},
  strategy?: NonNullable<DaemonSet["spec"]>["updateStrategy"],
): DaemonSet {
  return {
    metadata: { name: "agent", namespace: "default" },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      template: {
        metadata: { labels: { app: "agent" } },
        spec: { containers: [{ name: "a", image: "a" }], ...spec },
      },
      ...(strategy ? { updateStrategy: strategy } : {}),
    },
  } as DaemonSet;
}

function node(
  name: string,
  labels: Record<string, string> = {},
  taints: NonNullable<Node["spec"]>["taints"] = [],
): Node {
  return { metadata: { name, labels }, spec: { taints } } as Node;
}

const verdict = (n: Node, d: DaemonSet) => {
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(n, d);
  return [shouldRun, shouldContinueRunning];
};

Deno.test("an untolerated NoSchedule taint keeps new daemon pods off a node but lets running ones stay", () => {
  assert.deepEqual(verdict(node("n", {}, [{ key: "gpu", effect: "NoSchedule" }]), ds()), [false, true]);
});

Deno.test("an untolerated NoExecute taint keeps daemon pods off a node and evicts running ones", () => {
  assert.deepEqual(verdict(node("n", {}, [{ key: "gpu", effect: "NoExecute" }]), ds()), [false, false]);
  assert.deepEqual(
    verdict(
      node("n", {}, [{ key: "gpu", effect: "NoExecute" }]),
      ds({ tolerations: [{ key: "gpu", operator: "Exists" }] }),
    ),
    [true, true],
  );
});

Deno.test("daemon pods run on cordoned, not-ready and pressured nodes, and PreferNoSchedule is ignored", () => {
  const taints = [
    { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" },
    { key: "node.kubernetes.io/not-ready", effect: "NoExecute" },
    { key: "node.kubernetes.io/disk-pressure", effect: "NoSchedule" },
    { key: "other", effect: "PreferNoSchedule" },
  ] as const;
  assert.deepEqual(verdict(node("n", {}, [...taints]), ds()), [true, true]);
});

Deno.test("the network-unavailable taint is tolerated only by hostNetwork daemon pods", () => {
  const n = node("n", {}, [{ key: "node.kubernetes.io/network-unavailable", effect: "NoSchedule" }]);
  assert.deepEqual(verdict(n, ds()), [false, true]);
  assert.deepEqual(verdict(n, ds({ hostNetwork: true })), [true, true]);
  const spec = {
    containers: [],
    hostNetwork: true,
    tolerations: [{
      key: "node.kubernetes.io/not-ready",
      operator: "Exists" as const,
      effect: "NoExecute" as const,
    }],
  };
  addDaemonPodTolerations(spec);
  assert.equal(spec.tolerations.length, 7, "an existing identical toleration is not repeated");
});

Deno.test("nodeSelector, required node affinity and the template's nodeName pick the nodes", () => {
  const ssd = node("n1", { disk: "ssd", zone: "a" });
  const hdd = node("n2", { disk: "hdd" });
  assert.deepEqual(verdict(ssd, ds({ nodeSelector: { disk: "ssd" } })), [true, true]);
  assert.deepEqual(verdict(hdd, ds({ nodeSelector: { disk: "ssd" } })), [false, false]);
  const affinity = (terms: unknown[]) => ({
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
    },
  });
  const zoned = ds(affinity([{ matchExpressions: [{ key: "zone", operator: "Exists" }] }]));
  assert.deepEqual([verdict(ssd, zoned), verdict(hdd, zoned)], [[true, true], [false, false]]);
  const byName = ds(
    affinity([{ matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["n1"] }] }]),
  );
  assert.deepEqual([verdict(ssd, byName), verdict(hdd, byName)], [[false, false], [true, true]]);
  assert.deepEqual(verdict(hdd, ds({ nodeName: "n1" })), [false, false]);
});

Deno.test("maxUnavailable and maxSurge percentages round up, and OnDelete has neither", () => {
  const rolling = (rollingUpdate: Record<string, number | string>) =>
    ds({}, { type: "RollingUpdate", rollingUpdate });
  assert.equal(unavailableCount(rolling({ maxUnavailable: "30%" }), 5), 2);
  assert.equal(unavailableCount(rolling({ maxUnavailable: 1 }), 5), 1);
  assert.equal(surgeCount(rolling({ maxSurge: "10%", maxUnavailable: 0 }), 3), 1);
  assert.equal(surgeCount(ds({}, { type: "OnDelete" }), 3), 0);
  assert.equal(unavailableCount(ds({}, { type: "OnDelete" }), 3), 0);
});

Deno.test("a daemon pod's node is its nodeName once bound, else its matchFields term", () => {
  assert.equal(targetNodeName({ spec: { containers: [], nodeName: "n2" } } as never), "n2");
  assert.equal(
    targetNodeName({
      spec: {
        containers: [],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{
                matchFields: [{ key: "metadata.name", operator: "In", values: ["n3"] }],
              }],
            },
          },
        },
      },
    } as never),
    "n3",
  );
  assert.equal(targetNodeName({ spec: { containers: [] } } as never), undefined);
});

Deno.test("the failed-pod backoff doubles up to its maximum and starts over after a quiet spell", () => {
  const b = new Backoff({ initialMs: 1_000, maxMs: 4_000 });
  assert.equal(b.isInBackOffSinceUpdate("k", 0), false);
  b.next("k", 0);
  assert.equal(b.isInBackOffSinceUpdate("k", 999), true);
  assert.equal(b.isInBackOffSinceUpdate("k", 1_000), false);
  b.next("k", 1_000);
  b.next("k", 3_000);
  b.next("k", 7_000);
  assert.equal(b.get("k"), 4_000);
  b.next("k", 7_000 + 8_001);
  assert.equal(b.get("k"), 1_000);
});
