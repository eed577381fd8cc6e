import assert from "node:assert/strict";
import type { FieldError } from "../../schema/types.ts";
import type { Pod } from "../api/pod.ts";
import { defaultPod } from "../defaults/pod.ts";
import { UPDATABLE_POD_SPEC_FIELDS, validatePod, validatePodSpec, validatePodUpdate } from "./pod.ts";

/** A valid, defaulted pod with `change` applied to its spec. */
function pod(change: (spec: NonNullable<Pod["spec"]>) => void = () => {}): Pod {
  const p: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default" },
    spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
  };
  change(p.spec!);
  return defaultPod(p);
}

/** The errors as kube-apiserver prints them: "field: message". */
const lines = (errors: FieldError[]) => errors.map((e) => `${e.field}: ${e.message}`);

const LABEL_REGEX_HELP =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

Deno.test("a defaulted minimal pod is valid", () => {
  assert.deepEqual(validatePod(pod()), []);
});

Deno.test("fields defaulting fills are read as their defaults when a pod was not defaulted", () => {
  const undefaulted: Pod = {
    metadata: { name: "web" },
    spec: {
      containers: [{
        name: "web",
        image: "nginx",
        ports: [{ containerPort: 80 }],
        livenessProbe: { httpGet: { port: 80 } },
        env: [{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
      }],
    },
  };
  assert.deepEqual(validatePod(undefaulted), []);
});

Deno.test("a pod needs at least one container", () => {
  assert.deepEqual(validatePod(pod((s) => s.containers = [])), [
    { reason: "FieldValueRequired", field: "spec.containers", message: "Required value" },
  ]);
});

Deno.test("a nodeSelector is checked as labels, each error against the whole map", () => {
  const errors = validatePod(pod((s) => s.nodeSelector = { "disk/type/x": "ssd", zone: "-a" }));
  assert.deepEqual(lines(errors), [
    `spec.nodeSelector: Invalid value: "disk/type/x": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    `spec.nodeSelector: Invalid value: "-a": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  ]);
});

Deno.test("container names are DNS labels, unique within the pod", () => {
  const errors = validatePod(pod((s) => {
    s.containers = [{ name: "Web_1", image: "a" }, { name: "side", image: "b" }, {
      name: "side",
      image: "c",
    }];
  }));
  assert.deepEqual(lines(errors), [
    `spec.containers[0].name: Invalid value: "Web_1": ${LABEL_REGEX_HELP}`,
    'spec.containers[2].name: Duplicate value: "side"',
  ]);
  assert.equal(errors[1].reason, "FieldValueDuplicate");
});

Deno.test("every container needs an image, and no whitespace around it", () => {
  assert.deepEqual(lines(validatePod(pod((s) => s.containers[0].image = ""))), [
    "spec.containers[0].image: Required value",
  ]);
  assert.deepEqual(lines(validatePod(pod((s) => s.containers[0].image = " nginx"))), [
    'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
  ]);
});

Deno.test("ports need a number in range, a known protocol and a unique IANA name", () => {
  const errors = validatePod(pod((s) => {
    s.containers[0].ports = [
      { containerPort: 70000, name: "http" },
      { containerPort: 8080, name: "http", protocol: "ICMP" as "TCP" },
      { containerPort: 9090, name: "Metrics--port1" },
    ];
  }));
  assert.deepEqual(lines(errors), [
    "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
    'spec.containers[0].ports[1].name: Duplicate value: "http"',
    'spec.containers[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    'spec.containers[0].ports[2].name: Invalid value: "Metrics--port1": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.containers[0].ports[2].name: Invalid value: "Metrics--port1": must not contain consecutive hyphens',
  ]);
});

Deno.test("two containers may not claim the same host port", () => {
  const errors = validatePod(pod((s) => {
    s.containers = [
      { name: "a", image: "a", ports: [{ containerPort: 80, hostPort: 8080 }] },
      { name: "b", image: "b", ports: [{ containerPort: 81, hostPort: 8080 }] },
    ];
  }));
  assert.deepEqual(lines(errors), ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
});

Deno.test("a probe needs exactly one handler and non-negative timings", () => {
  const errors = validatePod(pod((s) => {
    s.containers[0].livenessProbe = { periodSeconds: -1 };
    s.containers[0].readinessProbe = { httpGet: { port: 8080 }, tcpSocket: { port: 8080 } };
    s.containers[0].startupProbe = { exec: { command: ["true"] }, successThreshold: 2 };
  }));
  assert.deepEqual(lines(errors), [
    "spec.containers[0].livenessProbe: Required value: must specify a handler type",
    "spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
    "spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
    "spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1",
  ]);
});

Deno.test("probe ports are numbers in range or IANA names", () => {
  const errors = validatePod(pod((s) => {
    s.containers[0].readinessProbe = { tcpSocket: { port: 0 } };
    s.containers[0].livenessProbe = { httpGet: { port: "HTTP" } };
  }));
  assert.deepEqual(lines(errors), [
    'spec.containers[0].livenessProbe.httpGet.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.containers[0].livenessProbe.httpGet.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
    "spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive",
  ]);
});

Deno.test("a sleep hook may not outlast the termination grace period", () => {
  const errors = validatePod(pod((s) => {
    s.terminationGracePeriodSeconds = 10;
    s.containers[0].lifecycle = { preStop: { sleep: { seconds: 60 } } };
  }));
  assert.deepEqual(lines(errors), [
    "spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (10)",
  ]);
});

Deno.test("restart and DNS policies are one of Kubernetes' values", () => {
  const errors = validatePod(pod((s) => {
    s.restartPolicy = "Sometimes" as "Always";
    s.dnsPolicy = "Google" as "Default";
  }));
  assert.deepEqual(lines(errors), [
    'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
  ]);
});

Deno.test("dnsPolicy None needs a dnsConfig with a nameserver", () => {
  assert.deepEqual(lines(validatePod(pod((s) => s.dnsPolicy = "None"))), [
    "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None",
  ]);
});

Deno.test("volumes have unique names and exactly one source", () => {
  const errors = validatePod(pod((s) => {
    s.volumes = [
      { name: "data", emptyDir: {} },
      { name: "data", emptyDir: {} },
      { name: "two", emptyDir: {}, downwardAPI: {} },
      { name: "host", hostPath: { path: "/var/../etc" } },
      { name: "cm", configMap: { name: "", defaultMode: 0o1777 } },
    ];
  }));
  assert.deepEqual(lines(errors), [
    'spec.volumes[1].name: Duplicate value: "data"',
    // "downwarAPI" is Kubernetes' own spelling in this message.
    "spec.volumes[2].downwarAPI: Forbidden: may not specify more than 1 volume type",
    `spec.volumes[3].hostPath.path: Invalid value: "/var/../etc": must not contain '..'`,
    "spec.volumes[4].configMap.name: Required value",
    "spec.volumes[4].configMap.defaultMode: Invalid value: 1023: must be a number between 0 and 0777 (octal), both inclusive",
  ]);
});

Deno.test("a volume without a source is an emptyDir after defaulting, and an error without it", () => {
  assert.deepEqual(validatePod(pod((s) => s.volumes = [{ name: "scratch" }])), []);
  const undefaulted = pod();
  undefaulted.spec!.volumes = [{ name: "scratch" }];
  assert.deepEqual(lines(validatePod(undefaulted)), [
    "spec.volumes[0]: Required value: must specify a volume type",
  ]);
});

Deno.test("volume mounts must name a volume of the pod and a unique path", () => {
  const errors = validatePod(pod((s) => {
    s.volumes = [{ name: "cache", emptyDir: {} }];
    s.containers[0].volumeMounts = [
      { name: "data", mountPath: "/data" },
      { name: "cache", mountPath: "/data" },
    ];
  }));
  assert.deepEqual(lines(errors), [
    'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
  ]);
  assert.equal(errors[0].reason, "FieldValueNotFound");
});

Deno.test("resource quantities must parse, be known and keep requests within limits", () => {
  const errors = validatePod(pod((s) => {
    s.containers[0].resources = {
      limits: { cpu: "1", memory: "12 apples" },
      requests: { cpu: "1500m", gpu: 1 },
    };
  }));
  assert.deepEqual(lines(errors), [
    `spec.containers[0].resources.limits[memory]: Invalid value: "12 apples": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    // defaultPod copied the memory limit into requests, as Kubernetes does.
    `spec.containers[0].resources.requests[memory]: Invalid value: "12 apples": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    'spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1',
  ]);
});

Deno.test("extended resources must request exactly their limit", () => {
  const errors = validatePod(pod((s) => {
    s.containers[0].resources = { limits: { "example.com/gpu": 2 }, requests: { "example.com/gpu": 1 } };
  }));
  assert.deepEqual(lines(errors), [
    'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2',
  ]);
});

Deno.test("an env var takes its value from one place only", () => {
  const errors = validatePod(pod((s) => {
    s.containers[0].env = [
      { name: "A", value: "x", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      { name: "B", valueFrom: {} },
      { name: "C=D", valueFrom: { fieldRef: { fieldPath: "spec.restartPolicy" } } },
    ];
  }));
  assert.deepEqual(lines(errors), [
    'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    'spec.containers[0].env[1].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    `spec.containers[0].env[2].name: Invalid value: "C=D": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    'spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
  ]);
});

Deno.test("init containers may have probes and hooks only as sidecars", () => {
  const errors = validatePod(pod((s) => {
    s.initContainers = [
      { name: "setup", image: "busybox", readinessProbe: { exec: { command: ["true"] } } },
      {
        name: "proxy",
        image: "envoy",
        restartPolicy: "Always",
        readinessProbe: { exec: { command: ["true"] } },
      },
      { name: "web", image: "busybox" },
    ];
  }));
  assert.deepEqual(lines(errors), [
    "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
    'spec.initContainers[2].name: Duplicate value: "web"',
  ]);
});

Deno.test("ephemeral containers cannot be part of a new pod", () => {
  const errors = validatePod(
    pod((s) => s.ephemeralContainers = [{ name: "debug", image: "busybox", targetContainerName: "web" }]),
  );
  assert.deepEqual(lines(errors), ["spec.ephemeralContainers: Forbidden: cannot be set on create"]);
});

Deno.test("ephemeral containers may not carry ports, probes or resources", () => {
  const spec = pod((s) => {
    s.ephemeralContainers = [{
      name: "debug",
      image: "busybox",
      targetContainerName: "nope",
      ports: [{ containerPort: 80 }],
    }];
  }).spec!;
  assert.deepEqual(lines(validatePodSpec(spec, "spec", { isPod: true })), [
    'spec.ephemeralContainers[0].targetContainerName: Not found: "nope"',
    "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container",
  ]);
});

Deno.test("tolerations follow Kubernetes' key, operator and effect rules", () => {
  const errors = validatePod(pod((s) => {
    s.tolerations = [
      { operator: "Equal", value: "x" },
      { key: "k", operator: "Exists", value: "v" },
      { key: "k", tolerationSeconds: 30, effect: "NoSchedule" },
    ];
  }));
  assert.deepEqual(lines(errors), [
    'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    `spec.tolerations[1].operator: Invalid value: "v": value must be empty when \`operator\` is 'Exists'`,
    `spec.tolerations[2].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
  ]);
});

Deno.test("a pod's name is a DNS subdomain", () => {
  const p = pod();
  p.metadata!.name = "Web";
  assert.equal(validatePod(p)[0].field, "metadata.name");
  assert.match(validatePod(p)[0].message, /^Invalid value: "Web": a lowercase RFC 1123 subdomain/);
});

Deno.test("a pod spec in a template may leave hostPort to defaulting under hostNetwork, a pod may not", () => {
  const spec = pod((s) => {
    s.hostNetwork = true;
    s.containers[0].ports = [{ containerPort: 80, hostPort: 0 }];
  }).spec!;
  spec.containers[0].ports![0].hostPort = 0;
  assert.deepEqual(validatePodSpec(spec, "spec.template.spec", { isPod: false }), []);
  assert.deepEqual(lines(validatePodSpec(spec, "spec", { isPod: true })), [
    "spec.containers[0].ports[0].hostPort: Invalid value: 0: must match `containerPort` when `hostNetwork` is true",
  ]);
});

Deno.test("a pod update may change container images", () => {
  const old = pod();
  const next = structuredClone(old);
  next.spec!.containers[0].image = "nginx:1.28";
  assert.deepEqual(validatePodUpdate(next, old), []);
});

Deno.test("a pod update may not change other spec fields, and says which ones it may", () => {
  const old = pod();
  const next = structuredClone(old);
  next.spec!.restartPolicy = "Never";
  const errors = validatePodUpdate(next, old);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].reason, "FieldValueForbidden");
  assert.equal(errors[0].field, "spec");
  assert.equal(
    errors[0].message,
    `Forbidden: pod updates may not change fields other than ${
      UPDATABLE_POD_SPEC_FIELDS.join(",")
    }\nspec.restartPolicy: "Always" -> "Never"`,
  );
  assert.ok(
    errors[0].message.startsWith(
      "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,",
    ),
  );
});

Deno.test("a pod update may not add or remove containers", () => {
  const old = pod();
  const next = structuredClone(old);
  next.spec!.containers.push({ ...next.spec!.containers[0], name: "second" });
  assert.deepEqual(lines(validatePodUpdate(next, old)), [
    "spec.containers: Forbidden: pod updates may not add or remove containers",
  ]);
});

Deno.test("a pod update may add tolerations but not change existing ones beyond tolerationSeconds", () => {
  const old = pod((s) =>
    s.tolerations = [{ key: "k", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }]
  );
  const added = structuredClone(old);
  added.spec!.tolerations!.push({ key: "other", operator: "Exists" });
  added.spec!.tolerations![0].tolerationSeconds = 30;
  assert.deepEqual(validatePodUpdate(added, old), []);
  const changed = structuredClone(old);
  changed.spec!.tolerations![0].effect = "NoSchedule";
  changed.spec!.tolerations![0].tolerationSeconds = undefined;
  assert.deepEqual(lines(validatePodUpdate(changed, old)), [
    "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
  ]);
});

Deno.test("activeDeadlineSeconds may be set or lowered by an update, never raised or removed", () => {
  const old = pod((s) => s.activeDeadlineSeconds = 100);
  const lower = structuredClone(old);
  lower.spec!.activeDeadlineSeconds = 50;
  assert.deepEqual(validatePodUpdate(lower, old), []);
  const higher = structuredClone(old);
  higher.spec!.activeDeadlineSeconds = 200;
  assert.deepEqual(lines(validatePodUpdate(higher, old)), [
    "spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value",
  ]);
  const removed = structuredClone(old);
  delete removed.spec!.activeDeadlineSeconds;
  assert.deepEqual(lines(validatePodUpdate(removed, old)), [
    "spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value",
  ]);
});

Deno.test("a pod update compares quantities by value and ignores empty lists", () => {
  const old = pod((s) => s.containers[0].resources = { limits: { cpu: "1" } });
  const next = structuredClone(old);
  next.spec!.containers[0].resources!.limits!.cpu = "1000m";
  next.spec!.containers[0].resources!.requests!.cpu = 1;
  next.spec!.volumes = [];
  assert.deepEqual(validatePodUpdate(next, old), []);
});
