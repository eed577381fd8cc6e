import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import type { Deployment, ReplicaSet } from "../api/mod.ts";
import {
  comparePodsForDeletion,
  computeHash,
  fnv32a,
  getProportion,
  lastRevision,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  podRanksByNode,
  proportionalScale,
  resolveFenceposts,
  revisionOf,
  safeEncodeString,
  setRevision,
} from "./mod.ts";

const deployment = (replicas: number, surge: number | string, unavailable: number | string): Deployment => ({
  metadata: { name: "web" },
  spec: {
    replicas,
    selector: {},
    template: {},
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
  },
});

const rs = (name: string, replicas: number, opts: { max?: number; created?: string } = {}): ReplicaSet => ({
  metadata: {
    name,
    creationTimestamp: opts.created ?? "2024-05-01T00:00:00Z",
    annotations: opts.max !== undefined ? { "deployment.kubernetes.io/max-replicas": String(opts.max) } : {},
  },
  spec: { replicas, selector: {} },
});

// TestResolveFenceposts (pkg/controller/deployment/util/deployment_util_test.go).
Deno.test("fenceposts round surge up and unavailability down, and never leave both at zero", () => {
  const cases: [number | string, number | string, number, number, number][] = [
    ["25%", "25%", 10, 3, 2],
    ["25%", "25%", 1, 1, 0],
    [0, 0, 5, 0, 1],
    ["0%", "0%", 5, 0, 1],
    [0, "10%", 3, 0, 1],
    ["50%", "50%", 5, 3, 2],
    [2, 1, 100, 2, 1],
  ];
  for (const [surge, unavailable, desired, wantSurge, wantUnavailable] of cases) {
    assert.deepEqual(resolveFenceposts(surge, unavailable, desired), {
      maxSurge: wantSurge,
      maxUnavailable: wantUnavailable,
    });
  }
  assert.throws(() => resolveFenceposts("x", 1, 1), /invalid value for IntOrString/);
});

Deno.test("max unavailable never exceeds the replicas and is 0 for Recreate", () => {
  assert.equal(maxUnavailable(deployment(10, 0, "25%")), 2);
  assert.equal(maxUnavailable(deployment(1, 0, 5)), 1);
  assert.equal(maxUnavailable(deployment(0, 1, 1)), 0);
  assert.equal(
    maxUnavailable({ spec: { replicas: 3, selector: {}, template: {}, strategy: { type: "Recreate" } } }),
    0,
  );
  assert.equal(maxSurge(deployment(10, "25%", 0)), 3);
});

// TestNewRSNewReplicas.
Deno.test("the new replica set grows up to replicas plus surge across all replica sets", () => {
  const d = deployment(10, "25%", "25%"); // surge 3
  const cases: [number, number, number][] = [
    // old RS size, new RS size, want
    [10, 0, 3],
    [8, 3, 5],
    [0, 10, 10],
    [10, 3, 3],
  ];
  for (const [oldSize, newSize, want] of cases) {
    const newRS = rs("new", newSize);
    assert.equal(newRSNewReplicas(d, [rs("old", oldSize), newRS], newRS), want, `${oldSize}/${newSize}`);
  }
  const recreate: Deployment = {
    spec: { replicas: 4, selector: {}, template: {}, strategy: { type: "Recreate" } },
  };
  assert.equal(newRSNewReplicas(recreate, [rs("old", 4)], rs("new", 0)), 4);
});

// TestScale's proportional cases (pkg/controller/deployment/sync_test.go).
Deno.test("a resize mid-rollout is shared among replica sets in proportion to their size", () => {
  const cases: {
    name: string;
    replicas: number;
    sets: [string, number, string][];
    max: number;
    want: Record<string, number>;
  }[] = [
    {
      name: "10 -> 20 with 7 new and 6 old",
      replicas: 20,
      sets: [["new", 7, "2024-05-02T00:00:00Z"], ["old", 6, "2024-05-01T00:00:00Z"]],
      max: 13,
      want: { new: 12, old: 11 },
    },
    {
      name: "13 -> 8 with 8 new and 5 old: 8 + 3 surge = 11 pods, 2 fewer",
      replicas: 8,
      sets: [["new", 8, "2024-05-02T00:00:00Z"], ["old", 5, "2024-05-01T00:00:00Z"]],
      max: 13,
      want: { new: 7, old: 4 },
    },
    {
      name: "leftover goes to the largest",
      replicas: 12,
      sets: [["a", 3, "2024-05-03T00:00:00Z"], ["b", 3, "2024-05-02T00:00:00Z"], [
        "c",
        3,
        "2024-05-01T00:00:00Z",
      ]],
      max: 9,
      want: { a: 5, b: 5, c: 5 },
    },
  ];
  for (const c of cases) {
    const d = deployment(c.replicas, 3, 0);
    const sets = c.sets.map(([n, r, t]) => rs(n, r, { max: c.max, created: t }));
    assert.deepEqual(Object.fromEntries(proportionalScale(d, sets)), c.want, c.name);
  }
  assert.equal(getProportion(undefined, deployment(3, 1, 0), 2, 0), 0);
  assert.equal(getProportion(rs("x", 2, { max: 4 }), deployment(3, 1, 0), 2, 2), 0);
});

