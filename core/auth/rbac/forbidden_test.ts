import assert from "node:assert/strict";
import { forbiddenStatus } from "./forbidden.ts";
import { parseRequestInfo } from "./request_info.ts";

const sa = 'User "system:serviceaccount:default:x"';

Deno.test("a refusal names the resource, its group and namespace the way kube-apiserver words it", () => {
  const create = forbiddenStatus(
    "system:serviceaccount:default:x",
    parseRequestInfo("POST", "/api/v1/namespaces/default/pods"),
    "",
  );
  assert.deepEqual(create, {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message:
      `pods is forbidden: ${sa} cannot create resource "pods" in API group "" in the namespace "default"`,
    reason: "Forbidden",
    details: { kind: "pods" },
    code: 403,
  });
  const get = forbiddenStatus(
    "bob",
    parseRequestInfo("GET", "/apis/apps/v1/namespaces/prod/deployments/web/scale"),
    "",
  );
  assert.equal(
    get.message,
    'deployments.apps "web" is forbidden: User "bob" cannot get resource "deployments/scale" in API group "apps" in the namespace "prod"',
  );
  assert.deepEqual(get.details, { name: "web", group: "apps", kind: "deployments" });
  const nodes = forbiddenStatus(
    "bob",
    parseRequestInfo("GET", "/api/v1/nodes"),
    'RBAC: clusterrole.rbac.authorization.k8s.io "x" not found',
  );
  assert.equal(
    nodes.message,
    'nodes is forbidden: User "bob" cannot list resource "nodes" in API group "" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "x" not found',
  );
});

Deno.test("a refused non-resource path says the path, with no resource in the details", () => {
  const s = forbiddenStatus("system:anonymous", parseRequestInfo("GET", "/apis"), "");
  assert.equal(s.message, 'forbidden: User "system:anonymous" cannot get path "/apis"');
  assert.deepEqual(s.details, {});
});
