import assert from "node:assert/strict";
import { type ObjectMetaOptions, validateObjectMeta, validateObjectMetaUpdate } from "./metadata.ts";

function lines(meta: unknown, options: ObjectMetaOptions): string[] {
  return validateObjectMeta(meta, options).map((e) => `${e.field}: ${e.message}`);
}

const ns: ObjectMetaOptions = { namespaced: true };
const cluster: ObjectMetaOptions = { namespaced: false };
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const cases: [string, unknown, ObjectMetaOptions, string[]][] = [
  ["a valid namespaced object", { name: "web", namespace: "default" }, ns, []],
  ["a valid cluster object", { name: "node-1" }, cluster, []],
  ["a missing name", { namespace: "default" }, ns, [
    "metadata.name: Required value: name or generateName is required",
  ]],
  ["a generateName standing in for the name", { generateName: "web-", namespace: "default" }, ns, []],
  [
    "a generateName where it may not stand in",
    { generateName: "web-", namespace: "default" },
    { namespaced: true, generateNameAllowed: false },
    ["metadata.name: Required value: name or generateName is required"],
  ],
  [
    "a name that is not a subdomain",
    { name: "Web", namespace: "default" },
    ns,
    [`metadata.name: Invalid value: "Web": ${SUBDOMAIN}`],
  ],
  [
    "a name too long for a subdomain",
    { name: "a".repeat(254), namespace: "default" },
    ns,
    [`metadata.name: Invalid value: "${"a".repeat(254)}": must be no more than 253 characters`],
  ],
  [
    "a dotted name under the label rule",
    { name: "a.b" },
    { namespaced: false, nameRule: "label" },
    ['metadata.name: Invalid value: "a.b": must not contain dots'],
  ],
  [
    "a generateName that is not a valid prefix",
    { generateName: "Web-", namespace: "default" },
    ns,
    [`metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN}`],
  ],
  ["a missing namespace", { name: "web" }, ns, ["metadata.namespace: Required value"]],
  ["a namespace on a cluster-scoped kind", { name: "n", namespace: "x" }, cluster, [
    "metadata.namespace: Forbidden: not allowed on this type",
  ]],
  [
    "a namespace that is not a label",
    { name: "web", namespace: "a.b" },
    ns,
    ['metadata.namespace: Invalid value: "a.b": must not contain dots'],
  ],
  [
    "a negative generation",
    { name: "web", namespace: "d", generation: -1 },
    ns,
    ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"],
  ],
  [
    "a bad label key and value",
    { name: "web", namespace: "d", labels: { "a/b/c": "ok", app: "-x" } },
    ns,
    [
      "metadata.labels: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      "metadata.labels: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ],
  [
    "an upper-case annotation key",
    { name: "web", namespace: "d", annotations: { "Example.COM/Key": "v" } },
    ns,
    [],
  ],
  [
    "annotations over 256 KiB",
    { name: "web", namespace: "d", annotations: { a: "x".repeat(262144) } },
    ns,
    ["metadata.annotations: Too long: may not be more than 262144 bytes"],
  ],
  [
    "an owner reference missing its fields",
    { name: "web", namespace: "d", ownerReferences: [{}] },
    ns,
    [
      "metadata.ownerReferences[0].apiVersion: Required value: must not be empty",
      "metadata.ownerReferences[0].kind: Required value: must not be empty",
      "metadata.ownerReferences[0].name: Required value: must not be empty",
      "metadata.ownerReferences[0].uid: Required value: must not be empty",
    ],
  ],
  [
    "an owner reference with a bad apiVersion",
    {
      name: "web",
      namespace: "d",
      ownerReferences: [{ apiVersion: "a/b/c", kind: "K", name: "n", uid: "u" }],
    },
    ns,
    ['metadata.ownerReferences[0].apiVersion: Invalid value: "a/b/c": must be <group>/<version> or <version>'],
  ],
  [
    "an Event as owner",
    {
      name: "web",
      namespace: "d",
      ownerReferences: [{ apiVersion: "v1", kind: "Event", name: "n", uid: "u" }],
    },
    ns,
    [
      'metadata.ownerReferences[0]: Invalid value: {"apiVersion":"v1","kind":"Event","name":"n","uid":"u"}: /v1, Kind=Event is disallowed from being an owner',
    ],
  ],
  [
    "two controllers",
    {
      name: "web",
      namespace: "d",
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "a", uid: "1", controller: true },
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "b", uid: "2", controller: true },
      ],
    },
    ns,
    [
      'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"a","uid":"1","controller":true},{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"b","uid":"2","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
    ],
  ],
  [
    "conflicting finalizers",
    { name: "web", namespace: "d", finalizers: ["orphan", "foregroundDeletion"] },
    ns,
    [
      'metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
    ],
  ],
  [
    "a managed-fields entry without an operation",
    { name: "web", namespace: "d", managedFields: [{ manager: "m", fieldsType: "FieldsV2" }] },
    ns,
    [
      "metadata.managedFields[0].operation: Required value: must not be empty",
      'metadata.managedFields[0].fieldsType: Invalid value: "FieldsV2": must be `FieldsV1`',
    ],
  ],
  [
    "a managed-fields entry with an unknown operation",
    { name: "web", namespace: "d", managedFields: [{ manager: "m", operation: "Patch" }] },
    ns,
    ['metadata.managedFields[0].operation: Unsupported value: "Patch": supported values: "Apply", "Update"'],
  ],
];

