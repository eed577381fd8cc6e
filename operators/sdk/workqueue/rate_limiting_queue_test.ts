import assert from "node:assert/strict";
import { DelayingQueue } from "./delaying_queue.ts";
import type { WorkQueueMetricsProvider } from "./metrics.ts";
import { RateLimitingQueue } from "./rate_limiting_queue.ts";
import { ItemExponentialFailureRateLimiter } from "./rate_limiter.ts";

Deno.test("addAfter queues the key only once its delay has passed", async () => {
  const q = new DelayingQueue<string>();
  const start = performance.now();
  q.addAfter("a", 40);
  assert.equal(q.len(), 0);
  assert.equal(q.waitingLen(), 1);
  assert.equal(await q.get(), "a");
  assert.ok(performance.now() - start >= 35, "not before the delay");
  q.done("a");
  q.shutDown();
});

Deno.test("a key delayed twice keeps the earlier time and is added once", async () => {
  const q = new DelayingQueue<string>();
  const start = performance.now();
  q.addAfter("a", 200);
  q.addAfter("a", 20);
  q.addAfter("a", 300);
  assert.equal(q.waitingLen(), 1);
  assert.equal(await q.get(), "a");
  assert.ok(performance.now() - start < 150, "the 20 ms delay won");
  q.done("a");
  assert.equal(q.waitingLen(), 0);
  q.shutDown();
});

Deno.test("a non-positive delay adds at once and shutdown drops waiting keys", async () => {
  const q = new DelayingQueue<string>();
  q.addAfter("now", 0);
  assert.equal(q.len(), 1);
  q.addAfter("later", 10_000);
  q.shutDown();
  assert.equal(q.waitingLen(), 0);
  assert.equal(await q.get(), "now");
  assert.equal(await q.get(), undefined);
});

Deno.test("addRateLimited backs off exponentially per key until forget", async () => {
  const q = new RateLimitingQueue<string>({ rateLimiter: new ItemExponentialFailureRateLimiter(10, 1000) });
  const gaps: number[] = [];
  let last = performance.now();
  q.add("a");
  for (let i = 0; i < 4; i++) {
    const key = (await q.get())!;
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    q.addRateLimited(key);
    q.done(key);
  }
  // Requeues at 10, 20, 40 ms after the first immediate get.
  assert.ok(gaps[1] >= 8 && gaps[2] >= 18 && gaps[3] >= 38, `gaps ${gaps.map(Math.round)}`);
  assert.equal(q.numRequeues("a"), 4);
  q.forget("a");
  assert.equal(q.numRequeues("a"), 0);
  q.shutDown();
  assert.equal(await q.get(), undefined, "the pending requeue was dropped");
});

Deno.test("a named queue reports depth, adds, latency, work duration and retries to its provider", async () => {
  const seen: Record<string, number> = {};
  const bump = (k: string, by = 1) => seen[k] = (seen[k] ?? 0) + by;
  const names = new Set<string>();
  const provider: WorkQueueMetricsProvider = {
    newDepthMetric: (n) => (names.add(n), { inc: () => bump("depth"), dec: () => bump("depth", -1) }),
    newAddsMetric: () => ({ inc: () => bump("adds") }),
    newLatencyMetric: () => ({ observe: () => bump("latency") }),
    newWorkDurationMetric: () => ({ observe: () => bump("work") }),
    newUnfinishedWorkSecondsMetric: () => ({ set: (v) => seen.unfinished = v }),
    newLongestRunningProcessorSecondsMetric: () => ({ set: (v) => seen.longest = v }),
    newRetriesMetric: () => ({ inc: () => bump("retries") }),
  };
  const q = new RateLimitingQueue<string>({ name: "widgets", metricsProvider: provider });
  q.add("a");
  q.add("a");
  q.add("b");
  assert.equal(seen.depth, 2);
  const a = (await q.get())!;
  assert.equal(seen.depth, 1);
  await new Promise((r) => setTimeout(r, 600)); // one unfinished-work refresh
  assert.ok(seen.unfinished > 0.3 && seen.longest > 0.3, JSON.stringify(seen)); // refreshed at 500 ms
  q.addRateLimited(a);
  q.done(a);
  assert.deepEqual([...names], ["widgets"]);
  assert.equal(seen.adds, 2);
  assert.equal(seen.latency, 1);
  assert.equal(seen.work, 1);
  assert.equal(seen.retries, 1);
  q.shutDown();
});

Deno.test("an unnamed queue records no metrics", () => {
  let calls = 0;
  const count = { inc: () => calls++, dec: () => calls++, observe: () => calls++, set: () => calls++ };
  const provider: WorkQueueMetricsProvider = {
    newDepthMetric: () => count,
    newAddsMetric: () => count,
    newLatencyMetric: () => count,
    newWorkDurationMetric: () => count,
    newUnfinishedWorkSecondsMetric: () => count,
    newLongestRunningProcessorSecondsMetric: () => count,
    newRetriesMetric: () => count,
  };
  const q = new RateLimitingQueue<string>({ metricsProvider: provider });
  q.add("a");
  q.shutDown();
  assert.equal(calls, 0);
});
