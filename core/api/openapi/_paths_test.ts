import assert from "node:assert/strict";
import { resourceOperations } from "./_operations.ts";
import { groupByPath } from "./_paths.ts";
import { testRegistry } from "./_testing.ts";

Deno.test("parameters every operation of a path has move up to the path; the rest stay sorted on each", () => {
  const paths = groupByPath(resourceOperations(testRegistry().lookup("", "v1", "pods")!));
  const item = paths.get("/api/v1/namespaces/{namespace}/pods/{name}")!;
  assert.deepEqual(item.shared.map((p) => p.name), ["name", "namespace", "pretty"]);
  const patch = item.operations.find(({ op }) => op.method === "patch")!;
  assert.deepEqual(patch.params.map((p) => p.name), ["dryRun", "fieldManager", "fieldValidation", "force"]);
  const get = item.operations.find(({ op }) => op.method === "get")!;
  assert.deepEqual(get.params, []);
  // A path with one operation shares everything, as kube-openapi writes /api/v1/pods.
  const all = paths.get("/api/v1/pods")!;
  assert.ok(all.shared.some((p) => p.name === "watch"));
  assert.deepEqual(all.operations[0].params, []);
  assert.deepEqual([...paths.keys()], [...paths.keys()].sort());
});
