/**
 * RBAC's escalation prevention (pkg/registry/rbac/validation and the policybased storages): a user may
 * write a Role or ClusterRole only with rules it already holds, and bind a role only when it holds the
 * role's rules, unless it may `escalate` (roles) or `bind` (bindings) them; system:masters may do all.
 *
 * @module
 */
import type { PolicyRule } from "@skiff/kinds";
import { SYSTEM_MASTERS, type UserInfo } from "../authenticator.ts";
import type { Authorizer } from "./authorizer.ts";
import { resourceAttributes } from "./request_info.ts";

const RBAC_GROUP = "rbac.authorization.k8s.io";

/**
 * Covers: whether `owner` rules cover every rule of `servant`, and the ones they miss, broken down into
 * one group, resource, verb and name each (BreakdownRule).
 *
 * @example
 * ```ts
 * covers([{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }], [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "delete"] }]);
 * // { covered: false, missing: [{ apiGroups: [""], resources: ["pods"], verbs: ["delete"] }] }
 * ```
 */
export function covers(
  owner: readonly PolicyRule[],
  servant: readonly PolicyRule[],
): { covered: boolean; missing: PolicyRule[] } {
  const missing = servant.flatMap(breakdown).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
  return { covered: missing.length === 0, missing };
}

function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? [];
        if (!names.length) out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        for (const name of names) {
          out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

const hasAll = (set: readonly string[] = [], wanted: readonly string[] = []) =>
  wanted.every((w) => set.includes(w));

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = owner.verbs.includes("*") || hasAll(owner.verbs, sub.verbs);
  const groups = (owner.apiGroups ?? []).includes("*") || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourcesCover(owner.resources ?? [], sub.resources ?? []);
  const urls = (sub.nonResourceURLs ?? []).every((path) =>
    (owner.nonResourceURLs ?? []).some((o) =>
      o === path || (o.endsWith("*") && path.startsWith(o.replace(/\*+$/, "")))
    )
  );
  const ownerNames = owner.resourceNames ?? [];
  const subNames = sub.resourceNames ?? [];
  const namesOk = subNames.length === 0
    ? ownerNames.length === 0
    : ownerNames.length === 0 || hasAll(ownerNames, subNames);
  return verbs && groups && resources && urls && namesOk;
}

function resourcesCover(owner: readonly string[], wanted: readonly string[]): boolean {
  if (owner.includes("*") || hasAll(owner, wanted)) return true;
  return wanted.every((path) => {
    if (owner.includes(path)) return true;
    const slash = path.indexOf("/");
    return slash >= 0 && owner.includes(`*/${path.slice(slash + 1)}`);
  });
}

/**
 * CompactString of the CompactRules of the missing rules, sorted: the lines of Kubernetes' "not currently
 * held" message, e.g. `{APIGroups:[""], Resources:["pods"], Verbs:["create" "delete"]}`.
 *
 * @example
 * ```ts
 * describeMissing([{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }, { apiGroups: [""], resources: ["pods"], verbs: ["delete"] }]);
 * // ['{APIGroups:[""], Resources:["pods"], Verbs:["create" "delete"]}']
 * ```
 */
export function describeMissing(missing: readonly PolicyRule[]): string[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of missing) {
    const names = rule.resourceNames ?? [];
    const isSimple = names.length <= 1 && !(rule.nonResourceURLs ?? []).length &&
      (rule.apiGroups ?? []).length === 1 && (rule.resources ?? []).length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups![0], rule.resources![0], names[0] ?? null]);
    const existing = simple.get(key);
    if (!existing) simple.set(key, { ...rule, verbs: [...rule.verbs] });
    else for (const v of rule.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
  }
  compacted.push(...simple.values());
  return [...new Set(compacted.map(compactString))].sort();
}

const goQuote = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;

function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuote(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuote(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuote(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuote(r.resourceNames)}`);
  if (r.verbs?.length) parts.push(`Verbs:${goQuote(r.verbs)}`);
  return `{${parts.join(", ")}}`;
}

/** What an RBAC write asks for, as the escalation check needs it. */
export type RbacWrite =
  | {
    kind: "Role" | "ClusterRole";
    namespace: string;
    name: string;
    rules: PolicyRule[];
    aggregated?: boolean;
  }
  | {
    kind: "RoleBinding" | "ClusterRoleBinding";
    namespace: string;
    name: string;
    roleRef: { kind: string; name: string };
    /** The referenced role's rules, or the error that it cannot be found. */
    roleRules: { rules: PolicyRule[]; error?: string };
  };

/**
 * Why `user` may not make `write`, as the message of Kubernetes' Forbidden error, or undefined when it
 * may.
 *
 * @example
 * ```ts
 * const why = escalationRefusal(rbac, { username: "jane", groups: ["dev"] }, { kind: "Role", namespace: "default", name: "r", rules });
 * if (why) throw ApiError.forbidden({ resource: "roles", group: "rbac.authorization.k8s.io", name: "r" }, why);
 * ```
 */
export function escalationRefusal(
  authorizer: Authorizer,
  user: UserInfo,
  write: RbacWrite,
): string | undefined {
  if (user.groups.includes(SYSTEM_MASTERS)) return undefined;
  const may = (verb: string, resource: string, name: string) =>
    authorizer.authorize(
      user,
      resourceAttributes({ verb, apiGroup: RBAC_GROUP, namespace: write.namespace, resource, name }),
    ).allowed;
  let rules: PolicyRule[];
  if ("rules" in write) {
    const resource = write.kind === "Role" ? "roles" : "clusterroles";
    if (may("escalate", resource, write.name)) return undefined;
    if (write.aggregated) return "must have cluster-admin privileges to use the aggregationRule";
    rules = write.rules;
  } else {
    const resource = write.roleRef.kind === "Role" ? "roles" : "clusterroles";
    if (may("bind", resource, write.roleRef.name)) return undefined;
    if (write.roleRules.error) return write.roleRules.error;
    rules = write.roleRules.rules;
  }
  const owner = authorizer.rulesFor(user, write.namespace);
  const { covered, missing } = covers(owner.rules, rules);
  if (covered) return undefined;
  const groups = goQuote(user.groups);
  let message = `user ${
    JSON.stringify(user.username)
  } (groups=${groups}) is attempting to grant RBAC permissions not currently held:\n${
    describeMissing(missing).join("\n")
  }`;
  if (owner.evaluationError) message += `; resolution errors: [${owner.evaluationError}]`;
  return message;
}
