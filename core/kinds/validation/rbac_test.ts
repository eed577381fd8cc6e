import assert from "node:assert/strict";
import {
  defaultRoleBinding,
  validateClusterRole,
  validateClusterRoleBinding,
  validatePolicyRule,
  validateRole,
  validateRoleBinding,
  validateRoleBindingUpdate,
} from "./rbac.ts";

const G = "rbac.authorization.k8s.io";
const ref = (kind: string, name: string) => ({ apiGroup: G, kind, name });
const messages = (errors: { field?: string; message: string }[]) =>
  errors.map((e) => `${e.field}: ${e.message}`);

Deno.test("a rule needs verbs and either API groups with resources or non-resource URLs", () => {
  assert.deepEqual(messages(validatePolicyRule({ verbs: [] }, false, "rules[0]")), [
    "rules[0].verbs: Required value: verbs must contain at least one value",
    "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
    "rules[0].resources: Required value: resource rules must supply at least one resource",
  ]);
  assert.deepEqual(
    validatePolicyRule({ verbs: ["get"], apiGroups: [""], resources: ["pods"] }, true, "r"),
    [],
  );
  assert.deepEqual(validatePolicyRule({ verbs: ["get"], nonResourceURLs: ["/healthz"] }, false, "r"), []);
  assert.deepEqual(
    messages(
      validatePolicyRule({ verbs: ["get"], resources: ["pods"], nonResourceURLs: ["/x"] }, false, "r"),
    ),
    ['r.nonResourceURLs: Invalid value: []string{"/x"}: rules cannot apply to both regular resources and non-resource URLs'],
  );
});

Deno.test("a Role may not name non-resource URLs, a ClusterRole may", () => {
  const role = { rules: [{ verbs: ["get"], nonResourceURLs: ["/metrics"] }] };
  assert.deepEqual(messages(validateRole(role)), [
    'rules[0].nonResourceURLs: Invalid value: []string{"/metrics"}: namespaced rules cannot apply to non-resource URLs',
  ]);
  assert.deepEqual(validateClusterRole(role), []);
});

Deno.test("an aggregationRule needs at least one valid selector", () => {
  assert.deepEqual(messages(validateClusterRole({ aggregationRule: { clusterRoleSelectors: [] } })), [
    "aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil",
  ]);
  const bad = validateClusterRole({
    aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: "a", operator: "In" }] }] },
  });
  assert.equal(bad.length, 1);
  assert.equal(bad[0].field, "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].values");
});

Deno.test("bindings name a role in the RBAC group and subjects of a known kind", () => {
  assert.deepEqual(validateRoleBinding({ roleRef: ref("ClusterRole", "view"), subjects: [] }), []);
  assert.deepEqual(messages(validateRoleBinding({ roleRef: { apiGroup: "x", kind: "Thing", name: "" } })), [
    'roleRef.apiGroup: Unsupported value: "x": supported values: "rbac.authorization.k8s.io"',
    'roleRef.kind: Unsupported value: "Thing": supported values: "Role", "ClusterRole"',
    "roleRef.name: Required value",
  ]);
  assert.deepEqual(messages(validateClusterRoleBinding({ roleRef: ref("Role", "r") })), [
    'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
  ]);
  assert.deepEqual(messages(validateRoleBinding({ roleRef: ref("Role", "a/b") })), [
    `roleRef.name: Invalid value: "a/b": may not contain '/'`,
  ]);
});

Deno.test("subjects: users and groups belong to the RBAC group, service accounts to none and need a namespace cluster-wide", () => {
  const subjects = [
    { kind: "User", apiGroup: "", name: "alice" },
    { kind: "ServiceAccount", apiGroup: G, name: "Builder" },
    { kind: "Group", apiGroup: G, name: "" },
  ];
  assert.deepEqual(messages(validateClusterRoleBinding({ roleRef: ref("ClusterRole", "view"), subjects })), [
    'subjects[0].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
    `subjects[1].name: Invalid value: "Builder": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    'subjects[1].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""',
    "subjects[1].namespace: Required value",
    "subjects[2].name: Required value",
  ]);
  // In a RoleBinding the service account may leave its namespace out: the binding's is meant.
  assert.deepEqual(
    validateRoleBinding({
      roleRef: ref("Role", "r"),
      subjects: [{ kind: "ServiceAccount", name: "builder" }],
    }),
    [],
  );
});

Deno.test("defaulting fills the RBAC group into roleRef and user and group subjects only", () => {
  const b = {
    roleRef: { kind: "ClusterRole", name: "view" },
    subjects: [{ kind: "User", name: "a" }, { kind: "ServiceAccount", name: "s" }],
  };
  defaultRoleBinding(b);
  assert.deepEqual(b, {
    roleRef: { apiGroup: G, kind: "ClusterRole", name: "view" },
    subjects: [{ kind: "User", apiGroup: G, name: "a" }, { kind: "ServiceAccount", name: "s" }],
  });
});

Deno.test("a binding's roleRef cannot change", () => {
  assert.deepEqual(
    validateRoleBindingUpdate({ roleRef: ref("ClusterRole", "view") }, {
      roleRef: ref("ClusterRole", "view"),
    }),
    [],
  );
  assert.deepEqual(
    messages(
      validateRoleBindingUpdate({ roleRef: ref("ClusterRole", "edit") }, {
        roleRef: ref("ClusterRole", "view"),
      }),
    ),
    [
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    ],
  );
});
