import assert from "node:assert/strict";
import { allRefs, schemaNodes, testRegistry } from "./_testing.ts";
import type { OperationV2 } from "./types.ts";
import { buildOpenAPIV2, toV2 } from "./v2.ts";

const doc = buildOpenAPIV2(testRegistry({ widgets: true }).all());

Deno.test("the v2 document covers every group and resolves every reference among its definitions", () => {
  assert.equal(doc.swagger, "2.0");
  for (const r of allRefs(doc)) {
    assert.ok(r.startsWith("#/definitions/"), r);
    assert.ok(doc.definitions[r.slice("#/definitions/".length)], r);
  }
  for (const name of ["io.k8s.api.core.v1.Pod", "io.k8s.api.events.v1.Event", "com.example.v1.Widget"]) {
    assert.ok(doc.definitions[name], name);
  }
});

Deno.test("v2 schemas have no junctors or nullable, and no declared fields where unknown ones are kept", () => {
  for (const s of Object.values(doc.definitions).flatMap((d) => schemaNodes(d))) {
    for (const k of ["allOf", "anyOf", "oneOf", "not", "nullable"]) {
      assert.ok(!(k in s), `${k} in ${JSON.stringify(s)}`);
    }
    if (s["x-kubernetes-preserve-unknown-fields"]) assert.ok(!s.properties && s.type !== "object");
  }
  const widget = doc.definitions["com.example.v1.Widget"];
  assert.deepEqual(widget.properties!.metadata, {
    description:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
  });
  assert.deepEqual(widget.properties!.spec.properties!.replicas, {}, "a nullable field loses its type in v2");
  assert.deepEqual(doc.definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"].type, "string");
});

Deno.test("v2 operations declare the body as a parameter and fieldValidation on PATCH", () => {
  const patch = doc.paths["/api/v1/namespaces/{namespace}/pods/{name}"].patch as OperationV2;
  assert.deepEqual(patch.parameters?.map((p) => p.name), [
    "body",
    "dryRun",
    "fieldManager",
    "fieldValidation",
    "force",
  ]);
  assert.deepEqual(patch.parameters?.[0], {
    name: "body",
    in: "body",
    required: true,
    schema: { $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch" },
  });
  assert.ok(patch.consumes.includes("application/strategic-merge-patch+json"));
  assert.deepEqual(patch.responses[200].schema, { $ref: "#/definitions/io.k8s.api.core.v1.Pod" });
  assert.deepEqual(patch["x-kubernetes-group-version-kind"], { group: "", version: "v1", kind: "Pod" });
});

Deno.test("toV2 drops the nullable field from its parent's required list", () => {
  assert.deepEqual(
    toV2({
      type: "object",
      required: ["a", "b"],
      properties: { a: { type: "string", nullable: true }, b: { type: "string" } },
    }),
    { type: "object", required: ["b"], properties: { a: {}, b: { type: "string" } } },
  );
});
