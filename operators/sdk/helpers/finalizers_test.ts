import assert from "node:assert/strict";
import { addFinalizer, hasFinalizer, removeFinalizer } from "./finalizers.ts";

Deno.test("adding a finalizer reports a change only the first time", () => {
  const obj: { metadata?: { finalizers?: string[] } } = {};
  assert.equal(hasFinalizer(obj, "x/a"), false);
  assert.equal(addFinalizer(obj, "x/a"), true);
  assert.equal(addFinalizer(obj, "x/a"), false);
  assert.equal(addFinalizer(obj, "x/b"), true);
  assert.deepEqual(obj.metadata?.finalizers, ["x/a", "x/b"]);
  assert.equal(hasFinalizer(obj, "x/b"), true);
});

Deno.test("removing a finalizer drops every copy and reports whether one was there", () => {
  const obj = { metadata: { finalizers: ["x/a", "x/b", "x/a"] } };
  assert.equal(removeFinalizer(obj, "x/c"), false);
  assert.equal(removeFinalizer(obj, "x/a"), true);
  assert.deepEqual(obj.metadata.finalizers, ["x/b"]);
  assert.equal(removeFinalizer({}, "x/a"), false);
});
