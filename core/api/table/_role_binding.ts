/**
 * RoleBindings and ClusterRoleBindings as `kubectl get` shows them: NAME ROLE AGE, and with -o wide
 * USERS GROUPS SERVICEACCOUNTS (printRoleBinding and printClusterRoleBinding in
 * kubernetes/pkg/printers/internalversion/printers.go; the subjects split by rbac.SubjectsStrings).
 * Roles and ClusterRoles print NAME CREATED AT, which the default printer already does.
 *
 * @module
 */
import { age } from "./duration.ts";
import { AGE_COLUMN, column, list, NAME_COLUMN, obj, type Printer, str } from "./_printer.ts";

const ROLE_REF_DOCS = {
  RoleBinding:
    "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.",
  ClusterRoleBinding:
    "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.",
};

function bindingPrinter(kind: "RoleBinding" | "ClusterRoleBinding"): Printer {
  const of = kind === "RoleBinding" ? "roleBinding" : "clusterRoleBinding";
  return {
    columns: [
      NAME_COLUMN,
      column("Role", "string", ROLE_REF_DOCS[kind]),
      AGE_COLUMN,
      column("Users", "string", `Users in the ${of}`, { priority: 1 }),
      column("Groups", "string", `Groups in the ${of}`, { priority: 1 }),
      column("ServiceAccounts", "string", `ServiceAccounts in the ${of}`, { priority: 1 }),
    ],
    row(b, now) {
      const ref = obj(b, "roleRef");
      const [users, groups, sas]: string[][] = [[], [], []];
      for (const s of list(b, "subjects")) {
        if (s.kind === "User") users.push(s.name);
        else if (s.kind === "Group") groups.push(s.name);
        else if (s.kind === "ServiceAccount") sas.push(`${s.namespace ?? ""}/${s.name}`);
      }
      return {
        cells: [
          str(b.metadata, "name"),
          `${str(ref, "kind")}/${str(ref, "name")}`,
          age(b.metadata?.creationTimestamp, now),
          users.join(", "),
          groups.join(", "),
          sas.join(", "),
        ],
      };
    },
  };
}

/**
 * The RoleBinding printer.
 *
 * @example
 * ```ts
 * roleBindingPrinter.row(binding, Date.now()).cells; // ["jane-view", "ClusterRole/view", "5m", "jane", "", ""]
 * ```
 */
export const roleBindingPrinter: Printer = bindingPrinter("RoleBinding");

/**
 * The ClusterRoleBinding printer.
 *
 * @example
 * ```ts
 * clusterRoleBindingPrinter.row(binding, Date.now()).cells[1]; // "ClusterRole/cluster-admin"
 * ```
 */
export const clusterRoleBindingPrinter: Printer = bindingPrinter("ClusterRoleBinding");
