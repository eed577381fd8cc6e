import assert from "node:assert/strict";
import { copyJson } from "./_util.ts";

Deno.test("copyJson copies every level, and leaves nothing shared with the original", () => {
  const original = {
    metadata: { labels: { app: "web" } },
    spec: { containers: [{ name: "c", ports: [80] }] },
  };
  const copy = copyJson(original);
  assert.deepEqual(copy, original);
  copy.metadata.labels.app = "db";
  copy.spec.containers[0].ports.push(443);
  assert.equal(original.metadata.labels.app, "web");
  assert.deepEqual(original.spec.containers[0].ports, [80]);
});

Deno.test("copyJson keeps what structuredClone keeps of values JSON does not have", () => {
  const at = new Date("2026-11-23T10:00:00Z");
  const copy = copyJson({ at, missing: undefined });
  assert.ok(copy.at instanceof Date && copy.at !== at && copy.at.getTime() === at.getTime());
  assert.ok(Object.hasOwn(copy, "missing"));
});
