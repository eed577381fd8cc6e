import assert from "node:assert/strict";
import { RbacAuthorizer } from "./authorizer.ts";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./bootstrap.ts";
import { aggregatedRules } from "./aggregation.ts";
import { parseRequestInfo } from "./request_info.ts";

const RBAC = "rbac.authorization.k8s.io";
const alice = { username: "alice", groups: ["dev", "system:authenticated"] };
const builder = {
  username: "system:serviceaccount:ci:builder",
  groups: ["system:serviceaccounts", "system:authenticated"],
};
const anonymous = { username: "system:anonymous", groups: ["system:unauthenticated"] };

/** The bootstrap policy with aggregation done, as a started API server holds it. */
function bootstrapped(): RbacAuthorizer {
  const rbac = new RbacAuthorizer();
  // Aggregation feeds on aggregated roles (view into edit into admin): repeat until nothing changes, as
  // the controller does, one watch event after another.
  let roles = bootstrapClusterRoles();
  for (let i = 0; i < 3; i++) {
    roles = roles.map((r) => ({ ...r, rules: aggregatedRules(r, roles) ?? r.rules }));
  }
  for (const r of roles) rbac.set("ClusterRole", r);
  for (const b of bootstrapClusterRoleBindings()) rbac.set("ClusterRoleBinding", b);
  return rbac;
}

const can = (rbac: RbacAuthorizer, user: typeof alice, method: string, url: string) =>
  rbac.authorize(user, parseRequestInfo(method, url)).allowed;

Deno.test("system:masters may do anything even with no roles at all", () => {
  const rbac = new RbacAuthorizer();
  const admin = { username: "skiff-admin", groups: ["system:masters"] };
  assert.deepEqual(rbac.authorize(admin, parseRequestInfo("DELETE", "/api/v1/nodes/n1")), {
    allowed: true,
    reason: "",
  });
  assert.equal(can(rbac, alice, "GET", "/api/v1/nodes"), false);
});

Deno.test("a RoleBinding to view lets a user read pods in its namespace only, and never write them", () => {
  const rbac = bootstrapped();
  rbac.set("RoleBinding", {
    metadata: { name: "alice-view", namespace: "default" },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: "view" },
    subjects: [{ kind: "User", apiGroup: RBAC, name: "alice" }],
  });
  assert.equal(can(rbac, alice, "GET", "/api/v1/namespaces/default/pods"), true);
  assert.equal(can(rbac, alice, "GET", "/api/v1/namespaces/default/pods/web/log"), true);
  assert.equal(can(rbac, alice, "GET", "/api/v1/namespaces/default/pods?watch=1"), true);
  assert.equal(can(rbac, alice, "POST", "/api/v1/namespaces/default/pods"), false);
  assert.equal(can(rbac, alice, "GET", "/api/v1/namespaces/other/pods"), false);
  assert.equal(can(rbac, alice, "GET", "/api/v1/pods"), false);
  assert.equal(can(rbac, alice, "GET", "/api/v1/namespaces/default/secrets"), false);
  const d = rbac.authorize(alice, parseRequestInfo("GET", "/api/v1/namespaces/default/pods/web"));
  assert.equal(
    d.reason,
    'RBAC: allowed by RoleBinding "alice-view/default" of ClusterRole "view" to User "alice"',
  );
});

Deno.test("edit and admin include what view grants, through aggregation", () => {
  const rbac = bootstrapped();
  rbac.set("RoleBinding", {
    metadata: { name: "devs", namespace: "team" },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: "admin" },
    subjects: [{ kind: "Group", apiGroup: RBAC, name: "dev" }],
  });
  assert.equal(can(rbac, alice, "GET", "/api/v1/namespaces/team/configmaps"), true);
  assert.equal(can(rbac, alice, "DELETE", "/apis/apps/v1/namespaces/team/deployments/web"), true);
  assert.equal(
    can(rbac, alice, "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings"),
    true,
  );
  assert.equal(can(rbac, alice, "POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"), false);
});

Deno.test("a ServiceAccount subject without a namespace means the RoleBinding's namespace", () => {
  const rbac = new RbacAuthorizer();
  rbac.set("Role", {
    metadata: { name: "deployer", namespace: "ci" },
    rules: [{ verbs: ["create"], apiGroups: ["apps"], resources: ["deployments"] }],
  });
  rbac.set("RoleBinding", {
    metadata: { name: "builder", namespace: "ci" },
    roleRef: { apiGroup: RBAC, kind: "Role", name: "deployer" },
    subjects: [{ kind: "ServiceAccount", name: "builder" }],
  });
  assert.equal(can(rbac, builder, "POST", "/apis/apps/v1/namespaces/ci/deployments"), true);
  assert.equal(can(rbac, builder, "POST", "/apis/apps/v1/namespaces/prod/deployments"), false);
  rbac.delete("RoleBinding", "ci", "builder");
  assert.equal(can(rbac, builder, "POST", "/apis/apps/v1/namespaces/ci/deployments"), false);
});

Deno.test("everyone may discover the API and read health, but anonymous users may not discover", () => {
  const rbac = bootstrapped();
  assert.equal(can(rbac, alice, "GET", "/apis"), true);
  assert.equal(can(rbac, alice, "GET", "/openapi/v3/api/v1"), true);
  assert.equal(can(rbac, alice, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"), true);
  assert.equal(can(rbac, alice, "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews"), true);
  assert.equal(can(rbac, anonymous, "GET", "/readyz"), true);
  assert.equal(can(rbac, anonymous, "GET", "/version"), true);
  assert.equal(can(rbac, anonymous, "GET", "/apis"), false);
});

Deno.test("a binding to a missing role denies with the reason Kubernetes gives", () => {
  const rbac = new RbacAuthorizer();
  rbac.set("ClusterRoleBinding", {
    metadata: { name: "ghost" },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: "ghost" },
    subjects: [{ kind: "User", apiGroup: RBAC, name: "alice" }],
  });
  const d = rbac.authorize(alice, parseRequestInfo("GET", "/api/v1/nodes"));
  assert.equal(d.allowed, false);
  assert.equal(d.reason, 'RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found');
  assert.equal(
    rbac.rulesFor(alice, "default").evaluationError,
    'clusterrole.rbac.authorization.k8s.io "ghost" not found',
  );
});

Deno.test("rules for a user gather cluster-wide and namespace bindings", () => {
  const rbac = bootstrapped();
  rbac.set("RoleBinding", {
    metadata: { name: "alice-view", namespace: "default" },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: "view" },
    subjects: [{ kind: "User", apiGroup: RBAC, name: "alice" }],
  });
  const inDefault = rbac.rulesFor(alice, "default").rules;
  const inOther = rbac.rulesFor(alice, "other").rules;
  assert.ok(inDefault.some((r) => r.resources?.includes("pods") && r.verbs.includes("list")));
  assert.ok(!inOther.some((r) => r.resources?.includes("pods")));
  assert.ok(inOther.some((r) => r.nonResourceURLs?.includes("/api/*")));
  assert.ok(inOther.some((r) => r.resources?.includes("selfsubjectaccessreviews")));
});
