import * as assert from "node:assert/strict";
import { securedServer } from "../../api/testing/rbac_fixture.ts";

const WHOAMI = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
const REVIEW = { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" };

Deno.test("an admin impersonates a user and a group, and is then refused what they may not do", async () => {
  const s = await securedServer();
  try {
    const as = { "Impersonate-User": "bob", "Impersonate-Group": "qa" };
    const who = await s.req("admin", "POST", WHOAMI, REVIEW, as);
    assert.equal(who.status, 201);
    assert.equal(who.body.status.userInfo.username, "bob");
    assert.deepEqual(who.body.status.userInfo.groups, ["qa", "system:authenticated"]);
    const pods = await s.req("admin", "GET", "/api/v1/namespaces/default/pods", undefined, as);
    assert.equal(pods.status, 403);
    assert.equal(
      pods.body.message,
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    const sa = await s.req("admin", "POST", WHOAMI, REVIEW, {
      "Impersonate-User": "system:serviceaccount:team:robot",
    });
    assert.deepEqual(sa.body.status.userInfo.groups, [
      "system:serviceaccounts",
      "system:serviceaccounts:team",
      "system:authenticated",
    ]);
  } finally {
    await s.close();
  }
});

Deno.test("impersonating without the impersonate verb is a 403 naming the user, and groups alone are a 400", async () => {
  const s = await securedServer();
  try {
    const refused = await s.req("alice", "GET", "/api/v1/namespaces", undefined, {
      "Impersonate-User": "root",
    });
    assert.equal(refused.status, 403);
    assert.equal(
      refused.body.message,
      'users "root" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
    const groupsOnly = await s.req("admin", "GET", "/api/v1/namespaces", undefined, {
      "Impersonate-Group": "x",
    });
    assert.equal(groupsOnly.status, 400);

    // Granted impersonation of one user only.
    await s.req("admin", "POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "impersonate-bob" },
      rules: [{ apiGroups: [""], resources: ["users"], verbs: ["impersonate"], resourceNames: ["bob"] }],
    });
    await s.req("admin", "POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "alice-impersonates-bob" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "impersonate-bob" },
      subjects: [{ kind: "User", name: "alice" }],
    });
    await s.eventually(async () => {
      const who = await s.req("alice", "POST", WHOAMI, REVIEW, { "Impersonate-User": "bob" });
      assert.equal(who.status, 201);
      assert.equal(who.body.status.userInfo.username, "bob");
    });
    const other = await s.req("alice", "POST", WHOAMI, REVIEW, { "Impersonate-User": "carol" });
    assert.equal(other.status, 403);
  } finally {
    await s.close();
  }
});
