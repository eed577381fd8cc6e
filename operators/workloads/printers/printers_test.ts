import assert from "node:assert/strict";
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
  workloadPrinters,
} from "./mod.ts";

const now = Date.parse("2024-05-01T12:00:00Z");
const created = "2024-05-01T11:55:00Z";
const podSpec = {
  containers: [{ name: "web", image: "nginx:1.27" }, { name: "log", image: "busybox" }],
  nodeSelector: { disk: "ssd", arch: "amd64" },
};
const names = (p: { columns: readonly { name: string; priority: number }[] }) =>
  p.columns.map((c) => (c.priority ? `(${c.name})` : c.name)).join(" ");

Deno.test("each workload printer has kubectl's columns, wide ones last", () => {
  assert.equal(
    names(deploymentPrinter),
    "Name Ready Up-to-date Available Age (Containers) (Images) (Selector)",
  );
  assert.equal(names(replicaSetPrinter), "Name Desired Current Ready Age (Containers) (Images) (Selector)");
  assert.equal(names(statefulSetPrinter), "Name Ready Age (Containers) (Images)");
  assert.equal(
    names(daemonSetPrinter),
    "Name Desired Current Ready Up-to-date Available Node Selector Age (Containers) (Images) (Selector)",
  );
  assert.equal(names(jobPrinter), "Name Status Completions Duration Age (Containers) (Images) (Selector)");
  assert.equal(
    names(cronJobPrinter),
    "Name Schedule Timezone Suspend Active Last Schedule Age (Containers) (Images) (Selector)",
  );
  assert.equal(
    names(replicationControllerPrinter),
    "Name Desired Current Ready Age (Containers) (Images) (Selector)",
  );
  assert.equal(names(controllerRevisionPrinter), "Name Controller Revision Age");
  assert.equal(workloadPrinters.size, 8);
});

Deno.test("a deployment row shows ready/desired, up-to-date, available, age and the wide cells", () => {
  const row = deploymentPrinter.row({
    metadata: { name: "web", creationTimestamp: created },
    spec: {
      replicas: 3,
      selector: {
        matchLabels: { app: "web" },
        matchExpressions: [{ key: "env", operator: "In", values: ["b", "a"] }],
      },
      template: { spec: podSpec },
    },
    status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  }, now);
  assert.deepEqual(row.cells, [
    "web",
    "2/3",
    3,
    2,
    "5m",
    "web,log",
    "nginx:1.27,busybox",
    "app=web,env in (a,b)",
  ]);
});

Deno.test("replica set, stateful set, daemon set and rc rows count replicas as kubectl does", () => {
  const meta = { name: "x", creationTimestamp: created };
  assert.deepEqual(
    replicaSetPrinter.row({
      metadata: meta,
      spec: { replicas: 3, selector: {}, template: { spec: podSpec } },
      status: { replicas: 2 },
    }, now).cells,
    ["x", 3, 2, 0, "5m", "web,log", "nginx:1.27,busybox", "<none>"],
  );
  assert.deepEqual(
    statefulSetPrinter.row({
      metadata: meta,
      spec: { replicas: 2, template: { spec: podSpec } },
      status: { readyReplicas: 1 },
    }, now).cells,
    ["x", "1/2", "5m", "web,log", "nginx:1.27,busybox"],
  );
  assert.deepEqual(
    daemonSetPrinter.row({
      metadata: meta,
      spec: { selector: { matchLabels: { app: "agent" } }, template: { spec: podSpec } },
      status: {
        desiredNumberScheduled: 2,
        currentNumberScheduled: 2,
        numberReady: 1,
        updatedNumberScheduled: 2,
        numberAvailable: 1,
      },
    }, now).cells,
    ["x", 2, 2, 1, 2, 1, "arch=amd64,disk=ssd", "5m", "web,log", "nginx:1.27,busybox", "app=agent"],
  );
  assert.deepEqual(
    replicationControllerPrinter.row(
      { metadata: meta, spec: { replicas: 2, selector: { b: "2", a: "1" } } },
      now,
    ).cells,
    ["x", 2, 0, 0, "5m", "", "", "a=1,b=2"],
  );
});

Deno.test("a job row shows its status, completions and duration", () => {
  const job = (spec: object, status: object, metadata: object = {}) =>
    jobPrinter.row({ metadata: { name: "pi", creationTimestamp: created, ...metadata }, spec, status }, now)
      .cells.slice(0, 5);
  assert.deepEqual(
    job({ completions: 1 }, {
      succeeded: 1,
      startTime: "2024-05-01T11:55:00Z",
      completionTime: "2024-05-01T11:55:08Z",
      conditions: [{ type: "Complete", status: "True" }],
    }),
    ["pi", "Complete", "1/1", "8s", "5m"],
  );
  assert.deepEqual(job({ parallelism: 3 }, { startTime: "2024-05-01T11:58:00Z" }), [
    "pi",
    "Running",
    "0/1 of 3",
    "2m",
    "5m",
  ]);
  assert.deepEqual(job({}, {}), ["pi", "Running", "0/1", "", "5m"]);
  assert.deepEqual(
    job({ completions: 2 }, { conditions: [{ type: "Suspended", status: "True" }] })[1],
    "Suspended",
  );
  assert.deepEqual(job({ completions: 2 }, {}, { deletionTimestamp: created })[1], "Terminating");
  assert.deepEqual(
    job({ completions: 2 }, { conditions: [{ type: "Failed", status: "True" }] })[1],
    "Failed",
  );
});

Deno.test("a cron job row shows schedule, time zone, suspend, active jobs and the last schedule", () => {
  const cells = cronJobPrinter.row({
    metadata: { name: "hello", creationTimestamp: created },
    spec: {
      schedule: "0 * * * *",
      suspend: false,
      jobTemplate: { spec: { template: { spec: podSpec } } },
    },
    status: { active: [{ name: "hello-1" }], lastScheduleTime: "2024-05-01T11:59:00Z" },
  }, now).cells;
  assert.deepEqual(cells, [
    "hello",
    "0 * * * *",
    "<none>",
    "False",
    1,
    "60s",
    "5m",
    "web,log",
    "nginx:1.27,busybox",
    "<none>",
  ]);
  const bare =
    cronJobPrinter.row({ metadata: { name: "c" }, spec: { schedule: "@daily", timeZone: "Etc/UTC" } }, now)
      .cells;
  assert.deepEqual(bare.slice(0, 7), ["c", "@daily", "Etc/UTC", "<unset>", 0, "<none>", "<unknown>"]);
});

Deno.test("a controller revision row names its controller as kind.group/name", () => {
  const cells = controllerRevisionPrinter.row({
    metadata: {
      name: "web-5d4b9c7f8",
      creationTimestamp: created,
      ownerReferences: [{
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        name: "web",
        uid: "u",
        controller: true,
      }],
    },
    revision: 2,
  }, now).cells;
  assert.deepEqual(cells, ["web-5d4b9c7f8", "statefulset.apps/web", 2, "5m"]);
  assert.equal(controllerRevisionPrinter.row({ metadata: { name: "r" } }, now).cells[1], "<none>");
});
