import assert from "node:assert/strict";
import { GoFloat, goJson, goText } from "./_go_text.ts";

const cases: [unknown, string][] = [
  ["foo", "foo"],
  [true, "true"],
  [42, "42"],
  [-7, "-7"],
  [3.14, "3.14"],
  [0.0001, "0.0001"],
  [0.00001, "1e-05"],
  [123456.5, "123456.5"],
  [1234567.5, "1.2345675e+06"],
  [new GoFloat(1), "1"],
  [new GoFloat(1e6), "1e+06"],
  [null, "<no value>"],
  [["foo"], '["foo"]'],
  [[1, [2, 3]], "[1,[2,3]]"],
  [{ b: 2, a: { d: 1, c: null } }, '{"a":{"c":null,"d":1},"b":2}'],
  [{ html: "<b>&</b>" }, '{"html":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"}'],
];

for (const [value, want] of cases) {
  Deno.test(`goText prints ${JSON.stringify(value)} as Go prints it: ${want}`, () => {
    assert.equal(goText(value), want);
  });
}

Deno.test("goJson escapes the line and paragraph separators as Go's encoder does", () => {
  assert.equal(goJson(["a\u2028b\u2029"]), '["a\\u2028b\\u2029"]');
});
