import assert from "node:assert/strict";
import { parse } from "yaml";
import { checkStructural } from "./structural.ts";
import type { JSONSchemaProps } from "./types.ts";

const ROOT = "spec.versions[0].schema.openAPIV3Schema";

function lines(schema: JSONSchemaProps): string[] {
  return checkStructural(schema, { path: ROOT }).map((e) => `${e.field}: ${e.message}`);
}

function root(properties: Record<string, JSONSchemaProps>): JSONSchemaProps {
  return { type: "object", properties };
}

interface Case {
  name: string;
  schema: JSONSchemaProps;
  want: string[];
}

const cases: Case[] = [
  {
    name: "a typical CRD schema is accepted",
    schema: root({
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      spec: {
        type: "object",
        required: ["image"],
        properties: {
          image: { type: "string", pattern: "^[a-z]" },
          replicas: { type: "integer", format: "int32", default: 1, minimum: 0 },
          port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
          labels: { type: "object", additionalProperties: { type: "string" } },
          raw: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          ports: {
            type: "array",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["port"],
            items: { type: "object", required: ["port"], properties: { port: { type: "integer" } } },
          },
        },
      },
    }),
    want: [],
  },
  {
    name: "a property without a type",
    schema: root({ spec: {} }),
    want: [`${ROOT}.properties[spec].type: Required value: must not be empty for specified object fields`],
  },
  {
    name: "array items without a type",
    schema: root({ list: { type: "array", items: {} } }),
    want: [
      `${ROOT}.properties[list].items.type: Required value: must not be empty for specified array items`,
    ],
  },
  {
    name: "an array without items",
    schema: root({ list: { type: "array" } }),
    want: [`${ROOT}.properties[list].items: Required value: must be specified`],
  },
  {
    name: "a root without a type",
    schema: { properties: {} },
    want: [`${ROOT}.type: Required value: must not be empty at the root`],
  },
  {
    name: "a root that is not an object",
    schema: { type: "string" },
    want: [`${ROOT}.type: Invalid value: "string": must be object at the root`],
  },
  {
    name: "a nullable root",
    schema: { type: "object", nullable: true },
    want: [`${ROOT}.nullable: Forbidden: nullable cannot be true at the root`],
  },
  {
    name: "additionalProperties together with properties",
    schema: root({
      m: { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "string" } },
    }),
    want: [
      `${ROOT}.properties[m].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
    ],
  },
  {
    name: "additionalProperties at the root",
    schema: { type: "object", additionalProperties: { type: "string" } },
    want: [`${ROOT}.additionalProperties: Forbidden: must not be used at the root`],
  },
  {
    name: "root metadata that describes more than name and generateName",
    schema: root({
      metadata: { type: "object", properties: { name: { type: "string" }, labels: { type: "object" } } },
    }),
    want: [
      `${ROOT}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
    ],
  },
  {
    name: "root metadata that restricts only the name",
    schema: root({ metadata: { type: "object", properties: { name: { type: "string", maxLength: 10 } } } }),
    want: [],
  },
  {
    name: "a default at the top of metadata",
    schema: root({ metadata: { type: "object", properties: { name: { type: "string", default: "x" } } } }),
    want: [
      `${ROOT}.properties[metadata].properties[name].default: Forbidden: must not be set in top-level metadata`,
    ],
  },
  {
    name: "a type inside anyOf",
    schema: root({ a: { type: "string", anyOf: [{ type: "string", maxLength: 3 }] } }),
    want: [`${ROOT}.properties[a].anyOf[0].type: Forbidden: must be empty to be structural`],
  },
  {
    name: "a property defined only inside a root allOf",
    schema: { type: "object", allOf: [{ properties: { b: { maxLength: 3 } } }] },
    want: [`${ROOT}.properties[b]: Required value: because it is defined in ${ROOT}.allOf[0].properties[b]`],
  },
  {
    name: "a default of the wrong type",
    schema: root({ replicas: { type: "integer", default: "one" } }),
    want: [
      `${ROOT}.properties[replicas].default: Invalid value: "string":  in body must be of type integer: "string"`,
    ],
  },
  {
    name: "a default that violates a nested constraint",
    schema: root({
      s: { type: "object", default: { n: 20 }, properties: { n: { type: "integer", maximum: 10 } } },
    }),
    want: [
      `${ROOT}.properties[s].default.n: Invalid value: 20: n in body should be less than or equal to 10`,
    ],
  },
  {
    name: "a default with fields the schema prunes",
    schema: root({
      s: { type: "object", default: { a: "x", junk: 1 }, properties: { a: { type: "string" } } },
    }),
    want: [`${ROOT}.properties[s].default: Invalid value: {"a":"x","junk":1}: must not have unknown fields`],
  },
  {
    name: "uniqueItems",
    schema: root({ l: { type: "array", items: { type: "string" }, uniqueItems: true } }),
    want: [
      `${ROOT}.properties[l].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
    ],
  },
  {
    name: "x-kubernetes-preserve-unknown-fields set to false",
    schema: root({ o: { type: "object", "x-kubernetes-preserve-unknown-fields": false } }),
    want: [
      `${ROOT}.properties[o].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined`,
    ],
  },
  {
    name: "a list type on something that is not an array",
    schema: root({ o: { type: "object", "x-kubernetes-list-type": "set" } }),
    want: [
      `${ROOT}.properties[o].type: Invalid value: "object": must be array if x-kubernetes-list-type is specified`,
    ],
  },
  {
    name: "a map list without keys",
    schema: root({ l: { type: "array", "x-kubernetes-list-type": "map", items: { type: "object" } } }),
    want: [
      `${ROOT}.properties[l].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`,
    ],
  },
  {
    name: "a map-list key that is neither required nor defaulted",
    schema: root({
      l: {
        type: "array",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["name"],
        items: { type: "object", properties: { name: { type: "string" } } },
      },
    }),
    want: [
      `${ROOT}.properties[l].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`,
    ],
  },
  {
    name: "a map-list key that is not an item property",
    schema: root({
      l: {
        type: "array",
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["id"],
        items: { type: "object", properties: { name: { type: "string" } } },
      },
    }),
    want: [
      `${ROOT}.properties[l].x-kubernetes-list-map-keys: Invalid value: ["id"]: entries must all be names of item properties`,
    ],
  },
  {
    name: "list-map keys without a list type",
    schema: root({ l: { type: "array", items: { type: "string" }, "x-kubernetes-list-map-keys": ["a"] } }),
    want: [
      `${ROOT}.properties[l].x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty`,
    ],
  },
  {
    name: "a set of objects that are not atomic",
    schema: root({ l: { type: "array", "x-kubernetes-list-type": "set", items: { type: "object" } } }),
    want: [
      `${ROOT}.properties[l].items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set`,
    ],
  },
  {
    name: "an embedded resource without properties or preserve-unknown-fields",
    schema: root({ t: { type: "object", "x-kubernetes-embedded-resource": true } }),
    want: [
      `${ROOT}.properties[t].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
    ],
  },
  {
    name: "int-or-string together with preserve-unknown-fields",
    schema: root({ p: { "x-kubernetes-int-or-string": true, "x-kubernetes-preserve-unknown-fields": true } }),
    want: [
      `${ROOT}.properties[p].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`,
    ],
  },
  {
    name: "an unsupported type",
    schema: root({ d: { type: "date" as JSONSchemaProps["type"] } }),
    want: [
      `${ROOT}.properties[d].type: Unsupported value: "date": supported values: "array", "boolean", "integer", "number", "object", "string"`,
    ],
  },
  {
    name: "a pattern that does not compile",
    schema: root({ s: { type: "string", pattern: "(" } }),
    want: [
      `${ROOT}.properties[s].pattern: Invalid value: "(": must be a valid regular expression, but isn't: `,
    ],
  },
];

