/**
 * RBAC validation beyond the schema (kubernetes/pkg/apis/rbac/validation/validation.go): rules need
 * verbs and either resources with API groups or non-resource URLs; bindings name a role in the RBAC
 * group and subjects of kind User, Group or ServiceAccount; a binding's roleRef never changes. Names are
 * checked by the API layer as path segments (ValidateRBACName). Also the v1 defaulting of subjects' and
 * roleRefs' apiGroup (pkg/apis/rbac/v1/defaults.go), which must run before validation.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import { validateLabelSelector } from "../../schema/label_selector.ts";
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from "../api/rbac.ts";
import { invalid, notSupported, required } from "../../schema/field_error.ts";
import { FieldPath } from "../../schema/field_path.ts";
import { goQuote, goStrings, GoValue } from "../../schema/go_value.ts";
import { isPathSegmentName, nameIsDNSSubdomain } from "../../schema/names.ts";

/** The RBAC API group, which roleRefs and User and Group subjects belong to. */
export const RBAC_GROUP = "rbac.authorization.k8s.io";

const SUBJECT_KINDS = ["ServiceAccount", "User", "Group"] as const;

/**
 * Fills the apiGroup of a binding's roleRef and of its User and Group subjects with
 * "rbac.authorization.k8s.io" where empty, as Kubernetes' v1 defaulting does. Changes `binding` in place.
 *
 * @example
 * ```ts
 * import { defaultRoleBinding } from "@skiff/kinds";
 *
 * const b = { roleRef: { apiGroup: "", kind: "ClusterRole", name: "view" }, subjects: [{ kind: "User", name: "alice" }] };
 * defaultRoleBinding(b);
 * b.subjects[0].apiGroup; // "rbac.authorization.k8s.io"
 * ```
 */
export function defaultRoleBinding(binding: Partial<RoleBinding | ClusterRoleBinding>): void {
  if (binding.roleRef && !binding.roleRef.apiGroup) binding.roleRef.apiGroup = RBAC_GROUP;
  for (const s of binding.subjects ?? []) {
    if (!s.apiGroup && (s.kind === "User" || s.kind === "Group")) s.apiGroup = RBAC_GROUP;
  }
}

/**
 * ValidatePolicyRule: verbs are required; a rule names either non-resource URLs (only in cluster-wide
 * rules) or API groups and resources, never both.
 *
 * @example
 * ```ts
 * import { validatePolicyRule } from "@skiff/kinds";
 *
 * validatePolicyRule({ verbs: [], apiGroups: [""], resources: ["pods"] }, true, "rules[0]")[0].message;
 * // "Required value: verbs must contain at least one value"
 * ```
 */
export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const at = FieldPath.root(path);
  const errors: FieldError[] = [];
  if (!rule.verbs?.length) errors.push(required(at.child("verbs"), "verbs must contain at least one value"));
  if (rule.nonResourceURLs?.length) {
    const urls = goStrings(rule.nonResourceURLs);
    if (namespaced) {
      errors.push(
        invalid(at.child("nonResourceURLs"), urls, "namespaced rules cannot apply to non-resource URLs"),
      );
    }
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errors.push(
        invalid(
          at.child("nonResourceURLs"),
          urls,
          "rules cannot apply to both regular resources and non-resource URLs",
        ),
      );
    }
    return errors;
  }
  if (!rule.apiGroups?.length) {
    errors.push(required(at.child("apiGroups"), "resource rules must supply at least one api group"));
  }
  if (!rule.resources?.length) {
    errors.push(required(at.child("resources"), "resource rules must supply at least one resource"));
  }
  return errors;
}

/**
 * ValidateRole: every rule, as a namespaced rule.
 *
 * @example
 * ```ts
 * import { validateRole } from "@skiff/kinds";
 *
 * validateRole({ rules: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }] })[0].field; // "rules[0].nonResourceURLs"
 * ```
 */
export function validateRole(role: Role): FieldError[] {
  return (role.rules ?? []).flatMap((r, i) => validatePolicyRule(r, true, `rules[${i}]`));
}

/**
 * ValidateClusterRole: every rule, and an aggregationRule with at least one valid selector.
 *
 * @example
 * ```ts
 * import { validateClusterRole } from "@skiff/kinds";
 *
 * validateClusterRole({ aggregationRule: { clusterRoleSelectors: [] } })[0].field; // "aggregationRule.clusterRoleSelectors"
 * ```
 */
export function validateClusterRole(role: ClusterRole): FieldError[] {
  const errors = (role.rules ?? []).flatMap((r, i) => validatePolicyRule(r, false, `rules[${i}]`));
  const aggregation = role.aggregationRule;
  if (aggregation) {
    const path = FieldPath.root("aggregationRule").child("clusterRoleSelectors");
    if (!aggregation.clusterRoleSelectors?.length) {
      errors.push(required(path, "at least one clusterRoleSelector required if aggregationRule is non-nil"));
    }
    (aggregation.clusterRoleSelectors ?? []).forEach((s, i) => {
      errors.push(...validateLabelSelector(s, `${path}[${i}]`));
    });
  }
  return errors;
}

