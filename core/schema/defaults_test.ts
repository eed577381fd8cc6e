import assert from "node:assert/strict";
import { applyDefaults } from "./defaults.ts";
import type { JSONSchemaProps } from "./types.ts";

const schema: JSONSchemaProps = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      default: {},
      properties: {
        replicas: { type: "integer", default: 1 },
        paused: { type: "boolean", nullable: true, default: false },
        strategy: {
          type: "object",
          default: { type: "RollingUpdate", junk: true },
          properties: { type: { type: "string" } },
        },
        ports: {
          type: "array",
          items: {
            type: "object",
            default: { protocol: "UDP" },
            properties: { port: { type: "integer" }, protocol: { type: "string", default: "TCP" } },
          },
        },
        labels: { type: "object", additionalProperties: { type: "string", default: "on" } },
        nothing: { type: "string", nullable: true, default: null },
      },
    },
  },
};

Deno.test("applyDefaults fills an absent property and returns the same object", () => {
  const obj = { spec: {} as Record<string, unknown> };
  assert.equal(applyDefaults(obj, schema), obj);
  assert.equal(obj.spec.replicas, 1);
});

Deno.test("applyDefaults creates a defaulted parent, then defaults inside it", () => {
  const obj: Record<string, unknown> = {};
  applyDefaults(obj, schema);
  assert.deepEqual(obj, { spec: { replicas: 1, paused: false, strategy: { type: "RollingUpdate" } } });
});

Deno.test("applyDefaults replaces null in a field that is not nullable", () => {
  const obj = { spec: { replicas: null } };
  applyDefaults(obj, schema);
  assert.equal(obj.spec.replicas, 1);
});

Deno.test("applyDefaults keeps null in a nullable field", () => {
  const obj = { spec: { paused: null } };
  applyDefaults(obj, schema);
  assert.equal(obj.spec.paused, null);
});

Deno.test("applyDefaults never applies a null default", () => {
  const obj = { spec: {} as Record<string, unknown> };
  applyDefaults(obj, schema);
  assert.equal("nothing" in obj.spec, false);
});

Deno.test("applyDefaults prunes a default against its schema before applying it", () => {
  const obj = { spec: {} as Record<string, unknown> };
  applyDefaults(obj, schema);
  assert.deepEqual(obj.spec.strategy, { type: "RollingUpdate" });
});

Deno.test("applyDefaults defaults inside array items and replaces null items", () => {
  const obj = { spec: { ports: [{ port: 80 }, null] } };
  applyDefaults(obj, schema);
  assert.deepEqual(obj.spec.ports, [{ port: 80, protocol: "TCP" }, { protocol: "UDP" }]);
});

Deno.test("applyDefaults replaces null map values with the additionalProperties default", () => {
  const obj = { spec: { labels: { a: null, b: "x" } } };
  applyDefaults(obj, schema);
  assert.deepEqual(obj.spec.labels, { a: "on", b: "x" });
});

Deno.test("applyDefaults gives every object its own copy of a default", () => {
  const a = { spec: {} as Record<string, Record<string, unknown>> };
  const b = { spec: {} as Record<string, Record<string, unknown>> };
  applyDefaults(a, schema);
  applyDefaults(b, schema);
  a.spec.strategy.type = "Recreate";
  assert.equal(b.spec.strategy.type, "RollingUpdate");
});

Deno.test("applyDefaults leaves values that are present alone", () => {
  const obj = { spec: { replicas: 5, strategy: { type: "Recreate" } } };
  applyDefaults(obj, schema);
  assert.equal(obj.spec.replicas, 5);
  assert.deepEqual(obj.spec.strategy, { type: "Recreate" });
});
