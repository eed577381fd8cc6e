/**
 * The default ClusterRoles and ClusterRoleBindings every cluster starts with, from Kubernetes' bootstrap
 * policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go): cluster-admin for system:masters,
 * discovery, basic-user and public-info-viewer for everyone, and the user-facing admin, edit and view
 * roles built by aggregation from the system:aggregate-to-* roles (and from any ClusterRole that carries
 * the same labels, which is how a module extends them). Rules for kinds Skiff does not serve are kept:
 * they grant nothing until the kind exists.
 *
 * @module
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule } from "@skiff/kinds";
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, SYSTEM_MASTERS } from "../authenticator.ts";

const RBAC_GROUP = "rbac.authorization.k8s.io";
const API_VERSION = `${RBAC_GROUP}/v1`;
/** The label every bootstrap object carries. */
export const BOOTSTRAP_LABEL = { "kubernetes.io/bootstrapping": "rbac-defaults" };
/** Lets the API server add missing permissions to the object on start (Kubernetes' reconciliation). */
export const AUTOUPDATE_ANNOTATION = { "rbac.authorization.kubernetes.io/autoupdate": "true" };
const AGGREGATE_TO = (role: string) => ({ [`${RBAC_GROUP}/aggregate-to-${role}`]: "true" });

const Read = ["get", "list", "watch"];
const Write = ["create", "update", "patch", "delete", "deletecollection"];
const ReadWrite = [...Read, ...Write];

const rule = (verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
});
const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, nonResourceURLs });

function clusterRole(
  name: string,
  rules: PolicyRule[],
  extra: { labels?: Record<string, string>; aggregateFrom?: string } = {},
): ClusterRole {
  const role: ClusterRole = {
    apiVersion: API_VERSION,
    kind: "ClusterRole",
    metadata: {
      name,
      labels: { ...BOOTSTRAP_LABEL, ...extra.labels },
      annotations: { ...AUTOUPDATE_ANNOTATION },
    },
    rules,
  };
  if (extra.aggregateFrom) {
    role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: AGGREGATE_TO(extra.aggregateFrom) }] };
  }
  return role;
}

function binding(role: string, groups: string[]): ClusterRoleBinding {
  return {
    apiVersion: API_VERSION,
    kind: "ClusterRoleBinding",
    metadata: { name: role, labels: { ...BOOTSTRAP_LABEL }, annotations: { ...AUTOUPDATE_ANNOTATION } },
    roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: role },
    subjects: groups.map((name) => ({ kind: "Group", apiGroup: RBAC_GROUP, name })),
  };
}

/**
 * The bootstrap ClusterRoles, in the order they are created.
 *
 * @example
 * ```ts
 * bootstrapClusterRoles().map((r) => r.metadata?.name).includes("view"); // true
 * ```
 */