/**
 * ValidateRoleBinding: a roleRef to a Role or ClusterRole in the RBAC group, and valid subjects (a
 * ServiceAccount subject may leave out its namespace: the binding's is meant).
 *
 * @example
 * ```ts
 * import { validateRoleBinding } from "@skiff/kinds";
 *
 * validateRoleBinding({ roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" }, subjects: [{ kind: "Robot", name: "x" }] })[0].message;
 * // 'Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'
 * ```
 */
export function validateRoleBinding(binding: RoleBinding): FieldError[] {
  return validateBinding(binding, ["Role", "ClusterRole"], true);
}

/**
 * ValidateClusterRoleBinding: a roleRef to a ClusterRole, and subjects whose ServiceAccounts name their
 * namespace.
 *
 * @example
 * ```ts
 * import { validateClusterRoleBinding } from "@skiff/kinds";
 *
 * validateClusterRoleBinding({ roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" } })[0].message;
 * // 'Unsupported value: "Role": supported values: "ClusterRole"'
 * ```
 */
export function validateClusterRoleBinding(binding: ClusterRoleBinding): FieldError[] {
  return validateBinding(binding, ["ClusterRole"], false);
}

/**
 * ValidateRoleBindingUpdate and ValidateClusterRoleBindingUpdate: the roleRef is immutable (delete and
 * recreate the binding to point it elsewhere).
 *
 * @example
 * ```ts
 * import { validateRoleBindingUpdate } from "@skiff/kinds";
 *
 * const ref = (name: string) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name });
 * validateRoleBindingUpdate({ roleRef: ref("edit") }, { roleRef: ref("view") })[0].message;
 * // 'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef'
 * ```
 */
export function validateRoleBindingUpdate(
  binding: Pick<RoleBinding, "roleRef">,
  old: Pick<RoleBinding, "roleRef">,
): FieldError[] {
  const [a, b] = [binding.roleRef ?? {}, old.roleRef ?? {}] as Partial<RoleBinding["roleRef"]>[];
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  // Go prints the internal struct with %#v.
  const q = (s: string | undefined) => goQuote(s ?? "");
  const shown = new GoValue(`rbac.RoleRef{APIGroup:${q(a.apiGroup)}, Kind:${q(a.kind)}, Name:${q(a.name)}}`);
  return [invalid(FieldPath.root("roleRef"), shown, "cannot change roleRef")];
}

function validateBinding(
  binding: RoleBinding | ClusterRoleBinding,
  roleKinds: string[],
  namespaced: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const ref = FieldPath.root("roleRef");
  const roleRef = binding.roleRef ?? {} as Partial<RoleBinding["roleRef"]>;
  if (roleRef.apiGroup !== RBAC_GROUP) {
    errors.push(notSupported(ref.child("apiGroup"), roleRef.apiGroup ?? "", [RBAC_GROUP]));
  }
  if (!roleKinds.includes(roleRef.kind ?? "")) {
    errors.push(notSupported(ref.child("kind"), roleRef.kind ?? "", roleKinds));
  }
  if (!roleRef.name) errors.push(required(ref.child("name")));
  else {
    for (const msg of isPathSegmentName(roleRef.name)) {
      errors.push(invalid(ref.child("name"), roleRef.name, msg));
    }
  }
  (binding.subjects ?? []).forEach((s, i) => {
    errors.push(...validateSubject(s, namespaced, FieldPath.root("subjects").index(i)));
  });
  return errors;
}

function validateSubject(subject: Subject, namespaced: boolean, at: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!subject.name) errors.push(required(at.child("name")));
  switch (subject.kind) {
    case "ServiceAccount":
      // ValidateServiceAccountName is a DNS-1123 subdomain check.
      if (subject.name) {
        errors.push(
          ...nameIsDNSSubdomain(subject.name, false).map((m) => invalid(at.child("name"), subject.name, m)),
        );
      }
      if (subject.apiGroup) errors.push(notSupported(at.child("apiGroup"), subject.apiGroup, [""]));
      if (!namespaced && !subject.namespace) errors.push(required(at.child("namespace")));
      break;
    case "User":
    case "Group":
      if (subject.apiGroup !== RBAC_GROUP) {
        errors.push(notSupported(at.child("apiGroup"), subject.apiGroup ?? "", [RBAC_GROUP]));
      }
      break;
    default:
      errors.push(notSupported(at.child("kind"), subject.kind, SUBJECT_KINDS));
  }
  return errors;
}
