import assert from "node:assert/strict";
import { pod } from "../testing/api_fixture.ts";
import { SA, securedServer } from "../testing/rbac_fixture.ts";

const RBAC = "/apis/rbac.authorization.k8s.io/v1";

const viewBinding = (name: string, subject: Record<string, string>) => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
  subjects: [subject],
});

Deno.test("a service account without roles is refused with Kubernetes' 403 Status and allowed once bound to view", async () => {
  const s = await securedServer();
  try {
    const refused = await s.req("x", "POST", "/api/v1/namespaces/default/pods", pod("web"));
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        `pods is forbidden: User "${SA}" cannot create resource "pods" in API group "" in the namespace "default"`,
      reason: "Forbidden",
      details: { kind: "pods" },
      code: 403,
    });
    assert.equal((await s.req("x", "GET", "/api/v1/namespaces/default/pods")).status, 403);

    const bound = await s.req(
      "admin",
      "POST",
      `${RBAC}/namespaces/default/rolebindings`,
      viewBinding("x-view", {
        kind: "ServiceAccount",
        name: "x",
      }),
    );
    assert.equal(bound.status, 201, JSON.stringify(bound.body));
    await s.eventually(async () => {
      assert.equal((await s.req("x", "GET", "/api/v1/namespaces/default/pods")).status, 200);
    });
    assert.equal((await s.req("x", "POST", "/api/v1/namespaces/default/pods", pod("web"))).status, 403);
    assert.equal((await s.req("x", "GET", "/api/v1/namespaces/kube-system/pods")).status, 403);
    // The admin is in system:masters.
    assert.equal((await s.req("admin", "POST", "/api/v1/namespaces/default/pods", pod("web"))).status, 201);
  } finally {
    await s.close();
  }
});

Deno.test("the default roles exist at start, with view, edit and admin filled by aggregation", async () => {
  const s = await securedServer();
  try {
    const names = (await s.req("admin", "GET", `${RBAC}/clusterroles`)).body.items.map((
      r: { metadata: { name: string } },
    ) => r.metadata.name);
    for (const n of ["admin", "cluster-admin", "edit", "system:basic-user", "system:discovery", "view"]) {
      assert.ok(names.includes(n), n);
    }
    await s.eventually(async () => {
      const admin = (await s.req("admin", "GET", `${RBAC}/clusterroles/admin`)).body;
      const resources = admin.rules.flatMap((r: { resources?: string[] }) => r.resources ?? []);
      // From system:aggregate-to-admin, -edit and -view, through edit and view.
      for (const r of ["rolebindings", "secrets", "pods/log"]) assert.ok(resources.includes(r), r);
    });
    const binding = (await s.req("admin", "GET", `${RBAC}/clusterrolebindings/cluster-admin`)).body;
    assert.deepEqual(binding.subjects, [{
      kind: "Group",
      apiGroup: "rbac.authorization.k8s.io",
      name: "system:masters",
    }]);
    // Discovery is for every authenticated user.
    assert.equal((await s.req("alice", "GET", "/apis")).status, 200);
  } finally {
    await s.close();
  }
});

Deno.test("a ClusterRole whose labels match an aggregationRule extends the aggregated role", async () => {
  const s = await securedServer();
  try {
    const created = await s.req("admin", "POST", `${RBAC}/clusterroles`, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "widgets-view", labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } },
      rules: [{ verbs: ["get"], apiGroups: ["example.com"], resources: ["widgets"] }],
    });
    assert.equal(created.status, 201);
    await s.eventually(async () => {
      const view = (await s.req("admin", "GET", `${RBAC}/clusterroles/view`)).body;
      assert.ok(view.rules.some((r: { resources?: string[] }) => r.resources?.includes("widgets")));
    });
    assert.equal((await s.req("admin", "DELETE", `${RBAC}/clusterroles/widgets-view`)).status, 200);
    await s.eventually(async () => {
      const view = (await s.req("admin", "GET", `${RBAC}/clusterroles/view`)).body;
      assert.ok(!view.rules.some((r: { resources?: string[] }) => r.resources?.includes("widgets")));
    });
  } finally {
    await s.close();
  }
});

Deno.test("bindings default their apiGroups, refuse unknown subject kinds and never change their roleRef", async () => {
  const s = await securedServer();
  try {
    const created = await s.req(
      "admin",
      "POST",
      `${RBAC}/namespaces/default/rolebindings`,
      viewBinding("b", {
        kind: "User",
        name: "alice",
      }),
    );
    assert.equal(created.status, 201);
    assert.equal(created.body.subjects[0].apiGroup, "rbac.authorization.k8s.io");
    const bare = viewBinding("bare", { kind: "Group", name: "dev" });
    const withoutGroup = await s.req("admin", "POST", `${RBAC}/namespaces/default/rolebindings`, {
      ...bare,
      roleRef: { kind: "ClusterRole", name: "view" },
    });
    assert.equal(withoutGroup.status, 201, JSON.stringify(withoutGroup.body));
    assert.equal(withoutGroup.body.roleRef.apiGroup, "rbac.authorization.k8s.io");

    const robot = await s.req(
      "admin",
      "POST",
      `${RBAC}/namespaces/default/rolebindings`,
      viewBinding("r", {
        kind: "Robot",
        name: "r2",
      }),
    );
    assert.equal(robot.status, 422);
    assert.equal(
      robot.body.message,
      'RoleBinding.rbac.authorization.k8s.io "r" is invalid: subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    );

    const changed = { ...created.body, roleRef: { ...created.body.roleRef, name: "edit" } };
    const update = await s.req("admin", "PUT", `${RBAC}/namespaces/default/rolebindings/b`, changed);
    assert.equal(update.status, 422);
    assert.equal(
      update.body.message,
      'RoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    );

    const noVerbs = await s.req("admin", "POST", `${RBAC}/clusterroles`, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "empty" },
      rules: [{ verbs: [], apiGroups: [""], resources: ["pods"] }],
    });
    assert.equal(noVerbs.status, 422);
    assert.match(
      noVerbs.body.message,
      /rules\[0\]\.verbs: Required value: verbs must contain at least one value/,
    );
  } finally {
    await s.close();
  }
});
