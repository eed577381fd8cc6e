import assert from "node:assert/strict";
import { ApiError } from "../errors.ts";
import { decodeProtobuf, protoTypeName } from "./mod.ts";
import { encodeProtobuf, envelope } from "./_testing.ts";

const testdata = (name: string) => Deno.readFileSync(new URL(`./testdata/${name}.bin`, import.meta.url));

// Captured from kubectl 1.32.4 (`kubectl -v=10 create ...` prints the body it sends as a hex dump).
Deno.test("bodies real kubectl sent decode into the JSON its JSON encoder would have written", () => {
  assert.deepEqual(decodeProtobuf(testdata("namespace")), {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "shop4" },
    spec: {},
    status: {},
  });
  assert.deepEqual(decodeProtobuf(testdata("deployment")), {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web4", namespace: "default", labels: { app: "web4" } },
    spec: {
      // --replicas=0: a *int32, so the explicit zero survives.
      replicas: 0,
      selector: { matchLabels: { app: "web4" } },
      template: {
        metadata: { labels: { app: "web4" } },
        spec: {
          containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }], resources: {} }],
        },
      },
      strategy: {},
    },
    status: {},
  });
  assert.deepEqual(decodeProtobuf(testdata("secret")), {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "creds4", namespace: "default" },
    data: { empty: "", user: "YWRtaW4=" },
  });
  assert.deepEqual(decodeProtobuf(testdata("serviceaccount")), {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "robot4", namespace: "default" },
  });
  assert.deepEqual(decodeProtobuf(testdata("role")), {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "reader4", namespace: "default" },
    rules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }],
  });
  assert.deepEqual(decodeProtobuf(testdata("ssar")), {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SelfSubjectAccessReview",
    metadata: {},
    spec: { resourceAttributes: { namespace: "default", verb: "list", resource: "pods" } },
    // `allowed` has no omitempty: Go prints the false.
    status: { allowed: false },
  });
  assert.deepEqual(decodeProtobuf(testdata("job")), {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "once4", namespace: "default" },
    spec: {
      template: {
        metadata: {},
        spec: {
          containers: [{ name: "once4", image: "busybox", command: ["echo", "hi"], resources: {} }],
          restartPolicy: "Never",
        },
      },
    },
    status: {},
  });
});

Deno.test("a Pod keeps Go's JSON forms of times, quantities, int-or-strings, inline volumes and pointer zeros", () => {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web",
      namespace: "shop",
      creationTimestamp: "2025-01-02T03:04:05Z",
      generation: 3,
      labels: { app: "web" },
      ownerReferences: [{
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        name: "web-1",
        uid: "u1",
        controller: true,
      }],
      managedFields: [{
        manager: "kubectl",
        operation: "Update",
        apiVersion: "v1",
        time: "2025-01-02T03:04:05Z",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:metadata": { "f:labels": { ".": {}, "f:app": {} } } },
      }],
    },
    spec: {
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 0,
      activeDeadlineSeconds: 9007199254740991,
      securityContext: { runAsUser: 0, runAsNonRoot: false },
      containers: [{
        name: "web",
        image: "nginx:1.27",
        ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
        resources: { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "100m" } },
        livenessProbe: { httpGet: { path: "/", port: "http" }, periodSeconds: 10 },
        readinessProbe: { tcpSocket: { port: 80 } },
        volumeMounts: [{ name: "conf", mountPath: "/etc/nginx", readOnly: true }],
      }],
      volumes: [
        { name: "conf", configMap: { name: "nginx", defaultMode: 420, items: [{ key: "a", path: "b" }] } },
        { name: "scratch", emptyDir: { sizeLimit: "1Gi" } },
      ],
    },
  };
  const decoded = decodeProtobuf(encodeProtobuf({
    ...pod,
    // Value (non-pointer) Go fields that are zero mean "unset" to Go as well: they are left out.
    spec: { ...pod.spec, hostNetwork: false, restartPolicy: "", schedulerName: "" },
  }));
  assert.deepEqual(decoded, pod);
});

Deno.test("a Secret's bytes are base64 and a Lease's MicroTimes keep their microseconds", () => {
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s" },
    data: { a: "AAEC/w==" },
    type: "Opaque",
  };
  assert.deepEqual(decodeProtobuf(encodeProtobuf(secret)), secret);
  const lease = {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: "node-1", namespace: "kube-node-lease" },
    spec: {
      holderIdentity: "node-1",
      leaseDurationSeconds: 40,
      renewTime: "2025-01-02T03:04:05.123456Z",
      acquireTime: "2025-01-02T03:04:05.000000Z",
      leaseTransitions: 0,
    },
  };
  assert.deepEqual(decodeProtobuf(encodeProtobuf(lease)), lease);
});

