import assert from "node:assert/strict";
import {
  APPLY_PATCH,
  CUSTOM_RESOURCE_PATCH_TYPES,
  JSON_PATCH,
  MERGE_PATCH,
  patchTypeOf,
  STRATEGIC_MERGE_PATCH,
} from "./content_types.ts";
import { PatchError } from "./errors.ts";

Deno.test("patchTypeOf names each of the four patch types", () => {
  for (const t of [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH]) {
    assert.equal(patchTypeOf(t), t);
  }
});

Deno.test("patchTypeOf drops a charset parameter", () => {
  assert.equal(patchTypeOf("application/merge-patch+json; charset=utf-8"), MERGE_PATCH);
});

Deno.test("patchTypeOf refuses application/json with Kubernetes' 415 message", () => {
  assert.throws(
    () => patchTypeOf("application/json"),
    (e) =>
      e instanceof PatchError && e.code === 415 && e.reason === "UnsupportedMediaType" &&
      e.message === "the body of the request was in an unknown format - accepted media types include: " +
          "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, " +
          "application/apply-patch+yaml",
  );
});

Deno.test("patchTypeOf refuses a strategic merge patch for a custom resource", () => {
  assert.throws(
    () => patchTypeOf(STRATEGIC_MERGE_PATCH, CUSTOM_RESOURCE_PATCH_TYPES),
    (e) =>
      e instanceof PatchError && e.code === 415 &&
      e.message.endsWith(
        "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
      ),
  );
});

Deno.test("patchTypeOf refuses a missing Content-Type", () => {
  assert.throws(() => patchTypeOf(null), (e) => e instanceof PatchError && e.code === 415);
});
