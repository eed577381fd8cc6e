import assert from "node:assert/strict";
import { backoffDelay, retryAfterMs, shouldRetry, sleep } from "./retry.ts";
import { ConnectionError } from "./errors.ts";

Deno.test("backoff doubles from the base, stays within [half, all] of the step, and stops at the cap", () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
  assert.equal(backoffDelay(0, policy, () => 0), 50);
  assert.equal(backoffDelay(0, policy, () => 1), 100);
  assert.equal(backoffDelay(3, policy, () => 0), 400);
  assert.equal(backoffDelay(3, policy, () => 1), 800);
  assert.equal(backoffDelay(10, policy, () => 1), 1000);
  assert.equal(backoffDelay(1000, policy, () => 0), 500);
});

Deno.test("Retry-After is read as seconds or as an HTTP date", () => {
  assert.equal(retryAfterMs("3"), 3000);
  assert.equal(retryAfterMs(null), undefined);
  assert.equal(retryAfterMs("soon"), undefined);
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(retryAfterMs("Thu, 01 Jan 2026 00:00:05 GMT", now), 5000);
});

Deno.test("reads are retried on 5xx and lost connections, creates only when the server did not act", () => {
  assert(shouldRetry("GET", { status: 500 }));
  assert(shouldRetry("PUT", { status: 502 }));
  assert(!shouldRetry("GET", { status: 501 }));
  assert(!shouldRetry("GET", { status: 404 }));
  assert(shouldRetry("POST", { status: 429 }));
  assert(shouldRetry("POST", { status: 503, retryAfter: true }));
  assert(!shouldRetry("POST", { status: 503 }));
  assert(!shouldRetry("POST", { status: 500 }));
  assert(!shouldRetry("PATCH", { status: 502 }));
  assert(shouldRetry("GET", { error: new ConnectionError("reset", true) }));
  assert(!shouldRetry("POST", { error: new ConnectionError("reset", true) }));
  assert(shouldRetry("POST", { error: new ConnectionError("refused", false) }));
  assert(!shouldRetry("GET", { error: new SyntaxError("bad json") }));
});

Deno.test("sleep ends early with the abort reason", async () => {
  const abort = new AbortController();
  const started = Date.now();
  const done = sleep(10_000, abort.signal).catch((e) => e);
  abort.abort(new Error("stop"));
  assert.equal((await done).message, "stop");
  assert(Date.now() - started < 1000);
});
