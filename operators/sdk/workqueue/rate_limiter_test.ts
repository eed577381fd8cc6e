import assert from "node:assert/strict";
import {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
} from "./rate_limiter.ts";

Deno.test("exponential backoff doubles per failure from 5 ms and stops at 1000 s", () => {
  const l = new ItemExponentialFailureRateLimiter<string>(5, 1000_000);
  const delays = Array.from({ length: 20 }, () => l.when("a"));
  assert.deepEqual(delays.slice(0, 5), [5, 10, 20, 40, 80]);
  assert.equal(delays[17], 5 * 2 ** 17);
  assert.equal(delays[18], 1000_000, "5 ms × 2^18 exceeds the cap");
  assert.equal(delays[19], 1000_000);
  assert.equal(l.numRequeues("a"), 20);
  assert.equal(l.when("b"), 5, "items back off independently");
  l.forget("a");
  assert.equal(l.numRequeues("a"), 0);
  assert.equal(l.when("a"), 5);
});

Deno.test("the token bucket lets a burst through and then spaces requeues at its rate", () => {
  let now = 0;
  const bucket = new BucketRateLimiter<string>(10, 3, { now: () => now });
  assert.deepEqual([bucket.when("a"), bucket.when("b"), bucket.when("c")], [0, 0, 0]);
  assert.equal(Math.round(bucket.when("d")), 100);
  assert.equal(Math.round(bucket.when("e")), 200, "the bucket goes into debt");
  now = 1000; // 10 tokens refilled, minus the debt of 2, capped at the burst
  assert.equal(bucket.when("f"), 0);
  assert.equal(bucket.numRequeues("f"), 0);
});

Deno.test("the default controller limiter takes the larger of backoff and bucket", () => {
  const l = defaultControllerRateLimiter<string>();
  assert.equal(l.when("a"), 5);
  assert.equal(l.when("a"), 10);
  assert.equal(l.numRequeues("a"), 2);
  // 98 tokens are left of the burst of 100; spend them and the bucket's delay wins over a fresh key's 5 ms.
  for (let i = 0; i < 98; i++) l.when(`k${i}`);
  assert.ok(l.when("fresh") >= 90, "about 100 ms from the bucket");
  l.forget("a");
  assert.equal(l.numRequeues("a"), 0);
});

Deno.test("max-of reports the highest requeue count of its limiters", () => {
  const a = new ItemExponentialFailureRateLimiter<string>(1, 10);
  const b = new ItemExponentialFailureRateLimiter<string>(2, 10);
  const l = new MaxOfRateLimiter(a, b);
  assert.equal(l.when("x"), 2);
  a.when("x");
  assert.equal(l.numRequeues("x"), 2);
});
