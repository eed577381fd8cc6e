import assert from "node:assert/strict";
import { goEqual, goKind, goS, GoSet, goTypeName, goV } from "./_gofmt.ts";
import { PatchError } from "./errors.ts";

Deno.test("goV prints maps with sorted keys and lists with spaces, as Go's %v does", () => {
  assert.equal(
    goV({ name: "a", image: "x", ports: [80, 443], env: null, on: true }),
    "map[env:<nil> image:x name:a on:true ports:[80 443]]",
  );
  assert.equal(goV([]), "[]");
  assert.equal(goV({}), "map[]");
});

Deno.test("goV prints floats as Go's %v does", () => {
  assert.equal(goV(1.5), "1.5");
  assert.equal(goV(0.00001), "1e-05");
  assert.equal(goV(1234567.5), "1.2345675e+06");
  assert.equal(goV(123456.5), "123456.5");
});

Deno.test("goS flags non-strings, as Go's %s does", () => {
  assert.equal(goS("merge"), "merge");
  assert.equal(goS(5), "%!s(int64=5)");
  assert.equal(goS(true), "%!s(bool=true)");
  assert.equal(goS(null), "%!s(<nil>)");
});

Deno.test("whole numbers are int64 and others float64, as Kubernetes decodes them", () => {
  assert.equal(goKind(3), "int64");
  assert.equal(goKind(3.5), "float64");
  assert.equal(goTypeName([]), "[]interface {}");
  assert.equal(goTypeName(null), "%!s(<nil>)");
});

Deno.test("goEqual compares like Go's interface == and panics on maps", () => {
  assert.equal(goEqual("a", "a"), true);
  assert.equal(goEqual(1, "1"), false);
  assert.equal(goEqual(null, undefined), true);
  assert.equal(goEqual({}, []), false);
  assert.throws(() => goEqual({}, {}), (e) => e instanceof PatchError && e.code === 500);
});

Deno.test('GoSet tells 1 from "1" and refuses maps', () => {
  const s = new GoSet(["a", 1]);
  assert.equal(s.has("a"), true);
  assert.equal(s.has("1"), false);
  assert.equal(s.has(1), true);
  assert.throws(() => s.has({}), (e) => e instanceof PatchError && e.code === 500);
});
