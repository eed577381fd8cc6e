import assert from "node:assert/strict";
import type { JSONSchemaProps } from "../schema/types.ts";
import { PatchError } from "./errors.ts";
import { lookupField, lookupList, mainStrategy, objectSchema } from "./_patch_meta.ts";

const schema: JSONSchemaProps = {
  type: "object",
  properties: {
    metadata: { type: "object", properties: { finalizers: { type: "array", items: { type: "string" } } } },
    spec: {
      type: "object",
      properties: {
        containers: {
          type: "array",
          items: { type: "object", properties: { name: { type: "string" } } },
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-patch-merge-key": "name",
        },
        selector: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};

Deno.test("a list field gives its items' schema, strategy and merge key", () => {
  const spec = lookupField(schema, "spec").schema;
  const { schema: items, meta } = lookupList(spec, "containers");
  assert.deepStrictEqual(meta, { strategies: ["merge"], mergeKey: "name" });
  assert.equal(items?.properties?.name?.type, "string");
});

Deno.test("a map's values take the additionalProperties schema", () => {
  const spec = lookupField(schema, "spec").schema;
  assert.deepStrictEqual(lookupField(spec, "selector").schema?.additionalProperties, { type: "string" });
  assert.deepStrictEqual(lookupField(lookupField(spec, "selector").schema, "app").schema, { type: "string" });
});

Deno.test("an undeclared field has no schema and no patch metadata", () => {
  assert.deepStrictEqual(lookupList(schema, "nope"), {
    schema: undefined,
    meta: { strategies: [], mergeKey: "" },
  });
  assert.deepStrictEqual(lookupField(undefined, "x"), {
    schema: undefined,
    meta: { strategies: [], mergeKey: "" },
  });
});

Deno.test("an object's metadata gets ObjectMeta's tags even where the schema declares none", () => {
  const meta = lookupField(objectSchema(schema), "metadata").schema;
  assert.deepStrictEqual(lookupList(meta, "finalizers").meta, { strategies: ["merge"], mergeKey: "" });
  assert.deepStrictEqual(lookupList(meta, "ownerReferences").meta, {
    strategies: ["merge"],
    mergeKey: "uid",
  });
  assert.equal(lookupList(schema.properties!.metadata, "finalizers").meta.strategies.length, 0);
});

Deno.test("mainStrategy picks the strategy beside retainKeys and refuses other pairs", () => {
  assert.equal(mainStrategy([]), "");
  assert.equal(mainStrategy(["retainKeys"]), "");
  assert.equal(mainStrategy(["merge", "retainKeys"]), "merge");
  assert.equal(mainStrategy(["retainKeys", "replace"]), "replace");
  assert.throws(
    () => mainStrategy(["merge", "replace"]),
    (e) => e instanceof PatchError && e.message === "unexpected patch strategy: [merge replace]",
  );
});
