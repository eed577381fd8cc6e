import assert from "node:assert/strict";
import { createApiServer } from "@skiff/api";
import { openEmbeddedStore } from "@skiff/store";
import { workloadsDefinitions } from "../api/mod.ts";
import { admissionSteps } from "./mod.ts";

// A real API server on a fresh embedded store, serving the workload kinds with these admission steps.
async function server() {
  const dir = await Deno.makeTempDir({ prefix: "skiff-workloads-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  const api = createApiServer({ store, log: () => {} });
  for (const def of workloadsDefinitions) api.registry.add(def, { builtin: true });
  for (const step of admissionSteps) api.admission.add(step);
  await api.start();
  return {
    // deno-lint-ignore no-explicit-any
    async req(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
      const res = await api.app.request(path, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: { "content-type": method === "PATCH" ? "application/merge-patch+json" : "application/json" },
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await api.stop();
      store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

const template = (labels: Record<string, string>, restartPolicy?: string) => ({
  metadata: { labels },
  spec: { restartPolicy, containers: [{ name: "web", image: "nginx:1.27" }] },
});

Deno.test("the API server defaults a created deployment and its pod template through the workload steps", async () => {
  const s = await server();
  try {
    const { status, body } = await s.req("POST", "/apis/apps/v1/namespaces/default/deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template: template({ app: "web" }) },
    });
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.spec.replicas, 1);
    assert.deepEqual(body.spec.strategy, {
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
    });
    assert.equal(body.spec.revisionHistoryLimit, 10);
    assert.equal(body.spec.progressDeadlineSeconds, 600);
    assert.equal(body.spec.template.spec.dnsPolicy, "ClusterFirst");
    assert.equal(body.spec.template.spec.containers[0].imagePullPolicy, "IfNotPresent");
  } finally {
    await s.close();
  }
});

Deno.test("the API server refuses a deployment whose selector does not match its template with Kubernetes' message", async () => {
  const s = await server();
  try {
    const { status, body } = await s.req("POST", "/apis/apps/v1/namespaces/default/deployments", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template: template({ app: "x" }) },
    });
    assert.equal(status, 422);
    assert.equal(body.reason, "Invalid");
    assert.deepEqual(body.details.causes, [{
      reason: "FieldValueInvalid",
      field: "spec.template.metadata.labels",
      message: 'Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    }]);
    assert.match(body.message, /^Deployment\.apps "web" is invalid: /);
  } finally {
    await s.close();
  }
});

Deno.test("the API server keeps a deployment's selector immutable", async () => {
  const s = await server();
  try {
    const path = "/apis/apps/v1/namespaces/default/deployments";
    await s.req("POST", path, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template: template({ app: "web" }) },
    });
    const { status, body } = await s.req("PATCH", `${path}/web`, {
      spec: { selector: { matchLabels: { app: "y" } }, template: { metadata: { labels: { app: "y" } } } },
    });
    assert.equal(status, 422, JSON.stringify(body));
    assert.equal(body.details.causes[0].field, "spec.selector");
    assert.match(body.details.causes[0].message, /: field is immutable$/);
    const scaled = await s.req("PATCH", `${path}/web`, { spec: { replicas: 4 } });
    assert.equal(scaled.status, 200, JSON.stringify(scaled.body));
  } finally {
    await s.close();
  }
});

Deno.test("the API server generates a job's selector from its uid and rejects restartPolicy Always", async () => {
  const s = await server();
  try {
    const path = "/apis/batch/v1/namespaces/default/jobs";
    const ok = await s.req("POST", path, {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "pi" },
      spec: { template: template({ app: "pi" }, "Never") },
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const uid = ok.body.metadata.uid;
    assert.deepEqual(ok.body.spec.selector, { matchLabels: { "batch.kubernetes.io/controller-uid": uid } });
    assert.equal(ok.body.spec.template.metadata.labels["job-name"], "pi");
    assert.equal(ok.body.metadata.labels["batch.kubernetes.io/job-name"], "pi");
    assert.deepEqual([ok.body.spec.backoffLimit, ok.body.spec.completions, ok.body.spec.manualSelector], [
      6,
      1,
      false,
    ]);

    const bad = await s.req("POST", path, {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "always" },
      spec: { template: template({ app: "pi" }) },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.details.causes.map((c: { field: string; message: string }) => `${c.field}: ${c.message}`),
      [
        'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      ],
    );
  } finally {
    await s.close();
  }
});

Deno.test("the API server refuses a cron job with a bad schedule", async () => {
  const s = await server();
  try {
    const { status, body } = await s.req("POST", "/apis/batch/v1/namespaces/default/cronjobs", {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "hello" },
      spec: { schedule: "0 0 * *", jobTemplate: { spec: { template: template({ app: "c" }, "OnFailure") } } },
    });
    assert.equal(status, 422);
    assert.deepEqual(body.details.causes.map((c: { message: string }) => c.message), [
      'Invalid value: "0 0 * *": expected exactly 5 fields, found 4: [0 0 * *]',
    ]);
  } finally {
    await s.close();
  }
});
