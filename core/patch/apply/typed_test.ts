import assert from "node:assert/strict";
import type { JSONSchemaProps } from "../../schema/types.ts";
import { podDefinition } from "../../kinds/builtin.ts";
import { rootType } from "./_schema.ts";
import { FieldSet } from "./field_set.ts";
import {
  addedFieldsV1,
  compareValues,
  mergeValues,
  removeItems,
  toFieldSet,
  validateConfiguration,
} from "./typed.ts";

const pod = rootType(podDefinition.versions[0].schema!.openAPIV3Schema);

const lists = rootType({
  type: "object",
  properties: {
    set: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
    atomic: { type: "array", items: { type: "string" } },
    byName: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
      items: { type: "object", properties: { name: { type: "string" }, value: { type: "string" } } },
    },
    merged: {
      type: "array",
      "x-kubernetes-patch-strategy": "merge",
      "x-kubernetes-patch-merge-key": "id",
      items: { type: "object", properties: { id: { type: "integer" }, v: { type: "string" } } },
    },
    selector: { type: "object", "x-kubernetes-map-type": "atomic", additionalProperties: { type: "string" } },
    free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  },
} as JSONSchemaProps);

Deno.test("a pod's field set keys containers by name and ports by containerPort and the defaulted protocol", () => {
  const set = toFieldSet({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", labels: { app: "web" }, finalizers: ["a"] },
    spec: { containers: [{ name: "c", image: "nginx", ports: [{ containerPort: 80 }], args: ["x"] }] },
  }, pod);
  assert.deepEqual(set.toFieldsV1(), {
    "f:apiVersion": {},
    "f:kind": {},
    "f:metadata": { "f:finalizers": { 'v:"a"': {} }, "f:labels": { "f:app": {} }, "f:name": {} },
    "f:spec": {
      "f:containers": {
        'k:{"name":"c"}': {
          ".": {},
          "f:args": {},
          "f:image": {},
          "f:name": {},
          "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
        },
      },
    },
  });
});

Deno.test("atomic maps and lists are owned whole; undeclared and empty map entries are members", () => {
  const set = toFieldSet({ selector: { a: "1" }, atomic: ["x"], free: { k: { deep: 1 }, e: {} } }, lists);
  assert.deepEqual(set.toFieldsV1(), {
    "f:atomic": {},
    "f:free": { "f:e": {}, "f:k": { ".": {}, "f:deep": {} } },
    "f:selector": {},
  });
});

Deno.test("a list item without any key field is structured-merge-diff's error", () => {
  assert.throws(() => toFieldSet({ byName: [{ value: "x" }] }, lists), /omits all key fields \["name"\]/);
  assert.throws(
    () => toFieldSet({ set: [{ a: 1 }] }, lists),
    /without keys has an element that's a map type/,
  );
});

Deno.test("compare reports modified leaves and every node of added and removed subtrees", () => {
  const c = compareValues(
    { set: ["a", "b"], byName: [{ name: "x", value: "1" }], selector: { a: "1" } },
    { set: ["a", "c"], byName: [{ name: "x", value: "2" }, { name: "y" }], selector: { a: "2" } },
    lists,
  );
  assert.deepEqual(c.modified.toFieldsV1(), {
    "f:byName": { 'k:{"name":"x"}': { "f:value": {} } },
    "f:selector": {},
  });
  assert.deepEqual(c.added.toFieldsV1(), {
    "f:byName": { 'k:{"name":"y"}': { ".": {}, "f:name": {} } },
    "f:set": { 'v:"c"': {} },
  });
  assert.deepEqual(c.removed.toFieldsV1(), { "f:set": { 'v:"b"': {} } });
});

Deno.test("creating owns what compare against nothing adds, through the fast path too", () => {
  const obj = { metadata: { labels: { a: "1" } }, byName: [{ name: "x" }], free: {} };
  assert.deepEqual(addedFieldsV1(obj, lists), compareValues({}, obj, lists).added.toFieldsV1());
  assert.deepEqual(addedFieldsV1(obj, lists), {
    "f:byName": { ".": {}, 'k:{"name":"x"}': { ".": {}, "f:name": {} } },
    "f:free": {},
    "f:metadata": { ".": {}, "f:labels": { ".": {}, "f:a": {} } },
  });
});

// structured-merge-diff merge/set_test.go "apply_update_apply_no_overlap": the merged order.
Deno.test("merging a set keeps the live items between the applied ones where they were", () => {
  assert.deepEqual(
    mergeValues({ set: ["a", "b", "c", "d"] }, { set: ["a", "aprime", "c", "cprime"] }, lists),
    { set: ["a", "b", "aprime", "c", "d", "cprime"] },
  );
});

Deno.test("merging maps field by field, keyed lists by key (merge-key lists too), atomic values whole", () => {
  const live = {
    byName: [{ name: "x", value: "1" }, { name: "y", value: "2" }],
    merged: [{ id: 1, v: "a" }],
    selector: { a: "1", b: "2" },
    atomic: ["p", "q"],
    free: { keep: 1 },
  };
  const out = mergeValues(live, {
    byName: [{ name: "y", value: "3" }],
    merged: [{ id: 2, v: "b" }],
    selector: { c: "3" },
    atomic: ["r"],
    free: { add: 2 },
  }, lists);
  assert.deepEqual(out, {
    byName: [{ name: "x", value: "1" }, { name: "y", value: "3" }],
    merged: [{ id: 1, v: "a" }, { id: 2, v: "b" }],
    selector: { c: "3" },
    atomic: ["r"],
    free: { keep: 1, add: 2 },
  });
  assert.deepEqual(live.byName[1], { name: "y", value: "2" }, "the live object is not changed");
});

Deno.test("removing items drops members with what is below them and map entries a removal emptied", () => {
  const set = new FieldSet();
  set.insert(["f:byName", 'k:{"name":"x"}']);
  set.insert(["f:free", "f:only"]);
  set.insert(["f:set", 'v:"b"']);
  assert.deepEqual(
    removeItems({ byName: [{ name: "x" }, { name: "y" }], free: { only: 1 }, set: ["a", "b"] }, set, lists),
    { byName: [{ name: "y" }], set: ["a"] },
  );
});

Deno.test("a configuration with undeclared fields, key-less or duplicate items is refused line by line", () => {
  assert.deepEqual(
    validateConfiguration({
      metadata: { name: "x", labelz: {} },
      free: { anything: { goes: 1 } },
      byName: [{ name: "a" }, { name: "a" }, { value: "v" }],
      nope: 1,
    }, lists),
    [
      ".metadata.labelz: field not declared in schema",
      '.byName: duplicate entries for key [name="a"]',
      '.byName: element 2: associative list with keys has an element that omits all key fields ["name"] (and doesn\'t have default values for any key fields)',
      ".nope: field not declared in schema",
    ],
  );
  assert.deepEqual(validateConfiguration({ spec: { containers: [{ name: "c", image: "i" }] } }, pod), []);
});
