import assert from "node:assert/strict";
import { defaultNamespace, NAMESPACE_NAME_LABEL } from "./namespace.ts";

Deno.test("a namespace is labelled with its own name and starts Active", () => {
  const ns = defaultNamespace({ metadata: { name: "team-a", labels: { owner: "ops" } } });
  assert.deepEqual(ns.metadata?.labels, { owner: "ops", [NAMESPACE_NAME_LABEL]: "team-a" });
  assert.equal(ns.status?.phase, "Active");
});

Deno.test("a namespace without a name yet gets no name label, and a Terminating one stays Terminating", () => {
  const ns = defaultNamespace({ metadata: { generateName: "test-" }, status: { phase: "Terminating" } });
  assert.equal(ns.metadata?.labels, undefined);
  assert.equal(ns.status?.phase, "Terminating");
});
