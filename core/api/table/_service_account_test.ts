import assert from "node:assert/strict";
import { serviceAccountPrinter } from "./_service_account.ts";

// From TestPrintServiceAccount in kubernetes/pkg/printers/internalversion/printers_test.go.
const NOW = Date.parse("2024-05-01T12:00:00Z");
const created = new Date(NOW + 1900).toISOString();

Deno.test("service account printer counts secrets as a number", () => {
  const none = { metadata: { name: "sa1", creationTimestamp: created }, secrets: [] };
  const two = {
    metadata: { name: "sa1", creationTimestamp: created },
    secrets: [{ name: "Secret1" }, { name: "Secret2" }],
  };
  assert.deepEqual(serviceAccountPrinter.row(none, NOW).cells, ["sa1", 0, "0s"]);
  assert.deepEqual(serviceAccountPrinter.row(two, NOW).cells, ["sa1", 2, "0s"]);
  assert.deepEqual(serviceAccountPrinter.columns.map((c) => c.name), ["Name", "Secrets", "Age"]);
});
