import assert from "node:assert/strict";
import { leasePrinter } from "./_lease.ts";

const NOW = Date.parse("2024-05-01T12:00:00Z");

Deno.test("lease printer shows the holder and an empty holder for a free lease", () => {
  const held = {
    metadata: { name: "kube-scheduler", creationTimestamp: "2024-05-01T11:00:00Z" },
    spec: { holderIdentity: "node-a_1234", leaseDurationSeconds: 15 },
  };
  assert.deepEqual(leasePrinter.row(held, NOW).cells, ["kube-scheduler", "node-a_1234", "60m"]);
  assert.deepEqual(leasePrinter.row({ metadata: { name: "free" }, spec: {} }, NOW).cells, [
    "free",
    "",
    "<unknown>",
  ]);
  assert.deepEqual(leasePrinter.columns.map((c) => c.name), ["Name", "Holder", "Age"]);
});