Deno.test("a CustomResourceDefinition's schema comes back with $ref, x-kubernetes-* and its Or-forms", () => {
  const schema = {
    type: "object",
    description: "a widget",
    required: ["spec"],
    "x-kubernetes-preserve-unknown-fields": false,
    properties: {
      spec: {
        type: "object",
        default: { size: 1 },
        additionalProperties: false,
        properties: {
          size: { type: "integer", minimum: 0, maximum: 10, default: 1 },
          port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
          mode: { type: "string", enum: ["a", "b"] },
          labels: { type: "object", additionalProperties: { type: "string" } },
          ports: {
            type: "array",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["name"],
            items: { type: "object", properties: { name: { type: "string" } } },
          },
          ref: { $ref: "#/definitions/x" },
          raw: {
            type: "object",
            "x-kubernetes-preserve-unknown-fields": true,
            "x-kubernetes-embedded-resource": true,
          },
        },
        dependencies: { a: ["b"], c: { required: ["d"] } },
        "x-kubernetes-validations": [{ rule: "self.size >= 0", message: "size" }],
      },
    },
  };
  const crd = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
      scope: "Namespaced",
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: schema } }],
      conversion: { strategy: "None" },
    },
  };
  assert.deepEqual(decodeProtobuf(encodeProtobuf(crd)), crd);
});

Deno.test("DeleteOptions decode whichever group version names them, an explicit zero grace period kept", () => {
  const opts = {
    gracePeriodSeconds: 0,
    propagationPolicy: "Foreground",
    preconditions: { uid: "u1", resourceVersion: "" },
    dryRun: ["All"],
  };
  for (const apiVersion of ["v1", "meta.k8s.io/v1", "apps/v1"]) {
    assert.deepEqual(decodeProtobuf(encodeProtobuf({ apiVersion, kind: "DeleteOptions", ...opts })), {
      apiVersion,
      kind: "DeleteOptions",
      ...opts,
    });
  }
});

Deno.test("embedded objects and string slices decode: a ControllerRevision's data and a review's extra", () => {
  const revision = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: { name: "web-1" },
    data: { spec: { template: { metadata: { labels: { app: "web" } } } } },
    revision: 1,
  };
  assert.deepEqual(decodeProtobuf(encodeProtobuf(revision)), revision);
  const review = {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SubjectAccessReview",
    metadata: {},
    spec: {
      user: "jane",
      groups: ["dev"],
      extra: { scopes: ["a", "b"] },
      nonResourceAttributes: { path: "/healthz", verb: "get" },
    },
  };
  assert.deepEqual(decodeProtobuf(encodeProtobuf(review)), review);
});

Deno.test("bodies that are not Kubernetes protobuf are 400; kinds without a protobuf schema are 415", () => {
  const fails = (bytes: Uint8Array, code: number, message: RegExp) =>
    assert.throws(
      () => decodeProtobuf(bytes),
      (e) => e instanceof ApiError && e.code === code && message.test(e.message),
    );
  fails(new Uint8Array(), 400, /^empty data$/);
  fails(
    new TextEncoder().encode('{"kind":"Pod"}'),
    400,
    /does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/,
  );
  fails(new Uint8Array([0x6b, 0x38, 0x73, 0x00]), 400, /^empty body$/);
  fails(new Uint8Array([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x20, 0x01]), 400, /unable to decode/);
  const unknownKind = /unknown format - accepted media types include: application\/json, application\/yaml$/;
  fails(envelope("v1", "Xamespace", new Uint8Array()), 415, unknownKind);
  // Custom resources are JSON or YAML only, as in Kubernetes.
  fails(envelope("example.com/v1", "Widget", new Uint8Array()), 415, unknownKind);
  // A message that is no object kind (it has no metadata) is not one either.
  fails(envelope("v1", "PodSpec", new Uint8Array()), 415, unknownKind);
  fails(envelope("", "Pod", new Uint8Array()), 400, /Object 'apiVersion' is missing/);
});

Deno.test("apiVersion and kind name the proto message of their group's package", () => {
  assert.equal(protoTypeName("v1", "Pod"), "k8s.io.api.core.v1.Pod");
  assert.equal(protoTypeName("rbac.authorization.k8s.io/v1", "Role"), "k8s.io.api.rbac.v1.Role");
  assert.equal(
    protoTypeName("autoscaling/v2", "HorizontalPodAutoscaler"),
    "k8s.io.api.autoscaling.v2.HorizontalPodAutoscaler",
  );
  assert.equal(
    protoTypeName("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
  );
  assert.equal(
    protoTypeName("meta.k8s.io/v1", "DeleteOptions"),
    "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
  );
  assert.equal(protoTypeName("a/b/c", "Pod"), undefined);
});