for (const c of cases) {
  Deno.test(`checkStructural reports ${c.name}`, () => {
    const got = lines(c.schema);
    if (c.name === "a pattern that does not compile") {
      assert.equal(got.length, 1);
      assert.ok(got[0].startsWith(c.want[0]), got[0]);
      return;
    }
    assert.deepEqual(got, c.want);
  });
}

Deno.test("checkStructural gives relative paths when no path is given", () => {
  assert.deepEqual(checkStructural({ type: "object", properties: { spec: {} } }).map((e) => e.field), [
    "properties[spec].type",
  ]);
});

Deno.test("checkStructural sorts structural errors by their text, as Kubernetes does", () => {
  const fields = checkStructural(root({ b: {}, a: {} }), { path: ROOT }).map((e) => e.field);
  assert.deepEqual(fields, [`${ROOT}.properties[a].type`, `${ROOT}.properties[b].type`]);
});

Deno.test("checkStructural checks defaults only once the schema is structural", () => {
  const got = lines(root({ a: {}, n: { type: "integer", default: "x" } }));
  assert.equal(got.length, 1);
  assert.match(got[0], /properties\[a\]\.type/);
});

/** Cases from apiextensions-apiserver's test/integration/validation_test.go, expected errors verbatim. */
const upstream: { desc: string; schema: string; want: string[]; unwanted?: string[] }[] = [
  {
    desc: "forbidden vendor extensions in nested value validation",
    schema: `
type: object
properties:
 int-or-string:
   x-kubernetes-int-or-string: true
 embedded-resource:
   type: object
   x-kubernetes-embedded-resource: true
   x-kubernetes-preserve-unknown-fields: true
not:
 properties:
   int-or-string:
     x-kubernetes-int-or-string: true
   embedded-resource:
     x-kubernetes-embedded-resource: true
     x-kubernetes-preserve-unknown-fields: true
allOf:
- properties:
   int-or-string:
     x-kubernetes-int-or-string: true
   embedded-resource:
     x-kubernetes-embedded-resource: true
     x-kubernetes-preserve-unknown-fields: true
anyOf:
- properties:
   int-or-string:
     x-kubernetes-int-or-string: true
   embedded-resource:
     x-kubernetes-embedded-resource: true
     x-kubernetes-preserve-unknown-fields: true
oneOf:
- properties:
   int-or-string:
     x-kubernetes-int-or-string: true
   embedded-resource:
     x-kubernetes-embedded-resource: true
     x-kubernetes-preserve-unknown-fields: true
`,
    want: [
      "S.allOf[0].properties[embedded-resource].x-kubernetes-preserve-unknown-fields: Forbidden: must be false to be structural",
      "S.allOf[0].properties[embedded-resource].x-kubernetes-embedded-resource: Forbidden: must be false to be structural",
      "S.allOf[0].properties[int-or-string].x-kubernetes-int-or-string: Forbidden: must be false to be structural",
      "S.anyOf[0].properties[embedded-resource].x-kubernetes-preserve-unknown-fields: Forbidden: must be false to be structural",
      "S.anyOf[0].properties[embedded-resource].x-kubernetes-embedded-resource: Forbidden: must be false to be structural",
      "S.anyOf[0].properties[int-or-string].x-kubernetes-int-or-string: Forbidden: must be false to be structural",
      "S.oneOf[0].properties[embedded-resource].x-kubernetes-preserve-unknown-fields: Forbidden: must be false to be structural",
      "S.oneOf[0].properties[embedded-resource].x-kubernetes-embedded-resource: Forbidden: must be false to be structural",
      "S.oneOf[0].properties[int-or-string].x-kubernetes-int-or-string: Forbidden: must be false to be structural",
      "S.not.properties[embedded-resource].x-kubernetes-preserve-unknown-fields: Forbidden: must be false to be structural",
      "S.not.properties[embedded-resource].x-kubernetes-embedded-resource: Forbidden: must be false to be structural",
      "S.not.properties[int-or-string].x-kubernetes-int-or-string: Forbidden: must be false to be structural",
    ],
  },
  {
    desc: "missing types with extensions",
    schema: `
properties:
 foo:
   properties:
     a: {}
 bar:
   items:
     additionalProperties:
       properties:
         a: {}
       items: {}
 abc:
   additionalProperties:
     properties:
       a:
         items:
           additionalProperties:
             items:
 json:
   x-kubernetes-preserve-unknown-fields: true
   properties:
     a: {}
 int-or-string:
   x-kubernetes-int-or-string: true
   properties:
     a: {}
`,
    want: [
      "S.properties[foo].properties[a].type: Required value: must not be empty for specified object fields",
      "S.properties[foo].type: Required value: must not be empty for specified object fields",
      "S.properties[int-or-string].properties[a].type: Required value: must not be empty for specified object fields",
      "S.properties[json].properties[a].type: Required value: must not be empty for specified object fields",
      "S.properties[abc].additionalProperties.properties[a].items.additionalProperties.type: Required value: must not be empty for specified object fields",
      "S.properties[abc].additionalProperties.properties[a].items.type: Required value: must not be empty for specified array items",
      "S.properties[abc].additionalProperties.properties[a].type: Required value: must not be empty for specified object fields",
      "S.properties[abc].additionalProperties.type: Required value: must not be empty for specified object fields",
      "S.properties[abc].type: Required value: must not be empty for specified object fields",
      "S.properties[bar].items.additionalProperties.items.type: Required value: must not be empty for specified array items",
      "S.properties[bar].items.additionalProperties.properties[a].type: Required value: must not be empty for specified object fields",
      "S.properties[bar].items.additionalProperties.type: Required value: must not be empty for specified object fields",
      "S.properties[bar].items.type: Required value: must not be empty for specified array items",
      "S.properties[bar].type: Required value: must not be empty for specified object fields",
      "S.type: Required value: must not be empty at the root",
    ],
  },
  {
    desc: "int-or-string variants",
    schema: `
type: object
properties:
 a:
   x-kubernetes-int-or-string: true
 b:
   x-kubernetes-int-or-string: true
   anyOf:
   - type: integer
   - type: string
   allOf:
   - pattern: abc
 c:
   x-kubernetes-int-or-string: true
   allOf:
   - anyOf:
     - type: integer
     - type: string
   - pattern: abc
   - pattern: abc
 d:
   x-kubernetes-int-or-string: true
   anyOf:
   - type: integer
   - type: string
     pattern: abc
 e:
   x-kubernetes-int-or-string: true
   allOf:
   - anyOf:
     - type: integer
     - type: string
       pattern: abc
   - pattern: abc
 f:
   x-kubernetes-int-or-string: true
   anyOf:
   - type: integer
   - type: string
   - pattern: abc
 g:
   x-kubernetes-int-or-string: true
   anyOf:
   - type: string
   - type: integer
`,
    want: [
      "S.properties[d].anyOf[0].type: Forbidden: must be empty to be structural",
      "S.properties[d].anyOf[1].type: Forbidden: must be empty to be structural",
      "S.properties[e].allOf[0].anyOf[0].type: Forbidden: must be empty to be structural",
      "S.properties[e].allOf[0].anyOf[1].type: Forbidden: must be empty to be structural",
      "S.properties[f].anyOf[0].type: Forbidden: must be empty to be structural",
      "S.properties[f].anyOf[1].type: Forbidden: must be empty to be structural",
      "S.properties[g].anyOf[0].type: Forbidden: must be empty to be structural",
      "S.properties[g].anyOf[1].type: Forbidden: must be empty to be structural",
    ],
    unwanted: ["S.properties[a]", "S.properties[b]", "S.properties[c]"],
  },
];

for (const c of upstream) {
  Deno.test(`checkStructural matches Kubernetes' own test: ${c.desc}`, () => {
    const S = "spec.validation.openAPIV3Schema";
    const got = checkStructural(parse(c.schema), { path: S }).map((e) => `${e.field}: ${e.message}`);
    for (const w of c.want) {
      assert.ok(got.includes(w.replace("S.", `${S}.`)), `missing ${w}\n${got.join("\n")}`);
    }
    for (const u of c.unwanted ?? []) {
      assert.ok(!got.some((g) => g.startsWith(u.replace("S.", `${S}.`))), `unexpected ${u}`);
    }
  });
}
