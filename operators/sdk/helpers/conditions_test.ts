import assert from "node:assert/strict";
import {
  type Condition,
  findCondition,
  isConditionFalse,
  isConditionTrue,
  removeCondition,
  setCondition,
} from "./conditions.ts";

Deno.test("a new condition gets a transition time and the observed generation", () => {
  const conditions: Condition[] = [];
  assert.equal(setCondition(conditions, { type: "Ready", status: "False", reason: "Progressing" }, 2), true);
  const ready = findCondition(conditions, "Ready")!;
  assert.match(ready.lastTransitionTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual({ ...ready, lastTransitionTime: "" }, {
    type: "Ready",
    status: "False",
    reason: "Progressing",
    message: "",
    observedGeneration: 2,
    lastTransitionTime: "",
  });
});

Deno.test("lastTransitionTime changes only when the status changes", () => {
  const conditions: Condition[] = [{
    type: "Ready",
    status: "False",
    reason: "Progressing",
    message: "0/3",
    lastTransitionTime: "2020-01-01T00:00:00Z",
  }];
  assert.equal(
    setCondition(conditions, { type: "Ready", status: "False", reason: "Progressing", message: "0/3" }),
    false,
  );
  assert.equal(
    setCondition(conditions, { type: "Ready", status: "False", reason: "Scaling", message: "1/3" }, 4),
    true,
  );
  assert.equal(conditions[0].lastTransitionTime, "2020-01-01T00:00:00Z");
  assert.equal(conditions[0].reason, "Scaling");
  assert.equal(conditions[0].observedGeneration, 4);
  assert.equal(
    setCondition(conditions, { type: "Ready", status: "True", reason: "Ready", message: "3/3" }, 4),
    true,
  );
  assert.notEqual(conditions[0].lastTransitionTime, "2020-01-01T00:00:00Z");
  assert.equal(isConditionTrue(conditions, "Ready"), true);
  assert.equal(isConditionFalse(conditions, "Ready"), false);
  const given = "2030-01-01T00:00:00Z";
  setCondition(conditions, { type: "Ready", status: "Unknown", reason: "Lost", lastTransitionTime: given });
  assert.equal(conditions[0].lastTransitionTime, given);
});

Deno.test("removing a condition reports whether it was there", () => {
  const conditions: Condition[] = [];
  setCondition(conditions, { type: "A", status: "True", reason: "r" });
  setCondition(conditions, { type: "B", status: "False", reason: "r" });
  assert.equal(removeCondition(conditions, "A"), true);
  assert.equal(removeCondition(conditions, "A"), false);
  assert.deepEqual(conditions.map((c) => c.type), ["B"]);
  assert.equal(isConditionTrue(undefined, "A"), false);
});
