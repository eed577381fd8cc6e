import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import {
  duplicatedIndexPods,
  firstPendingIndexes,
  formatIndexes,
  generateNameWithIndex,
  parseIndexes,
} from "./_indexed.ts";

const pod = (name: string, index?: string, phase = "Running", ready = false): Pod => ({
  metadata: {
    name,
    ...(index === undefined ? {} : { annotations: { "batch.kubernetes.io/job-completion-index": index } }),
  },
  spec: { containers: [], nodeName: "n" },
  status: { phase, conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
} as Pod);

// Cases after TestCalculateSucceededIndexes and orderedIntervals.String (indexed_job_utils_test.go).
Deno.test("completed indexes print runs of three or more as ranges and pairs as two numbers", () => {
  assert.equal(formatIndexes([]), "");
  assert.equal(formatIndexes([7, 1, 3, 4, 5]), "1,3-5,7");
  assert.equal(formatIndexes([0, 1]), "0,1");
  assert.equal(formatIndexes([0, 1, 2, 4, 5, 9]), "0-2,4,5,9");
});

Deno.test("completed indexes parse back, dropping indexes at or above completions", () => {
  assert.deepEqual([...parseIndexes("1,3-5,7", 10)].sort((a, b) => a - b), [1, 3, 4, 5, 7]);
  assert.deepEqual([...parseIndexes("0-2,8-12", 10)].sort((a, b) => a - b), [0, 1, 2, 8, 9]);
  assert.deepEqual([...parseIndexes("", 3)], []);
  assert.deepEqual([...parseIndexes("x,2", 3)], [2]);
});

Deno.test("pending indexes are the lowest neither succeeded nor running", () => {
  const running = [pod("a", "1"), pod("b", "5")];
  assert.deepEqual(firstPendingIndexes(new Set([0, 2]), running, 3, 8), [3, 4, 6]);
  assert.deepEqual(firstPendingIndexes(new Set([0, 2]), running, 10, 6), [3, 4]);
  assert.deepEqual(firstPendingIndexes(new Set(), [], 0, 6), []);
});

Deno.test("pods of a repeated, missing or out-of-range index are removed first, keeping the most advanced", () => {
  const ready = pod("ready-2", "2", "Running", true);
  const pending = pod("pending-2", "2", "Pending");
  const { rm, left } = duplicatedIndexPods(
    [pod("none"), pending, ready, pod("big", "9"), pod("one", "1")],
    3,
  );
  assert.deepEqual(rm.map((p) => p.metadata!.name).sort(), ["big", "none", "pending-2"]);
  assert.deepEqual(left.map((p) => p.metadata!.name), ["one", "ready-2"]);
});

Deno.test("an indexed pod's generated name keeps the index within 58 characters", () => {
  assert.equal(generateNameWithIndex("pi", 3), "pi-3-");
  const long = "a".repeat(60);
  assert.equal(generateNameWithIndex(long, 12), `${"a".repeat(54)}-12-`);
});
