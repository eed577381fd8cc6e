import assert from "node:assert/strict";
import { operationIdAndTags, resourceOperations } from "./_operations.ts";
import { testRegistry } from "./_testing.ts";

Deno.test("operation ids and tags are apiserver's: verb, group, version, then the rest", () => {
  const cases: [string, string, string, string][] = [
    ["listNamespacedPod", "/api/v1/namespaces/{namespace}/pods", "listCoreV1NamespacedPod", "core_v1"],
    ["listPodForAllNamespaces", "/api/v1/pods", "listCoreV1PodForAllNamespaces", "core_v1"],
    [
      "deletecollectionNamespacedPod",
      "/api/v1/namespaces/{namespace}/pods",
      "deleteCoreV1CollectionNamespacedPod",
      "core_v1",
    ],
    ["readNamespaceStatus", "/api/v1/namespaces/{name}/status", "readCoreV1NamespaceStatus", "core_v1"],
    [
      "watchLeaseListForAllNamespaces",
      "/apis/coordination.k8s.io/v1/watch/leases",
      "watchCoordinationV1LeaseListForAllNamespaces",
      "coordination_v1",
    ],
    [
      "patchNamespacedWidget",
      "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}",
      "patchExampleComV1NamespacedWidget",
      "exampleCom_v1",
    ],
  ];
  for (const [op, path, id, tag] of cases) {
    assert.deepEqual(operationIdAndTags(op, path), { operationId: id, tags: [tag] });
  }
});

Deno.test("pods have kube-apiserver's operations, with fieldValidation and strategic merge patches on PATCH", () => {
  const pods = resourceOperations(testRegistry().lookup("", "v1", "pods")!);
  const ids = pods.map((o) => `${o.method} ${o.path} ${o.action}`);
  assert.deepEqual(ids, [
    "get /api/v1/pods list",
    "get /api/v1/namespaces/{namespace}/pods list",
    "post /api/v1/namespaces/{namespace}/pods post",
    "delete /api/v1/namespaces/{namespace}/pods deletecollection",
    "get /api/v1/namespaces/{namespace}/pods/{name} get",
    "put /api/v1/namespaces/{namespace}/pods/{name} put",
    "patch /api/v1/namespaces/{namespace}/pods/{name} patch",
    "delete /api/v1/namespaces/{namespace}/pods/{name} delete",
    "get /api/v1/namespaces/{namespace}/pods/{name}/status get",
    "put /api/v1/namespaces/{namespace}/pods/{name}/status put",
    "patch /api/v1/namespaces/{namespace}/pods/{name}/status patch",
    "get /api/v1/watch/pods watchlist",
    "get /api/v1/watch/namespaces/{namespace}/pods watchlist",
    "get /api/v1/watch/namespaces/{namespace}/pods/{name} watch",
  ]);
  const patch = pods.find((o) => o.method === "patch" && o.path.endsWith("{name}"))!;
  assert.equal(patch.operationId, "patchCoreV1NamespacedPod");
  assert.equal(patch.description, "partially update the specified Pod");
  assert.deepEqual(patch.gvk, { group: "", version: "v1", kind: "Pod" });
  assert.deepEqual(
    patch.params.map((p) => p.name),
    ["name", "namespace", "pretty", "dryRun", "fieldManager", "fieldValidation", "force"],
  );
  assert.ok(patch.consumes.includes("application/strategic-merge-patch+json"));
  assert.equal(patch.body?.schema, "io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
  const create = pods.find((o) => o.action === "post")!;
  assert.equal(create.description, "create a Pod");
  assert.deepEqual(create.responses.map((r) => r.code), [200, 201, 202]);
});

Deno.test("a CRD's operations leave out strategic merge patches and the deprecated watch paths", () => {
  const widgets = resourceOperations(testRegistry({ widgets: true }).lookup("example.com", "v1", "widgets")!);
  assert.ok(!widgets.some((o) => o.path.includes("/watch/")));
  for (const o of widgets.filter((o) => o.method === "patch")) {
    assert.ok(!o.consumes.includes("application/strategic-merge-patch+json"), o.path);
    assert.ok(o.params.some((p) => p.name === "fieldValidation"), o.path);
  }
  const scale = widgets.find((o) => o.method === "get" && o.path.endsWith("/scale"))!;
  assert.equal(scale.operationId, "readExampleComV1NamespacedWidgetScale");
  assert.deepEqual(scale.gvk, { group: "autoscaling", version: "v1", kind: "Scale" });
  assert.equal(scale.responses[0].schema, "io.k8s.api.autoscaling.v1.Scale");
  const del = widgets.find((o) => o.action === "delete")!;
  assert.equal(del.responses[0].schema, "io.k8s.apimachinery.pkg.apis.meta.v1.Status");
  assert.equal(widgets.find((o) => o.action === "list")!.description, "list objects of kind Widget");
});

Deno.test("namespaces are cluster-scoped and have the finalize subresource", () => {
  const ops = resourceOperations(testRegistry().lookup("", "v1", "namespaces")!);
  assert.ok(ops.every((o) => !o.path.includes("{namespace}")));
  const finalize = ops.find((o) => o.path === "/api/v1/namespaces/{name}/finalize")!;
  assert.equal(finalize.operationId, "replaceCoreV1NamespaceFinalize");
  assert.equal(ops.find((o) => o.action === "delete")!.description, "delete a Namespace");
});
