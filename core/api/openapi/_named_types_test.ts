import assert from "node:assert/strict";
import { fingerprint, namedTypes } from "./_named_types.ts";
import { testRegistry } from "./_testing.ts";
import type { Schema } from "./types.ts";

Deno.test("subschemas of the Pod schema are recognised as the core/kinds types they are", () => {
  const pod = testRegistry().lookup("", "v1", "pods")!.schema as Schema;
  const types = namedTypes();
  assert.equal(types.match(pod.properties!.spec), "io.k8s.api.core.v1.PodSpec");
  assert.equal(types.match(pod.properties!.metadata), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  const spec = pod.properties!.spec;
  assert.equal(types.match(spec.properties!.containers.items!), "io.k8s.api.core.v1.Container");
  assert.equal(
    types.match(spec.properties!.ephemeralContainers.items!),
    "io.k8s.api.core.v1.EphemeralContainer",
  );
  assert.equal(types.match(pod), undefined, "kinds are named by the registry, not the catalog");
  assert.equal(types.match({ type: "string" }), undefined);
});

Deno.test("types outside core/v1 are named in their own packages", () => {
  const names = Object.keys(namedTypes().schemas);
  for (
    const name of [
      "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta",
      "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
      "io.k8s.api.coordination.v1.LeaseSpec",
      "io.k8s.api.events.v1.EventSeries",
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec",
    ]
  ) assert.ok(names.includes(name), name);
  assert.ok(!names.some((n) => n.endsWith("List") || n.endsWith(".Pod")));
});

Deno.test("a field's own description, default and patch strategy do not change which type it is", () => {
  const a: Schema = { type: "object", properties: { x: { type: "string" } }, description: "one" };
  const b: Schema = {
    properties: { x: { type: "string" } },
    type: "object",
    default: {},
    "x-kubernetes-patch-strategy": "retainKeys",
  };
  assert.equal(fingerprint(a), fingerprint(b));
  assert.notEqual(
    fingerprint(a),
    fingerprint({ ...a, properties: { x: { type: "string", description: "d" } } }),
  );
});
