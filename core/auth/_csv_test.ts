import assert from "node:assert/strict";
import { formatCsvLine, parseCsv } from "./_csv.ts";

Deno.test("csv parsing reads quoted groups, skips blank lines and trims leading spaces", () => {
  const text = 'tok1,alice,u1,"a,b"\r\n\n  tok2, bob ,u2\n"x""y",z,"multi\nline"';
  assert.deepEqual(parseCsv(text), [
    { line: 1, fields: ["tok1", "alice", "u1", "a,b"] },
    { line: 3, fields: ["tok2", "bob ", "u2"] },
    { line: 4, fields: ['x"y', "z", "multi\nline"] },
  ]);
});

Deno.test("csv parsing rejects stray and unterminated quotes with the line number", () => {
  assert.throws(() => parseCsv('a,b\nc,d"e\n'), /line 2: bare "/);
  assert.throws(() => parseCsv('a,"b'), /line 1: unterminated/);
  assert.throws(() => parseCsv('"a"b,c'), /line 1: unexpected text/);
});

Deno.test("csv lines round-trip through the parser", () => {
  const fields = ["t", "user, with comma", "", 'q"uote', " lead"];
  assert.deepEqual(parseCsv(formatCsvLine(fields))[0].fields, fields);
});
