import assert from "node:assert/strict";
import { WorkQueue } from "./queue.ts";

/** Resolves to "pending" when the promise has not settled within a few macrotasks. */
async function settled<T>(p: Promise<T>, ms = 20): Promise<T | "pending"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Promise<"pending">((r) => timer = setTimeout(() => r("pending"), ms));
  try {
    return await Promise.race([p, pending]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("a key added twice while queued is handed out once", async () => {
  const q = new WorkQueue<string>();
  q.add("a");
  q.add("b");
  q.add("a");
  assert.equal(q.len(), 2);
  assert.equal(await q.get(), "a");
  assert.equal(await q.get(), "b");
  assert.equal(q.len(), 0);
  q.done("a");
  q.done("b");
  q.shutDown();
});

Deno.test("a key added while it is processed is handed out again only after done", async () => {
  const q = new WorkQueue<string>();
  q.add("a");
  const first = await q.get();
  assert.equal(first, "a");
  q.add("a");
  assert.equal(q.len(), 0, "not queued while processing");
  const second = q.get();
  assert.equal(await settled(second), "pending");
  q.done("a");
  assert.equal(await settled(second), "a");
  q.done("a");
  q.shutDown();
});

Deno.test("get waits for an add and waiting callers are served in order", async () => {
  const q = new WorkQueue<string>();
  const g1 = q.get();
  const g2 = q.get();
  q.add("x");
  q.add("y");
  assert.deepEqual(await Promise.all([g1, g2]), ["x", "y"]);
  q.done("x");
  q.done("y");
  q.shutDown();
});

Deno.test("shutDown wakes waiting gets with undefined but still hands out queued keys", async () => {
  const q = new WorkQueue<string>();
  const waiting = q.get();
  q.shutDown();
  assert.equal(await waiting, undefined);

  const q2 = new WorkQueue<string>();
  q2.add("left");
  q2.shutDown();
  q2.add("ignored");
  assert.equal(q2.shuttingDown(), true);
  assert.equal(await q2.get(), "left");
  assert.equal(await q2.get(), undefined);
  q2.done("left");
});

Deno.test("shutDownWithDrain waits for keys being processed to be done", async () => {
  const q = new WorkQueue<string>();
  q.add("a");
  const key = await q.get();
  let drained = false;
  const drain = q.shutDownWithDrain().then(() => drained = true);
  assert.equal(await settled(drain), "pending");
  assert.equal(drained, false);
  assert.equal(await q.get(), undefined, "no new work after shutdown");
  q.done(key!);
  await drain;
  assert.equal(drained, true);
});

Deno.test("shutDownWithDrain returns at once when nothing is processing", async () => {
  const q = new WorkQueue<string>();
  await q.shutDownWithDrain();
  assert.equal(await q.get(), undefined);
});

Deno.test("shutDown releases a drain that is still waiting", async () => {
  const q = new WorkQueue<string>();
  q.add("a");
  await q.get();
  const drain = q.shutDownWithDrain();
  q.shutDown();
  assert.notEqual(await settled(drain), "pending");
});

Deno.test("two workers never process the same key at the same time", async () => {
  const q = new WorkQueue<string>();
  const active = new Set<string>();
  let overlaps = 0;
  let processed = 0;
  const worker = async () => {
    for (let key; (key = await q.get()) !== undefined;) {
      if (active.has(key)) overlaps++;
      active.add(key);
      await new Promise((r) => setTimeout(r, 2));
      active.delete(key);
      processed++;
      q.done(key);
    }
  };
  const workers = [worker(), worker(), worker()];
  for (let i = 0; i < 30; i++) {
    q.add(`k${i % 3}`);
    await new Promise((r) => setTimeout(r, 1));
  }
  await new Promise((r) => setTimeout(r, 30));
  await q.shutDownWithDrain();
  await Promise.all(workers);
  assert.equal(overlaps, 0);
  assert.ok(processed >= 3 && processed <= 30, `processed ${processed}`);
});
