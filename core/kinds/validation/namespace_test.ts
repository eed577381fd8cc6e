import assert from "node:assert/strict";
import { validateNamespace } from "./namespace.ts";

const lines = (ns: Parameters<typeof validateNamespace>[0]) =>
  validateNamespace(ns).map((e) => `${e.field}: ${e.message}`);

Deno.test("a namespace named with a DNS label is valid", () => {
  assert.deepEqual(
    validateNamespace({ metadata: { name: "team-a" }, spec: { finalizers: ["kubernetes"] } }),
    [],
  );
});

Deno.test("a namespace name must be a DNS-1123 label", () => {
  assert.deepEqual(lines({ metadata: { name: "Team_A" } }), [
    `metadata.name: Invalid value: "Team_A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  ]);
  assert.deepEqual(lines({ metadata: { name: "team.a" } }), [
    'metadata.name: Invalid value: "team.a": must not contain dots',
  ]);
  assert.deepEqual(lines({ metadata: { name: "x".repeat(64) } }), [
    `metadata.name: Invalid value: "${"x".repeat(64)}": must be no more than 63 characters`,
  ]);
});

Deno.test("a namespace needs a name or a generateName, and a generateName may end in a dash", () => {
  assert.deepEqual(lines({ metadata: {} }), [
    "metadata.name: Required value: name or generateName is required",
  ]);
  assert.deepEqual(validateNamespace({ metadata: { generateName: "test-", name: "test-x1z2" } }), []);
});

Deno.test("a namespace cannot itself sit in a namespace", () => {
  assert.deepEqual(lines({ metadata: { name: "a", namespace: "b" } }), [
    "metadata.namespace: Forbidden: not allowed on this type",
  ]);
});

Deno.test("namespace finalizers are standard or fully qualified", () => {
  assert.deepEqual(
    lines({ metadata: { name: "a" }, spec: { finalizers: ["example.com/cleanup", "cleanup"] } }),
    [
      'spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ],
  );
});
