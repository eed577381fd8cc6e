import assert from "node:assert/strict";
import * as v from "valibot";
import {
  anyJSON,
  bytes,
  double,
  fieldDocs,
  int32,
  int64,
  intOrString,
  k8s,
  preserveUnknownFields,
  quantity,
  QUANTITY_PATTERN,
  time,
} from "./k8s.ts";
import { toJSONSchemaProps } from "./to_json_schema.ts";

Deno.test("Go's number types become integers and numbers with their OpenAPI format", () => {
  assert.deepEqual(toJSONSchemaProps(int32()), { type: "integer", format: "int32" });
  assert.deepEqual(toJSONSchemaProps(int64()), { type: "integer", format: "int64" });
  assert.deepEqual(toJSONSchemaProps(double()), { type: "number", format: "double" });
});

Deno.test("times and byte strings are strings with a format", () => {
  assert.deepEqual(toJSONSchemaProps(time()), { type: "string", format: "date-time" });
  assert.deepEqual(toJSONSchemaProps(bytes()), { type: "string", format: "byte" });
});

Deno.test("IntOrString and Quantity are int-or-string, and a quantity carries apiextensions' pattern", () => {
  assert.deepEqual(toJSONSchemaProps(intOrString()), {
    anyOf: [{ type: "integer" }, { type: "string" }],
    "x-kubernetes-int-or-string": true,
  });
  assert.deepEqual(toJSONSchemaProps(quantity()), {
    anyOf: [{ type: "integer" }, { type: "string" }],
    "x-kubernetes-int-or-string": true,
    pattern: QUANTITY_PATTERN,
  });
  assert.ok(new RegExp(QUANTITY_PATTERN).test("500m"));
  assert.ok(!new RegExp(QUANTITY_PATTERN).test("12 apples"));
});

Deno.test("an int-or-string accepts a port number or a port name at runtime", () => {
  assert.equal(v.parse(intOrString(), 8080), 8080);
  assert.equal(v.parse(intOrString(), "http"), "http");
  assert.ok(!v.safeParse(intOrString(), 1.5).success);
});

Deno.test("untyped objects and values preserve unknown fields", () => {
  assert.deepEqual(toJSONSchemaProps(preserveUnknownFields()), {
    type: "object",
    "x-kubernetes-preserve-unknown-fields": true,
  });
  assert.deepEqual(toJSONSchemaProps(anyJSON()), { "x-kubernetes-preserve-unknown-fields": true });
  assert.deepEqual(v.parse(preserveUnknownFields(), { a: { b: 1 } }), { a: { b: 1 } });
});

Deno.test("k8s() keywords land in the schema, the later ones winning", () => {
  const schema = v.pipe(
    v.array(v.string()),
    k8s({ "x-kubernetes-list-type": "atomic" }),
    k8s({ "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge" }),
  );
  assert.deepEqual(toJSONSchemaProps(schema), {
    type: "array",
    items: { type: "string" },
    "x-kubernetes-list-type": "set",
    "x-kubernetes-patch-strategy": "merge",
  });
});

Deno.test("fieldDocs describes each field and replaces the description its type brought along", () => {
  const Inner = v.pipe(v.object({ x: v.string() }), v.description("A generic inner thing."));
  const Outer = v.pipe(
    v.object({ inner: v.optional(Inner), n: int32() }),
    fieldDocs({ inner: "The inner thing this outer one uses.", n: "How many." }),
  );
  const out = toJSONSchemaProps(Outer);
  assert.equal(out.properties?.inner.description, "The inner thing this outer one uses.");
  assert.equal(out.properties?.n.description, "How many.");
  // The shared schema object is not changed by being described in one place.
  assert.equal(toJSONSchemaProps(Inner).description, "A generic inner thing.");
});
