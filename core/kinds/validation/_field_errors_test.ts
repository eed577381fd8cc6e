import assert from "node:assert/strict";
import {
  duplicate,
  FieldPath,
  forbidden,
  formatValue,
  invalid,
  notFound,
  notSupported,
  required,
} from "./_field_errors.ts";

const spec = FieldPath.root("spec");

Deno.test("field paths print as Kubernetes prints them", () => {
  assert.equal(
    spec.child("containers").index(0).child("ports").index(1).child("name").toString(),
    "spec.containers[0].ports[1].name",
  );
  assert.equal(spec.child("nodeSelector").key("disk").toString(), "spec.nodeSelector[disk]");
  assert.equal(spec.child("a", "b").toString(), "spec.a.b");
});

Deno.test("each error carries Kubernetes' cause reason and ErrorBody text", () => {
  const p = spec.child("x");
  assert.deepEqual(required(p), { reason: "FieldValueRequired", field: "spec.x", message: "Required value" });
  assert.deepEqual(
    required(p, "must specify a handler type").message,
    "Required value: must specify a handler type",
  );
  assert.deepEqual(invalid(p, 3, "must be 1"), {
    reason: "FieldValueInvalid",
    field: "spec.x",
    message: "Invalid value: 3: must be 1",
  });
  assert.equal(
    notSupported(p, "X", ["A", "B"]).message,
    'Unsupported value: "X": supported values: "A", "B"',
  );
  assert.equal(duplicate(p, "a").message, 'Duplicate value: "a"');
  assert.equal(notFound(p, "a").reason, "FieldValueNotFound");
  assert.equal(forbidden(p, "no").message, "Forbidden: no");
});

Deno.test("bad values print quoted, bare or as JSON like Go's ErrorBody", () => {
  assert.equal(formatValue('a"b'), '"a\\"b"');
  assert.equal(formatValue(true), "true");
  assert.equal(formatValue(null), "null");
  assert.equal(formatValue(["8.8.8.8"]), '["8.8.8.8"]');
});