Deno.test("the pod-template-hash is stable for equal templates and changes with the template or collision count", () => {
  const t = {
    metadata: { labels: { app: "web" } },
    spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
  };
  const same = {
    spec: { containers: [{ image: "nginx:1.27", name: "web" }] },
    metadata: { labels: { app: "web" } },
  };
  assert.equal(computeHash(t), computeHash(same));
  assert.notEqual(
    computeHash(t),
    computeHash({ ...t, spec: { containers: [{ name: "web", image: "nginx:1.28" }] } }),
  );
  assert.notEqual(computeHash(t), computeHash(t, 1));
  assert.match(computeHash(t), /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  assert.equal(fnv32a(new TextEncoder().encode("a")), 0xe40c292c);
  assert.equal(safeEncodeString("0123456789"), "456789bcdf");
});

Deno.test("revisions read from annotations; a reused replica set keeps its history", () => {
  const at = (n: number) => ({
    metadata: { annotations: { "deployment.kubernetes.io/revision": String(n) } },
  });
  assert.equal(maxRevision([at(1), at(3), at(2)]), 3);
  assert.equal(lastRevision([at(1), at(3), at(2)]), 2);
  assert.equal(revisionOf({}), 0);
  const reused = at(2);
  assert.equal(setRevision(reused, 4), true);
  assert.deepEqual(reused.metadata.annotations, {
    "deployment.kubernetes.io/revision": "4",
    "deployment.kubernetes.io/revision-history": "2",
  });
  assert.equal(setRevision(reused, 3), false);
});

const pod = (
  name: string,
  opts: Partial<
    { node: string; phase: string; ready: string; restarts: number; created: string; cost: string }
  >,
): Pod => ({
  metadata: {
    name,
    uid: name,
    creationTimestamp: opts.created ?? "2024-05-01T00:00:00Z",
    annotations: opts.cost ? { "controller.kubernetes.io/pod-deletion-cost": opts.cost } : undefined,
  },
  spec: { containers: [], nodeName: opts.node },
  status: {
    phase: (opts.phase ?? "Running") as "Running",
    conditions: opts.ready ? [{ type: "Ready", status: "True", lastTransitionTime: opts.ready }] : [],
    containerStatuses: [{
      name: "c",
      image: "i",
      imageID: "",
      ready: !!opts.ready,
      restartCount: opts.restarts ?? 0,
    }],
  },
});

// TestSortingActivePods / TestSortingActivePodsWithRanks (pkg/controller/controller_utils_test.go).
Deno.test("pods are deleted unassigned, pending, unready, cheap, doubled-up, young, crashing and new first", () => {
  const now = Date.parse("2024-06-01T00:00:00Z");
  const pods = [
    pod("old-ready", { node: "n1", ready: "2024-05-01T00:00:00Z", created: "2024-04-01T00:00:00Z" }),
    pod("young-ready", { node: "n1", ready: "2024-05-31T23:59:00Z" }),
    pod("costly", { node: "n1", phase: "Running", cost: "100" }),
    pod("unready", { node: "n1" }),
    pod("unknown", { node: "n1", phase: "Unknown" }),
    pod("pending", { node: "n1", phase: "Pending" }),
    pod("unassigned", { phase: "Pending" }),
  ];
  const order = [...pods].sort(comparePodsForDeletion(now)).map((p) => p.metadata!.name);
  assert.deepEqual(order, [
    "unassigned",
    "pending",
    "unknown",
    "unready",
    "costly",
    "young-ready",
    "old-ready",
  ]);

  const crashing = pod("crashing", { node: "n1", restarts: 5 });
  const steady = pod("steady", { node: "n1" });
  assert.deepEqual([steady, crashing].sort(comparePodsForDeletion(now)).map((p) => p.metadata!.name), [
    "crashing",
    "steady",
  ]);

  const a = pod("a", { node: "crowded", ready: "2024-05-01T00:00:00Z" });
  const b = pod("b", { node: "crowded", ready: "2024-05-01T00:00:00Z" });
  const c = pod("c", { node: "alone", ready: "2024-05-31T23:00:00Z" });
  const ranks = podRanksByNode([a, b, c], [a, b, c]);
  assert.equal([a, c].sort(comparePodsForDeletion(now, ranks))[0].metadata!.name, "a");
});

Deno.test("pods that became ready within the same doubling of age tie, and break the tie by uid", () => {
  const now = Date.parse("2024-06-01T00:00:00Z");
  // 10 and 12 hours ago fall in the same log2(ns) bucket.
  const p1 = pod("z", { node: "n", ready: "2024-05-31T14:00:00Z" });
  const p2 = pod("a", { node: "n", ready: "2024-05-31T12:00:00Z" });
  assert.deepEqual([p1, p2].sort(comparePodsForDeletion(now)).map((p) => p.metadata!.name), ["a", "z"]);
});
