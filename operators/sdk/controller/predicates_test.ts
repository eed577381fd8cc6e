import assert from "node:assert/strict";
import {
  annotationsChanged,
  anyOf,
  generationChanged,
  labelsChanged,
  passes,
  predicate,
} from "./predicates.ts";

const obj = (generation: number, labels?: Record<string, string>, annotations?: Record<string, string>) => ({
  metadata: { name: "w", generation, labels, annotations },
});

Deno.test("generationChanged passes creates, deletes and spec changes but not resyncs or metadata edits", () => {
  const a = obj(1);
  assert.equal(passes([generationChanged], "create", a), true);
  assert.equal(passes([generationChanged], "delete", a), true);
  assert.equal(passes([generationChanged], "update", a, obj(2)), true);
  assert.equal(passes([generationChanged], "update", a, a), false);
  assert.equal(passes([generationChanged], "update", a, obj(1, { x: "y" })), false);
});

Deno.test("labelsChanged and annotationsChanged compare the maps by content, an absent map as an empty one", () => {
  assert.equal(passes([labelsChanged], "update", obj(1, { a: "1" }), obj(1, { a: "1" })), false);
  assert.equal(passes([labelsChanged], "update", obj(1, { a: "1" }), obj(1, { a: "2" })), true);
  assert.equal(passes([labelsChanged], "update", obj(1, {}), obj(1)), false);
  assert.equal(passes([labelsChanged], "update", obj(1, { a: "1" }), obj(1, { b: "1" })), true);
  assert.equal(passes([annotationsChanged], "update", obj(1, {}, { n: "1" }), obj(1, {}, {})), true);
  assert.equal(passes([annotationsChanged], "update", obj(1, {}, { n: "1" }), obj(2, {}, { n: "1" })), false);
});

Deno.test("every predicate of a list must pass, while anyOf needs only one", () => {
  const big = predicate((o: { metadata: { generation: number } }) => o.metadata.generation > 5);
  assert.equal(passes([generationChanged, big], "update", obj(1), obj(2)), false);
  assert.equal(passes([generationChanged, big], "update", obj(5), obj(6)), true);
  assert.equal(passes([big], "create", obj(1)), false);
  assert.equal(
    passes([anyOf(labelsChanged, annotationsChanged)], "update", obj(1), obj(1, { a: "b" })),
    true,
  );
  assert.equal(passes([anyOf(labelsChanged, annotationsChanged)], "update", obj(1), obj(2)), false);
});
