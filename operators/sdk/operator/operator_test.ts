import assert from "node:assert/strict";
import { customResourceDefinitionsResource, leasesResource } from "../client/resources.ts";
import type { KubeObject } from "../client/types.ts";
import { Controller } from "../controller/controller.ts";
import { jsonLogger } from "../controller/logger.ts";
import { partCrd, widgetCrd, widgetsResource } from "../controller/_testing.ts";
import { eventually } from "../testing/eventually.ts";
import { startTestCore } from "../testing/core.ts";
import type { Manager } from "../manager/manager.ts";
import { installCrds } from "./install.ts";
import { defineOperator, type OperatorContext } from "./operator.ts";
import { operatorFlags, runOperator } from "./run.ts";

Deno.test("defineOperator turns CRD specs into named CustomResourceDefinitions and refuses duplicates and bad names", () => {
  const spec = (widgetCrd as { spec: Record<string, unknown> }).spec;
  const op = defineOperator({ name: "widgets", crds: [spec as never, partCrd], controllers: [] });
  assert.deepEqual(op.crds.map((c) => c.metadata.name), ["widgets.example.com", "parts.example.com"]);
  assert.equal(op.crds[0].kind, "CustomResourceDefinition");
  assert.equal(Object.isFrozen(op), true);
  const step = { name: "widget-defaults", kinds: ["example.com/v1/Widget"], mutate() {} };
  assert.deepEqual(defineOperator({ name: "w", crds: [], controllers: [], admission: [step] }).admission, [
    step,
  ]);
  const core = { ...spec, group: "", names: { plural: "configmaps", kind: "ConfigMap" } };
  assert.equal(
    defineOperator({ name: "config", crds: [core as never], controllers: [] }).crds[0].metadata.name,
    "configmaps",
  );
  assert.throws(
    () => defineOperator({ name: "w", crds: [widgetCrd, spec as never], controllers: [] }),
    /declared twice/,
  );
  assert.throws(() => defineOperator({ name: "Widgets!", crds: [], controllers: [] }), /DNS label/);
  const misnamed = { ...widgetCrd, metadata: { name: "gadgets.example.com" } };
  assert.throws(
    () => defineOperator({ name: "w", crds: [misnamed], controllers: [] }),
    /must be named widgets\.example\.com/,
  );
});

Deno.test("installCrds creates the CRDs, waits until they are Established, and applying again changes nothing", async () => {
  const core = await startTestCore();
  try {
    const op = defineOperator({ name: "widgets", crds: [widgetCrd, partCrd], controllers: [] });
    const first = await installCrds(core.client, op.crds);
    assert.deepEqual([...first.values()], ["created", "created"]);
    const crd = await core.client.resource(customResourceDefinitionsResource).get("widgets.example.com");
    const conditions = (crd.status as { conditions?: { type: string; status: string }[] }).conditions ?? [];
    assert.ok(conditions.some((c) => c.type === "Established" && c.status === "True"));
    const widgets = await core.client.resourceFor("example.com/v1", "Widget");
    await widgets.namespace("default").create({ metadata: { name: "w" }, spec: {} });
    const again = await installCrds(core.client, op.crds);
    assert.deepEqual([...again.values()], ["unchanged", "unchanged"]);
    const spec = (widgetCrd as { spec: { names: Record<string, unknown> } }).spec;
    const changed = { ...spec, names: { ...spec.names, shortNames: ["wd"] } };
    const third = await installCrds(
      core.client,
      defineOperator({ name: "w", crds: [changed as never], controllers: [] }).crds,
    );
    assert.deepEqual([...third.values()], ["updated"]);
    const updated = await core.client.resource(customResourceDefinitionsResource).get("widgets.example.com");
    assert.deepEqual((updated.spec as { names: { shortNames?: string[] } }).names.shortNames, ["wd"]);
  } finally {
    await core.close();
  }
});

Deno.test("operatorFlags reads controller-runtime's flags and refuses unknown ones", () => {
  assert.deepEqual(
    operatorFlags([
      "--kubeconfig",
      "kc.yaml",
      "--leader-elect",
      "--leader-election-namespace=ops",
      "--metrics-bind-address=0",
      "--health-probe-bind-address",
      "127.0.0.1:8081",
    ]),
    { kubeconfig: "kc.yaml", leaderElection: { namespace: "ops" }, healthPort: 8081, hostname: "127.0.0.1" },
  );
  assert.deepEqual(operatorFlags(["--leader-elect=false", "--metrics-bind-address=:8080"]), {
    metricsPort: 8080,
  });
  assert.throws(() => operatorFlags(["--verbose"]), /unknown flag/);
  assert.throws(() => operatorFlags(["--kubeconfig"]), /needs an argument/);
});