for (const [name, meta, options, want] of cases) {
  Deno.test(`validateObjectMeta judges ${name}`, () => assert.deepEqual(lines(meta, options), want));
}

Deno.test("validateObjectMeta uses a custom path and name rule", () => {
  const errs = validateObjectMeta({ name: "a/b" }, {
    namespaced: false,
    nameValidator: (n) => n.includes("/") ? ["no slashes"] : [],
    path: "spec.template.metadata",
  });
  assert.deepEqual(errs, [{
    reason: "FieldValueInvalid",
    field: "spec.template.metadata.name",
    message: 'Invalid value: "a/b": no slashes',
  }]);
});

Deno.test("validateObjectMetaUpdate refuses changes to immutable fields", () => {
  const old = {
    name: "a",
    namespace: "d",
    uid: "1",
    resourceVersion: "5",
    creationTimestamp: "2024-01-01T00:00:00Z",
  };
  const next = { ...old, name: "b", uid: "2", creationTimestamp: "2024-01-02T00:00:00Z" };
  assert.deepEqual(validateObjectMetaUpdate(next, old).map((e) => `${e.field}: ${e.message}`), [
    'metadata.name: Invalid value: "b": field is immutable',
    'metadata.uid: Invalid value: "2": field is immutable',
    'metadata.creationTimestamp: Invalid value: "2024-01-02T00:00:00Z": field is immutable',
  ]);
});

Deno.test("validateObjectMetaUpdate treats equal instants as the same timestamp", () => {
  const old = { name: "a", resourceVersion: "1", creationTimestamp: "2024-01-01T00:00:00Z" };
  assert.deepEqual(
    validateObjectMetaUpdate({ ...old, creationTimestamp: "2024-01-01T00:00:00+00:00" }, old),
    [],
  );
});

Deno.test("validateObjectMetaUpdate needs a resourceVersion and refuses a lower generation", () => {
  const errs = validateObjectMetaUpdate({ name: "a", generation: 1 }, { name: "a", generation: 2 });
  assert.deepEqual(errs.map((e) => `${e.field}: ${e.message}`), [
    'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    "metadata.generation: Invalid value: 1: must not be decremented",
  ]);
});

Deno.test("validateObjectMetaUpdate refuses new finalizers once deletion started", () => {
  const old = {
    name: "a",
    resourceVersion: "1",
    deletionTimestamp: "2024-01-01T00:00:00Z",
    finalizers: ["x"],
  };
  const errs = validateObjectMetaUpdate({ ...old, finalizers: ["x", "z", "y"] }, old);
  assert.deepEqual(errs.map((e) => `${e.field}: ${e.message}`), [
    'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"y", "z"}',
  ]);
});
