import assert from "node:assert/strict";
import type { ClusterRole } from "@skiff/kinds";
import { aggregatedRules, sameRules } from "./aggregation.ts";

const role = (name: string, labels: Record<string, string>, resources: string[]): ClusterRole => ({
  metadata: { name, labels },
  rules: resources.map((r) => ({ verbs: ["get"], apiGroups: [""], resources: [r] })),
});

Deno.test("aggregation gathers the rules of matching roles, selectors in order and roles by name, once each", () => {
  const monitoring: ClusterRole = {
    metadata: { name: "monitoring", labels: { "monitoring": "true" } },
    rules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }], // stomped: aggregation owns the rules
    aggregationRule: {
      clusterRoleSelectors: [
        { matchLabels: { "aggregate-to-monitoring": "true" } },
        { matchExpressions: [{ key: "extra", operator: "Exists" }] },
      ],
    },
  };
  const all = [
    monitoring,
    role("b-nodes", { "aggregate-to-monitoring": "true" }, ["nodes"]),
    role("a-pods", { "aggregate-to-monitoring": "true" }, ["pods"]),
    role("c-extra", { extra: "" }, ["events", "pods"]),
    role("unrelated", { "aggregate-to-monitoring": "false" }, ["secrets"]),
  ];
  assert.deepEqual(aggregatedRules(monitoring, all)?.map((r) => r.resources?.[0]), [
    "pods",
    "nodes",
    "events",
  ]);
});

Deno.test("a role without an aggregationRule aggregates nothing, one matching nothing gets no rules", () => {
  const plain = role("plain", {}, ["pods"]);
  assert.equal(aggregatedRules(plain, [plain]), undefined);
  const empty: ClusterRole = {
    metadata: { name: "e" },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: "y" } }] },
  };
  assert.deepEqual(aggregatedRules(empty, [empty, plain]), []);
});

Deno.test("rule lists compare field by field with missing lists as empty", () => {
  assert.ok(sameRules(undefined, []));
  assert.ok(sameRules([{ verbs: ["get"], resourceNames: [] }], [{ verbs: ["get"] }]));
  assert.ok(!sameRules([{ verbs: ["get"] }], [{ verbs: ["list"] }]));
});
