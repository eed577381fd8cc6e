import assert from "node:assert/strict";
import { allRefs, schemaNodes, testRegistry } from "./_testing.ts";
import { groupVersionPath, refName } from "./names.ts";
import type { OpenAPIV3Document, Schema } from "./types.ts";
import { buildOpenAPIV3 } from "./v3.ts";

const registry = testRegistry({ widgets: true });
const docs = new Map<string, OpenAPIV3Document>();
for (const r of registry.all()) {
  const path = groupVersionPath(r.group, r.version);
  if (!docs.has(path)) {
    docs.set(
      path,
      buildOpenAPIV3(registry.all().filter((x) => x.group === r.group && x.version === r.version)),
    );
  }
}
const core = docs.get("api/v1")!;
const schema = (doc: OpenAPIV3Document, name: string) => doc.components.schemas[name];
const target = (field: Schema) => refName(field.allOf?.[0].$ref ?? field.$ref);

Deno.test("every reference in every group-version document points at a definition the document has", () => {
  for (const [path, doc] of docs) {
    for (const r of allRefs(doc)) assert.ok(doc.components.schemas[refName(r)!], `${path}: ${r}`);
  }
});

Deno.test("every kind's PATCH operation declares fieldValidation, as kubectl's query-param verifier looks for it", () => {
  for (const r of registry.all()) {
    const doc = docs.get(groupVersionPath(r.group, r.version))!;
    // k8s.io/cli-runtime's supportsQueryParamV3: the first PATCH whose GVK is the kind's decides.
    const patch = Object.values(doc.paths).map((p) => p.patch).find((op) => {
      const gvk = op?.["x-kubernetes-group-version-kind"];
      return gvk?.group === r.group && gvk.version === r.version && gvk.kind === r.kind;
    });
    assert.ok(patch, `${r.plural}: no PATCH operation`);
    assert.ok(patch.parameters?.some((p) => p.name === "fieldValidation" && p.in === "query"), r.plural);
    const kinds = Object.values(doc.components.schemas).filter((s) =>
      s["x-kubernetes-group-version-kind"]?.some((g) => g.kind === r.kind && g.group === r.group)
    );
    assert.equal(kinds.length, 1, `${r.plural}: exactly one schema carries its GVK`);
  }
});

Deno.test("the Pod schema names its parts as Kubernetes does and keeps the strategic merge keys", () => {
  const pod = schema(core, "io.k8s.api.core.v1.Pod");
  assert.deepEqual(pod["x-kubernetes-group-version-kind"], [{ group: "", kind: "Pod", version: "v1" }]);
  assert.equal(target(pod.properties!.metadata), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  assert.match(pod.properties!.metadata.description!, /^Standard object's metadata/);
  assert.equal(target(pod.properties!.spec), "io.k8s.api.core.v1.PodSpec");
  const containers = schema(core, "io.k8s.api.core.v1.PodSpec").properties!.containers;
  assert.equal(containers.type, "array");
  assert.equal(containers["x-kubernetes-patch-merge-key"], "name");
  assert.equal(containers["x-kubernetes-patch-strategy"], "merge");
  assert.equal(target(containers.items!), "io.k8s.api.core.v1.Container");
  const container = schema(core, "io.k8s.api.core.v1.Container");
  assert.match(container.properties!.image.description!, /Container image name/);
  const limits = schema(core, "io.k8s.api.core.v1.ResourceRequirements").properties!.limits;
  assert.equal(
    target(limits.additionalProperties as Schema),
    "io.k8s.apimachinery.pkg.api.resource.Quantity",
  );
  const port = schema(core, "io.k8s.api.core.v1.HTTPGetAction").properties!.port;
  assert.equal(target(port), "io.k8s.apimachinery.pkg.util.intstr.IntOrString");
  assert.equal(
    schema(core, "io.k8s.api.core.v1.PodList").properties!.items.items!.$ref,
    "#/components/schemas/io.k8s.api.core.v1.Pod",
  );
});

Deno.test("the Pod PATCH operation offers the four patch types and answers with a Pod", () => {
  const item = core.paths["/api/v1/namespaces/{namespace}/pods/{name}"];
  assert.deepEqual(item.parameters?.map((p) => [p.name, p.in, p.required ?? false]), [
    ["name", "path", true],
    ["namespace", "path", true],
    ["pretty", "query", false],
  ]);
  const patch = item.patch!;
  assert.equal(patch.operationId, "patchCoreV1NamespacedPod");
  assert.equal(patch["x-kubernetes-action"], "patch");
  assert.deepEqual(Object.keys(patch.requestBody!.content).sort(), [
    "application/apply-patch+yaml",
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
  ]);
  assert.equal(
    patch.responses[200].content!["application/json"].schema.$ref,
    "#/components/schemas/io.k8s.api.core.v1.Pod",
  );
  assert.deepEqual(patch.responses[401], { description: "Unauthorized" });
  assert.deepEqual(patch.parameters?.find((p) => p.name === "fieldValidation")?.schema, {
    type: "string",
    uniqueItems: true,
  });
});

Deno.test("a CRD's document names it by the reversed group and adds what apiextensions adds", () => {
  const doc = docs.get("apis/example.com/v1")!;
  const widget = schema(doc, "com.example.v1.Widget");
  assert.deepEqual(widget["x-kubernetes-group-version-kind"], [{
    group: "example.com",
    kind: "Widget",
    version: "v1",
  }]);
  assert.equal(target(widget.properties!.metadata), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  assert.match(widget.properties!.metadata.description!, /^Standard object's metadata/);
  assert.equal(widget.properties!.apiVersion.type, "string");
  const spec = widget.properties!.spec;
  assert.deepEqual(spec.properties!.port.anyOf, [{ type: "integer" }, { type: "string" }]);
  const template = spec.properties!.template;
  assert.deepEqual(Object.keys(template.properties!).sort(), ["apiVersion", "kind", "metadata"]);
  assert.deepEqual(template.required, ["kind", "apiVersion"]);
  const list = schema(doc, "com.example.v1.WidgetList");
  assert.deepEqual(list["x-kubernetes-group-version-kind"], [{
    group: "example.com",
    kind: "WidgetList",
    version: "v1",
  }]);
  assert.equal(list.properties!.items.items!.$ref, "#/components/schemas/com.example.v1.Widget");
  const patch = doc.paths["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"].patch!;
  assert.ok(!("application/strategic-merge-patch+json" in patch.requestBody!.content));
  assert.ok(doc.paths["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status"].put);
  assert.ok(schema(doc, "io.k8s.api.autoscaling.v1.Scale"), "the scale subresource brings Scale along");
  assert.ok(doc.paths["/apis/example.com/v1/widgets"].get, "the list across namespaces");
});

Deno.test("a document holds only the definitions its paths reach", () => {
  const leases = docs.get("apis/coordination.k8s.io/v1")!;
  const names = Object.keys(leases.components.schemas);
  assert.ok(names.includes("io.k8s.api.coordination.v1.LeaseSpec"));
  assert.ok(names.includes("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
  assert.ok(!names.some((n) => n.startsWith("io.k8s.api.core.v1.")), names.join());
  assert.ok(!names.includes("io.k8s.api.autoscaling.v1.Scale"));
  assert.deepEqual(names, [...names].sort());
});

Deno.test("no schema in a document has a reference with siblings, which OpenAPI 3.0 ignores", () => {
  for (const doc of docs.values()) {
    for (const s of Object.values(doc.components.schemas).flatMap(schemaNodes)) {
      if (s.$ref) assert.deepEqual(Object.keys(s), ["$ref"]);
    }
  }
});
