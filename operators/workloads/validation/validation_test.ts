import assert from "node:assert/strict";
import {
  validateCronJob,
  validateDaemonSet,
  validateDeployment,
  validateDeploymentUpdate,
  validateJob,
  validateJobUpdate,
  validateReplicaSet,
  validateReplicaStatus,
  validateReplicationController,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from "./mod.ts";
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultReplicaSet,
  defaultReplicationController,
  defaultStatefulSet,
  generateJobSelector,
} from "../defaults/mod.ts";
import type { Deployment, Job } from "../api/mod.ts";

const containers = [{ name: "web", image: "nginx:1.27" }];
const template = (labels: Record<string, string> = { app: "web" }) => ({
  metadata: { labels },
  spec: { containers },
});
const selector = { matchLabels: { app: "web" } };
const deployment = (spec: Partial<NonNullable<Deployment["spec"]>> = {}): Deployment =>
  defaultDeployment({ metadata: { name: "web" }, spec: { selector, template: template(), ...spec } });
const messages = (errors: { field: string; message: string }[]) =>
  errors.map((e) => `${e.field}: ${e.message}`);

Deno.test("a defaulted deployment, replica set, daemon set, stateful set and rc are valid", () => {
  assert.deepEqual(validateDeployment(deployment()), []);
  assert.deepEqual(validateReplicaSet(defaultReplicaSet({ spec: { selector, template: template() } })), []);
  assert.deepEqual(validateDaemonSet(defaultDaemonSet({ spec: { selector, template: template() } })), []);
  assert.deepEqual(
    validateStatefulSet(
      defaultStatefulSet({
        metadata: { name: "db" },
        spec: { serviceName: "db", selector, template: template() },
      }),
    ),
    [],
  );
  assert.deepEqual(
    validateReplicationController(defaultReplicationController({ spec: { template: template() } })),
    [],
  );
});

// Messages as kube-apiserver returns them (pkg/apis/apps/validation/validation_test.go cases).
Deno.test("deployment validation reports Kubernetes' messages", () => {
  const cases: [Deployment, string[]][] = [
    [
      deployment({ template: template({ app: "x" }) }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'],
    ],
    [deployment({ replicas: -1 }), ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]],
    [deployment({ minReadySeconds: -1 }), [
      "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
    ]],
    [
      deployment({ strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"],
    ],
    [
      deployment({
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "0%", maxUnavailable: "0%" } },
      }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0'],
    ],
    [
      deployment({
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: "110%" } },
      }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%'],
    ],
    [
      deployment({
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "ten", maxUnavailable: 1 } },
      }),
      [
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"ten\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    [
      deployment({ strategy: { type: "Recreate", rollingUpdate: {} } }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      deployment({ progressDeadlineSeconds: 10, minReadySeconds: 10 }),
      ["spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"],
    ],
    [
      deployment({ template: { ...template(), spec: { containers, restartPolicy: "Never" } } }),
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      deployment({ selector: {} }),
      [
        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
      ],
    ],
  ];
  for (const [d, want] of cases) assert.deepEqual(messages(validateDeployment(d)), want);
});

Deno.test("a deployment's pod template is validated as a pod spec under spec.template.spec", () => {
  const errors = validateDeployment(
    deployment({ template: { metadata: { labels: { app: "web" } }, spec: { containers: [] } } }),
  );
  assert.deepEqual(messages(errors), ["spec.template.spec.containers: Required value"]);
});

Deno.test("a deployment's selector cannot change", () => {
  const old = deployment();
  const changed = deployment({ selector: { matchLabels: { app: "y" } }, template: template({ app: "y" }) });
  assert.deepEqual(messages(validateDeploymentUpdate(changed, old)), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  ]);
  assert.deepEqual(validateDeploymentUpdate(deployment({ replicas: 5 }), old), []);
});

Deno.test("daemon sets need exactly one of maxSurge and maxUnavailable", () => {
  const ds = (rollingUpdate: { maxSurge?: number | string; maxUnavailable?: number | string }) =>
    defaultDaemonSet({
      spec: { selector, template: template(), updateStrategy: { type: "RollingUpdate", rollingUpdate } },
    });
  assert.deepEqual(messages(validateDaemonSet(ds({ maxSurge: 0, maxUnavailable: 0 }))), [
    "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
  ]);
  assert.deepEqual(messages(validateDaemonSet(ds({ maxSurge: 1, maxUnavailable: 1 }))), [
    "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
  ]);
});

Deno.test("stateful sets take DNS-label names and let only some spec fields change", () => {
  const sts = defaultStatefulSet({
    metadata: { name: "db" },
    spec: { serviceName: "db", selector, template: template() },
  });
  const badName = { ...sts, metadata: { name: "db.primary" } };
  assert.match(validateStatefulSet(badName)[0].message, /a lowercase RFC 1123 label must consist of/);
  assert.deepEqual(validateStatefulSetUpdate({ ...sts, spec: { ...sts.spec!, replicas: 3 } }, sts), []);
  assert.deepEqual(
    messages(validateStatefulSetUpdate({ ...sts, spec: { ...sts.spec!, serviceName: "other" } }, sts)),
    [
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ],
  );
});

