import * as assert from "node:assert/strict";
import { cloneJson, deepFreeze, jsonEqual } from "./json.ts";

Deno.test("jsonEqual compares objects by keys, arrays by order, and treats undefined values as absent", () => {
  assert.ok(jsonEqual({ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 }));
  assert.ok(jsonEqual({ a: 1, b: undefined }, { a: 1 }));
  assert.ok(!jsonEqual([1, 2], [2, 1]));
  assert.ok(!jsonEqual({ a: 1 }, { a: 1, b: null }));
  assert.ok(!jsonEqual({ a: [] }, { a: {} }));
  assert.ok(!jsonEqual(JSON.parse('{"__proto__": 1}'), {}));
  assert.ok(!jsonEqual(1, "1"));
});

Deno.test("cloneJson copies deeply and keeps a __proto__ key an own property", () => {
  const source = JSON.parse('{"a": {"b": [1, {"c": 2}]}, "__proto__": {"polluted": true}}');
  const copy = cloneJson(source);
  assert.ok(jsonEqual(copy, source));
  copy.a.b[1].c = 3;
  assert.equal(source.a.b[1].c, 2);
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  assert.deepEqual(Object.keys(copy), ["a", "__proto__"]);
  const when = new Date(0);
  assert.ok(cloneJson({ when }).when instanceof Date);
});

Deno.test("cloneJson copies every level, and leaves nothing shared with the original", () => {
  const original = {
    metadata: { labels: { app: "web" } },
    spec: { containers: [{ name: "c", ports: [80] }] },
  };
  const copy = cloneJson(original);
  assert.deepEqual(copy, original);
  copy.metadata.labels.app = "db";
  copy.spec.containers[0].ports.push(443);
  assert.equal(original.metadata.labels.app, "web");
  assert.deepEqual(original.spec.containers[0].ports, [80]);
});

Deno.test("cloneJson keeps what structuredClone keeps of values JSON does not have", () => {
  const at = new Date("2026-11-23T10:00:00Z");
  const copy = cloneJson({ at, missing: undefined });
  assert.ok(copy.at instanceof Date && copy.at !== at && copy.at.getTime() === at.getTime());
  assert.ok(Object.hasOwn(copy, "missing"));
});

Deno.test("deepFreeze freezes every object and array in place, without copying, and leaves a Date alone", () => {
  const when = new Date(0);
  const source = JSON.parse('{"a": {"b": [1, {"c": 2}]}, "__proto__": {"d": []}}');
  source.when = when;
  const frozen = deepFreeze(source);
  assert.equal(frozen, source);
  for (
    const part of [source, source.a, source.a.b, source.a.b[1], source["__proto__"], source["__proto__"].d]
  ) {
    assert.ok(Object.isFrozen(part));
  }
  assert.ok(!Object.isFrozen(when));
  assert.throws(() => {
    source.a.b[1].c = 3;
  }, TypeError);
  assert.equal(deepFreeze(7), 7);
});
