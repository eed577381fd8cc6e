/**
 * The rbac.authorization.k8s.io/v1 kinds: Role, ClusterRole, RoleBinding and ClusterRoleBinding.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api rbac/v1, types_swagger_doc_generated.go);
 * list and map extensions follow the +listType and +structType markers of rbac/v1/types.go.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, k8s } from "../k8s.ts";
import { LabelSelectorSchema, ObjectMetaSchema } from "./meta.ts";

const API_VERSION_DOC =
  "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
const KIND_DOC =
  "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

const atomicStrings = () => v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }));

/**
 * PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PolicyRuleSchema } from "@skiff/kinds";
 *
 * v.parse(PolicyRuleSchema, { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] });
 * ```
 */
export const PolicyRuleSchema = v.pipe(
  v.object({
    verbs: atomicStrings(),
    apiGroups: v.optional(atomicStrings()),
    resources: v.optional(atomicStrings()),
    resourceNames: v.optional(atomicStrings()),
    nonResourceURLs: v.optional(atomicStrings()),
  }),
  v.description(
    "PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.",
  ),
  fieldDocs({
    verbs:
      "Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs.",
    apiGroups:
      'APIGroups is the name of the APIGroup that contains the resources.  If multiple API groups are specified, any action requested against one of the enumerated resources in any API group will be allowed. "" represents the core API group and "*" represents all API groups.',
    resources: "Resources is a list of resources this rule applies to. '*' represents all resources.",
    resourceNames:
      "ResourceNames is an optional white list of names that the rule applies to.  An empty set means that everything is allowed.",
    nonResourceURLs:
      'NonResourceURLs is a set of partial urls that a user should have access to.  *s are allowed, but only as the full, final step in the path Since non-resource URLs are not namespaced, this field is only applicable for ClusterRoles referenced from a ClusterRoleBinding. Rules can either apply to API resources (such as "pods" or "secrets") or non-resource URL paths (such as "/api"),  but not both.',
  }),
);

/**
 * PolicyRule as TypeScript sees it (see {@link PolicyRuleSchema}).
 *
 * @example
 * ```ts
 * import type { PolicyRule } from "@skiff/kinds";
 *
 * const rule: PolicyRule = { verbs: ["get"], nonResourceURLs: ["/healthz"] };
 * ```
 */
export type PolicyRule = v.InferOutput<typeof PolicyRuleSchema>;

/**
 * AggregationRule describes how to locate ClusterRoles to aggregate into the ClusterRole
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { AggregationRuleSchema } from "@skiff/kinds";
 *
 * v.parse(AggregationRuleSchema, { clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-monitoring": "true" } }] });
 * ```
 */
