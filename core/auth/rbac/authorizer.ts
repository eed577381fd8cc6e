/**
 * The RBAC authorizer over an in-memory copy of the four RBAC kinds (Kubernetes' RBACAuthorizer with its
 * informer-backed listers): a controller keeps the copy current with `set` and `delete`, and every
 * decision is a walk of maps, never a store read. Members of system:masters are allowed everything
 * first, as kube-apiserver's privileged-groups authorizer does.
 *
 * @module
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from "@skiff/kinds";
import { SYSTEM_MASTERS, type UserInfo } from "../authenticator.ts";
import type { RequestInfo } from "./request_info.ts";
import { ruleAllows } from "./rules.ts";

/** An authorizer's answer. */
export interface Decision {
  allowed: boolean;
  /**
   * Why, when known: "RBAC: allowed by ClusterRoleBinding ..." or, on a refusal, the roles that could
   * not be found ("RBAC: clusterrole.rbac.authorization.k8s.io \"x\" not found"), as Kubernetes says it.
   */
  reason: string;
}

/** Every rule that applies to a user in a namespace (SelfSubjectRulesReview). */
export interface RuleSet {
  rules: PolicyRule[];
  /** True when some rules could not be read, so more may apply. */
  incomplete: boolean;
  evaluationError?: string;
}

/** What the API server asks of an authorizer. */
export interface Authorizer {
  /** Whether `user` may do what `info` describes. */
  authorize(user: UserInfo, info: RequestInfo): Decision;
  /** The rules that apply to `user` in `namespace` ("" for cluster-wide rules only). */
  rulesFor(user: UserInfo, namespace: string): RuleSet;
}

/**
 * An authorizer that allows everything: what a server without authorization options does.
 *
 * @example
 * ```ts
 * alwaysAllow.authorize({ username: "x", groups: [] }, parseRequestInfo("DELETE", "/api/v1/nodes/n")).allowed; // true
 * ```
 */
export const alwaysAllow: Authorizer = {
  authorize: () => ({ allowed: true, reason: "" }),
  rulesFor: () => ({
    rules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, { verbs: ["*"], nonResourceURLs: ["*"] }],
    incomplete: false,
  }),
};

/** The RBAC kinds the index holds. */
export type RbacKind = "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding";

type Named = { metadata?: { name?: string; namespace?: string } };
type Binding = RoleBinding | ClusterRoleBinding;

const RBAC_GROUP = "rbac.authorization.k8s.io";
const ALL_RULES: PolicyRule[] = alwaysAllow.rulesFor({ username: "", groups: [] }, "").rules;

/**
 * The RBAC authorizer. Feed it objects with `set`/`delete` (the API server's RBAC controller does).
 *
 * @example
 * ```ts
 * const rbac = new RbacAuthorizer();
 * rbac.set("ClusterRole", { metadata: { name: "view" }, rules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }] });
 * rbac.set("RoleBinding", { metadata: { name: "b", namespace: "default" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [{ kind: "User", name: "alice" }] });
 * rbac.authorize({ username: "alice", groups: [] }, parseRequestInfo("GET", "/api/v1/namespaces/default/pods/web")).allowed; // true
 * ```
 */
export class RbacAuthorizer implements Authorizer {
  #roles = new Map<string, Role>();
  #clusterRoles = new Map<string, ClusterRole>();
  #roleBindings = new Map<string, Map<string, RoleBinding>>();
  #clusterRoleBindings = new Map<string, ClusterRoleBinding>();
  // Bindings in name order, rebuilt after a change rather than sorted on every request.
  #sorted = new Map<string, Binding[]>();

  /** Adds or replaces an object of `kind`. */
  set(kind: RbacKind, obj: Role | ClusterRole | RoleBinding | ClusterRoleBinding): void {
    const { name = "", namespace = "" } = (obj as Named).metadata ?? {};
    this.#sorted.clear();
    switch (kind) {
      case "Role":
        this.#roles.set(`${namespace}/${name}`, obj as Role);
        break;
      case "ClusterRole":
        this.#clusterRoles.set(name, obj as ClusterRole);
        break;
      case "RoleBinding": {
        let inNs = this.#roleBindings.get(namespace);
        if (!inNs) this.#roleBindings.set(namespace, inNs = new Map());
        inNs.set(name, obj as RoleBinding);
        break;
      }
      case "ClusterRoleBinding":
        this.#clusterRoleBindings.set(name, obj as ClusterRoleBinding);
    }
  }

  /** Forgets an object of `kind` ("" namespace for the cluster-scoped kinds). */
  delete(kind: RbacKind, namespace: string, name: string): void {
    this.#sorted.clear();
    switch (kind) {
      case "Role":
        this.#roles.delete(`${namespace}/${name}`);
        break;
      case "ClusterRole":
        this.#clusterRoles.delete(name);
        break;
      case "RoleBinding":
        this.#roleBindings.get(namespace)?.delete(name);
        break;
      case "ClusterRoleBinding":
        this.#clusterRoleBindings.delete(name);
    }
  }

