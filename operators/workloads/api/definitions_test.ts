import assert from "node:assert/strict";
import * as v from "valibot";
import { checkStructural, validate } from "@skiff/schema";
import {
  controllerRevisionDefinition,
  cronJobDefinition,
  CronJobSchema,
  daemonSetDefinition,
  deploymentDefinition,
  DeploymentSchema,
  jobDefinition,
  JobSchema,
  replicaSetDefinition,
  replicationControllerDefinition,
  ReplicationControllerSchema,
  statefulSetDefinition,
  StatefulSetSchema,
  workloadsDefinitions,
} from "./mod.ts";

const template = {
  metadata: { labels: { app: "web" } },
  spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
};

Deno.test("every workload kind has Kubernetes' names, short names and categories", () => {
  const table = workloadsDefinitions.map((d) => [
    d.group,
    d.names.plural,
    d.names.kind,
    d.names.shortNames ?? [],
    d.names.categories ?? [],
  ]);
  assert.deepEqual(table, [
    ["apps", "deployments", "Deployment", ["deploy"], ["all"]],
    ["apps", "replicasets", "ReplicaSet", ["rs"], ["all"]],
    ["apps", "statefulsets", "StatefulSet", ["sts"], ["all"]],
    ["apps", "daemonsets", "DaemonSet", ["ds"], ["all"]],
    ["apps", "controllerrevisions", "ControllerRevision", [], []],
    ["batch", "jobs", "Job", [], ["all"]],
    ["batch", "cronjobs", "CronJob", ["cj"], ["all"]],
    ["", "replicationcontrollers", "ReplicationController", ["rc"], ["all"]],
  ]);
  assert.ok(workloadsDefinitions.every((d) => d.scope === "Namespaced"));
});

Deno.test("the scalable kinds expose replicas and the selector through /scale; the rest have none", () => {
  for (
    const d of [
      deploymentDefinition,
      replicaSetDefinition,
      statefulSetDefinition,
      replicationControllerDefinition,
    ]
  ) {
    assert.deepEqual(d.versions[0].subresources, {
      status: {},
      scale: {
        specReplicasPath: ".spec.replicas",
        statusReplicasPath: ".status.replicas",
        labelSelectorPath: ".spec.selector",
      },
    });
  }
  for (const d of [daemonSetDefinition, jobDefinition, cronJobDefinition]) {
    assert.deepEqual(d.versions[0].subresources, { status: {} });
  }
  assert.equal(controllerRevisionDefinition.versions[0].subresources, undefined);
});

Deno.test("every workload schema is structural, with the full ObjectMeta a built-in kind describes", () => {
  for (const d of workloadsDefinitions) {
    // A user's CRD may only constrain metadata.name and generateName; built-in kinds (crds/README.md)
    // describe all of ObjectMeta, so that one rule is the only complaint.
    const errors = checkStructural(d.versions[0].schema!.openAPIV3Schema!);
    assert.deepEqual(errors.map((e) => e.field), ["properties[metadata]"], d.names.kind);
  }
});

Deno.test("a deployment's schema carries Kubernetes' list, patch and int-or-string markers", () => {
  const spec = deploymentDefinition.versions[0].schema!.openAPIV3Schema!.properties!.spec;
  const conditions = deploymentDefinition.versions[0].schema!.openAPIV3Schema!.properties!.status.properties!
    .conditions;
  assert.deepEqual(spec.required, ["selector", "template"]);
  assert.equal(spec.properties!.strategy["x-kubernetes-patch-strategy"], "retainKeys");
  assert.equal(
    spec.properties!.strategy.properties!.rollingUpdate.properties!.maxSurge["x-kubernetes-int-or-string"],
    true,
  );
  assert.equal(conditions["x-kubernetes-list-type"], "map");
  assert.deepEqual(conditions["x-kubernetes-list-map-keys"], ["type"]);
  assert.equal(conditions["x-kubernetes-patch-merge-key"], "type");
  assert.match(
    spec.properties!.template.properties!.spec.properties!.containers.description!,
    /List of containers/,
  );
});

Deno.test("the structural schema refuses a deployment without a selector as Kubernetes' OpenAPI does", () => {
  const schema = deploymentDefinition.versions[0].schema!.openAPIV3Schema!;
  const errors = validate({ apiVersion: "apps/v1", kind: "Deployment", spec: { template } }, schema);
  assert.deepEqual(errors.map((e) => [e.reason, e.field]), [["FieldValueRequired", "spec.selector"]]);
});

Deno.test("the valibot schemas accept the kinds as users write them", () => {
  const cases: [v.GenericSchema, unknown][] = [
    [DeploymentSchema, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        template,
      },
    }],
    [StatefulSetSchema, {
      spec: {
        serviceName: "db",
        selector: { matchLabels: { app: "web" } },
        template,
        volumeClaimTemplates: [{
          metadata: { name: "data" },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        }],
      },
    }],
    [JobSchema, {
      spec: {
        completionMode: "Indexed",
        completions: 3,
        podFailurePolicy: { rules: [{ action: "FailJob", onExitCodes: { operator: "In", values: [42] } }] },
        template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl" }] } },
      },
    }],
    [CronJobSchema, {
      spec: {
        schedule: "@hourly",
        timeZone: "Europe/Berlin",
        concurrencyPolicy: "Forbid",
        jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "busybox" }] } } } },
      },
    }],
    [ReplicationControllerSchema, { spec: { replicas: 2, selector: { app: "web" }, template } }],
  ];
  for (const [schema, value] of cases) assert.ok(v.safeParse(schema, value).success, JSON.stringify(value));
  assert.equal(v.safeParse(DeploymentSchema, { spec: { strategy: { type: "Blue" } } }).success, false);
});
