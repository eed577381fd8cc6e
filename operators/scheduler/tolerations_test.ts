import assert from "node:assert/strict";
import type { Taint, Toleration } from "@skiff/kinds";
import { findUntoleratedTaint, isDoNotScheduleTaint, toleratesTaint } from "./tolerations.ts";

// Cases after k8s.io/api core/v1 toleration_test.go (TestTolerationToleratesTaint).
const taint: Taint = { key: "foo", value: "bar", effect: "NoSchedule" };
const cases: [string, Toleration, boolean][] = [
  ["an empty toleration tolerates nothing with a value", {}, false],
  ["an empty key with Exists tolerates every taint", { operator: "Exists" }, true],
  ["the same key, value and effect tolerates", {
    key: "foo",
    operator: "Equal",
    value: "bar",
    effect: "NoSchedule",
  }, true],
  ["no operator means Equal", { key: "foo", value: "bar" }, true],
  ["another value does not tolerate", { key: "foo", operator: "Equal", value: "baz" }, false],
  ["another effect does not tolerate", { key: "foo", operator: "Exists", effect: "NoExecute" }, false],
  ["another key does not tolerate", { key: "other", operator: "Exists" }, false],
  ["an empty effect matches every effect", { key: "foo", operator: "Exists" }, true],
  ["Gt and Lt tolerate nothing in Kubernetes 1.32", { key: "foo", operator: "Gt", value: "1" }, false],
];

for (const [name, toleration, want] of cases) {
  Deno.test(`toleration: ${name}`, () => assert.equal(toleratesTaint(toleration, taint), want));
}

Deno.test("the first untolerated taint that the filter keeps is reported", () => {
  const taints: Taint[] = [
    { key: "soft", effect: "PreferNoSchedule" },
    { key: "a", value: "1", effect: "NoSchedule" },
    { key: "b", value: "2", effect: "NoExecute" },
  ];
  assert.equal(findUntoleratedTaint(taints, [], isDoNotScheduleTaint)?.key, "a");
  assert.equal(
    findUntoleratedTaint(taints, [{ key: "a", operator: "Exists" }], isDoNotScheduleTaint)?.key,
    "b",
  );
  assert.equal(findUntoleratedTaint(taints, [{ operator: "Exists" }], isDoNotScheduleTaint), undefined);
});