export function bootstrapClusterRoles(): ClusterRole[] {
  return [
    clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
    clusterRole("system:discovery", [
      urls(["get"], [
        "/api",
        "/api/*",
        "/apis",
        "/apis/*",
        "/healthz",
        "/livez",
        "/openapi",
        "/openapi/*",
        "/readyz",
        "/version",
        "/version/",
      ]),
    ]),
    clusterRole("system:basic-user", [
      rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
      rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
    ]),
    clusterRole("system:public-info-viewer", [
      urls(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"]),
    ]),
    // The user-facing roles: their rules are filled by aggregation, and each one below aggregates into
    // the one above it (view into edit into admin).
    clusterRole("admin", [], { aggregateFrom: "admin" }),
    clusterRole("edit", [], { aggregateFrom: "edit", labels: AGGREGATE_TO("admin") }),
    clusterRole("view", [], { aggregateFrom: "view", labels: AGGREGATE_TO("edit") }),
    clusterRole("system:aggregate-to-admin", [
      rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
      rule(ReadWrite, [RBAC_GROUP], ["rolebindings", "roles"]),
    ], { labels: AGGREGATE_TO("admin") }),
    clusterRole("system:aggregate-to-edit", [
      // Read on the resources that can be used to escalate.
      rule(Read, [""], [
        "pods/attach",
        "pods/exec",
        "pods/portforward",
        "pods/proxy",
        "secrets",
        "services/proxy",
      ]),
      rule(["impersonate"], [""], ["serviceaccounts"]),
      rule(Write, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
      rule(["create"], [""], ["pods/eviction"]),
      rule(Write, [""], [
        "configmaps",
        "events",
        "persistentvolumeclaims",
        "replicationcontrollers",
        "replicationcontrollers/scale",
        "secrets",
        "serviceaccounts",
        "services",
        "services/proxy",
      ]),
      rule(["create"], [""], ["serviceaccounts/token"]),
      rule(Write, ["apps"], [
        "daemonsets",
        "deployments",
        "deployments/rollback",
        "deployments/scale",
        "replicasets",
        "replicasets/scale",
        "statefulsets",
        "statefulsets/scale",
      ]),
      rule(Write, ["autoscaling"], ["horizontalpodautoscalers"]),
      rule(Write, ["batch"], ["cronjobs", "jobs"]),
      rule(Write, ["extensions"], [
        "daemonsets",
        "deployments",
        "deployments/rollback",
        "deployments/scale",
        "ingresses",
        "networkpolicies",
        "replicasets",
        "replicasets/scale",
        "replicationcontrollers/scale",
      ]),
      rule(Write, ["policy"], ["poddisruptionbudgets"]),
      rule(Write, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
      rule(ReadWrite, ["coordination.k8s.io"], ["leases"]),
    ], { labels: AGGREGATE_TO("edit") }),
    clusterRole("system:aggregate-to-view", [
      rule(Read, [""], [
        "configmaps",
        "endpoints",
        "persistentvolumeclaims",
        "persistentvolumeclaims/status",
        "pods",
        "replicationcontrollers",
        "replicationcontrollers/scale",
        "serviceaccounts",
        "services",
        "services/status",
      ]),
      rule(Read, [""], [
        "bindings",
        "events",
        "limitranges",
        "namespaces/status",
        "pods/log",
        "pods/status",
        "replicationcontrollers/status",
        "resourcequotas",
        "resourcequotas/status",
      ]),
      rule(Read, [""], ["namespaces"]),
      rule(Read, ["discovery.k8s.io"], ["endpointslices"]),
      rule(Read, ["apps"], [
        "controllerrevisions",
        "daemonsets",
        "daemonsets/status",
        "deployments",
        "deployments/scale",
        "deployments/status",
        "replicasets",
        "replicasets/scale",
        "replicasets/status",
        "statefulsets",
        "statefulsets/scale",
        "statefulsets/status",
      ]),
      rule(Read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
      rule(Read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
      rule(Read, ["extensions"], [
        "daemonsets",
        "daemonsets/status",
        "deployments",
        "deployments/scale",
        "deployments/status",
        "ingresses",
        "ingresses/status",
        "networkpolicies",
        "replicasets",
        "replicasets/scale",
        "replicasets/status",
        "replicationcontrollers/scale",
      ]),
      rule(Read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
      rule(Read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
    ], { labels: AGGREGATE_TO("view") }),
  ];
}

/**
 * The bootstrap ClusterRoleBindings.
 *
 * @example
 * ```ts
 * bootstrapClusterRoleBindings().find((b) => b.metadata?.name === "cluster-admin")?.subjects?.[0].name; // "system:masters"
 * ```
 */
export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    binding("cluster-admin", [SYSTEM_MASTERS]),
    binding("system:discovery", [ALL_AUTHENTICATED]),
    binding("system:basic-user", [ALL_AUTHENTICATED]),
    binding("system:public-info-viewer", [ALL_AUTHENTICATED, ALL_UNAUTHENTICATED]),
  ];
}
