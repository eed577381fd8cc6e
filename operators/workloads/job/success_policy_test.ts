import assert from "node:assert/strict";
import { matchSuccessPolicy } from "./_success_policy.ts";

// Cases after TestMatchSuccessPolicy (success_policy_test.go).
Deno.test("a success policy rule holds when its indexes, or enough of them, succeeded", () => {
  const s = (...i: number[]) => new Set(i);
  const rules = (...r: { succeededIndexes?: string; succeededCount?: number }[]) => ({ rules: r });
  assert.equal(
    matchSuccessPolicy(rules({ succeededIndexes: "0-2" }), 10, s(0, 1, 2, 4, 5)),
    "Matched rules at index 0",
  );
  assert.equal(matchSuccessPolicy(rules({ succeededIndexes: "3" }), 10, s(0, 1, 2)), undefined);
  assert.equal(matchSuccessPolicy(rules({ succeededCount: 2 }), 10, s(0, 1, 2)), "Matched rules at index 0");
  assert.equal(matchSuccessPolicy(rules({ succeededCount: 5 }), 10, s(0, 1, 2)), undefined);
  assert.equal(
    matchSuccessPolicy(
      rules({ succeededIndexes: "invalid-form" }, { succeededIndexes: "1-4", succeededCount: 2 }),
      10,
      s(1, 3),
    ),
    "Matched rules at index 1",
  );
  assert.equal(matchSuccessPolicy(rules({ succeededCount: 1 }), 10, s()), undefined);
  assert.equal(matchSuccessPolicy(undefined, 10, s(0)), undefined);
});
