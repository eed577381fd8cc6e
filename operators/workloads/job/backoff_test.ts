import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import { BackoffStore, finishedTime, remainingBackoff } from "./_backoff.ts";

const at = (s: string) => Date.parse(s);
const finished = (uid: string, time: string): Pod => ({
  metadata: { uid, creationTimestamp: "2024-05-01T09:00:00Z" },
  status: { containerStatuses: [{ name: "c", state: { terminated: { exitCode: 1, finishedAt: time } } }] },
} as Pod);

// Cases after TestGetRemainingBackoffTime (backoff_utils_test.go), with the 10 s base and 10 min cap.
Deno.test("the pod failure backoff doubles from 10 s per failure since the last success, up to 10 min", () => {
  const last = at("2024-05-01T10:00:00Z");
  const wait = (failures: number, elapsedMs: number) =>
    remainingBackoff(
      { key: "k", failuresAfterLastSuccess: failures, lastFailureTime: last },
      last + elapsedMs,
      10_000,
      600_000,
    );
  assert.equal(wait(0, 0), 0);
  assert.equal(wait(1, 0), 10_000);
  assert.equal(wait(1, 4_000), 6_000);
  assert.equal(wait(1, 11_000), 0);
  assert.equal(wait(3, 0), 40_000);
  assert.equal(wait(7, 0), 600_000);
  assert.equal(wait(20, 60_000), 540_000);
});

Deno.test("failures after the newest success count toward the backoff, earlier ones do not", () => {
  const store = new BackoffStore();
  let r = store.next("k", [], [
    finished("f1", "2024-05-01T10:00:00Z"),
    finished("f2", "2024-05-01T10:00:05Z"),
  ]);
  assert.deepEqual([r.failuresAfterLastSuccess, r.lastFailureTime], [2, at("2024-05-01T10:00:05Z")]);
  store.update(r);
  r = store.next("k", [finished("s", "2024-05-01T10:01:00Z")], [
    finished("f3", "2024-05-01T10:00:30Z"),
    finished("f4", "2024-05-01T10:01:10Z"),
    finished("f5", "2024-05-01T10:01:20Z"),
  ]);
  assert.deepEqual([r.failuresAfterLastSuccess, r.lastFailureTime], [2, at("2024-05-01T10:01:20Z")]);
  store.update(r);
  r = store.next("k", [finished("s2", "2024-05-01T10:02:00Z")], []);
  assert.deepEqual([r.failuresAfterLastSuccess, r.lastFailureTime], [0, undefined]);
});

Deno.test("a pod finished when its last container terminated, else when it stopped being ready", () => {
  assert.equal(finishedTime(finished("a", "2024-05-01T10:00:07Z")), at("2024-05-01T10:00:07Z"));
  const notReady = {
    metadata: { creationTimestamp: "2024-05-01T09:00:00Z" },
    status: { conditions: [{ type: "Ready", status: "False", lastTransitionTime: "2024-05-01T10:00:03Z" }] },
  } as Pod;
  assert.equal(finishedTime(notReady), at("2024-05-01T10:00:03Z"));
  const deleted = {
    metadata: {
      creationTimestamp: "2024-05-01T09:00:00Z",
      deletionTimestamp: "2024-05-01T10:00:30Z",
      deletionGracePeriodSeconds: 30,
    },
  } as Pod;
  assert.equal(finishedTime(deleted), at("2024-05-01T10:00:00Z"));
});
