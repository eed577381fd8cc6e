import assert from "node:assert/strict";
import { clusterRoleBindingPrinter, roleBindingPrinter } from "./_role_binding.ts";

// After TestPrintRoleBinding and TestPrintClusterRoleBinding in kubernetes/pkg/printers/internalversion/printers_test.go.
const NOW = Date.parse("2024-05-01T12:00:00Z");
const created = new Date(NOW - 2 * 3600_000).toISOString();

Deno.test("binding printers show the role as Kind/name and split subjects into users, groups and service accounts", () => {
  const binding = {
    metadata: { name: "binding1", namespace: "default", creationTimestamp: created },
    subjects: [
      { kind: "User", name: "system:kube-controller-manager" },
      { kind: "Group", name: "system:masters" },
      { kind: "ServiceAccount", name: "default", namespace: "kube-system" },
      { kind: "User", name: "jane" },
    ],
    roleRef: { kind: "Role", name: "extension-apiserver-authentication-reader" },
  };
  assert.deepEqual(roleBindingPrinter.row(binding, NOW).cells, [
    "binding1",
    "Role/extension-apiserver-authentication-reader",
    "120m",
    "system:kube-controller-manager, jane",
    "system:masters",
    "kube-system/default",
  ]);
  assert.deepEqual(roleBindingPrinter.columns.map((c) => [c.name, c.priority]), [
    ["Name", 0],
    ["Role", 0],
    ["Age", 0],
    ["Users", 1],
    ["Groups", 1],
    ["ServiceAccounts", 1],
  ]);
  const cluster = { ...binding, roleRef: { kind: "ClusterRole", name: "cluster-admin" }, subjects: [] };
  assert.deepEqual(clusterRoleBindingPrinter.row(cluster, NOW).cells, [
    "binding1",
    "ClusterRole/cluster-admin",
    "120m",
    "",
    "",
    "",
  ]);
  assert.equal(clusterRoleBindingPrinter.columns[3].description, "Users in the clusterRoleBinding");
});
