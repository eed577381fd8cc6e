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
import { FieldPath, invalid, notSupported, required } from "./_field_errors.ts";

/** The RBAC API group, which roleRefs and User and Group subjects belong to. */
export const RBAC_GROUP = "rbac.authorization.k8s.io";

const SUBJECT_KINDS = ["ServiceAccount", "User", "Group"] as const;
// ValidateServiceAccountName is a DNS-1123 subdomain check.
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

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
        goInvalid(at.child("nonResourceURLs"), urls, "namespaced rules cannot apply to non-resource URLs"),
      );
    }
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errors.push(
        goInvalid(
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
  const shown = `rbac.RoleRef{APIGroup:${q(a.apiGroup)}, Kind:${q(a.kind)}, Name:${q(a.name)}}`;
  return [goInvalid(FieldPath.root("roleRef"), shown, "cannot change roleRef")];
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
    for (const msg of pathSegmentNameErrors(roleRef.name)) {
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
      if (subject.name && !(subject.name.length <= 253 && SUBDOMAIN.test(subject.name))) {
        errors.push(
          invalid(
            at.child("name"),
            subject.name,
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
          ),
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

/** path.IsValidPathSegmentName, which ValidateRBACName is. */
function pathSegmentNameErrors(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  const errors: string[] = [];
  for (const bad of ["/", "%"]) if (name.includes(bad)) errors.push(`may not contain '${bad}'`);
  return errors;
}

/** field.Invalid with a value already printed the Go way (a struct or a slice with %#v). */
function goInvalid(path: FieldPath, shown: string, detail: string): FieldError {
  return {
    reason: "FieldValueInvalid",
    field: path.toString(),
    message: `Invalid value: ${shown}: ${detail}`,
  };
}

const q = (s: string | undefined) => JSON.stringify(s ?? "");
const goStrings = (xs: string[]) => `[]string{${xs.map(q).join(", ")}}`;
