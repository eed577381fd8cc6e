import * as assert from "node:assert/strict";
import { securedServer } from "./testing/rbac_fixture.ts";

const RBAC = "/apis/rbac.authorization.k8s.io/v1";
const role = (name: string, rules: unknown[]) => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "Role",
  metadata: { name },
  rules,
});
const binding = (name: string, roleRef: { kind: string; name: string }, user: string) => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
  subjects: [{ kind: "User", name: user }],
});

Deno.test("a user may grant only what it holds, unless it may escalate or bind", async () => {
  const s = await securedServer();
  try {
    // alice may manage roles and bindings in default and read pods there, nothing more.
    await s.req(
      "admin",
      "POST",
      `${RBAC}/namespaces/default/roles`,
      role("rbac-manager", [
        {
          apiGroups: ["rbac.authorization.k8s.io"],
          resources: ["roles", "rolebindings"],
          verbs: ["create", "get"],
        },
        { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
      ]),
    );
    await s.req(
      "admin",
      "POST",
      `${RBAC}/namespaces/default/rolebindings`,
      binding("alice-manager", { kind: "Role", name: "rbac-manager" }, "alice"),
    );

    await s.eventually(async () => {
      const held = await s.req(
        "alice",
        "POST",
        `${RBAC}/namespaces/default/roles`,
        role("readers", [
          { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
        ]),
      );
      assert.equal(held.status, 201, JSON.stringify(held.body));
    });
    const more = await s.req(
      "alice",
      "POST",
      `${RBAC}/namespaces/default/roles`,
      role("deleters", [
        { apiGroups: [""], resources: ["pods"], verbs: ["get", "delete"] },
      ]),
    );
    assert.equal(more.status, 403);
    assert.equal(
      more.body.message,
      'roles.rbac.authorization.k8s.io "deleters" is forbidden: user "alice" (groups=["dev" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
    );
    assert.equal((await s.req("admin", "GET", `${RBAC}/namespaces/default/roles/deleters`)).status, 404);

    const toAdmin = await s.req(
      "alice",
      "POST",
      `${RBAC}/namespaces/default/rolebindings`,
      binding("alice-admin", { kind: "ClusterRole", name: "admin" }, "alice"),
    );
    assert.equal(toAdmin.status, 403);
    assert.match(
      toAdmin.body.message,
      /^rolebindings\.rbac\.authorization\.k8s\.io "alice-admin" is forbidden: user "alice" .* not currently held:\n/,
    );
    const toReaders = await s.req(
      "alice",
      "POST",
      `${RBAC}/namespaces/default/rolebindings`,
      binding("bob-readers", { kind: "Role", name: "readers" }, "bob"),
    );
    assert.equal(toReaders.status, 201);

    // With `bind` on the view ClusterRole alice may hand it out although she does not hold all of it.
    await s.req(
      "admin",
      "POST",
      `${RBAC}/namespaces/default/roles`,
      role("bind-view", [
        {
          apiGroups: ["rbac.authorization.k8s.io"],
          resources: ["clusterroles"],
          verbs: ["bind"],
          resourceNames: ["view"],
        },
      ]),
    );
    await s.req(
      "admin",
      "POST",
      `${RBAC}/namespaces/default/rolebindings`,
      binding("alice-bind-view", { kind: "Role", name: "bind-view" }, "alice"),
    );
    await s.eventually(async () => {
      const viewer = await s.req(
        "alice",
        "POST",
        `${RBAC}/namespaces/default/rolebindings`,
        binding("bob-view", { kind: "ClusterRole", name: "view" }, "bob"),
      );
      assert.equal(viewer.status, 201, JSON.stringify(viewer.body));
    });
  } finally {
    await s.close();
  }
});