Deno.test("a job needs restartPolicy OnFailure or Never and its generated selector", () => {
  const job = (restartPolicy?: "Always" | "OnFailure" | "Never"): Job => {
    const j = defaultJob({
      metadata: { name: "pi", uid: "u1" },
      spec: { template: { spec: { containers, restartPolicy } } },
    });
    generateJobSelector(j);
    return j;
  };
  assert.deepEqual(validateJob(job("Never")), []);
  assert.deepEqual(messages(validateJob(job())), [
    'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
  ]);
  const tampered = job("Never");
  tampered.spec!.template.metadata!.labels!["batch.kubernetes.io/controller-uid"] = "other";
  tampered.spec!.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": "other" } };
  assert.ok(messages(validateJob(tampered)).some((m) => m.endsWith("`selector` not auto-generated")));
  const indexed = job("Never");
  indexed.spec!.completionMode = "Indexed";
  indexed.spec!.completions = undefined;
  assert.deepEqual(messages(validateJob(indexed)), [
    "spec.completions: Required value: when completion mode is Indexed",
  ]);
});

Deno.test("a started job's completions, selector and template cannot change", () => {
  const old = defaultJob({
    metadata: { name: "pi", uid: "u1" },
    spec: { template: { spec: { containers, restartPolicy: "Never" } } },
  });
  generateJobSelector(old);
  const changed = structuredClone(old);
  changed.spec!.completions = 9;
  assert.deepEqual(messages(validateJobUpdate(changed, old)), [
    "spec.completions: Invalid value: 9: field is immutable",
  ]);
  assert.deepEqual(validateJobUpdate(structuredClone(old), old), []);
});

Deno.test("cron job validation checks the schedule, the time zone and the name length", () => {
  const cj = (schedule: string, timeZone?: string, name = "hello") =>
    defaultCronJob({
      metadata: { name },
      spec: {
        schedule,
        timeZone,
        jobTemplate: { spec: { template: { spec: { containers, restartPolicy: "OnFailure" } } } },
      },
    });
  assert.deepEqual(validateCronJob(cj("@hourly", "Europe/Berlin")), []);
  const cases: [string, string | undefined, string, string[]][] = [
    ["61 * * * *", undefined, "hello", [
      'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    ]],
    ["CRON_TZ=UTC 0 * * * *", undefined, "hello", [
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]],
    ["@daily", "Mars/Olympus", "hello", [
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]],
    ["@daily", "Local", "hello", [
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      'spec.timeZone: Invalid value: "Local": unknown time zone Local',
    ]],
    ["@daily", undefined, "x".repeat(53), [
      `metadata.name: Invalid value: "${"x".repeat(53)}": must be no more than 52 characters`,
    ]],
  ];
  for (const [schedule, zone, name, want] of cases) {
    assert.deepEqual(messages(validateCronJob(cj(schedule, zone, name))), want);
  }
});

Deno.test("a replication controller needs a selector that matches its template", () => {
  assert.deepEqual(
    messages(validateReplicationController({ spec: { selector: { app: "x" }, template: template() } })),
    [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ],
  );
  assert.deepEqual(messages(validateReplicationController({ spec: {} })), [
    "spec.selector: Required value",
    "spec.template: Required value",
  ]);
});

Deno.test("status counters may not be negative or exceed status.replicas", () => {
  assert.deepEqual(messages(validateReplicaStatus({ replicas: 2, readyReplicas: 3, availableReplicas: 1 })), [
    "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas",
  ]);
  assert.deepEqual(messages(validateReplicaStatus({ replicas: -1 })), [
    "status.replicas: Invalid value: -1: must be greater than or equal to 0",
  ]);
  assert.deepEqual(
    messages(validateReplicaStatus({ replicas: 1, collisionCount: 0 }, { collisionCount: 2 })),
    [
      "status.collisionCount: Invalid value: 0: cannot be decremented",
    ],
  );
});

Deno.test("a selector with a bad key is invalid and leaves the template unchecked, as in Kubernetes", () => {
  const errors = validateDeployment(deployment({
    selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "bad key", operator: "Exists" }] },
    template: template({ app: "web", tier: "-bad" }),
  }));
  assert.deepEqual(messages(errors), [
    "spec.selector.matchExpressions[0].key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"bad key", Operator:"Exists", Values:[]string(nil)}}}: invalid label selector',
  ]);
});

Deno.test("a template's labels are checked as label keys and values under spec.template.labels", () => {
  const errors = validateDeployment(
    deployment({ template: template({ app: "web", "a/b/c": "x", tier: "-bad" }) }),
  );
  assert.deepEqual(messages(errors), [
    "spec.template.labels: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    "spec.template.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ]);
});

Deno.test("a cron job's job template may not bring its own selector", () => {
  const cj = defaultCronJob({
    metadata: { name: "c" },
    spec: {
      schedule: "@hourly",
      jobTemplate: {
        spec: {
          manualSelector: true,
          selector,
          template: { metadata: { labels: { app: "web" } }, spec: { containers, restartPolicy: "Never" } },
        },
      },
    },
  });
  assert.deepEqual(messages(validateCronJob(cj)), [
    'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
    'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"',
  ]);
});
