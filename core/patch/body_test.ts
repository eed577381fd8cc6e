import assert from "node:assert/strict";
import { parsePatchBody } from "./body.ts";
import { PatchError } from "./errors.ts";

Deno.test("parsePatchBody reads JSON", () => {
  assert.deepStrictEqual(parsePatchBody('[{"op":"remove","path":"/a"}]'), [{ op: "remove", path: "/a" }]);
});

Deno.test("parsePatchBody answers text that is not JSON with Kubernetes' 400", () => {
  for (const text of ["{oops", ""]) {
    assert.throws(
      () => parsePatchBody(text),
      (e) =>
        e instanceof PatchError && e.code === 400 && e.reason === "BadRequest" &&
        e.message === "invalid JSON patch",
    );
  }
});
