import assert from "node:assert/strict";
import type { Container, Pod } from "@skiff/kinds";
import { filterCode, makeNode, makePod, runFilter, runScore } from "../_testing.ts";
import { Snapshot } from "../snapshot.ts";
import { nodeResourcesFitFilter, nodeResourcesFitScore } from "./node_resources_fit.ts";
import { balancedAllocationScore, balancedResourceScore } from "./balanced_allocation.ts";

/** A container requesting milli-CPU and bytes of memory, as Kubernetes' newResourcePod takes them. */
function c(milliCPU: number, memory: number, extra: Record<string, string> = {}): Container {
  return { name: "c", resources: { requests: { cpu: `${milliCPU}m`, memory: `${memory}`, ...extra } } };
}

function pod(
  name: string,
  containers: Container[],
  initContainers: Container[] = [],
  nodeName?: string,
): Pod {
  return makePod(name, { nodeName, spec: { containers, initContainers } });
}

// makeAllocatableResources(10, 20, 32, 5, 20, 5) of noderesources/fit_test.go.
const allocatable = {
  cpu: "10m",
  memory: "20",
  pods: "32",
  "example.com/aaa": "5",
  "ephemeral-storage": "20",
};

// Cases from TestEnoughRequests.
const cases: { name: string; pod: Pod; existing: Container[]; want: string }[] = [
  { name: "no resources requested always fits", pod: makePod("p"), existing: [c(10, 20)], want: "" },
  {
    name: "too many resources fails",
    pod: pod("p", [c(1, 1)]),
    existing: [c(10, 20)],
    want: "Insufficient cpu, Insufficient memory",
  },
  {
    name: "too many resources fails due to init container cpu",
    pod: pod("p", [c(1, 1)], [c(3, 1)]),
    existing: [c(8, 19)],
    want: "Insufficient cpu",
  },
  {
    name: "too many resources fails due to highest init container cpu",
    pod: pod("p", [c(1, 1)], [c(3, 1), c(2, 1)]),
    existing: [c(8, 19)],
    want: "Insufficient cpu",
  },
  {
    name: "too many resources fails due to init container memory",
    pod: pod("p", [c(1, 1)], [c(1, 3)]),
    existing: [c(9, 19)],
    want: "Insufficient memory",
  },
  {
    name: "init container fits because it's the max, not sum, of containers and init containers",
    pod: pod("p", [c(1, 1)], [c(1, 1)]),
    existing: [c(9, 19)],
    want: "",
  },
  { name: "both resources fit", pod: pod("p", [c(1, 1)]), existing: [c(5, 5)], want: "" },
  {
    name: "one resource memory fits",
    pod: pod("p", [c(2, 1)]),
    existing: [c(9, 5)],
    want: "Insufficient cpu",
  },
  {
    name: "one resource cpu fits",
    pod: pod("p", [c(1, 2)]),
    existing: [c(5, 19)],
    want: "Insufficient memory",
  },
  { name: "equal edge case", pod: pod("p", [c(5, 1)]), existing: [c(5, 19)], want: "" },
  {
    name: "extended resource fits",
    pod: pod("p", [c(0, 0, { "example.com/aaa": "1" })]),
    existing: [c(0, 0)],
    want: "",
  },
  {
    name: "extended resource capacity enforced",
    pod: pod("p", [c(0, 0, { "example.com/aaa": "10" })]),
    existing: [c(0, 0)],
    want: "Insufficient example.com/aaa",
  },
  {
    name: "extended resource allocatable enforced for the sum over pods",
    pod: pod("p", [c(0, 0, { "example.com/aaa": "2" })]),
    existing: [c(0, 0, { "example.com/aaa": "4" })],
    want: "Insufficient example.com/aaa",
  },
  {
    name: "ephemeral storage is checked",
    pod: pod("p", [c(0, 0, { "ephemeral-storage": "25" })]),
    existing: [c(0, 0)],
    want: "Insufficient ephemeral-storage",
  },
  {
    name: "a sidecar (restartable init container) adds to the containers",
    pod: pod("p", [c(3, 1)], [{ ...c(3, 1), restartPolicy: "Always" }]),
    existing: [c(5, 0)],
    want: "Insufficient cpu",
  },
];

