import assert from "node:assert/strict";
import { defaultPrinter } from "./_default.ts";

Deno.test("default printer shows the creation time in RFC 3339 UTC, whole seconds", () => {
  const crd = { metadata: { name: "widgets.example.com", creationTimestamp: "2024-05-01T14:03:04+02:00" } };
  assert.deepEqual(defaultPrinter.row(crd, 0).cells, ["widgets.example.com", "2024-05-01T12:03:04Z"]);
  const fractional = { metadata: { name: "x", creationTimestamp: "2024-05-01T12:03:04.999Z" } };
  assert.deepEqual(defaultPrinter.row(fractional, 0).cells, ["x", "2024-05-01T12:03:04Z"]);
});

Deno.test("default printer prints Go's zero time for an object without a creation time", () => {
  assert.deepEqual(defaultPrinter.row({ metadata: { name: "x" } }, 0).cells, ["x", "0001-01-01T00:00:00Z"]);
  assert.deepEqual(defaultPrinter.columns.map((c) => [c.name, c.type]), [["Name", "string"], [
    "Created At",
    "date",
  ]]);
});
