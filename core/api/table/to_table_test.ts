import assert from "node:assert/strict";
import { builtinDefinitions } from "@skiff/kinds";
import type { ResourceDefinition } from "@skiff/schema";
import type { KubeObject } from "../admission.ts";
import { Registry, type Resource } from "../registry.ts";
import { toTable } from "./to_table.ts";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const registry = new Registry();
for (const def of builtinDefinitions) registry.add(def, { builtin: true });
const widgets: ResourceDefinition = {
  group: "example.com",
  names: { plural: "widgets", singular: "widget", kind: "Widget" },
  scope: "Namespaced",
  versions: [
    {
      name: "v1",
      served: true,
      storage: true,
      additionalPrinterColumns: [
        { name: "Size", type: "integer", jsonPath: ".spec.size" },
        { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
      ],
    },
    { name: "v2", served: true, storage: false },
  ],
};
registry.add(widgets, { builtin: false });
const resource = (group: string, version: string, plural: string): Resource => {
  const r = registry.lookup(group, version, plural);
  if (!r) throw new Error(`no ${group}/${version}/${plural} in the registry`);
  return r;
};
const pods = resource("", "v1", "pods");

const web: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "web",
    namespace: "default",
    uid: "u1",
    resourceVersion: "42",
    creationTimestamp: "2024-05-01T11:55:00Z",
  },
  spec: { containers: [{ name: "app", image: "nginx" }], nodeName: "node-a" },
  status: {
    phase: "Running",
    podIP: "10.0.0.7",
    containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: { running: {} } }],
  },
};

Deno.test("toTable prints pods as kubectl get pods -o wide shows them", () => {
  const table = toTable(pods, [web], { now: NOW, listMeta: { resourceVersion: "50" } });
  assert.equal(table.kind, "Table");
  assert.equal(table.apiVersion, "meta.k8s.io/v1");
  assert.deepEqual(table.metadata, { resourceVersion: "50" });
  assert.deepEqual(
    table.columnDefinitions!.map((c) => c.name),
    ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"],
  );
  assert.deepEqual(table.rows[0].cells, [
    "web",
    "1/1",
    "Running",
    "0",
    "5m",
    "10.0.0.7",
    "node-a",
    "<none>",
    "<none>",
  ]);
});

Deno.test("toTable carries each row's metadata as a PartialObjectMetadata by default", () => {
  const [row] = toTable(pods, [web], { now: NOW }).rows;
  assert.deepEqual(row.object, {
    kind: "PartialObjectMetadata",
    apiVersion: "meta.k8s.io/v1",
    metadata: web.metadata,
  });
  const beta = toTable(pods, [web], { now: NOW, version: "v1beta1" });
  assert.equal(beta.apiVersion, "meta.k8s.io/v1beta1");
  assert.equal((beta.rows[0].object as KubeObject).apiVersion, "meta.k8s.io/v1beta1");
});

Deno.test("toTable carries the whole object for includeObject=Object and null for None", () => {
  assert.equal(toTable(pods, [web], { now: NOW, includeObject: "Object" }).rows[0].object, web);
  const none = toTable(pods, [web], { now: NOW, includeObject: "None" });
  assert.equal(none.rows[0].object, null);
  assert.ok(JSON.stringify(none).includes('"object":null'));
});

Deno.test("toTable marks a completed pod's row and keeps Kubernetes' field order on the wire", () => {
  const done = { ...web, status: { phase: "Succeeded" } };
  const table = toTable(pods, [done], {
    now: NOW,
    includeObject: "None",
    listMeta: { resourceVersion: "7" },
  });
  assert.deepEqual(Object.keys(table), ["kind", "apiVersion", "metadata", "columnDefinitions", "rows"]);
  assert.deepEqual(Object.keys(table.rows[0]), ["cells", "conditions", "object"]);
  assert.deepEqual(Object.keys(table.columnDefinitions![0]), [
    "name",
    "type",
    "format",
    "description",
    "priority",
  ]);
  assert.deepEqual(table.rows[0].conditions, [
    {
      type: "Completed",
      status: "True",
      reason: "Succeeded",
      message: "The pod has completed successfully.",
    },
  ]);
});

Deno.test("toTable passes the continue token and remaining count and leaves out what is unset", () => {
  const table = toTable(pods, [], {
    now: NOW,
    listMeta: { resourceVersion: "9", continue: "abc", remainingItemCount: 0 },
  });
  assert.deepEqual(table.metadata, { resourceVersion: "9", continue: "abc", remainingItemCount: 0 });
  assert.deepEqual(table.rows, []);
  assert.deepEqual(toTable(pods, [], { listMeta: { resourceVersion: "", continue: "" } }).metadata, {});
});

Deno.test("toTable leaves the column definitions null without headers", () => {
  assert.equal(toTable(pods, [web], { now: NOW, noHeaders: true }).columnDefinitions, null);
});

