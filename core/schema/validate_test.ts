import assert from "node:assert/strict";
import type { JSONSchemaProps } from "./types.ts";
import { validate } from "./validate.ts";

/** A schema with `field` under `spec`, so paths read like real objects. */
function spec(field: JSONSchemaProps, extra: Partial<JSONSchemaProps> = {}): JSONSchemaProps {
  return { type: "object", properties: { spec: { type: "object", properties: { x: field }, ...extra } } };
}

/** Errors as "field: message" lines, the way kubectl prints them. */
function lines(value: unknown, schema: JSONSchemaProps, basePath?: string): string[] {
  return validate(value, schema, { basePath }).map((e) => `${e.field}: ${e.message}`);
}

interface Case {
  name: string;
  schema: JSONSchemaProps;
  x: unknown;
  want: string[];
}

const cases: Case[] = [
  {
    name: "a string where an integer belongs is a type error naming the JSON type",
    schema: spec({ type: "integer" }),
    x: "3",
    want: ['spec.x: Invalid value: "string": spec.x in body must be of type integer: "string"'],
  },
  { name: "an integral number is an integer", schema: spec({ type: "integer" }), x: 1.0, want: [] },
  {
    name: "a fractional number is not an integer and also fails the integer range check",
    schema: spec({ type: "integer" }),
    x: 1.5,
    want: [
      'spec.x: Invalid value: "number": spec.x in body must be of type integer: "number"',
      '<nil>: Invalid value: "": Checked value must be of type integer (default format) in spec.x',
    ],
  },
  { name: "an integer is a number", schema: spec({ type: "number" }), x: 3, want: [] },
  {
    name: "a boolean is not a string",
    schema: spec({ type: "string" }),
    x: true,
    want: ['spec.x: Invalid value: "boolean": spec.x in body must be of type string: "boolean"'],
  },
  {
    name: "an object is not an array",
    schema: spec({ type: "array", items: { type: "string" } }),
    x: {},
    want: ['spec.x: Invalid value: "object": spec.x in body must be of type array: "object"'],
  },
  {
    name: "null is a type error for a field that is not nullable",
    schema: spec({ type: "string" }),
    x: null,
    want: ['spec.x: Invalid value: "null": spec.x in body must be of type string: "null"'],
  },
  {
    name: "null is fine for a nullable field",
    schema: spec({ type: "string", nullable: true }),
    x: null,
    want: [],
  },
  {
    name: "a nullable enum still refuses null, as Kubernetes does",
    schema: spec({ type: "string", nullable: true, enum: ["a"] }),
    x: null,
    want: ['spec.x: Unsupported value: null: supported values: "a"'],
  },
  {
    name: "an enum lists the supported values quoted",
    schema: spec({ type: "string", enum: ["a", "b"] }),
    x: "c",
    want: ['spec.x: Unsupported value: "c": supported values: "a", "b"'],
  },
  {
    name: "a numeric enum quotes the JSON of each value",
    schema: spec({ type: "integer", enum: [1, 2] }),
    x: 3,
    want: ['spec.x: Unsupported value: 3: supported values: "1", "2"'],
  },
  {
    name: "a type error and an enum error are both reported, type first",
    schema: spec({ type: "string", enum: ["a"] }),
    x: 5,
    want: [
      'spec.x: Invalid value: "integer": spec.x in body must be of type string: "integer"',
      'spec.x: Unsupported value: 5: supported values: "a"',
    ],
  },
  {
    name: "a pattern mismatch quotes the pattern",
    schema: spec({ type: "string", pattern: "^[a-z]$" }),
    x: "abc",
    want: ["spec.x: Invalid value: \"abc\": spec.x in body should match '^[a-z]$'"],
  },
  {
    name: "a pattern is searched, not anchored",
    schema: spec({ type: "string", pattern: "b" }),
    x: "abc",
    want: [],
  },
  {
    name: "maxLength counts runes, not bytes",
    schema: spec({ type: "string", maxLength: 3 }),
    x: "ééé",
    want: [],
  },
  {
    name: "a string over maxLength is too long, in Kubernetes' (byte) wording",
    schema: spec({ type: "string", maxLength: 3 }),
    x: "😀😀😀😀",
    want: ["spec.x: Too long: may not be more than 3 bytes"],
  },
  {
    name: "a string under minLength names its length",
    schema: spec({ type: "string", minLength: 2 }),
    x: "a",
    want: ['spec.x: Invalid value: "a": spec.x in body should be at least 2 chars long'],
  },
  {
    name: "only the first string failure is reported",
    schema: spec({ type: "string", maxLength: 1, pattern: "^z" }),
    x: "abc",
    want: ["spec.x: Too long: may not be more than 1 byte"],
  },
  {
    name: "an integer over the maximum",
    schema: spec({ type: "integer", maximum: 10 }),
    x: 11,
    want: ["spec.x: Invalid value: 11: spec.x in body should be less than or equal to 10"],
  },
  {
    name: "an integer at an exclusive maximum",
    schema: spec({ type: "integer", maximum: 10, exclusiveMaximum: true }),
    x: 10,
    want: ["spec.x: Invalid value: 10: spec.x in body should be less than 10"],
  },
  {
    name: "a number under the minimum",
    schema: spec({ type: "number", minimum: 0 }),
    x: -0.5,
    want: ["spec.x: Invalid value: -0.5: spec.x in body should be greater than or equal to 0"],
  },
  {
    name: "a number at an exclusive minimum",
    schema: spec({ type: "number", minimum: 0, exclusiveMinimum: true }),
    x: 0,
    want: ["spec.x: Invalid value: 0: spec.x in body should be greater than 0"],
  },
  {
    name: "a float bound prints as Go prints a float64",
    schema: spec({ type: "number", maximum: 1000000.5 }),
    x: 2000000.25,
    want: [
      "spec.x: Invalid value: 2.00000025e+06: spec.x in body should be less than or equal to 1.0000005e+06",
    ],
  },
  {
    name: "an integer that is not a multiple",
    schema: spec({ type: "integer", multipleOf: 5 }),
    x: 7,
    want: ["spec.x: Invalid value: 7: spec.x in body should be a multiple of 5"],
  },
  {
    name: "a float multiple within rounding",
    schema: spec({ type: "number", multipleOf: 0.1 }),
    x: 0.3,
    want: [],
  },
  {
    name: "a float that is not a multiple",
    schema: spec({ type: "number", multipleOf: 0.1 }),
    x: 0.35,
    want: ["spec.x: Invalid value: 0.35: spec.x in body should be a multiple of 0.1"],
  },
  {
    name: "an int32 out of range fails the range check at the root path",
    schema: spec({ type: "integer", format: "int32" }),
    x: 3000000000,
    want: ['<nil>: Invalid value: "": Checked value must be of type integer with format int32 in spec.x'],
  },
  {
    name: "a fraction in an int32 field fails against the format",
    schema: spec({ type: "integer", format: "int32" }),
    x: 2.5,
    want: [
      'spec.x: Invalid value: "float64": spec.x in body must be of type int32: "float64"',
      '<nil>: Invalid value: "": Checked value must be of type integer with format int32 in spec.x',
    ],
  },
  {
    name: "too few items",
    schema: spec({ type: "array", items: { type: "string" }, minItems: 2 }),
    x: ["a"],
    want: ["spec.x: Invalid value: 1: spec.x in body should have at least 2 items"],
  },
  {
    name: "too many items",
    schema: spec({ type: "array", items: { type: "string" }, maxItems: 2 }),
    x: ["a", "b", "c"],
    want: ["spec.x: Too many: 3: must have at most 2 items"],
  },
  {
    name: "duplicate items under uniqueItems",
    schema: spec({ type: "array", items: { type: "object" }, uniqueItems: true }),
    x: [{ a: 1 }, { a: 1 }],
    want: ['spec.x: Invalid value: "": spec.x in body shouldn\'t contain duplicates'],
  },
  {
    name: "too many properties",
    schema: spec({ type: "object", maxProperties: 1 }),
    x: { a: 1, b: 2 },
    want: ["spec.x: Too many: 2: must have at most 1 item"],
  },
  {
    name: "too few properties",
    schema: spec({ type: "object", minProperties: 2 }),
    x: { a: 1 },
    want: ["spec.x: Invalid value: 1: spec.x in body should have at least 2 properties"],
  },
  {
    name: "an additionalProperties value is reached through a dotted key",
    schema: spec({ type: "object", additionalProperties: { type: "string" } }),
    x: { app: 1 },
    want: ['spec.x.app: Invalid value: "integer": spec.x.app in body must be of type string: "integer"'],
  },
  {
    name: "additionalProperties false forbids undeclared keys at the parent's path",
    schema: spec({ type: "object", properties: { a: { type: "string" } }, additionalProperties: false }),
    x: { a: "x", b: 1 },
    want: ['spec.x: Invalid value: "b": spec.x.b in body is a forbidden property'],
  },
  {
    name: "int-or-string takes an integer",
    schema: spec({ "x-kubernetes-int-or-string": true }),
    x: 8080,
    want: [],
  },
  {
    name: "int-or-string takes a string",
    schema: spec({ "x-kubernetes-int-or-string": true }),
    x: "50%",
    want: [],
  },
  {
    name: "int-or-string refuses a boolean, naming both types",
    schema: spec({ "x-kubernetes-int-or-string": true }),
    x: true,
    want: ['spec.x: Invalid value: "boolean": spec.x in body must be of type integer,string: "boolean"'],
  },
  {
    name: "a valid date-time passes",
    schema: spec({ type: "string", format: "date-time" }),
    x: "2024-01-02T03:04:05Z",
    want: [],
  },
  {
    name: "an invalid date-time is a type error naming the format",
    schema: spec({ type: "string", format: "date-time" }),
    x: "yesterday",
    want: ['spec.x: Invalid value: "yesterday": spec.x in body must be of type date-time: "yesterday"'],
  },
  {
    name: "an unknown format is not checked",
    schema: spec({ type: "string", format: "quantity" }),
    x: "lots",
    want: [],
  },
  {
    name: "an array for a formatted string is a type error",
    schema: spec({ type: "string", format: "byte" }),
    x: ["a"],
    want: ['spec.x: Invalid value: "array": spec.x in body must be of type string: "array"'],
  },
  {
    name: "a number for a formatted string is refused against the format",
    schema: spec({ type: "string", format: "uuid" }),
    x: 5,
    want: ['spec.x: Invalid value: "int64": spec.x in body must be of type uuid: "int64"'],
  },
  {
    name: "anyOf reports its failure at <nil> and the errors of the best branch",
    schema: spec({ type: "integer", anyOf: [{ minimum: 5 }, { maximum: 1 }] }),
    x: 3,
    want: [
      '<nil>: Invalid value: "": "spec.x" must validate at least one schema (anyOf)',
      "spec.x: Invalid value: 3: spec.x in body should be greater than or equal to 5",
    ],
  },
  {
    name: "anyOf passes when one branch does",
    schema: spec({ anyOf: [{ type: "string" }, { type: "integer" }] }),
    x: 3,
    want: [],
  },
  {
    name: "oneOf refuses two matching branches",
    schema: spec({ oneOf: [{ minimum: 1 }, { maximum: 10 }] }),
    x: 5,
    want: [
      '<nil>: Invalid value: "": "spec.x" must validate one and only one schema (oneOf). Found 2 valid alternatives',
    ],
  },
  {
    name: "oneOf refuses no matching branch and shows the best failure",
    schema: spec({ oneOf: [{ type: "string" }, { type: "boolean" }] }),
    x: 5,
    want: [
      '<nil>: Invalid value: "": "spec.x" must validate one and only one schema (oneOf). Found none valid',
      'spec.x: Invalid value: "integer": spec.x in body must be of type string: "integer"',
    ],
  },
  {
    name: "allOf reports the failing branch, then itself",
    schema: spec({ type: "integer", allOf: [{ minimum: 5 }] }),
    x: 3,
    want: [
      "spec.x: Invalid value: 3: spec.x in body should be greater than or equal to 5",
      '<nil>: Invalid value: "": "spec.x" must validate all the schemas (allOf). None validated',
    ],
  },
  {
    name: "not refuses a value its schema accepts",
    schema: spec({ not: { type: "string" } }),
    x: "a",
    want: ['<nil>: Invalid value: "": "spec.x" must not validate the schema (not)'],
  },
  {
    name: "a set list reports the second occurrence of a value only",
    schema: spec({ type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" }),
    x: ["a", "b", "a", "a"],
    want: ['spec.x[2]: Duplicate value: "a"'],
  },
  {
    name: "a map list reports a repeated key as the key object",
    schema: spec({
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["port", "protocol"],
      items: {
        type: "object",
        required: ["port", "protocol"],
        properties: { port: { type: "integer" }, protocol: { type: "string" } },
      },
    }),
    x: [{ port: 80, protocol: "TCP" }, { port: 80, protocol: "TCP", name: "b" }],
    want: ['spec.x[1]: Duplicate value: {"port":80,"protocol":"TCP"}'],
  },
  {
    name: "a map list refuses an item that is not an object",
    schema: spec({ type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] }),
    x: [{ name: "a" }, "b"],
    want: ['spec.x[1]: Invalid value: "b": must be an object for an array of list-type map'],
  },
  {
    name: "a map list item without an undefaulted key is reported as required",
    schema: spec({
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
      items: { type: "object", properties: { name: { type: "string" } } },
    }),
    x: [{ name: "a" }, {}],
    want: ["spec.x[1].name: Required value"],
  },
  {
    name: "a map list whose key is required in the schema reports it once, from the schema",
    schema: spec({
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
      items: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
    }),
    x: [{}],
    want: ["spec.x[0].name: Required value"],
  },
  {
    name: "an embedded resource needs apiVersion and kind",
    schema: spec({
      type: "object",
      "x-kubernetes-embedded-resource": true,
      "x-kubernetes-preserve-unknown-fields": true,
    }),
    x: {},
    want: ["spec.x.apiVersion: Required value", "spec.x.kind: Required value"],
  },
  {
    name: "an embedded resource's kind must be a DNS-1035 label in any case",
    schema: spec({
      type: "object",
      "x-kubernetes-embedded-resource": true,
      "x-kubernetes-preserve-unknown-fields": true,
    }),
    x: { apiVersion: "v1", kind: "1Pod" },
    want: [
      'spec.x.kind: Invalid value: "1Pod": may have mixed case, but should otherwise match: a DNS-1035 label must ' +
      "consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an " +
      "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ],
  },
  {
    name: "an embedded resource's name must be a path segment",
    schema: spec({
      type: "object",
      "x-kubernetes-embedded-resource": true,
      "x-kubernetes-preserve-unknown-fields": true,
    }),
    x: { apiVersion: "v1", kind: "Pod", metadata: { name: "a/b" } },
    want: ["spec.x.metadata.name: Invalid value: \"a/b\": may not contain '/'"],
  },
  {
    name: "an embedded resource's metadata must decode as ObjectMeta",
    schema: spec({
      type: "object",
      "x-kubernetes-embedded-resource": true,
      "x-kubernetes-preserve-unknown-fields": true,
    }),
    x: { apiVersion: "v1", kind: "Pod", metadata: { labels: "x" } },
    want: [
      'spec.x.metadata: Invalid value: {"labels":"x"}: json: cannot unmarshal string into Go struct field ' +
      "ObjectMeta.labels of type map[string]string",
    ],
  },
  {
    name: "an embedded resource without a name is fine",
    schema: spec({
      type: "object",
      "x-kubernetes-embedded-resource": true,
      "x-kubernetes-preserve-unknown-fields": true,
    }),
    x: { apiVersion: "apps/v1", kind: "Deployment", metadata: { labels: { app: "web" } } },
    want: [],
  },
];

for (const c of cases) {
  Deno.test(`validate: ${c.name}`, () => {
    assert.deepEqual(lines({ spec: { x: c.x } }, c.schema), c.want);
  });
}

Deno.test("validate reports a missing required field as Required value with reason FieldValueRequired", () => {
  const schema: JSONSchemaProps = {
    type: "object",
    properties: { spec: { type: "object", required: ["name"], properties: { name: { type: "string" } } } },
  };
  assert.deepEqual(validate({ spec: {} }, schema), [
    { reason: "FieldValueRequired", field: "spec.name", message: "Required value" },
  ]);
});

Deno.test("validate gives each error the reason Kubernetes gives it", () => {
  const schema = spec({ type: "string", enum: ["a"], maxLength: 0 });
  assert.deepEqual(validate({ spec: { x: "b" } }, schema).map((e) => e.reason), [
    "FieldValueTooLong",
    "FieldValueNotSupported",
  ]);
  assert.equal(validate({ spec: { x: 1 } }, spec({ type: "string" }))[0].reason, "FieldValueTypeInvalid");
  assert.equal(
    validate({ spec: { x: "b" } }, spec({ type: "string", pattern: "a" }))[0].reason,
    "FieldValueInvalid",
  );
});

Deno.test("validate names an error about the root <nil>, with Kubernetes' empty name before 'in body'", () => {
  assert.deepEqual(lines("x", { type: "object" }), [
    '<nil>: Invalid value: "string":  in body must be of type object: "string"',
  ]);
});

Deno.test("validate puts every path under basePath, composite errors included", () => {
  const schema: JSONSchemaProps = { type: "object", properties: { a: { anyOf: [{ type: "string" }] } } };
  assert.deepEqual(lines({ a: 1 }, schema, "status"), [
    'status: Invalid value: "": "a" must validate at least one schema (anyOf)',
    'status.a: Invalid value: "integer": a in body must be of type string: "integer"',
  ]);
});

Deno.test("validate reports one message once even when several checks produce it", () => {
  const schema = spec({ type: "integer", allOf: [{ minimum: 5 }, { minimum: 5 }] });
  assert.deepEqual(lines({ spec: { x: 3 } }, schema), [
    "spec.x: Invalid value: 3: spec.x in body should be greater than or equal to 5",
    '<nil>: Invalid value: "": "spec.x" must validate all the schemas (allOf). None validated',
  ]);
});

Deno.test("validate walks arrays of objects with indexed paths", () => {
  const schema: JSONSchemaProps = {
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: {
          containers: {
            type: "array",
            items: { type: "object", required: ["image"], properties: { image: { type: "string" } } },
          },
        },
      },
    },
  };
  assert.deepEqual(lines({ spec: { containers: [{ image: "a" }, {}] } }, schema), [
    "spec.containers[1].image: Required value",
  ]);
});

