import assert from "node:assert/strict";
import { eventually } from "./eventually.ts";

Deno.test("eventually answers the first truthy answer of its probe", async () => {
  let asks = 0;
  const value = await eventually("the third ask", async () => {
    await Promise.resolve();
    return ++asks === 3 && `ask ${asks}`;
  }, { intervalMs: 1 });
  assert.equal(value, "ask 3");
  assert.equal(asks, 3);
});

Deno.test("eventually names what it waited for when time runs out", async () => {
  const started = Date.now();
  await assert.rejects(
    () => eventually("the sky falls", () => false, { timeoutMs: 50, intervalMs: 5 }),
    { message: "timed out waiting until the sky falls" },
  );
  assert.ok(Date.now() - started >= 50);
});

Deno.test("eventually takes a bare number as its timeout", async () => {
  await assert.rejects(() => eventually("never", () => undefined, 30), /timed out waiting until never/);
});
