import assert from "node:assert/strict";
import type { PrinterColumn } from "@skiff/schema";
import { customPrinter } from "./_custom.ts";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
const HOUR = 3600_000;

const string = (name: string, jsonPath: string): PrinterColumn => ({ name, type: "string", jsonPath });
const integer = (name: string, jsonPath: string): PrinterColumn => ({ name, type: "integer", jsonPath });

// From apiextensions-apiserver/pkg/registry/customresource/tableconvertor/tableconvertor_test.go.
const blah = {
  apiVersion: "example.istio.io/v1alpha1",
  kind: "Blah",
  metadata: { name: "blah" },
  spec: {
    servers: [{ hosts: ["foo"] }, { hosts: ["bar", "baz"] }],
    foo: [{ bar: [1] }, { bar: [2, 3] }],
  },
};

Deno.test("custom printer prints lists in string columns as JSON and takes only the first match", () => {
  const p = customPrinter([
    string("valueOnly", ".spec.servers[0].hosts[0]"),
    string("single1", ".spec.servers[0].hosts"),
    string("single2", ".spec.servers[1].hosts"),
    string("multi", ".spec.servers[*].hosts"),
  ]);
  assert.deepEqual(p.row(blah, NOW).cells, ["blah", "foo", '["foo"]', '["bar","baz"]', '["foo"]']);
});

Deno.test("custom printer prints integers in string columns as text", () => {
  const p = customPrinter([
    string("valueOnly", ".spec.foo[0].bar[0]"),
    string("single1", ".spec.foo[0].bar"),
    string("single2", ".spec.foo[1].bar"),
    string("multi", ".spec.foo[*].bar"),
  ]);
  assert.deepEqual(p.row(blah, NOW).cells, ["blah", "1", "[1]", "[2,3]", "[1]"]);
});

Deno.test("custom printer leaves integer columns empty for lists", () => {
  const p = customPrinter([
    integer("valueOnly", ".spec.foo[0].bar[0]"),
    integer("single1", ".spec.foo[0].bar"),
    integer("single2", ".spec.foo[1].bar"),
    integer("multi", ".spec.foo[*].bar"),
  ]);
  assert.deepEqual(p.row(blah, NOW).cells, ["blah", 1, null, null, null]);
});

// From Test_cellForJSONValue: each column type takes only values of its own type.
const typed: [PrinterColumn["type"], unknown, unknown][] = [
  ["integer", 42, 42],
  ["integer", 3.14, 3],
  ["integer", true, null],
  ["integer", "foo", null],
  ["number", 42, 42],
  ["number", 3.14, 3.14],
  ["number", true, null],
  ["number", "foo", null],
  ["boolean", 42, null],
  ["boolean", 3.14, null],
  ["boolean", true, true],
  ["boolean", "foo", null],
  ["string", "foo", "foo"],
  ["string", true, "true"],
  ["date", 42, null],
  ["date", 3.14, null],
  ["date", true, null],
  ["date", iso(NOW - 12 * HOUR - 30 * 60_000), "12h"],
  ["date", iso(NOW + 12 * HOUR + 30 * 60_000), "<invalid>"],
  ["date", "", "<unknown>"],
  ["date", "yesterday", "<invalid>"],
  ["date", "0001-01-01T00:00:00Z", "<unknown>"],
];

const shown = (v: unknown) => JSON.stringify(v);
for (const [type, value, want] of typed) {
  Deno.test(`custom printer shows ${shown(value)} in a ${type} column as ${shown(want)}`, () => {
    const p = customPrinter([{ name: "V", type, jsonPath: ".spec.v" }]);
    assert.deepEqual(p.row({ metadata: { name: "x" }, spec: { v: value } }, NOW).cells, ["x", want]);
  });
}

Deno.test("custom printer serves a version without columns with NAME and AGE", () => {
  const p = customPrinter([]);
  assert.deepEqual(p.columns.map((c) => [c.name, c.type, c.format]), [["Name", "string", "name"], [
    "Age",
    "date",
    "",
  ]]);
  assert.deepEqual(p.row({ metadata: { name: "w", creationTimestamp: iso(NOW - 5 * 60_000) } }, NOW).cells, [
    "w",
    "5m",
  ]);
});

Deno.test("custom printer reads conditions, labels and missing fields as CRDs use them", () => {
  const p = customPrinter([
    { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: "App", type: "string", jsonPath: ".metadata.labels.app" },
    { name: "Replicas", type: "integer", jsonPath: ".spec.replicas", priority: 1 },
    { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
  ]);
  const ready = {
    metadata: { name: "a", labels: { app: "shop" }, creationTimestamp: iso(NOW - 3 * 24 * HOUR) },
    spec: { replicas: 2 },
    status: { conditions: [{ type: "Synced", status: "True" }, { type: "Ready", status: "False" }] },
  };
  assert.deepEqual(p.row(ready, NOW).cells, ["a", "False", "shop", 2, "3d"]);
  assert.deepEqual(p.row({ metadata: { name: "b" } }, NOW).cells, ["b", null, null, null, null]);
});

Deno.test("custom printer describes columns by their description or their JSONPath", () => {
  const p = customPrinter([
    {
      name: "Ready",
      type: "string",
      jsonPath: ".status.ready",
      description: "Whether it is ready",
      format: "x",
    },
    { name: "Size", type: "integer", jsonPath: ".spec.size", priority: 1 },
  ]);
  assert.deepEqual(p.columns.slice(1), [
    { name: "Ready", type: "string", format: "x", description: "Whether it is ready", priority: 0 },
    {
      name: "Size",
      type: "integer",
      format: "",
      description: "Custom resource definition column (in JSONPath format): .spec.size",
      priority: 1,
    },
  ]);
});

Deno.test("custom printer serves the columns before the first one whose JSONPath does not parse", () => {
  const p = customPrinter([string("A", ".spec.a"), string("Bad", ".spec[0"), string("C", ".spec.c")]);
  assert.deepEqual(p.columns.map((c) => c.name), ["Name", "A"]);
  assert.deepEqual(p.row({ metadata: { name: "x" }, spec: { a: "1", c: "3" } }, NOW).cells, ["x", "1"]);
});

Deno.test("custom printer prints null in a string column as <no value>", () => {
  const p = customPrinter([string("V", ".spec.v")]);
  assert.deepEqual(p.row({ metadata: { name: "x" }, spec: { v: null } }, NOW).cells, ["x", "<no value>"]);
});
