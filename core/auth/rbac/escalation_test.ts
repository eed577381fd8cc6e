import * as assert from "node:assert/strict";
import { covers, describeMissing } from "./escalation.ts";

const rule = (verbs: string[], resources: string[], extra: Record<string, string[]> = {}) => ({
  apiGroups: [""],
  resources,
  verbs,
  ...extra,
});

Deno.test("owner rules cover what they hold, with wildcards, subresources, names and URLs", () => {
  const cases: [string, Parameters<typeof covers>[0], Parameters<typeof covers>[1], boolean][] = [
    ["the same rule", [rule(["get"], ["pods"])], [rule(["get"], ["pods"])], true],
    ["a missing verb", [rule(["get"], ["pods"])], [rule(["get", "delete"], ["pods"])], false],
    ["a verb wildcard", [rule(["*"], ["pods"])], [rule(["get", "delete"], ["pods"])], true],
    ["a resource wildcard", [rule(["get"], ["*"])], [rule(["get"], ["pods", "nodes"])], true],
    ["*/subresource", [rule(["get"], ["*/status"])], [rule(["get"], ["pods/status"])], true],
    ["a subresource is not its parent", [rule(["get"], ["pods"])], [rule(["get"], ["pods/log"])], false],
    ["a group wildcard", [{ apiGroups: ["*"], resources: ["pods"], verbs: ["get"] }], [
      rule(["get"], ["pods"]),
    ], true],
    ["names owned", [rule(["get"], ["pods"], { resourceNames: ["a", "b"] })], [
      rule(["get"], ["pods"], { resourceNames: ["a"] }),
    ], true],
    [
      "names not owned",
      [rule(["get"], ["pods"], { resourceNames: ["a"] })],
      [rule(["get"], ["pods"])],
      false,
    ],
    ["a URL prefix", [{ nonResourceURLs: ["/logs/*"], verbs: ["get"] }], [{
      nonResourceURLs: ["/logs/x"],
      verbs: ["get"],
    }], true],
    ["another URL", [{ nonResourceURLs: ["/logs"], verbs: ["get"] }], [{
      nonResourceURLs: ["/metrics"],
      verbs: ["get"],
    }], false],
  ];
  for (const [name, owner, servant, want] of cases) assert.equal(covers(owner, servant).covered, want, name);
});

Deno.test("missing rights are compacted per resource and printed as Kubernetes' CompactString, sorted", () => {
  const { missing } = covers([rule(["get"], ["pods"])], [
    rule(["get", "create", "delete"], ["pods", "secrets"]),
  ]);
  assert.deepEqual(describeMissing(missing), [
    '{APIGroups:[""], Resources:["pods"], Verbs:["create" "delete"]}',
    '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "create" "delete"]}',
  ]);
});
