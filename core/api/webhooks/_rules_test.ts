// Cases from Kubernetes' predicates/rules/rules_test.go.
import assert from "node:assert/strict";
import { type RuleAttributes, ruleMatches } from "./_rules.ts";
import type { RuleWithOperations } from "@skiff/kinds";

const ALL: RuleWithOperations = {
  operations: ["*"],
  apiGroups: ["*"],
  apiVersions: ["*"],
  resources: ["*/*"],
};

/** rules_test.go's a(): a namespaced request. */
function a(
  group: string,
  version: string,
  resource: string,
  subresource: string,
  operation = "CREATE",
): RuleAttributes {
  return { operation, group, version, resource, subresource, namespace: "ns" };
}
function cluster(group: string, version: string, resource: string, subresource: string): RuleAttributes {
  return { ...a(group, version, resource, subresource), namespace: "" };
}

function check(rule: RuleWithOperations, match: RuleAttributes[], noMatch: RuleAttributes[]) {
  for (const m of match) {
    assert(ruleMatches(rule, m), `expected ${JSON.stringify(rule)} to match ${JSON.stringify(m)}`);
  }
  for (const m of noMatch) {
    assert(!ruleMatches(rule, m), `expected ${JSON.stringify(rule)} not to match ${JSON.stringify(m)}`);
  }
}

Deno.test("rule groups match exactly or by the wildcard", () => {
  check({ ...ALL, apiGroups: ["*"] }, [a("g", "v", "r", "")], []);
  check({ ...ALL, apiGroups: ["g1", "g2"] }, [a("g1", "v", "r", ""), a("g2", "v2", "r3", "")], [
    a("g3", "v", "r", ""),
    a("g4", "v", "r", ""),
  ]);
});

Deno.test("rule versions match exactly or by the wildcard", () => {
  check({ ...ALL, apiVersions: ["*"] }, [a("g", "v", "r", "")], []);
  check({ ...ALL, apiVersions: ["v1", "v2"] }, [a("g1", "v1", "r", ""), a("g2", "v2", "r", "")], [
    a("g1", "v3", "r", ""),
    a("g2", "v4", "r", ""),
  ]);
});

Deno.test("rule operations match one operation, several, or all with *", () => {
  const ops = ["CREATE", "UPDATE", "DELETE", "CONNECT"];
  const req = (op: string) => a("g", "v", "r", "", op);
  check({ ...ALL, operations: ["*"] }, ops.map(req), []);
  for (const op of ops) check({ ...ALL, operations: [op] }, [req(op)], ops.filter((o) => o !== op).map(req));
  check({ ...ALL, operations: ["UPDATE", "DELETE"] }, [req("UPDATE"), req("DELETE")], [
    req("CREATE"),
    req("CONNECT"),
  ]);
});

Deno.test("a * resource matches no subresource and r/* matches r with every subresource", () => {
  check({ ...ALL, resources: ["*"] }, [a("g", "v", "r", ""), a("2", "v", "r2", "")], [
    a("g", "v", "r", "exec"),
    a("2", "v", "r2", "proxy"),
  ]);
  check({ ...ALL, resources: ["r/*"] }, [a("g", "v", "r", ""), a("g", "v", "r", "exec")], [
    a("2", "v", "r2", ""),
    a("2", "v", "r2", "proxy"),
  ]);
  check({ ...ALL, resources: ["r/*", "r2"] }, [
    a("g", "v", "r", ""),
    a("g", "v", "r", "exec"),
    a("2", "v", "r2", ""),
  ], [
    a("2", "v", "r2", "proxy"),
  ]);
});

Deno.test("*/sub matches that subresource of every resource and */* everything", () => {
  check(
    { ...ALL, resources: ["*/proxy", "*/exec"] },
    [a("g", "v", "r", "exec"), a("2", "v", "r2", "proxy"), a("2", "v", "r3", "proxy")],
    [a("g", "v", "r", ""), a("2", "v", "r2", ""), a("2", "v", "r4", "scale")],
  );
  check({ ...ALL, resources: ["*/*"] }, [a("g", "v", "r", ""), a("", "v1", "pods", "status")], []);
  check({ ...ALL, resources: ["pods/status"] }, [a("", "v1", "pods", "status")], [a("", "v1", "pods", "")]);
});

Deno.test("Cluster scope matches cluster-scoped objects and namespaces, Namespaced the rest", () => {
  const namespaces = [
    cluster("", "v1", "namespaces", ""),
    cluster("", "v1", "namespaces", "finalize"),
    a("", "v1", "namespaces", ""),
    a("", "v1", "namespaces", "finalize"),
  ];
  const clusterScoped = [cluster("g", "v", "r", ""), cluster("g", "v", "r", "exec")];
  const namespaced = [a("g", "v", "r", ""), a("g", "v", "r", "exec")];
  check({ ...ALL, scope: "Cluster" }, [...clusterScoped, ...namespaces], namespaced);
  check({ ...ALL, scope: "Namespaced" }, namespaced, [...namespaces, ...clusterScoped]);
  check({ ...ALL, scope: "*" }, [...namespaced, ...clusterScoped, ...namespaces], []);
});