  /** Every ClusterRole held, by name (the aggregation controller reads them). */
  clusterRoles(): ClusterRole[] {
    return [...this.#clusterRoles.values()];
  }

  authorize(user: UserInfo, info: RequestInfo): Decision {
    if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: "" };
    const errors: string[] = [];
    for (const { source, rules, error } of this.#visit(user, info.namespace)) {
      if (error) errors.push(error);
      if (rules.some((r) => ruleAllows(info, r))) {
        return { allowed: true, reason: `RBAC: allowed by ${source}` };
      }
    }
    return { allowed: false, reason: errors.length ? `RBAC: ${aggregate(errors)}` : "" };
  }

  rulesFor(user: UserInfo, namespace: string): RuleSet {
    const rules: PolicyRule[] = user.groups.includes(SYSTEM_MASTERS) ? [...ALL_RULES] : [];
    const errors: string[] = [];
    for (const v of this.#visit(user, namespace)) {
      if (v.error) errors.push(v.error);
      rules.push(...v.rules);
    }
    return errors.length
      ? { rules, incomplete: false, evaluationError: aggregate(errors) }
      : { rules, incomplete: false };
  }

  /** The bindings that apply to `user`: ClusterRoleBindings, then RoleBindings in `namespace` (by name). */
  *#visit(
    user: UserInfo,
    namespace: string,
  ): Generator<{ source: string; rules: PolicyRule[]; error?: string }> {
    for (const b of this.#inOrder("", this.#clusterRoleBindings) as ClusterRoleBinding[]) {
      const subject = appliesTo(user, b.subjects, "");
      if (!subject) continue;
      const { rules, error } = this.#rulesOf(b.roleRef, "");
      const source = `ClusterRoleBinding ${q(b.metadata?.name)} of ${b.roleRef.kind} ${
        q(b.roleRef.name)
      } to ${describe(subject, "")}`;
      yield { source, rules, error };
    }
    if (!namespace) return;
    const inNamespace = this.#roleBindings.get(namespace);
    for (const b of inNamespace ? this.#inOrder(namespace, inNamespace) as RoleBinding[] : []) {
      const subject = appliesTo(user, b.subjects, namespace);
      if (!subject) continue;
      const { rules, error } = this.#rulesOf(b.roleRef, namespace);
      const source = `RoleBinding ${q(`${b.metadata?.name}/${namespace}`)} of ${b.roleRef.kind} ${
        q(b.roleRef.name)
      } to ${describe(subject, namespace)}`;
      yield { source, rules, error };
    }
  }

  /** The bindings of a namespace ("" for ClusterRoleBindings) by name, so reasons name the same one each time. */
  #inOrder(key: string, m: Map<string, Binding>): Binding[] {
    let sorted = this.#sorted.get(key);
    if (!sorted) this.#sorted.set(key, sorted = [...m.keys()].sort().map((k) => m.get(k)!));
    return sorted;
  }

  /**
   * The rules of the role a binding in `namespace` refers to, or the error Kubernetes reports when it
   * does not exist (escalation checks of new bindings read them).
   */
  roleRules(ref: Binding["roleRef"], namespace: string): { rules: PolicyRule[]; error?: string } {
    return this.#rulesOf(ref, namespace);
  }

  /** GetRoleReferenceRules: the rules of the role a binding names, or the error Kubernetes reports. */
  #rulesOf(ref: Binding["roleRef"], namespace: string): { rules: PolicyRule[]; error?: string } {
    switch (ref.kind) {
      case "Role": {
        const role = this.#roles.get(`${namespace}/${ref.name}`);
        return role
          ? { rules: role.rules ?? [] }
          : { rules: [], error: `role.${RBAC_GROUP} ${q(ref.name)} not found` };
      }
      case "ClusterRole": {
        const role = this.#clusterRoles.get(ref.name);
        return role
          ? { rules: role.rules ?? [] }
          : { rules: [], error: `clusterrole.${RBAC_GROUP} ${q(ref.name)} not found` };
      }
      default:
        return { rules: [], error: `unsupported role reference kind: ${q(ref.kind)}` };
    }
  }
}

/**
 * The first subject that names `user`: by user name, by one of its groups, or as the service account
 * "system:serviceaccount:NS:NAME" (a ServiceAccount subject without a namespace means the binding's).
 */
function appliesTo(user: UserInfo, subjects: Subject[] | undefined, namespace: string): Subject | undefined {
  return (subjects ?? []).find((s) => {
    switch (s.kind) {
      case "User":
        return user.username === s.name;
      case "Group":
        return user.groups.includes(s.name);
      case "ServiceAccount": {
        const ns = s.namespace || namespace;
        return ns !== "" && user.username === `system:serviceaccount:${ns}:${s.name}`;
      }
      default:
        return false;
    }
  });
}

function describe(s: Subject, bindingNamespace: string): string {
  if (s.kind === "ServiceAccount") return `${s.kind} ${q(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${q(s.name)}`;
}

/** utilerrors.NewAggregate(...).Error(): one error as itself, more in brackets. */
function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(", ")}]`;
}

const q = (s: string | undefined) => JSON.stringify(s ?? "");