export const AggregationRuleSchema = v.pipe(
  v.object({
    clusterRoleSelectors: v.optional(
      v.pipe(v.array(LabelSelectorSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
  }),
  v.description("AggregationRule describes how to locate ClusterRoles to aggregate into the ClusterRole"),
  fieldDocs({
    clusterRoleSelectors:
      "ClusterRoleSelectors holds a list of selectors which will be used to find ClusterRoles and create the rules. If any of the selectors match, then the ClusterRole's permissions will be added",
  }),
);

/**
 * AggregationRule as TypeScript sees it (see {@link AggregationRuleSchema}).
 *
 * @example
 * ```ts
 * import type { AggregationRule } from "@skiff/kinds";
 *
 * const rule: AggregationRule = { clusterRoleSelectors: [{ matchLabels: { team: "a" } }] };
 * ```
 */
export type AggregationRule = v.InferOutput<typeof AggregationRuleSchema>;

/**
 * Subject contains a reference to the object or user identities a role binding applies to.  This can either hold a direct API object reference, or a value for non-objects such as user and group names.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SubjectSchema } from "@skiff/kinds";
 *
 * v.parse(SubjectSchema, { kind: "ServiceAccount", name: "builder", namespace: "default" });
 * ```
 */
export const SubjectSchema = v.pipe(
  v.object({
    kind: v.string(),
    apiGroup: v.optional(v.string()),
    name: v.string(),
    namespace: v.optional(v.string()),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  v.description(
    "Subject contains a reference to the object or user identities a role binding applies to.  This can either hold a direct API object reference, or a value for non-objects such as user and group names.",
  ),
  fieldDocs({
    kind:
      'Kind of object being referenced. Values defined by this API group are "User", "Group", and "ServiceAccount". If the Authorizer does not recognized the kind value, the Authorizer should report an error.',
    apiGroup:
      'APIGroup holds the API group of the referenced subject. Defaults to "" for ServiceAccount subjects. Defaults to "rbac.authorization.k8s.io" for User and Group subjects.',
    name: "Name of the object being referenced.",
    namespace:
      'Namespace of the referenced object.  If the object kind is non-namespace, such as "User" or "Group", and this value is not empty the Authorizer should report an error.',
  }),
);

/**
 * Subject as TypeScript sees it (see {@link SubjectSchema}).
 *
 * @example
 * ```ts
 * import type { Subject } from "@skiff/kinds";
 *
 * const who: Subject = { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "dev" };
 * ```
 */
export type Subject = v.InferOutput<typeof SubjectSchema>;

/**
 * RoleRef contains information that points to the role being used
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { RoleRefSchema } from "@skiff/kinds";
 *
 * v.parse(RoleRefSchema, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" });
 * ```
 */
export const RoleRefSchema = v.pipe(
  // apiGroup is required in Kubernetes' OpenAPI, but its v1 defaulting fills an empty one with the RBAC
  // group before anything checks it, so manifests that leave it out are accepted; optional here so the
  // schema check (which runs before the strategy's defaulting) lets them through too.
  v.object({ apiGroup: v.optional(v.string()), kind: v.string(), name: v.string() }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  v.description("RoleRef contains information that points to the role being used"),
  fieldDocs({
    apiGroup: "APIGroup is the group for the resource being referenced",
    kind: "Kind is the type of resource being referenced",
    name: "Name is the name of resource being referenced",
  }),
);

/**
 * RoleRef as TypeScript sees it (see {@link RoleRefSchema}).
 *
 * @example
 * ```ts
 * import type { RoleRef } from "@skiff/kinds";
 *
 * const ref: RoleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" };
 * ```
 */
export type RoleRef = v.InferOutput<typeof RoleRefSchema>;

/**
 * Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { RoleSchema } from "@skiff/kinds";
 *
 * v.parse(RoleSchema, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "reader", namespace: "default" }, rules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }] });
 * ```
 */
export const RoleSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    rules: v.optional(v.pipe(v.array(PolicyRuleSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  v.description(
    "Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.",
  ),
  fieldDocs({
    apiVersion: API_VERSION_DOC,
    kind: KIND_DOC,
    metadata: "Standard object's metadata.",
    rules: "Rules holds all the PolicyRules for this Role",
  }),
);

/**
 * Role as TypeScript sees it (see {@link RoleSchema}).
 *
 * @example
 * ```ts
 * import type { Role } from "@skiff/kinds";
 *
 * const role: Role = { metadata: { name: "reader", namespace: "default" }, rules: [] };
 * ```
 */
export type Role = v.InferOutput<typeof RoleSchema>;

/**
 * ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ClusterRoleSchema } from "@skiff/kinds";
 *
 * v.parse(ClusterRoleSchema, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "node-reader" }, rules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["nodes"] }] });
 * ```
 */
export const ClusterRoleSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    rules: v.optional(v.pipe(v.array(PolicyRuleSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    aggregationRule: v.optional(AggregationRuleSchema),
  }),
  v.description(
    "ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.",
  ),
  fieldDocs({
    apiVersion: API_VERSION_DOC,
    kind: KIND_DOC,
    metadata: "Standard object's metadata.",
    rules: "Rules holds all the PolicyRules for this ClusterRole",
    aggregationRule:
      "AggregationRule is an optional field that describes how to build the Rules for this ClusterRole. If AggregationRule is set, then the Rules are controller managed and direct changes to Rules will be stomped by the controller.",
  }),
);

/**
 * ClusterRole as TypeScript sees it (see {@link ClusterRoleSchema}).
 *
 * @example
 * ```ts
 * import type { ClusterRole } from "@skiff/kinds";
 *
 * const role: ClusterRole = { metadata: { name: "monitoring" }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { m: "true" } }] } };
 * ```
 */
export type ClusterRole = v.InferOutput<typeof ClusterRoleSchema>;

/**
 * RoleBinding references a role, but does not contain it.  It can reference a Role in the same namespace or a ClusterRole in the global namespace. It adds who information via Subjects and namespace information by which namespace it exists in.  RoleBindings in a given namespace only have effect in that namespace.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { RoleBindingSchema } from "@skiff/kinds";
 *
 * v.parse(RoleBindingSchema, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "alice-view", namespace: "default" }, subjects: [{ kind: "User", name: "alice" }], roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" } });
 * ```
 */
export const RoleBindingSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    subjects: v.optional(v.pipe(v.array(SubjectSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    roleRef: RoleRefSchema,
  }),
  v.description(
    "RoleBinding references a role, but does not contain it.  It can reference a Role in the same namespace or a ClusterRole in the global namespace. It adds who information via Subjects and namespace information by which namespace it exists in.  RoleBindings in a given namespace only have effect in that namespace.",
  ),
  fieldDocs({
    apiVersion: API_VERSION_DOC,
    kind: KIND_DOC,
    metadata: "Standard object's metadata.",
    subjects: "Subjects holds references to the objects the role applies to.",
    roleRef:
      "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.",
  }),
);

/**
 * RoleBinding as TypeScript sees it (see {@link RoleBindingSchema}).
 *
 * @example
 * ```ts
 * import type { RoleBinding } from "@skiff/kinds";
 *
 * const binding: RoleBinding = { metadata: { name: "b", namespace: "default" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" } };
 * ```
 */
export type RoleBinding = v.InferOutput<typeof RoleBindingSchema>;

/**
 * ClusterRoleBinding references a ClusterRole, but not contain it.  It can reference a ClusterRole in the global namespace, and adds who information via Subject.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ClusterRoleBindingSchema } from "@skiff/kinds";
 *
 * v.parse(ClusterRoleBindingSchema, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: "ops-admin" }, subjects: [{ kind: "Group", name: "ops" }], roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" } });
 * ```
 */
export const ClusterRoleBindingSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    subjects: v.optional(v.pipe(v.array(SubjectSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
    roleRef: RoleRefSchema,
  }),
  v.description(
    "ClusterRoleBinding references a ClusterRole, but not contain it.  It can reference a ClusterRole in the global namespace, and adds who information via Subject.",
  ),
  fieldDocs({
    apiVersion: API_VERSION_DOC,
    kind: KIND_DOC,
    metadata: "Standard object's metadata.",
    subjects: "Subjects holds references to the objects the role applies to.",
    roleRef:
      "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.",
  }),
);

/**
 * ClusterRoleBinding as TypeScript sees it (see {@link ClusterRoleBindingSchema}).
 *
 * @example
 * ```ts
 * import type { ClusterRoleBinding } from "@skiff/kinds";
 *
 * const binding: ClusterRoleBinding = { metadata: { name: "b" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" } };
 * ```
 */
export type ClusterRoleBinding = v.InferOutput<typeof ClusterRoleBindingSchema>;
