import assert from "node:assert/strict";
import { FieldPath } from "./field_path.ts";

const spec = FieldPath.root("spec");

Deno.test("field paths print as Kubernetes prints them", () => {
  assert.equal(
    spec.child("containers").index(0).child("ports").index(1).child("name").toString(),
    "spec.containers[0].ports[1].name",
  );
  assert.equal(spec.child("nodeSelector").key("disk").toString(), "spec.nodeSelector[disk]");
  assert.equal(spec.child("a", "b").toString(), "spec.a.b");
});
