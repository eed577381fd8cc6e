import assert from "node:assert/strict";
import type { PolicyRule } from "@skiff/kinds";
import type { RequestInfo } from "./request_info.ts";
import { ruleAllows } from "./rules.ts";

const resource = (
  verb: string,
  apiGroup: string,
  res: string,
  extra: Partial<RequestInfo> = {},
): RequestInfo => ({
  isResourceRequest: true,
  path: "",
  verb,
  apiGroup,
  apiVersion: "v1",
  namespace: "",
  resource: res,
  subresource: "",
  name: "",
  ...extra,
});
const nonResource = (verb: string, path: string): RequestInfo => ({
  isResourceRequest: false,
  path,
  verb,
  apiGroup: "",
  apiVersion: "",
  namespace: "",
  resource: "",
  subresource: "",
  name: "",
});

// Kubernetes' TestRuleMatches (plugin/pkg/auth/authorizer/rbac/rbac_test.go): each rule with requests
// and whether the rule allows them.
const CASES: { name: string; rule: PolicyRule; expect: [RequestInfo, boolean][] }[] = [
  {
    name: "star verb, exact match other",
    rule: { verbs: ["*"], apiGroups: ["group1"], resources: ["resource1"] },
    expect: [
      [resource("verb1", "group1", "resource1"), true],
      [resource("verb1", "group2", "resource1"), false],
      [resource("verb1", "group1", "resource2"), false],
      [resource("verb1", "group2", "resource2"), false],
      [resource("verb2", "group1", "resource1"), true],
      [resource("verb2", "group2", "resource2"), false],
    ],
  },
  {
    name: "star group, exact match other",
    rule: { verbs: ["verb1"], apiGroups: ["*"], resources: ["resource1"] },
    expect: [
      [resource("verb1", "group1", "resource1"), true],
      [resource("verb1", "group2", "resource1"), true],
      [resource("verb1", "group1", "resource2"), false],
      [resource("verb2", "group1", "resource1"), false],
    ],
  },
  {
    name: "star resource, exact match other",
    rule: { verbs: ["verb1"], apiGroups: ["group1"], resources: ["*"] },
    expect: [
      [resource("verb1", "group1", "resource1"), true],
      [resource("verb1", "group2", "resource1"), false],
      [resource("verb1", "group1", "resource2"), true],
      [resource("verb2", "group1", "resource1"), false],
    ],
  },
  {
    name: "tuple expansion",
    rule: {
      verbs: ["verb1", "verb2"],
      apiGroups: ["group1", "group2"],
      resources: ["resource1", "resource2"],
    },
    expect: [
      [resource("verb1", "group1", "resource1"), true],
      [resource("verb1", "group2", "resource2"), true],
      [resource("verb2", "group1", "resource2"), true],
      [resource("verb3", "group1", "resource1"), false],
      [resource("verb1", "group3", "resource1"), false],
    ],
  },
  {
    name: "subresource expansion",
    rule: { verbs: ["*"], apiGroups: ["*"], resources: ["resource1/subresource1"] },
    expect: [
      [resource("verb1", "group1", "resource1", { subresource: "subresource1" }), true],
      [resource("verb1", "group1", "resource1", { subresource: "subresource2" }), false],
      [resource("verb1", "group1", "resource2", { subresource: "subresource1" }), false],
      [resource("verb1", "group1", "resource1"), false],
    ],
  },
  {
    name: "star subresource covers that subresource of every resource, not the resources",
    rule: { verbs: ["get"], apiGroups: ["apps"], resources: ["*/scale"] },
    expect: [
      [resource("get", "apps", "deployments", { subresource: "scale" }), true],
      [resource("get", "apps", "statefulsets", { subresource: "scale" }), true],
      [resource("get", "apps", "deployments", { subresource: "status" }), false],
      [resource("get", "apps", "deployments"), false],
    ],
  },
  {
    name: "resource names",
    rule: { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["one", "two"] },
    expect: [
      [resource("get", "", "configmaps", { name: "one" }), true],
      [resource("get", "", "configmaps", { name: "two" }), true],
      [resource("get", "", "configmaps", { name: "three" }), false],
      [resource("get", "", "configmaps"), false],
    ],
  },
  {
    name: "star nonresource, exact match other",
    rule: { verbs: ["verb1"], nonResourceURLs: ["*"] },
    expect: [
      [nonResource("verb1", "/foo"), true],
      [nonResource("verb1", "/foo/bar"), true],
      [nonResource("verb1", "/foo/baz"), true],
      [nonResource("verb1", "/foo/bar/one"), true],
      [nonResource("verb2", "/foo"), false],
    ],
  },
  {
    name: "star nonresource subpath",
    rule: { verbs: ["verb1"], nonResourceURLs: ["/foo/*"] },
    expect: [
      [nonResource("verb1", "/foo"), false],
      [nonResource("verb1", "/foo/bar"), true],
      [nonResource("verb1", "/foo/baz"), true],
      [nonResource("verb1", "/foo/bar/one"), true],
      [nonResource("verb1", "/notfoo"), false],
      [nonResource("verb2", "/foo/bar"), false],
    ],
  },
  {
    name: "star verb, exact nonresource",
    rule: { verbs: ["*"], nonResourceURLs: ["/foo", "/foo/bar/one"] },
    expect: [
      [nonResource("verb1", "/foo"), true],
      [nonResource("verb1", "/foo/bar"), false],
      [nonResource("verb1", "/foo/baz"), false],
      [nonResource("verb1", "/foo/bar/one"), true],
      [nonResource("verb2", "/foo"), true],
    ],
  },
  {
    name: "resource rules never match non-resource requests and the other way round",
    rule: { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
    expect: [[nonResource("get", "/healthz"), false], [resource("get", "", "pods"), true]],
  },
];

for (const c of CASES) {
  Deno.test(`rule evaluation: ${c.name}`, () => {
    for (const [info, want] of c.expect) {
      const what = info.isResourceRequest
        ? `${info.verb} ${info.apiGroup}/${info.resource}${
          info.subresource ? `/${info.subresource}` : ""
        } ${info.name}`
        : `${info.verb} ${info.path}`;
      assert.equal(ruleAllows(info, c.rule), want, what);
    }
  });
}
