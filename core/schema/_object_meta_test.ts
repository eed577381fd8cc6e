import assert from "node:assert/strict";
import { coerceObjectMeta, objectMetaDecodeError } from "./_object_meta.ts";

Deno.test("coerceObjectMeta drops unknown fields, nested ones included, and reports their paths", () => {
  const meta = {
    name: "a",
    colour: "red",
    ownerReferences: [{ apiVersion: "v1", kind: "X", name: "o", uid: "u", extra: 1 }],
    managedFields: [{ manager: "m", fieldsV1: { "f:spec": {} }, bogus: true }],
  };
  const unknown: string[] = [];
  coerceObjectMeta(meta, "metadata", unknown);
  assert.deepEqual(unknown, [
    "metadata.colour",
    "metadata.ownerReferences[0].extra",
    "metadata.managedFields[0].bogus",
  ]);
  assert.deepEqual(meta, {
    name: "a",
    ownerReferences: [{ apiVersion: "v1", kind: "X", name: "o", uid: "u" }],
    managedFields: [{ manager: "m", fieldsV1: { "f:spec": {} } }],
  });
});

Deno.test("coerceObjectMeta drops null fields without reporting them", () => {
  const meta = { name: "a", labels: null, annotations: null };
  const unknown: string[] = [];
  coerceObjectMeta(meta, "metadata", unknown);
  assert.deepEqual(unknown, []);
  assert.deepEqual(meta, { name: "a" });
});

const decode: [string, unknown, string | undefined][] = [
  ["well-typed metadata", { name: "a", labels: { x: "y" }, generation: 2 }, undefined],
  [
    "labels given as a string",
    { labels: "x" },
    "json: cannot unmarshal string into Go struct field ObjectMeta.labels of type map[string]string",
  ],
  [
    "a label value given as a number",
    { labels: { a: 1 } },
    "json: cannot unmarshal number into Go struct field ObjectMeta.labels.a of type string",
  ],
  [
    "a name given as a number",
    { name: 5 },
    "json: cannot unmarshal number into Go struct field ObjectMeta.name of type string",
  ],
  [
    "a fractional generation",
    { generation: 1.5 },
    "json: cannot unmarshal number 1.5 into Go struct field ObjectMeta.generation of type int64",
  ],
  [
    "an owner reference's controller given as a string",
    { ownerReferences: [{ controller: "yes" }] },
    "json: cannot unmarshal string into Go struct field OwnerReference.ownerReferences.controller of type bool",
  ],
  [
    "metadata that is not an object",
    "x",
    "json: cannot unmarshal string into Go value of type v1.ObjectMeta",
  ],
  [
    "a timestamp that is not RFC 3339",
    { creationTimestamp: "yesterday" },
    'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
  ],
];

for (const [name, meta, want] of decode) {
  Deno.test(`objectMetaDecodeError describes ${name}`, () => assert.equal(objectMetaDecodeError(meta), want));
}