const kinds: [string, Resource, KubeObject, string[], unknown[]][] = [
  [
    "nodes",
    resource("", "v1", "nodes"),
    {
      metadata: {
        name: "node-a",
        creationTimestamp: "2024-04-01T12:00:00Z",
        labels: { "node-role.kubernetes.io/control-plane": "" },
      },
      spec: { unschedulable: true },
      status: { conditions: [{ type: "Ready", status: "True" }], nodeInfo: { kubeletVersion: "v1.31.0" } },
    },
    [
      "Name",
      "Status",
      "Roles",
      "Age",
      "Version",
      "Internal-IP",
      "External-IP",
      "OS-Image",
      "Kernel-Version",
      "Container-Runtime",
    ],
    [
      "node-a",
      "Ready,SchedulingDisabled",
      "control-plane",
      "30d",
      "v1.31.0",
      "<none>",
      "<none>",
      "<unknown>",
      "<unknown>",
      "<unknown>",
    ],
  ],
  [
    "namespaces",
    resource("", "v1", "namespaces"),
    { metadata: { name: "default", creationTimestamp: "2024-05-01T10:00:00Z" }, status: { phase: "Active" } },
    ["Name", "Status", "Age"],
    ["default", "Active", "120m"],
  ],
  [
    "service accounts",
    resource("", "v1", "serviceaccounts"),
    { metadata: { name: "default", creationTimestamp: "2024-05-01T11:59:00Z" } },
    ["Name", "Secrets", "Age"],
    ["default", 0, "60s"],
  ],
  [
    "leases",
    resource("coordination.k8s.io", "v1", "leases"),
    {
      metadata: { name: "node-a", creationTimestamp: "2024-05-01T11:00:00Z" },
      spec: { holderIdentity: "node-a" },
    },
    ["Name", "Holder", "Age"],
    ["node-a", "node-a", "60m"],
  ],
  [
    "core events",
    resource("", "v1", "events"),
    {
      metadata: { name: "web.1" },
      involvedObject: { kind: "Pod", name: "web" },
      type: "Normal",
      reason: "Scheduled",
      message: "Successfully assigned default/web to node-a",
      source: { component: "default-scheduler" },
      firstTimestamp: "2024-05-01T11:59:30Z",
      lastTimestamp: "2024-05-01T11:59:30Z",
      count: 1,
    },
    [
      "Last Seen",
      "Type",
      "Reason",
      "Object",
      "Subobject",
      "Source",
      "Message",
      "First Seen",
      "Count",
      "Name",
    ],
    [
      "30s",
      "Normal",
      "Scheduled",
      "pod/web",
      "",
      "default-scheduler",
      "Successfully assigned default/web to node-a",
      "30s",
      1,
      "web.1",
    ],
  ],
  [
    "events.k8s.io events",
    resource("events.k8s.io", "v1", "events"),
    {
      metadata: { name: "web.1" },
      regarding: { kind: "Pod", name: "web" },
      type: "Normal",
      reason: "Scheduled",
      note: "Successfully assigned default/web to node-a",
      reportingController: "default-scheduler",
      eventTime: "2024-05-01T11:59:30.000000Z",
    },
    [
      "Last Seen",
      "Type",
      "Reason",
      "Object",
      "Subobject",
      "Source",
      "Message",
      "First Seen",
      "Count",
      "Name",
    ],
    [
      "30s",
      "Normal",
      "Scheduled",
      "pod/web",
      "",
      "default-scheduler",
      "Successfully assigned default/web to node-a",
      "30s",
      1,
      "web.1",
    ],
  ],
  [
    "custom resource definitions",
    resource("apiextensions.k8s.io", "v1", "customresourcedefinitions"),
    { metadata: { name: "widgets.example.com", creationTimestamp: "2024-05-01T11:00:00Z" } },
    ["Name", "Created At"],
    ["widgets.example.com", "2024-05-01T11:00:00Z"],
  ],
  [
    "custom resources with printer columns",
    resource("example.com", "v1", "widgets"),
    {
      metadata: { name: "w", creationTimestamp: "2024-05-01T11:58:00Z" },
      spec: { size: 3 },
      status: { conditions: [{ type: "Ready", status: "True" }] },
    },
    ["Name", "Size", "Ready", "Age"],
    ["w", 3, "True", "2m"],
  ],
  [
    "custom resources without printer columns",
    resource("example.com", "v2", "widgets"),
    { metadata: { name: "w", creationTimestamp: "2024-05-01T11:58:00Z" }, spec: { size: 3 } },
    ["Name", "Age"],
    ["w", "2m"],
  ],
];

for (const [name, res, item, columns, cells] of kinds) {
  Deno.test(`toTable prints ${name} with kubectl's columns`, () => {
    const table = toTable(res, [item], { now: NOW });
    assert.deepEqual(table.columnDefinitions!.map((c) => c.name), columns);
    assert.deepEqual(table.rows[0].cells, cells);
  });
}

Deno.test("toTable gives a built-in kind without a printer NAME and CREATED AT", () => {
  const res = { ...pods, kind: "LimitRange", plural: "limitranges", printerColumns: [] };
  const table = toTable(res, [{ metadata: { name: "r", creationTimestamp: "2024-05-01T11:00:00Z" } }], {
    now: NOW,
  });
  assert.deepEqual(table.columnDefinitions!.map((c) => [c.name, c.type]), [["Name", "string"], [
    "Created At",
    "date",
  ]]);
  assert.deepEqual(table.rows[0].cells, ["r", "2024-05-01T11:00:00Z"]);
});

Deno.test("toTable counts ages from the clock when no instant is given", () => {
  const fresh = { ...web, metadata: { ...web.metadata, creationTimestamp: new Date().toISOString() } };
  assert.equal(toTable(pods, [fresh]).rows[0].cells[4], "0s");
});