for (const t of cases) {
  Deno.test(`NodeResourcesFit filter: ${t.name}`, () => {
    const snapshot = Snapshot.from({
      nodes: [makeNode("n1", { allocatable })],
      pods: [pod("existing", t.existing, [], "n1")],
    });
    assert.equal(runFilter(nodeResourcesFitFilter, t.pod, snapshot, "n1"), t.want);
  });
}

Deno.test("NodeResourcesFit counts pods against the node's pods allocatable", () => {
  const snapshot = Snapshot.from({
    nodes: [makeNode("n1", { allocatable: { cpu: "10m", memory: "20", pods: "1" } })],
    pods: [pod("existing", [c(1, 1)], [], "n1")],
  });
  assert.equal(runFilter(nodeResourcesFitFilter, pod("p", [c(1, 1)]), snapshot, "n1"), "Too many pods");
  assert.equal(
    runFilter(nodeResourcesFitFilter, pod("p", [c(20, 1)]), snapshot, "n1"),
    "Too many pods, Insufficient cpu",
  );
});

Deno.test("NodeResourcesFit rejections are Unschedulable in 1.32, even beyond the node's allocatable", () => {
  const snapshot = Snapshot.from({ nodes: [makeNode("n1", { allocatable })] });
  assert.equal(filterCode(nodeResourcesFitFilter, pod("p", [c(100, 1)]), snapshot, "n1"), "Unschedulable");
});

Deno.test("NodeResourcesFit counts pod overhead", () => {
  const snapshot = Snapshot.from({ nodes: [makeNode("n1", { allocatable })] });
  const p = makePod("p", { spec: { containers: [c(9, 1)], overhead: { cpu: "2m" } } });
  assert.equal(runFilter(nodeResourcesFitFilter, p, snapshot, "n1"), "Insufficient cpu");
});

// Cases from least_allocated_test.go and balanced_allocation_test.go.
Deno.test("LeastAllocated scores differently sized nodes by the share left free", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("node1", { allocatable: { cpu: "4000m", memory: "10000", pods: "110" } }),
      makeNode("node2", { allocatable: { cpu: "6000m", memory: "10000", pods: "110" } }),
    ],
  });
  const p = pod("p", [c(1000, 2000), c(2000, 3000)]);
  // node1: cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50, mean 37.
  assert.deepEqual(runScore(nodeResourcesFitScore, p, snapshot), { node1: 37, node2: 50 });
});

Deno.test("LeastAllocated counts 100m and 200Mi for containers that request nothing", () => {
  const snapshot = Snapshot.from({
    nodes: [makeNode("node1", { allocatable: { cpu: "1000m", memory: "1000Mi", pods: "110" } })],
    pods: [makePod("existing", { nodeName: "node1" })],
  });
  // cpu: (1000 - 200) * 100 / 1000 = 80; memory: (1000Mi - 400Mi) * 100 / 1000Mi = 60.
  assert.deepEqual(runScore(nodeResourcesFitScore, makePod("p"), snapshot), { node1: 70 });
});

Deno.test("BalancedAllocation prefers the node whose cpu and memory shares would be equal", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("node1", { allocatable: { cpu: "4000m", memory: "10000", pods: "110" } }),
      makeNode("node2", { allocatable: { cpu: "6000m", memory: "10000", pods: "110" } }),
    ],
  });
  const p = pod("p", [c(1000, 2000), c(2000, 3000)]);
  // node1: shares 0.75 and 0.5, deviation 0.125 -> 87; node2: 0.5 and 0.5 -> 100.
  assert.deepEqual(runScore(balancedAllocationScore, p, snapshot), { node1: 87, node2: 100 });
});

Deno.test("BalancedAllocation uses the standard deviation for more than two resources", () => {
  // shares 0.2, 0.4, 0.6: mean 0.4, deviation sqrt(0.08/3) = 0.1633 -> 83.
  assert.equal(balancedResourceScore([2, 4, 6], [10, 10, 10]), 83);
  assert.equal(balancedResourceScore([5], [10]), 100);
});
