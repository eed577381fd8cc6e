import assert from "node:assert/strict";
import {
  decodeErrorMessage,
  strictDecodingMessage,
  unknownFieldErrors,
  unknownFieldWarnings,
} from "./unknown_fields.ts";

Deno.test("Warn gives one warning per unknown field, worded as Kubernetes does", () => {
  assert.deepEqual(unknownFieldWarnings(["spec.containers[0].images", "spec.foo"]), [
    'unknown field "spec.containers[0].images"',
    'unknown field "spec.foo"',
  ]);
});

Deno.test("Strict joins every problem into one strict decoding error, duplicates first", () => {
  assert.equal(
    strictDecodingMessage(["spec.foo"], ["spec.replicas"]),
    'strict decoding error: duplicate field "spec.replicas", unknown field "spec.foo"',
  );
  assert.equal(strictDecodingMessage([]), undefined);
});

Deno.test("a strict decoding error reads like the apiserver's BadRequest", () => {
  const err = strictDecodingMessage(["spec.containers[0].images"])!;
  assert.equal(
    decodeErrorMessage("Pod", "v1", "Pod", err),
    'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].images"',
  );
});

Deno.test("unknown fields become FieldValueUnknown field errors", () => {
  assert.deepEqual(unknownFieldErrors(["spec.foo"]), [
    { reason: "FieldValueUnknown", field: "spec.foo", message: 'unknown field "spec.foo"' },
  ]);
});
