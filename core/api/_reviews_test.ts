import assert from "node:assert/strict";
import { apiFixture } from "./testing/api_fixture.ts";
import { SA, securedServer } from "./testing/rbac_fixture.ts";

const AUTHZ = "/apis/authorization.k8s.io/v1";
const ssar = (resourceAttributes: Record<string, string>) => ({
  apiVersion: "authorization.k8s.io/v1",
  kind: "SelfSubjectAccessReview",
  spec: { resourceAttributes },
});

Deno.test("a self subject access review answers whether the caller may act, and stores nothing", async () => {
  const s = await securedServer();
  try {
    const no = await s.req(
      "x",
      "POST",
      `${AUTHZ}/selfsubjectaccessreviews`,
      ssar({ namespace: "default", verb: "create", resource: "pods" }),
    );
    assert.equal(no.status, 201);
    assert.deepEqual(no.body, {
      kind: "SelfSubjectAccessReview",
      apiVersion: "authorization.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: "default", verb: "create", resource: "pods" } },
      status: { allowed: false },
    });
    const yes = await s.req(
      "admin",
      "POST",
      `${AUTHZ}/selfsubjectaccessreviews`,
      ssar({ verb: "delete", resource: "nodes" }),
    );
    assert.deepEqual(yes.body.status, { allowed: true });
    const health = await s.req("x", "POST", `${AUTHZ}/selfsubjectaccessreviews`, {
      spec: { nonResourceAttributes: { path: "/healthz", verb: "get" } },
    });
    assert.equal(health.body.status.allowed, true);
    assert.match(
      health.body.status.reason,
      /^RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"$/,
    );

    const both = await s.req("x", "POST", `${AUTHZ}/selfsubjectaccessreviews`, { spec: {} });
    assert.equal(both.status, 422);
    assert.equal(
      both.body.message,
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
    assert.equal((await s.req("admin", "GET", `${AUTHZ}/selfsubjectaccessreviews`)).status, 405);
  } finally {
    await s.close();
  }
});

Deno.test("subject access reviews ask about another user, and the local kind within the URL's namespace", async () => {
  const s = await securedServer();
  try {
    const sar = await s.req("admin", "POST", `${AUTHZ}/subjectaccessreviews`, {
      spec: {
        user: "bob",
        groups: ["system:masters"],
        resourceAttributes: { verb: "get", resource: "secrets" },
      },
    });
    assert.deepEqual(sar.body.status, { allowed: true });
    const nobody = await s.req("admin", "POST", `${AUTHZ}/subjectaccessreviews`, {
      spec: { resourceAttributes: { verb: "get", resource: "secrets" } },
    });
    assert.equal(nobody.status, 422);
    assert.match(
      nobody.body.message,
      /spec.user: Invalid value: "": at least one of user or group must be specified/,
    );

    const local = await s.req("admin", "POST", `${AUTHZ}/namespaces/default/localsubjectaccessreviews`, {
      spec: { user: SA, resourceAttributes: { namespace: "default", verb: "list", resource: "pods" } },
    });
    assert.equal(local.status, 201);
    assert.equal(local.body.metadata.namespace, "default");
    assert.deepEqual(local.body.status, { allowed: false });
    const elsewhere = await s.req("admin", "POST", `${AUTHZ}/namespaces/default/localsubjectaccessreviews`, {
      spec: { user: SA, resourceAttributes: { namespace: "other", verb: "list", resource: "pods" } },
    });
    assert.equal(elsewhere.status, 422);
    // Only admins may ask about others.
    const asX = await s.req("x", "POST", `${AUTHZ}/subjectaccessreviews`, {
      spec: { user: "a", nonResourceAttributes: {} },
    });
    assert.equal(asX.status, 403);
  } finally {
    await s.close();
  }
});

Deno.test("a self subject rules review lists the caller's resource and non-resource rules", async () => {
  const s = await securedServer();
  try {
    const res = await s.req("x", "POST", `${AUTHZ}/selfsubjectrulesreviews`, {
      spec: { namespace: "default" },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.status.incomplete, false);
    assert.deepEqual(
      res.body.status.resourceRules.find((r: { resources: string[] }) =>
        r.resources.includes("selfsubjectreviews")
      ),
      {
        verbs: ["create"],
        apiGroups: ["authentication.k8s.io"],
        resources: ["selfsubjectreviews"],
      },
    );
    assert.ok(
      res.body.status.nonResourceRules.some((r: { nonResourceURLs: string[] }) =>
        r.nonResourceURLs.includes("/api/*")
      ),
    );
    assert.equal((await s.req("x", "POST", `${AUTHZ}/selfsubjectrulesreviews`, { spec: {} })).status, 400);
  } finally {
    await s.close();
  }
});

Deno.test("a self subject review tells the caller who it is", async () => {
  const s = await securedServer();
  try {
    const res = await s.req("alice", "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", {
      apiVersion: "authentication.k8s.io/v1",
      kind: "SelfSubjectReview",
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, {
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: "alice", uid: "3", groups: ["dev", "system:authenticated"] } },
    });
  } finally {
    await s.close();
  }
});

Deno.test("access reviews are in discovery and OpenAPI with only the create verb, and allowed without authorization", async () => {
  const f = await apiFixture();
  try {
    const list = (await f.req("GET", "/apis/authorization.k8s.io/v1")).body;
    assert.deepEqual(
      list.resources.map((
        r: { name: string; namespaced: boolean; verbs: string[] },
      ) => [r.name, r.namespaced, r.verbs]),
      [
        ["localsubjectaccessreviews", true, ["create"]],
        ["selfsubjectaccessreviews", false, ["create"]],
        ["selfsubjectrulesreviews", false, ["create"]],
        ["subjectaccessreviews", false, ["create"]],
      ],
    );
    const doc = (await f.req("GET", "/openapi/v3/apis/authorization.k8s.io/v1")).body;
    assert.deepEqual(
      Object.keys(doc.paths["/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"]).filter((k) =>
        k !== "parameters"
      ),
      ["post"],
    );
    assert.ok(doc.components.schemas["io.k8s.api.authorization.v1.SelfSubjectAccessReview"]);
    assert.ok(!doc.components.schemas["io.k8s.api.authorization.v1.SelfSubjectAccessReviewList"]);
    const review = await f.req(
      "POST",
      "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      ssar({ verb: "delete", resource: "nodes" }),
    );
    assert.deepEqual(review.body.status, { allowed: true });
  } finally {
    await f.close();
  }
});
