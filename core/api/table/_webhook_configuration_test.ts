import assert from "node:assert/strict";
import { webhookConfigurationPrinter } from "./_webhook_configuration.ts";

const NOW = Date.parse("2024-05-01T12:00:00Z");

Deno.test("webhook configuration printer counts the webhooks, zero when there are none", () => {
  const config = {
    metadata: { name: "policy", creationTimestamp: "2024-05-01T11:55:00Z" },
    webhooks: [{ name: "a.example.com" }, { name: "b.example.com" }],
  };
  assert.deepEqual(webhookConfigurationPrinter.row(config, NOW).cells, ["policy", 2, "5m"]);
  assert.deepEqual(webhookConfigurationPrinter.row({ metadata: { name: "empty" } }, NOW).cells, [
    "empty",
    0,
    "<unknown>",
  ]);
  assert.deepEqual(webhookConfigurationPrinter.columns.map((c) => c.name), ["Name", "Webhooks", "Age"]);
});