Deno.test("validate accepts unknown fields, which are pruning's business", () => {
  assert.deepEqual(lines({ spec: { x: 1, y: 2 } }, spec({ type: "integer" })), []);
});

Deno.test("validate lists schema errors first, then embedded-resource errors, then list-type errors", () => {
  const schema: JSONSchemaProps = {
    type: "object",
    properties: {
      list: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
      obj: {
        type: "object",
        "x-kubernetes-embedded-resource": true,
        "x-kubernetes-preserve-unknown-fields": true,
      },
      n: { type: "integer" },
    },
  };
  assert.deepEqual(lines({ list: ["a", "a"], obj: { apiVersion: "v1" }, n: "x" }, schema), [
    'n: Invalid value: "string": n in body must be of type integer: "string"',
    "obj.kind: Required value",
    'list[1]: Duplicate value: "a"',
  ]);
});

Deno.test("validate checks the root as an embedded resource when asked", () => {
  assert.deepEqual(lines({}, { type: "object" }).length, 0);
  assert.deepEqual(
    validate({}, { type: "object" }, { rootEmbedded: true }).map((e) => e.field),
    ["apiVersion", "kind"],
  );
});

Deno.test("validate truncates multipleOf for an integer value, as Kubernetes' int64 path does", () => {
  // JSON integers decode to int64 in Kubernetes, and MultipleOfInt compares against int64(1.5) = 1.
  assert.deepEqual(lines({ spec: { x: 35 } }, spec({ type: "number", multipleOf: 1.5 })), []);
  assert.deepEqual(lines({ spec: { x: 35.5 } }, spec({ type: "number", multipleOf: 1.5 })), [
    "spec.x: Invalid value: 35.5: spec.x in body should be a multiple of 1.5",
  ]);
});
