/**
 * Which requests a webhook's rules select, as Kubernetes' rules.Matcher decides it
 * (apiserver/pkg/admission/plugin/webhook/predicates/rules): scope, operation, group, version and
 * resource/subresource must all match one rule, with "*" wildcards and "res/sub" forms.
 *
 * @module
 */
import type { RuleWithOperations } from "@skiff/kinds";

/** The parts of an admission request the rules look at. */
export interface RuleAttributes {
  operation: string;
  group: string;
  version: string;
  /** The plural resource name ("pods"). */
  resource: string;
  /** "" for the main resource, else e.g. "status". */
  subresource: string;
  /** "" for cluster-scoped objects. */
  namespace: string;
}

/**
 * Whether `rule` selects the request described by `attrs`.
 *
 * @example
 * ```ts
 * const attrs = { operation: "UPDATE", group: "", version: "v1", resource: "pods", subresource: "status", namespace: "default" };
 * ruleMatches({ operations: ["UPDATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods/status"] }, attrs); // true
 * ruleMatches({ operations: ["*"], apiGroups: ["*"], apiVersions: ["*"], resources: ["*"] }, attrs); // false: "*" is no subresource
 * ```
 */
export function ruleMatches(rule: RuleWithOperations, attrs: RuleAttributes): boolean {
  return scopeMatches(rule.scope, attrs) &&
    exactOrWildcard(rule.operations, attrs.operation) &&
    exactOrWildcard(rule.apiGroups, attrs.group) &&
    exactOrWildcard(rule.apiVersions, attrs.version) &&
    resourceMatches(rule.resources, attrs);
}

/**
 * Whether any of `rules` selects the request.
 *
 * @example
 * ```ts
 * anyRuleMatches([], attrs); // false
 * ```
 */
export function anyRuleMatches(rules: RuleWithOperations[] | undefined, attrs: RuleAttributes): boolean {
  return (rules ?? []).some((r) => ruleMatches(r, attrs));
}

function exactOrWildcard(items: string[] | undefined, requested: string): boolean {
  return (items ?? []).some((item) => item === "*" || item === requested);
}

function scopeMatches(scope: string | undefined, attrs: RuleAttributes): boolean {
  if (scope === undefined || scope === "*") return true;
  // Namespace objects are cluster-scoped even though their requests may carry the namespace's name.
  const isNamespace = attrs.group === "" && attrs.version === "v1" && attrs.resource === "namespaces";
  if (scope === "Namespaced") return !isNamespace && attrs.namespace !== "";
  if (scope === "Cluster") return isNamespace || attrs.namespace === "";
  return false;
}

// "*" is every resource but no subresource, "pods/*" pods and all their subresources, "*/scale" every
// scale subresource, "*/*" everything.
function resourceMatches(resources: string[] | undefined, attrs: RuleAttributes): boolean {
  return (resources ?? []).some((entry) => {
    const slash = entry.indexOf("/");
    const [res, sub] = slash < 0 ? [entry, ""] : [entry.slice(0, slash), entry.slice(slash + 1)];
    return (res === "*" || res === attrs.resource) && (sub === "*" || sub === attrs.subresource);
  });
}
