import assert from "node:assert/strict";
import { goRegExp } from "./_regexp.ts";

function re(pattern: string): RegExp {
  const r = goRegExp(pattern);
  assert.ok(r instanceof RegExp, `compiles: ${pattern}`);
  return r;
}

Deno.test("goRegExp turns a leading (?i) into the i flag", () => {
  assert.ok(re("(?i)^abc$").test("ABC"));
});

Deno.test("goRegExp reads \\A and \\z as the ends of the text", () => {
  assert.ok(re("\\Aab\\z").test("ab"));
  assert.ok(!re("\\Aab\\z").test("ab\n"));
});

Deno.test("goRegExp reads POSIX classes and one-letter Unicode classes", () => {
  assert.ok(re("^[[:alpha:]]+$").test("abc"));
  assert.ok(!re("^[[:digit:]]+$").test("abc"));
  assert.ok(re("^\\pL+$").test("héllo"));
});

Deno.test("goRegExp reads named groups written the Go way", () => {
  assert.equal(re("(?P<x>a)").exec("a")?.groups?.x, "a");
});

Deno.test("goRegExp accepts escaped punctuation that unicode mode would refuse", () => {
  assert.ok(re("^a\\-b$").test("a-b"));
});

Deno.test("goRegExp reports a broken pattern instead of throwing", () => {
  const r = goRegExp("(");
  assert.ok(!(r instanceof RegExp));
  assert.match(r.error, /^error parsing regexp: /);
});

Deno.test("goRegExp compiles each pattern once", () => {
  assert.equal(goRegExp("^cached$"), goRegExp("^cached$"));
});

Deno.test("goRegExp keeps an escaped backslash before z and A literal", () => {
  assert.ok(re("^a\\\\z$").test("a\\z"));
  assert.ok(re("^\\\\A").test("\\A"));
});

Deno.test("goRegExp quotes \\Q…\\E literally", () => {
  assert.ok(re("^\\Qa.b*\\E$").test("a.b*"));
  assert.ok(!re("^\\Qa.b*\\E$").test("axbb"));
});

Deno.test("goRegExp reads a leading ] in a class as a literal", () => {
  assert.ok(re("^[]a]+$").test("]a"));
  assert.ok(re("^[^]a]+$").test("bc"));
});
