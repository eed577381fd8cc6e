import assert from "node:assert/strict";
import * as v from "valibot";
import { toJSONSchemaProps } from "./to_json_schema.ts";

Deno.test("objects list their properties and require the fields that are not optional", () => {
  const schema = v.object({ name: v.string(), image: v.optional(v.string()), ready: v.boolean() });
  assert.deepEqual(toJSONSchemaProps(schema), {
    type: "object",
    properties: { name: { type: "string" }, image: { type: "string" }, ready: { type: "boolean" } },
    required: ["name", "ready"],
  });
});

Deno.test("records become objects with additionalProperties and arrays carry their items", () => {
  assert.deepEqual(toJSONSchemaProps(v.record(v.string(), v.string())), {
    type: "object",
    additionalProperties: { type: "string" },
  });
  assert.deepEqual(toJSONSchemaProps(v.array(v.number())), { type: "array", items: { type: "number" } });
});

Deno.test("a picklist is a string enum and nullable wrappers set nullable", () => {
  assert.deepEqual(toJSONSchemaProps(v.picklist(["Always", "Never"])), {
    type: "string",
    enum: ["Always", "Never"],
  });
  assert.deepEqual(toJSONSchemaProps(v.nullable(v.string())), { type: "string", nullable: true });
});

Deno.test("length and range checks become OpenAPI keywords, other checks stay runtime-only", () => {
  const schema = v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(63),
    v.regex(/^[a-z]+$/),
    v.check((s) => s !== "x"),
  );
  assert.deepEqual(toJSONSchemaProps(schema), {
    type: "string",
    minLength: 1,
    maxLength: 63,
    pattern: "^[a-z]+$",
  });
  assert.deepEqual(toJSONSchemaProps(v.pipe(v.number(), v.integer(), v.minValue(0))), {
    type: "integer",
    minimum: 0,
  });
});

Deno.test("the output has no $schema and no $ref, even for a schema used twice", () => {
  const Ref = v.object({ name: v.string() });
  const out = toJSONSchemaProps(v.object({ a: Ref, b: v.array(Ref) }));
  const text = JSON.stringify(out);
  assert.ok(!text.includes("$ref") && !text.includes("$schema"));
  assert.deepEqual(out.properties?.a, out.properties?.b.items);
});

Deno.test("unions other than int-or-string are refused with the path that holds them", () => {
  const schema = v.object({ spec: v.object({ x: v.union([v.string(), v.boolean()]) }) });
  assert.throws(() => toJSONSchemaProps(schema), {
    message: "spec.x: only int-or-string unions are structural",
  });
  assert.throws(
    () => toJSONSchemaProps(v.object({ t: v.tuple([v.string()]) })),
    /t: valibot "tuple" has no structural schema/,
  );
});

Deno.test("fieldDocs naming a field the object does not have is refused", () => {
  const schema = v.pipe(v.object({ a: v.string() }), v.metadata({ fieldDocs: { b: "?" } }));
  assert.throws(() => toJSONSchemaProps(schema), /fieldDocs names "b", which is not a field/);
});
