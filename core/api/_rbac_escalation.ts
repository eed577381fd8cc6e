/**
 * The admission step that keeps RBAC writes from granting more than their author holds (Kubernetes'
 * policybased storages for roles and bindings): see core/auth's escalationRefusal. Writes made inside
 * the server (bootstrap roles, aggregation) carry no user and are not checked.
 *
 * @module
 */
import { escalationRefusal, type RbacAuthorizer, type RbacWrite } from "@skiff/auth";
import type { AdmissionStep } from "./admission.ts";
import { ApiError } from "./errors.ts";

const GROUP = "rbac.authorization.k8s.io";

/**
 * The step for `rbac`.
 *
 * @example
 * ```ts
 * admission.add(rbacEscalationStep(rbac));
 * ```
 */
export function rbacEscalationStep(rbac: RbacAuthorizer): AdmissionStep {
  return {
    name: "rbac-escalation",
    kinds: ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"].map((k) => `${GROUP}/v1/${k}`),
    validate(req) {
      if (!req.user) return;
      const obj = req.object;
      const kind = req.resource.kind as RbacWrite["kind"];
      const namespace = req.namespace ?? "";
      const write: RbacWrite = kind === "Role" || kind === "ClusterRole"
        ? { kind, namespace, name: req.name, rules: obj.rules ?? [], aggregated: !!obj.aggregationRule }
        : {
          kind,
          namespace,
          name: req.name,
          roleRef: obj.roleRef,
          roleRules: rbac.roleRules(obj.roleRef, namespace),
        };
      const why = escalationRefusal(rbac, { groups: [], ...req.user }, write);
      if (why) throw ApiError.forbidden({ resource: req.resource.plural, group: GROUP, name: req.name }, why);
    },
  };
}
