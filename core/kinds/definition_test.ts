import assert from "node:assert/strict";
import * as v from "valibot";
import { toDefinition } from "./definition.ts";

const Widget = v.object({
  apiVersion: v.optional(v.string()),
  kind: v.optional(v.string()),
  spec: v.optional(v.object({ size: v.number() })),
});

Deno.test("a definition names its kind the way apiextensions defaults the names", () => {
  const def = toDefinition({
    group: "example.com",
    version: "v1",
    kind: "Widget",
    plural: "widgets",
    scope: "Namespaced",
    schema: Widget,
  });
  assert.deepEqual(def.names, {
    plural: "widgets",
    singular: "widget",
    kind: "Widget",
    listKind: "WidgetList",
  });
  assert.equal(def.versions.length, 1);
  assert.deepEqual({ ...def.versions[0], schema: undefined }, {
    name: "v1",
    served: true,
    storage: true,
    schema: undefined,
  });
  assert.equal(def.versions[0].subresources, undefined);
});

Deno.test("a definition carries short names, categories, subresources and printer columns when given", () => {
  const def = toDefinition({
    group: "example.com",
    version: "v1alpha1",
    kind: "Widget",
    plural: "widgets",
    shortNames: ["wd"],
    categories: ["all"],
    scope: "Cluster",
    schema: Widget,
    status: true,
    scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" },
    printerColumns: [{ name: "Size", type: "integer", jsonPath: ".spec.size" }],
  });
  assert.deepEqual(def.names.shortNames, ["wd"]);
  assert.deepEqual(def.names.categories, ["all"]);
  assert.deepEqual(def.versions[0].subresources, {
    status: {},
    scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" },
  });
  assert.equal(def.versions[0].additionalPrinterColumns?.[0].name, "Size");
  assert.equal(def.versions[0].schema?.openAPIV3Schema.properties?.spec.properties?.size.type, "number");
});
