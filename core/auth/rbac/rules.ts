/**
 * Whether one RBAC PolicyRule allows a request, as Kubernetes' RBAC authorizer decides it
 * (plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows and rbac/v1 helpers): verbs, API groups and
 * resources match exactly or by "*", a rule for "*\/status" covers every resource's status subresource,
 * resourceNames (when given) must name the object, and a non-resource URL ending in "*" covers every
 * path it prefixes.
 *
 * @module
 */
import type { PolicyRule } from "@skiff/kinds";
import type { RequestInfo } from "./request_info.ts";

/**
 * Whether `rule` allows the request `info`.
 *
 * @example
 * ```ts
 * const rule = { verbs: ["get"], apiGroups: [""], resources: ["pods", "pods/log"] };
 * ruleAllows(parseRequestInfo("GET", "/api/v1/namespaces/default/pods/web/log"), rule); // true
 * ruleAllows(parseRequestInfo("DELETE", "/api/v1/namespaces/default/pods/web"), rule); // false
 * ```
 */
export function ruleAllows(info: RequestInfo, rule: PolicyRule): boolean {
  if (!verbMatches(rule, info.verb)) return false;
  if (!info.isResourceRequest) return nonResourceURLMatches(rule, info.path);
  const combined = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  return apiGroupMatches(rule, info.apiGroup) &&
    resourceMatches(rule, combined, info.subresource) &&
    resourceNameMatches(rule, info.name);
}

/**
 * Whether any of `rules` allows `info`.
 *
 * @example
 * ```ts
 * rulesAllow(parseRequestInfo("GET", "/healthz"), [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }]); // true
 * ```
 */
export function rulesAllow(info: RequestInfo, rules: readonly PolicyRule[]): boolean {
  return rules.some((r) => ruleAllows(info, r));
}

/** The rule lists `verb` or "*". */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === "*" || v === verb);
}

/** The rule lists `group` or "*". */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === "*" || g === group);
}

/**
 * The rule lists "*", the resource (with "/subresource" when there is one), or "*\/subresource".
 *
 * @example
 * ```ts
 * resourceMatches({ verbs: ["get"], resources: ["*\/scale"] }, "deployments/scale", "scale"); // true
 * ```
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === "*" || r === combined) return true;
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

/** No resourceNames means every name; otherwise the request's name must be listed. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/**
 * The rule lists "*", the path, or a prefix of it ending in "*".
 *
 * @example
 * ```ts
 * nonResourceURLMatches({ verbs: ["get"], nonResourceURLs: ["/apis/*"] }, "/apis/apps/v1"); // true
 * ```
 */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === "*" || u === path) return true;
    if (u.endsWith("*") && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}
