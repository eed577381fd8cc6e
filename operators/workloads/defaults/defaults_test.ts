import assert from "node:assert/strict";
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultReplicaSet,
  defaultReplicationController,
  defaultStatefulSet,
  fillJobDefaults,
  generateJobSelector,
} from "./mod.ts";
import type { Job } from "../api/mod.ts";

const podSpec = () => ({ containers: [{ name: "web", image: "nginx:1.27" }] });
const template = () => ({ metadata: { labels: { app: "web" } }, spec: podSpec() });
const selector = { matchLabels: { app: "web" } };

// Cases from TestSetDefaultDeployment (pkg/apis/apps/v1/defaults_test.go).
Deno.test("a deployment defaults to one replica rolling 25%/25% with 10 revisions and a 600s deadline", () => {
  const cases = [
    {
      spec: {},
      want: {
        replicas: 1,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    },
    {
      spec: { replicas: 5, strategy: { rollingUpdate: { maxSurge: 1 } } },
      want: {
        replicas: 5,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: 1 } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    },
    {
      spec: {
        replicas: 0,
        strategy: { type: "Recreate" as const },
        revisionHistoryLimit: 0,
        progressDeadlineSeconds: 30,
      },
      want: {
        replicas: 0,
        strategy: { type: "Recreate" },
        revisionHistoryLimit: 0,
        progressDeadlineSeconds: 30,
      },
    },
  ];
  for (const { spec, want } of cases) {
    const got = defaultDeployment({ spec: { selector, template: template(), ...spec } }).spec!;
    const { selector: _s, template: _t, ...rest } = got;
    assert.deepEqual(rest, want);
  }
});

Deno.test("defaulting a workload fills its pod template's spec but leaves the input alone", () => {
  const input = { spec: { selector, template: template() } };
  const got = defaultDeployment(input);
  assert.equal(got.spec?.template.spec?.restartPolicy, "Always");
  assert.equal(got.spec?.template.spec?.dnsPolicy, "ClusterFirst");
  assert.equal(got.spec?.template.spec?.containers[0].imagePullPolicy, "IfNotPresent");
  assert.equal(got.spec?.template.spec?.containers[0].terminationMessagePath, "/dev/termination-log");
  assert.equal(input.spec.template.spec.containers[0].name, "web");
  assert.equal((input.spec as Record<string, unknown>).replicas, undefined);
});

Deno.test("a replica set defaults to one replica and keeps an explicit zero", () => {
  assert.equal(defaultReplicaSet({ spec: { selector, template: template() } }).spec?.replicas, 1);
  assert.equal(
    defaultReplicaSet({ spec: { replicas: 0, selector, template: template() } }).spec?.replicas,
    0,
  );
});

Deno.test("a stateful set defaults to OrderedReady, a partition 0 rolling update, Retain/Retain and claim templates in Filesystem mode", () => {
  const got = defaultStatefulSet({
    spec: {
      serviceName: "db",
      selector,
      template: template(),
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"] } }],
    },
  }).spec!;
  assert.equal(got.podManagementPolicy, "OrderedReady");
  assert.deepEqual(got.updateStrategy, { type: "RollingUpdate", rollingUpdate: { partition: 0 } });
  assert.deepEqual(got.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
  assert.equal(got.replicas, 1);
  assert.equal(got.revisionHistoryLimit, 10);
  assert.equal(got.volumeClaimTemplates![0].spec?.volumeMode, "Filesystem");
  assert.deepEqual(got.volumeClaimTemplates![0].status, { phase: "Pending" });
});

Deno.test("a stateful set's explicit strategies keep their shape: OnDelete gets no rollingUpdate, RollingUpdate no invented one", () => {
  const onDelete = defaultStatefulSet({
    spec: { serviceName: "db", selector, template: template(), updateStrategy: { type: "OnDelete" } },
  });
  assert.deepEqual(onDelete.spec?.updateStrategy, { type: "OnDelete" });
  const rolling = defaultStatefulSet({
    spec: { serviceName: "db", selector, template: template(), updateStrategy: { type: "RollingUpdate" } },
  });
  assert.deepEqual(rolling.spec?.updateStrategy, { type: "RollingUpdate" });
  const partitioned = defaultStatefulSet({
    spec: {
      serviceName: "db",
      selector,
      template: template(),
      updateStrategy: { rollingUpdate: { partition: 2 } },
    },
  });
  assert.deepEqual(partitioned.spec?.updateStrategy, {
    type: "RollingUpdate",
    rollingUpdate: { partition: 2 },
  });
});

Deno.test("a daemon set defaults to a rolling update of one unavailable and no surge, with 10 revisions", () => {
  const got = defaultDaemonSet({ spec: { selector, template: template() } }).spec!;
  assert.deepEqual(got.updateStrategy, {
    type: "RollingUpdate",
    rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
  });
  assert.equal(got.revisionHistoryLimit, 10);
  const onDelete = defaultDaemonSet({
    spec: { selector, template: template(), updateStrategy: { type: "OnDelete" } },
  });
  assert.deepEqual(onDelete.spec?.updateStrategy, { type: "OnDelete" });
});

// Cases from TestSetDefaultJob (pkg/apis/batch/v1/defaults_test.go).
Deno.test("a job's completions and parallelism default together only when both are unset", () => {
  const cases: [Record<string, number>, [number | undefined, number | undefined]][] = [
    [{}, [1, 1]],
    [{ completions: 5 }, [5, 1]],
    [{ parallelism: 4 }, [undefined, 4]],
    [{ completions: 0, parallelism: 0 }, [0, 0]],
  ];
  for (const [given, [completions, parallelism]] of cases) {
    const spec = defaultJob({ spec: { ...given, template: { spec: podSpec() } } }).spec!;
    assert.deepEqual([spec.completions, spec.parallelism], [completions, parallelism], JSON.stringify(given));
  }
});

Deno.test("a job defaults backoffLimit, completionMode, suspend, podReplacementPolicy and manualSelector", () => {
  const plain = defaultJob({ spec: { template: { spec: podSpec() } } }).spec!;
  assert.deepEqual(
    [
      plain.backoffLimit,
      plain.completionMode,
      plain.suspend,
      plain.podReplacementPolicy,
      plain.manualSelector,
    ],
    [6, "NonIndexed", false, "TerminatingOrFailed", false],
  );
  const perIndex = defaultJob({
    spec: {
      completionMode: "Indexed",
      completions: 3,
      backoffLimitPerIndex: 1,
      podFailurePolicy: {
        rules: [{
          action: "Ignore",
          onPodConditions: [{ type: "DisruptionTarget" } as { type: string; status: string }],
        }],
      },
      template: { spec: podSpec() },
    },
  }).spec!;
  assert.equal(perIndex.backoffLimit, 2147483647);
  assert.equal(perIndex.podReplacementPolicy, "Failed");
  assert.equal(perIndex.podFailurePolicy?.rules[0].onPodConditions?.[0].status, "True");
});

Deno.test("a job without labels takes its template's, and a job with labels keeps its own", () => {
  assert.deepEqual(defaultJob({ spec: { template: template() } }).metadata?.labels, { app: "web" });
  assert.deepEqual(
    defaultJob({ metadata: { labels: { mine: "yes" } }, spec: { template: template() } }).metadata?.labels,
    { mine: "yes" },
  );
});

Deno.test("a job's generated selector matches its uid and labels the template (and the job sharing its labels)", () => {
  const job: Job = { metadata: { name: "pi", uid: "1a2b" }, spec: { template: template() } };
  fillJobDefaults(job);
  generateJobSelector(job);
  const want = {
    app: "web",
    "job-name": "pi",
    "batch.kubernetes.io/job-name": "pi",
    "controller-uid": "1a2b",
    "batch.kubernetes.io/controller-uid": "1a2b",
  };
  assert.deepEqual(job.spec?.template.metadata?.labels, want);
  assert.deepEqual(JSON.parse(JSON.stringify(job.metadata?.labels)), want);
  assert.deepEqual(job.spec?.selector, { matchLabels: { "batch.kubernetes.io/controller-uid": "1a2b" } });

  const manual: Job = {
    metadata: { name: "pi", uid: "1a2b" },
    spec: { manualSelector: true, selector, template: template() },
  };
  generateJobSelector(manual);
  assert.deepEqual(manual.spec?.selector, selector);
  assert.deepEqual(manual.spec?.template.metadata?.labels, { app: "web" });
});

Deno.test("a cron job defaults to Allow, not suspended, 3 successful and 1 failed jobs kept; its job template gets pod defaults only", () => {
  const got = defaultCronJob({
    spec: { schedule: "@hourly", jobTemplate: { spec: { template: { spec: podSpec() } } } },
  }).spec!;
  assert.deepEqual(
    [got.concurrencyPolicy, got.suspend, got.successfulJobsHistoryLimit, got.failedJobsHistoryLimit],
    ["Allow", false, 3, 1],
  );
  assert.equal(got.jobTemplate.spec?.backoffLimit, undefined);
  assert.equal(got.jobTemplate.spec?.template.spec?.dnsPolicy, "ClusterFirst");
});

// Cases from TestSetDefaultReplicationController (pkg/apis/core/v1/defaults_test.go).
Deno.test("a replication controller takes selector and labels from its template when they are empty", () => {
  const cases = [
    { rc: {}, selector: { app: "web" }, labels: { app: "web" } },
    { rc: { selector: { app: "other" } }, selector: { app: "other" }, labels: { app: "web" } },
    { rc: { labels: { owner: "me" } }, selector: { app: "web" }, labels: { owner: "me" } },
  ];
  for (const c of cases) {
    const got = defaultReplicationController({
      metadata: c.rc.labels ? { labels: c.rc.labels } : {},
      spec: { selector: c.rc.selector, template: template() },
    });
    assert.deepEqual(got.spec?.selector, c.selector);
    assert.deepEqual(got.metadata?.labels, c.labels);
    assert.equal(got.spec?.replicas, 1);
  }
});
