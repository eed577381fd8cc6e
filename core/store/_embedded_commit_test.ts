import assert from "node:assert/strict";
import { groupSize, MAX_GROUP, type PendingCommit } from "./_embedded_commit.ts";
import { INLINE_MAX_CHARS } from "./_embedded_layout.ts";

const commit = (key: string, chars = 10): PendingCommit => ({
  checks: [],
  mutations: [{ type: "set", key: ["k", key], value: "x" }],
  encoded: new Map([[key, "x".repeat(chars)]]),
});

Deno.test("a group takes small commits up to its size and key limits, and a large value goes alone", () => {
  assert.equal(groupSize(Array.from({ length: 40 }, (_, i) => commit(`a${i}`))), MAX_GROUP);
  assert.equal(groupSize([commit("a"), commit("b")]), 2);
  const large = commit("big", INLINE_MAX_CHARS + 1);
  assert.equal(groupSize([large, commit("a")]), 1, "a large first commit leaves alone");
  assert.equal(
    groupSize([commit("a"), commit("b"), large, commit("c")]),
    2,
    "a large one waits for its own turn",
  );
  // Three keys a commit: the 31st would take the group past the 90 keys it may hold.
  const threeKeys = (i: number): PendingCommit => ({
    checks: [{ key: ["k", `c${i}`], versionstamp: null }],
    mutations: [{ type: "set", key: ["k", `m${i}`], value: 1 }, { type: "delete", key: ["k", `d${i}`] }],
    encoded: new Map([[`m${i}`, "1"]]),
  });
  assert.equal(groupSize(Array.from({ length: 32 }, (_, i) => threeKeys(i))), 30);
  assert.equal(groupSize([]), 0);
});