/** The widgets operator; `copy` tags what each running copy reconciles. */
function widgetsOperator(copy: string, reconciled: { by: string; key: string }[]) {
  return defineOperator({
    name: "widgets",
    crds: [widgetCrd],
    controllers: [(_ctx: OperatorContext) =>
      new Controller<KubeObject>({
        name: "widget",
        for: widgetsResource,
        reconcile: (key) => {
          reconciled.push({ by: copy, key });
          return Promise.resolve();
        },
      })],
  });
}

Deno.test("of two copies of an operator on one core only the leader reconciles, and the other takes over when it stops", async () => {
  const core = await startTestCore();
  const reconciled: { by: string; key: string }[] = [];
  const quiet = jsonLogger(() => {});
  const timing = { namespace: "default", leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 200 };
  const stopA = new AbortController();
  const stopB = new AbortController();
  const widgets = core.client.resource(widgetsResource).namespace("default");
  let managerA: Manager | undefined;
  // Copy a uses the test's client; copy b reads the kubeconfig, as `main.ts --kubeconfig FILE` does.
  const a = runOperator(widgetsOperator("a", reconciled), {
    client: core.client,
    log: quiet,
    leaderElection: { ...timing, identity: "a" },
    signal: stopA.signal,
    onManager: (m) => managerA = m,
  });
  let b: Promise<void> | undefined;
  try {
    await eventually("copy a leads", () => managerA?.leading === true, 10_000);
    await widgets.create({ metadata: { name: "one" }, spec: {} });
    await eventually(
      "copy a reconciles the first widget",
      () => reconciled.some((r) => r.key === "default/one"),
    );
    let managerB: Manager | undefined;
    b = runOperator(widgetsOperator("b", reconciled), {
      kubeconfig: core.kubeconfig,
      log: quiet,
      leaderElection: { ...timing, identity: "b" },
      signal: stopB.signal,
      onManager: (m) => managerB = m,
    });
    await eventually("copy b has synced its caches", () => managerB?.ready === true, 10_000);
    await widgets.create({ metadata: { name: "two" }, spec: {} });
    await eventually(
      "the second widget is reconciled",
      () => reconciled.some((r) => r.key === "default/two"),
    );
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual([...new Set(reconciled.map((r) => r.by))], ["a"], "only the leader reconciles");
    assert.equal(managerB?.leading, false);

    stopA.abort();
    await a;
    await widgets.create({ metadata: { name: "three" }, spec: {} });
    await eventually(
      "copy b takes over and reconciles the third widget",
      () => reconciled.some((r) => r.by === "b" && r.key === "default/three"),
    );
    assert.ok(!reconciled.some((r) => r.by === "a" && r.key === "default/three"));
    assert.ok(
      reconciled.some((r) => r.by === "b" && r.key === "default/one"),
      "the new leader resyncs everything",
    );
  } finally {
    stopA.abort();
    stopB.abort();
    await a.catch(() => {});
    await b?.catch(() => {});
    await core.close();
  }
});

Deno.test("an operator's main.ts run with --kubeconfig installs its CRDs, reconciles, and releases its Lease on SIGTERM", async () => {
  const core = await startTestCore();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./_example_main.ts", import.meta.url).pathname,
      "--kubeconfig",
      core.kubeconfig,
      "--leader-elect",
      "--leader-election-namespace=default",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  try {
    const widgets = core.client.resource(widgetsResource).namespace("default");
    await eventually("the operator installed the Widget CRD", async () => {
      try {
        await widgets.create({ metadata: { name: "w" }, spec: {} });
        return true;
      } catch {
        return false;
      }
    }, 20_000);
    await eventually(
      "the operator reconciled the widget",
      async () => (await widgets.get("w")).status !== undefined,
      20_000,
    );
    const leases = core.client.resource(leasesResource).namespace("default");
    assert.ok((await leases.get("widgets")).spec?.holderIdentity);
    child.kill("SIGTERM");
    const status = await child.status;
    assert.equal(status.code, 0, await stderr);
    assert.equal((await leases.get("widgets")).spec?.holderIdentity ?? "", "", "the Lease was released");
  } finally {
    try {
      child.kill("SIGKILL");
    } catch { /* exited */ }
    await child.status;
    await stderr;
    await core.close();
  }
});
