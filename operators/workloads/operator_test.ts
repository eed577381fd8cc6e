import assert from "node:assert/strict";
import type { Deployment } from "./api/deployment.ts";
import { eventually } from "@skiff/sdk";
import { startWorkloadsCore } from "./_testing.ts";
import { resetStatusOnCreate, workloadsOperator } from "./operator.ts";
import { deploymentsResource } from "./resources.ts";

Deno.test("the workloads operator serves its kinds built in and runs its eight controllers", () => {
  assert.equal(workloadsOperator.name, "workloads");
  assert.equal(workloadsOperator.crds.length, 0);
  // ReplicaSet, ReplicationController, Deployment, Job, TTL-after-finished, CronJob, StatefulSet, DaemonSet.
  assert.equal(workloadsOperator.controllers.length, 8);
  assert.equal(workloadsOperator.builtinKinds?.definitions.length, 8);
  assert.ok(workloadsOperator.builtinKinds?.printers?.has("apps/Deployment"));
  assert.ok(resetStatusOnCreate.kinds?.includes("apps/v1/Deployment"));
  assert.ok(resetStatusOnCreate.kinds?.includes("v1/ReplicationController"));
  assert.ok(!resetStatusOnCreate.kinds?.includes("apps/v1/ControllerRevision"), "no status subresource");
});

Deno.test("a workload's status starts empty on create, survives updates, and generation counts spec changes", async () => {
  const w = await startWorkloadsCore();
  try {
    const api = w.client.resource(deploymentsResource).namespace("default");
    const created = await api.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: "nginx" }] },
        },
      },
      status: { replicas: 5, observedGeneration: 9 },
    } as Deployment);
    assert.deepEqual(created.status, {});
    assert.equal(created.metadata?.generation, 1);
    const seen = await eventually("the controller observed it", async () => {
      const d = await api.get("web");
      return d.status?.observedGeneration === 1 ? d : undefined;
    });
    const updated = await api.update({ ...seen, status: { replicas: 5, observedGeneration: 9 } });
    assert.equal(updated.status?.observedGeneration, 1, "a main-resource update keeps the status");
    assert.equal(updated.status?.replicas, undefined);
    const labelled = await api.patch("web", { metadata: { labels: { tier: "front" } } });
    assert.equal(labelled.metadata?.generation, 1, "metadata is not spec");
    const scaled = await api.patch("web", { spec: { replicas: 1 } });
    assert.equal(scaled.metadata?.generation, 2);
  } finally {
    await w.close();
  }
});
