import assert from "node:assert/strict";
import { namespacePrinter } from "./_namespace.ts";

// From TestPrintNamespace in kubernetes/pkg/printers/internalversion/printers_test.go.
const NOW = Date.parse("2024-05-01T12:00:00Z");

Deno.test("namespace printer shows the phase and reads a creation 1.9s ahead of the clock as 0s", () => {
  const ns = {
    metadata: { name: "namespace1", creationTimestamp: new Date(NOW + 1900).toISOString() },
    status: { phase: "FooStatus" },
  };
  assert.deepEqual(namespacePrinter.row(ns, NOW).cells, ["namespace1", "FooStatus", "0s"]);
});

Deno.test("namespace printer leaves the status empty and the age unknown when they are absent", () => {
  assert.deepEqual(namespacePrinter.row({ metadata: { name: "namespace2" } }, NOW).cells, [
    "namespace2",
    "",
    "<unknown>",
  ]);
  assert.deepEqual(namespacePrinter.columns.map((c) => c.name), ["Name", "Status", "Age"]);
});
