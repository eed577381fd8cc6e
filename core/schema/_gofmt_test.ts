import assert from "node:assert/strict";
import { goBadValue, goFloat, goJSON, goNumber, goQuote, isInt64, runeCount, utf8Length } from "./_gofmt.ts";

const floats: [number, string][] = [
  [0.5, "0.5"],
  [10, "10"],
  [1e6, "1e+06"],
  [123456.7, "123456.7"],
  [1234567.5, "1.2345675e+06"],
  [0.0001, "0.0001"],
  [0.00001, "1e-05"],
  [-2.5e-7, "-2.5e-07"],
  [1e21, "1e+21"],
  [1.5e100, "1.5e+100"],
];

for (const [f, want] of floats) {
  Deno.test(`goFloat prints ${f} as Go's %v does: ${want}`, () => assert.equal(goFloat(f), want));
}

Deno.test("goNumber prints integers in decimal and fractions as float64", () => {
  assert.equal(goNumber(1000000), "1000000");
  assert.equal(goNumber(2.25), "2.25");
});

Deno.test("isInt64 treats integral numbers within int64 as int64", () => {
  assert.equal(isInt64(3), true);
  assert.equal(isInt64(-3), true);
  assert.equal(isInt64(1.5), false);
  assert.equal(isInt64(1e20), false);
});

const quotes: [string, string][] = [
  ["abc", '"abc"'],
  ['a"b\\c', '"a\\"b\\\\c"'],
  ["tab\there", '"tab\\there"'],
  ["bell\u0007", '"bell\\a"'],
  ["\u0001", '"\\x01"'],
  ["é😀", '"é😀"'],
  ["\u00a0", '"\\u00a0"'],
  ["\u{e0001}", '"\\U000e0001"'],
];

for (const [s, want] of quotes) {
  Deno.test(`goQuote quotes ${JSON.stringify(s)} as strconv.Quote does`, () =>
    assert.equal(goQuote(s), want));
}

Deno.test("goJSON sorts map keys and escapes HTML characters as encoding/json does", () => {
  assert.equal(goJSON({ b: 1, a: ["<", ">", "&"] }), '{"a":["\\u003c","\\u003e","\\u0026"],"b":1}');
  assert.equal(goJSON(null), "null");
  assert.equal(goJSON({ z: 1, a: 2 }, false), '{"z":1,"a":2}');
});

Deno.test("goBadValue prints each kind of value the way field errors do", () => {
  assert.equal(goBadValue("x"), '"x"');
  assert.equal(goBadValue(3), "3");
  assert.equal(goBadValue(true), "true");
  assert.equal(goBadValue(null), "null");
  assert.equal(goBadValue([1, "a"]), '[1,"a"]');
});

Deno.test("utf8Length counts bytes and runeCount counts code points", () => {
  assert.equal(utf8Length("aé😀"), 1 + 2 + 4);
  assert.equal(runeCount("aé😀"), 3);
});
