import assert from "node:assert/strict";
import { Deadlines } from "./_deadlines.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("deadlines expire in their own time on one timer, and cleared ones never do", async () => {
  const deadlines = new Deadlines();
  const expired: string[] = [];
  const start = Date.now();
  deadlines.add(start + 150, () => expired.push("late"));
  deadlines.add(start + 30, () => expired.push("early"));
  const cleared = deadlines.add(start + 60, () => expired.push("cleared"));
  cleared.clear();
  assert.equal(deadlines.size, 2);
  while (expired.length < 1) await sleep(5);
  assert.deepEqual(expired, ["early"]);
  assert.ok(Date.now() - start >= 30, "not before its deadline");
  while (expired.length < 2) await sleep(5);
  assert.deepEqual(expired, ["early", "late"]);
  assert.ok(Date.now() - start >= 150);
  assert.equal(deadlines.size, 0);
});

Deno.test("clearing the last deadline leaves no timer running (the op sanitizer checks)", () => {
  const deadlines = new Deadlines();
  const a = deadlines.add(Date.now() + 60_000, () => assert.fail("a expired"));
  const b = deadlines.add(Date.now() + 1_000, () => assert.fail("b expired"));
  a.clear();
  b.clear();
  assert.equal(deadlines.size, 0);
});
