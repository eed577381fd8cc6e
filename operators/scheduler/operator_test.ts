import assert from "node:assert/strict";
import { podsResource, runOperator, silentLogger, startTestCore } from "@skiff/sdk";
import { startSimulator } from "@skiff/sim";
import { testPod, waitFor } from "./_core_testing.ts";
import { createSchedulerOperator, schedulerOperator } from "./operator.ts";

Deno.test("the scheduler module declares its controllers and the DefaultTolerationSeconds admission step, and no kinds", () => {
  assert.equal(schedulerOperator.name, "scheduler");
  assert.deepEqual(schedulerOperator.crds, []);
  assert.equal(schedulerOperator.controllers.length, 2);
  assert.deepEqual(schedulerOperator.admission.map((s) => s.name), ["DefaultTolerationSeconds"]);
});

Deno.test("the scheduler module binds pods to simulated nodes, whose kubelet then runs them", async () => {
  const core = await startTestCore();
  const client = core.inProcessClient;
  const op = createSchedulerOperator({ nodeLifecycle: { monitorPeriodMs: 200 } });
  const removeAdmission = op.admission.map((step) => core.api.admission.add(step));
  const sim = await startSimulator(client, { count: 3 });
  const abort = new AbortController();
  const running = runOperator(op, { client, signal: abort.signal, log: silentLogger });
  try {
    const pods = client.resource(podsResource).namespace("default");
    for (let i = 0; i < 6; i++) await pods.create(testPod(`web-${i}`));
    const running = await waitFor("six running pods", async () => {
      const items = (await pods.list()).items.filter((p) => p.status?.phase === "Running");
      return items.length === 6 ? items : undefined;
    }, 15_000);
    assert.ok(running.every((p) => p.spec?.nodeName?.startsWith("sim-node-")));
    assert.ok(running.every((p) => p.spec?.tolerations?.some((t) => t.tolerationSeconds === 300)));
    assert.ok(new Set(running.map((p) => p.spec?.nodeName)).size > 1, "pods spread over nodes");
  } finally {
    abort.abort();
    await running;
    await sim.stop();
    removeAdmission.forEach((remove) => remove());
    await core.close();
  }
});
