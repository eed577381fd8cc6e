import assert from "node:assert/strict";
import { tolerationTimeMs } from "./eviction.ts";
import {
  lifecycleTaints,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_UNREACHABLE,
  unknownConditions,
} from "./taints.ts";

const T0 = "2026-01-01T00:00:00Z";
const T1 = "2026-01-01T00:01:00Z";

Deno.test("an unreachable node gets both unreachable taints; a ready one loses them and keeps its own", () => {
  const own = { key: "gpu", value: "yes", effect: "NoSchedule" as const };
  const tainted = lifecycleTaints([own], "unreachable", T0);
  assert.deepEqual(tainted, [
    own,
    { key: TAINT_NODE_UNREACHABLE, effect: "NoSchedule" },
    { key: TAINT_NODE_UNREACHABLE, effect: "NoExecute", timeAdded: T0 },
  ]);
  assert.deepEqual(lifecycleTaints(tainted, "unreachable", T1), tainted, "timeAdded is kept");
  assert.deepEqual(lifecycleTaints(tainted, "ready", T1), [own]);
  assert.deepEqual(lifecycleTaints(tainted, "not-ready", T1).map((t) => `${t.key}:${t.effect}`), [
    "gpu:NoSchedule",
    `${TAINT_NODE_NOT_READY}:NoSchedule`,
    `${TAINT_NODE_NOT_READY}:NoExecute`,
  ]);
});

Deno.test("a silent node's kubelet conditions become Unknown once, and a node that never reported gets Ready Unknown", () => {
  const conditions = unknownConditions([
    { type: "Ready", status: "True", reason: "KubeletReady", lastHeartbeatTime: T0 },
    { type: "NetworkUnavailable", status: "False" },
  ], T1)!;
  assert.deepEqual(conditions[0], {
    type: "Ready",
    status: "Unknown",
    reason: "NodeStatusUnknown",
    message: "Kubelet stopped posting node status.",
    lastHeartbeatTime: T0,
    lastTransitionTime: T1,
  });
  assert.deepEqual(conditions[1], { type: "NetworkUnavailable", status: "False" });
  assert.equal(unknownConditions(conditions, T1), undefined);
  assert.equal(unknownConditions([], T1)?.[0].reason, "NodeStatusNeverUpdated");
});

Deno.test("eviction time is now when a NoExecute taint is untolerated, the least tolerationSeconds used, or never", () => {
  const unreachable = { key: TAINT_NODE_UNREACHABLE, effect: "NoExecute" as const };
  const notReady = { key: TAINT_NODE_NOT_READY, effect: "NoExecute" as const };
  const tol = (key: string, seconds?: number) => ({
    key,
    operator: "Exists" as const,
    effect: "NoExecute" as const,
    tolerationSeconds: seconds,
  });
  assert.equal(tolerationTimeMs([{ key: "x", effect: "NoSchedule" }], []), Infinity);
  assert.equal(tolerationTimeMs([unreachable], []), 0);
  assert.equal(tolerationTimeMs([unreachable, notReady], [tol(TAINT_NODE_UNREACHABLE, 30)]), 0);
  assert.equal(
    tolerationTimeMs([unreachable, notReady], [
      tol(TAINT_NODE_UNREACHABLE, 30),
      tol(TAINT_NODE_NOT_READY, 10),
    ]),
    10_000,
  );
  assert.equal(tolerationTimeMs([unreachable], [tol(TAINT_NODE_UNREACHABLE, -5)]), 0);
  assert.equal(tolerationTimeMs([unreachable], [tol(TAINT_NODE_UNREACHABLE)]), Infinity);
});
