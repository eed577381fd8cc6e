/**
 * ClusterRole aggregation (Kubernetes' clusterrole-aggregation controller): a ClusterRole with an
 * aggregationRule gets, as its rules, the rules of every other ClusterRole whose labels match one of its
 * selectors, selectors in order, roles by name within a selector, each distinct rule once.
 *
 * @module
 */
import type { ClusterRole, PolicyRule } from "@skiff/kinds";
import { labelSelectorMatches } from "@skiff/schema";

/**
 * The rules `role` should have, or undefined when it aggregates nothing (no aggregationRule).
 *
 * @example
 * ```ts
 * const view = { metadata: { name: "view" }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { v: "true" } }] } };
 * const pods = { metadata: { name: "pods", labels: { v: "true" } }, rules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }] };
 * aggregatedRules(view, [view, pods]); // [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }]
 * ```
 */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] | undefined {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!role.aggregationRule) return undefined;
  const byName = [...all].sort((a, b) => cmp(a.metadata?.name ?? "", b.metadata?.name ?? ""));
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const selector of selectors ?? []) {
    for (const other of byName) {
      if (other.metadata?.name === role.metadata?.name) continue;
      if (!labelSelectorMatches(selector, other.metadata?.labels)) continue;
      for (const r of other.rules ?? []) {
        const key = ruleKey(r);
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push(r);
      }
    }
  }
  return rules;
}

/**
 * Whether two rule lists are the same, list by list and field by field (a missing list is an empty one).
 *
 * @example
 * ```ts
 * sameRules([{ verbs: ["get"], resources: [] }], [{ verbs: ["get"] }]); // true
 * ```
 */
export function sameRules(
  a: readonly PolicyRule[] | undefined,
  b: readonly PolicyRule[] | undefined,
): boolean {
  const [x, y] = [a ?? [], b ?? []];
  return x.length === y.length && x.every((r, i) => ruleKey(r) === ruleKey(y[i]));
}

function ruleKey(r: PolicyRule): string {
  const f = (xs: string[] | undefined) => xs ?? [];
  return JSON.stringify([
    f(r.verbs),
    f(r.apiGroups),
    f(r.resources),
    f(r.resourceNames),
    f(r.nonResourceURLs),
  ]);
}

// Go's sort compares bytes.
const cmp = (a: string, b: string) => a < b ? -1 : a > b ? 1 : 0;
