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
  // Seven keys written a commit (a checked key costs nothing): the 29th would take the group past the 200
  // keys it may write.
  const sevenKeys = (i: number): PendingCommit => ({
    checks: [{ key: ["k", `c${i}`], versionstamp: null }],
    mutations: Array.from({ length: 7 }, (_, j) => ({ type: "delete", key: ["k", `d${i}-${j}`] })),
    encoded: new Map(),
  });
  assert.equal(groupSize(Array.from({ length: 32 }, (_, i) => sevenKeys(i))), 28);
  assert.equal(groupSize([]), 0);
});
