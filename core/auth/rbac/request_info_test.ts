import assert from "node:assert/strict";
import { parseRequestInfo } from "./request_info.ts";

// Kubernetes' TestGetAPIRequestInfo and TestFieldSelectorParsing
// (apiserver/pkg/endpoints/request/requestinfo_test.go), plus a TokenRequest, one per line:
// method | url | verb | group | version | namespace | resource | subresource | name
const RESOURCE_CASES = `
GET | /api/v1/namespaces | list | | v1 | | namespaces | |
GET | /api/v1/namespaces/other | get | | v1 | other | namespaces | | other
GET | /api/v1/namespaces/other/pods | list | | v1 | other | pods | |
GET | /api/v1/namespaces/other/pods/foo | get | | v1 | other | pods | | foo
HEAD | /api/v1/namespaces/other/pods/foo | get | | v1 | other | pods | | foo
GET | /api/v1/pods | list | | v1 | | pods | |
HEAD | /api/v1/pods | list | | v1 | | pods | |
PATCH | /api/v1/namespaces/new-namespace | patch | | v1 | new-namespace | namespaces | | new-namespace
GET | /api/v1/proxy/namespaces/other/pods/foo | proxy | | v1 | other | pods | | foo
GET | /api/v1/proxy/namespaces/other/pods/foo/subpath/not/a/subresource | proxy | | v1 | other | pods | | foo
GET | /api/v1/watch/pods | watch | | v1 | | pods | |
GET | /api/v1/pods?watch=true | watch | | v1 | | pods | |
GET | /api/v1/pods?watch=false | list | | v1 | | pods | |
GET | /api/v1/watch/namespaces/other/pods | watch | | v1 | other | pods | |
GET | /api/v1/namespaces/other/pods?watch=1 | watch | | v1 | other | pods | |
GET | /api/v1/namespaces/other/pods?watch=0 | list | | v1 | other | pods | |
GET | /api/v1/namespaces/other/pods/foo/status | get | | v1 | other | pods | status | foo
GET | /api/v1/namespaces/other/pods/foo/proxy/subpath | get | | v1 | other | pods | proxy | foo
PUT | /api/v1/namespaces/other/finalize | update | | v1 | other | namespaces | finalize | other
PUT | /api/v1/namespaces/other/status | update | | v1 | other | namespaces | status | other
PATCH | /api/v1/namespaces/other/pods/foo | patch | | v1 | other | pods | | foo
DELETE | /api/v1/namespaces/other/pods/foo | delete | | v1 | other | pods | | foo
POST | /api/v1/namespaces/other/pods | create | | v1 | other | pods | |
DELETE | /api/v1/nodes | deletecollection | | v1 | | nodes | |
DELETE | /api/v1/namespaces | deletecollection | | v1 | | namespaces | |
DELETE | /api/v1/namespaces/other/pods | deletecollection | | v1 | other | pods | |
DELETE | /apis/extensions/v1/namespaces/other/pods | deletecollection | extensions | v1 | other | pods | |
POST | /apis/extensions/v1/namespaces/other/pods | create | extensions | v1 | other | pods | |
POST | /apis/extensions/v1beta3/namespaces/other/pods | create | extensions | v1beta3 | other | pods | |
POST | /api/v1/namespaces/ns/serviceaccounts/sa/token | create | | v1 | ns | serviceaccounts | token | sa
GET | /apis/group/version/resource?fieldSelector=metadata.name=name1 | list | group | version | | resource | | name1
GET | /apis/group/version/resource?watch=true&fieldSelector=metadata.name=name1 | watch | group | version | | resource | | name1
GET | /apis/group/version/resource?fieldSelector=foo=bar | list | group | version | | resource | |
GET | /apis/group/version/resource?fieldSelector=metadata.name=name1,foo | list | group | version | | resource | |
GET | /apis/group/version/resource?fieldSelector=metadata.name=name1,foo&watch=true | watch | group | version | | resource | |
GET | /apis/group/version/resource?fieldSelector=metadata.name=name1,foo&watch=false | list | group | version | | resource | |
`.trim().split("\n").map((line) => line.split("|").map((f) => f.trim()));

Deno.test("request info reads verb, group, version, namespace, resource, subresource and name as Kubernetes does", () => {
  for (
    const [method, url, verb, apiGroup, apiVersion, namespace, resource, subresource, name] of RESOURCE_CASES
  ) {
    const { path: _, ...info } = parseRequestInfo(method, url);
    assert.deepEqual(
      info,
      { isResourceRequest: true, verb, apiGroup, apiVersion, namespace, resource, subresource, name },
      `${method} ${url}`,
    );
  }
});

Deno.test("request info treats discovery, health and other paths as non-resource requests with the method as verb", () => {
  // TestGetNonAPIRequestInfo and the error cases of TestGetAPIRequestInfo
  const nonResource = [
    "/",
    "/api",
    "/api/version",
    "/api/version/",
    "/apis/group/version/",
    "/apis/extensions/v1beta1",
    "/apis/version/resource",
    "/badprefix/version/resource",
    "/not-api/version/resource",
    "/healthz",
    "/openapi/v3/apis/apps/v1",
    "/version",
  ];
  for (const path of nonResource) {
    const info = parseRequestInfo("GET", path);
    assert.equal(info.isResourceRequest, false, path);
    assert.equal(info.verb, "get", path);
    assert.equal(info.path, path, path);
  }
  assert.equal(parseRequestInfo("POST", "/api").verb, "post");
  for (
    const path of [
      "/api/version/resource",
      "/apis/group/version/resource/name/subresource",
      "/apis/batch/v1/job/foo/scale",
    ]
  ) {
    assert.equal(parseRequestInfo("GET", path).isResourceRequest, true, path);
  }
});

Deno.test("a URL string reads the same as its parsed URL, escapes, dot segments and queries included", () => {
  for (
    const url of [
      "https://127.0.0.1:6443/api/v1/namespaces/default/pods",
      "https://127.0.0.1:6443/api/v1/namespaces/default/pods?watch=1&resourceVersion=5",
      "https://h/apis/apps/v1/namespaces/ns/deployments/web/scale",
      "https://h/api/v1/pods?fieldSelector=metadata.name%3Dweb",
      "https://h/api/v1/namespaces/a%2Fb/pods/x",
      "https://h/api/v1/namespaces/default/../kube-system/secrets",
      "https://h/api/v1/namespaces/./default/pods#frag",
      "https://h/api\\v1\\pods",
      "https://h",
      "/api/v1/namespaces/default/pods?limit=1",
    ]
  ) {
    for (const method of ["GET", "POST", "DELETE"]) {
      assert.deepEqual(
        parseRequestInfo(method, url),
        parseRequestInfo(method, new URL(url, "http://localhost")),
        `${method} ${url}`,
      );
    }
  }
});
