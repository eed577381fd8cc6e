/**
 * The access-review kinds: authorization.k8s.io/v1 SelfSubjectAccessReview, SelfSubjectRulesReview,
 * SubjectAccessReview and LocalSubjectAccessReview, and authentication.k8s.io/v1 SelfSubjectReview. They
 * are only ever created: the server answers from the request and stores nothing.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api authorization/v1 and authentication/v1,
 * types_swagger_doc_generated.go).
 *
 * @module
 */
import * as v from "valibot";
import { FIELD_DOCS_METADATA_KEY, fieldDocs, k8s } from "../k8s.ts";
import { ObjectMetaSchema } from "./meta.ts";

const TYPE_META_DOCS = {
  apiVersion:
    "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
  kind:
    "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
  metadata:
    "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
};
const atomicStrings = () => v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }));
const extraMap = () => v.record(v.string(), atomicStrings());

/**
 * ResourceAttributes includes the authorization attributes available for resource requests to the Authorizer interface
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ResourceAttributesSchema } from "@skiff/kinds";
 *
 * v.parse(ResourceAttributesSchema, { namespace: "default", verb: "create", resource: "pods" });
 * ```
 */
export const ResourceAttributesSchema = v.pipe(
  v.object({
    namespace: v.optional(v.string()),
    verb: v.optional(v.string()),
    group: v.optional(v.string()),
    version: v.optional(v.string()),
    resource: v.optional(v.string()),
    subresource: v.optional(v.string()),
    name: v.optional(v.string()),
  }),
  v.description(
    "ResourceAttributes includes the authorization attributes available for resource requests to the Authorizer interface",
  ),
  fieldDocs({
    namespace:
      'Namespace is the namespace of the action being requested.  Currently, there is no distinction between no namespace and all namespaces "" (empty) is defaulted for LocalSubjectAccessReviews "" (empty) is empty for cluster-scoped resources "" (empty) means "all" for namespace scoped resources from a SubjectAccessReview or SelfSubjectAccessReview',
    verb:
      'Verb is a kubernetes resource API verb, like: get, list, watch, create, update, delete, proxy.  "*" means all.',
    group: 'Group is the API Group of the Resource.  "*" means all.',
    version: 'Version is the API Version of the Resource.  "*" means all.',
    resource: 'Resource is one of the existing resource types.  "*" means all.',
    subresource: 'Subresource is one of the existing resource types.  "" means none.',
    name:
      'Name is the name of the resource being requested for a "get" or deleted for a "delete". "" (empty) means all.',
  }),
);

/**
 * ResourceAttributes as TypeScript sees it (see {@link ResourceAttributesSchema}).
 *
 * @example
 * ```ts
 * import type { ResourceAttributes } from "@skiff/kinds";
 *
 * const attrs: ResourceAttributes = { verb: "list", group: "apps", resource: "deployments" };
 * ```
 */
export type ResourceAttributes = v.InferOutput<typeof ResourceAttributesSchema>;

/**
 * NonResourceAttributes includes the authorization attributes available for non-resource requests to the Authorizer interface
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NonResourceAttributesSchema } from "@skiff/kinds";
 *
 * v.parse(NonResourceAttributesSchema, { path: "/healthz", verb: "get" });
 * ```
 */
export const NonResourceAttributesSchema = v.pipe(
  v.object({ path: v.optional(v.string()), verb: v.optional(v.string()) }),
  v.description(
    "NonResourceAttributes includes the authorization attributes available for non-resource requests to the Authorizer interface",
  ),
  fieldDocs({ path: "Path is the URL path of the request", verb: "Verb is the standard HTTP verb" }),
);

/**
 * NonResourceAttributes as TypeScript sees it (see {@link NonResourceAttributesSchema}).
 *
 * @example
 * ```ts
 * import type { NonResourceAttributes } from "@skiff/kinds";
 *
 * const attrs: NonResourceAttributes = { path: "/version", verb: "get" };
 * ```
 */
export type NonResourceAttributes = v.InferOutput<typeof NonResourceAttributesSchema>;

const ATTRIBUTE_DOCS = {
  resourceAttributes: "ResourceAuthorizationAttributes describes information for a resource access request",
  nonResourceAttributes: "NonResourceAttributes describes information for a non-resource access request",
};

/**
 * SubjectAccessReviewSpec is a description of the access request.  Exactly one of ResourceAuthorizationAttributes and NonResourceAuthorizationAttributes must be set
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SubjectAccessReviewSpecSchema } from "@skiff/kinds";
 *
 * v.parse(SubjectAccessReviewSpecSchema, { user: "alice", resourceAttributes: { verb: "get", resource: "pods" } });
 * ```
 */
export const SubjectAccessReviewSpecSchema = v.pipe(
  v.object({
    resourceAttributes: v.optional(ResourceAttributesSchema),
    nonResourceAttributes: v.optional(NonResourceAttributesSchema),
    user: v.optional(v.string()),
    groups: v.optional(atomicStrings()),
    extra: v.optional(extraMap()),
    uid: v.optional(v.string()),
  }),
  v.description(
    "SubjectAccessReviewSpec is a description of the access request.  Exactly one of ResourceAuthorizationAttributes and NonResourceAuthorizationAttributes must be set",
  ),
  fieldDocs({
    ...ATTRIBUTE_DOCS,
    user:
      'User is the user you\'re testing for. If you specify "User" but not "Groups", then is it interpreted as "What if User were not a member of any groups',
    groups: "Groups is the groups you're testing for.",
    extra:
      "Extra corresponds to the user.Info.GetExtra() method from the authenticator.  Since that is input to the authorizer it needs a reflection here.",
    uid: "UID information about the requesting user.",
  }),
);

/**
 * SubjectAccessReviewStatus
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SubjectAccessReviewStatusSchema } from "@skiff/kinds";
 *
 * v.parse(SubjectAccessReviewStatusSchema, { allowed: true });
 * ```
 */
export const SubjectAccessReviewStatusSchema = v.pipe(
  v.object({
    allowed: v.boolean(),
    denied: v.optional(v.boolean()),
    reason: v.optional(v.string()),
    evaluationError: v.optional(v.string()),
  }),
  v.description("SubjectAccessReviewStatus"),
  fieldDocs({
    allowed: "Allowed is required. True if the action would be allowed, false otherwise.",
    denied:
      "Denied is optional. True if the action would be denied, otherwise false. If both allowed is false and denied is false, then the authorizer has no opinion on whether to authorize the action. Denied may not be true if Allowed is true.",
    reason: "Reason is optional.  It indicates why a request was allowed or denied.",
    evaluationError:
      "EvaluationError is an indication that some error occurred during the authorization check. It is entirely possible to get an error and be able to continue determine authorization status in spite of it. For instance, RBAC can be missing a role, but enough roles are still present and bound to reason about the request.",
  }),
);

/**
 * SubjectAccessReviewStatus as TypeScript sees it (see {@link SubjectAccessReviewStatusSchema}).
 *
 * @example
 * ```ts
 * import type { SubjectAccessReviewStatus } from "@skiff/kinds";
 *
 * const status: SubjectAccessReviewStatus = { allowed: false };
 * ```
 */
export type SubjectAccessReviewStatus = v.InferOutput<typeof SubjectAccessReviewStatusSchema>;

/** The shape of an access review: type and object metadata, a required spec and a status. */
function review<S extends v.GenericSchema, T extends v.GenericSchema>(
  description: string,
  spec: S,
  specDoc: string,
  status: T,
  statusDoc: string,
) {
  return v.pipe(
    v.object({
      apiVersion: v.optional(v.string()),
      kind: v.optional(v.string()),
      metadata: v.optional(ObjectMetaSchema),
      spec,
      status: v.optional(status),
    }),
    v.description(description),
    v.metadata({ [FIELD_DOCS_METADATA_KEY]: { ...TYPE_META_DOCS, spec: specDoc, status: statusDoc } }),
  );
}

const STATUS_DOC = "Status is filled in by the server and indicates whether the request is allowed or not";

/**
 * SubjectAccessReview checks whether or not a user or group can perform an action.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SubjectAccessReviewSchema } from "@skiff/kinds";
 *
 * v.parse(SubjectAccessReviewSchema, { apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", spec: { user: "alice", nonResourceAttributes: { path: "/healthz", verb: "get" } } });
 * ```
 */
export const SubjectAccessReviewSchema = review(
  "SubjectAccessReview checks whether or not a user or group can perform an action.",
  SubjectAccessReviewSpecSchema,
  "Spec holds information about the request being evaluated",
  SubjectAccessReviewStatusSchema,
  STATUS_DOC,
);

/**
 * SubjectAccessReview as TypeScript sees it (see {@link SubjectAccessReviewSchema}).
 *
 * @example
 * ```ts
 * import type { SubjectAccessReview } from "@skiff/kinds";
 *
 * const review: SubjectAccessReview = { spec: { groups: ["dev"], resourceAttributes: { verb: "list", resource: "pods" } } };
 * ```
 */
export type SubjectAccessReview = v.InferOutput<typeof SubjectAccessReviewSchema>;

/**
 * LocalSubjectAccessReview checks whether or not a user or group can perform an action in a given namespace. Having a namespace scoped resource makes it much easier to grant namespace scoped policy that includes permissions checking.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LocalSubjectAccessReviewSchema } from "@skiff/kinds";
 *
 * v.parse(LocalSubjectAccessReviewSchema, { metadata: { namespace: "default" }, spec: { user: "alice", resourceAttributes: { namespace: "default", verb: "get", resource: "pods" } } });
 * ```
 */
export const LocalSubjectAccessReviewSchema = review(
  "LocalSubjectAccessReview checks whether or not a user or group can perform an action in a given namespace. Having a namespace scoped resource makes it much easier to grant namespace scoped policy that includes permissions checking.",
  SubjectAccessReviewSpecSchema,
  "Spec holds information about the request being evaluated.  spec.namespace must be equal to the namespace you made the request against.  If empty, it is defaulted.",
  SubjectAccessReviewStatusSchema,
  STATUS_DOC,
);

/**
 * SelfSubjectAccessReviewSpec is a description of the access request.  Exactly one of ResourceAuthorizationAttributes and NonResourceAuthorizationAttributes must be set
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SelfSubjectAccessReviewSpecSchema } from "@skiff/kinds";
 *
 * v.parse(SelfSubjectAccessReviewSpecSchema, { resourceAttributes: { verb: "create", resource: "pods", namespace: "default" } });
 * ```
 */
export const SelfSubjectAccessReviewSpecSchema = v.pipe(
  v.object({
    resourceAttributes: v.optional(ResourceAttributesSchema),
    nonResourceAttributes: v.optional(NonResourceAttributesSchema),
  }),
  v.description(
    "SelfSubjectAccessReviewSpec is a description of the access request.  Exactly one of ResourceAuthorizationAttributes and NonResourceAuthorizationAttributes must be set",
  ),
  fieldDocs(ATTRIBUTE_DOCS),
);

/**
 * SelfSubjectAccessReview checks whether or the current user can perform an action.  Not filling in a spec.namespace means "in all namespaces".  Self is a special case, because users should always be able to check whether they can perform an action
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SelfSubjectAccessReviewSchema } from "@skiff/kinds";
 *
 * v.parse(SelfSubjectAccessReviewSchema, { spec: { resourceAttributes: { verb: "create", resource: "pods", namespace: "default" } } });
 * ```
 */
export const SelfSubjectAccessReviewSchema = review(
  'SelfSubjectAccessReview checks whether or the current user can perform an action.  Not filling in a spec.namespace means "in all namespaces".  Self is a special case, because users should always be able to check whether they can perform an action',
  SelfSubjectAccessReviewSpecSchema,
  "Spec holds information about the request being evaluated.  user and groups must be empty",
  SubjectAccessReviewStatusSchema,
  STATUS_DOC,
);

/**
 * SelfSubjectAccessReview as TypeScript sees it (see {@link SelfSubjectAccessReviewSchema}).
 *
 * @example
 * ```ts
 * import type { SelfSubjectAccessReview } from "@skiff/kinds";
 *
 * const review: SelfSubjectAccessReview = { spec: { nonResourceAttributes: { path: "/api", verb: "get" } } };
 * ```
 */
export type SelfSubjectAccessReview = v.InferOutput<typeof SelfSubjectAccessReviewSchema>;

/**
 * ResourceRule is the list of actions the subject is allowed to perform on resources. The list ordering isn't significant, may contain duplicates, and possibly be incomplete.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ResourceRuleSchema } from "@skiff/kinds";
 *
 * v.parse(ResourceRuleSchema, { verbs: ["get"], apiGroups: [""], resources: ["pods"] });
 * ```
 */
export const ResourceRuleSchema = v.pipe(
  v.object({
    verbs: atomicStrings(),
    apiGroups: v.optional(atomicStrings()),
    resources: v.optional(atomicStrings()),
    resourceNames: v.optional(atomicStrings()),
  }),
  v.description(
    "ResourceRule is the list of actions the subject is allowed to perform on resources. The list ordering isn't significant, may contain duplicates, and possibly be incomplete.",
  ),
  fieldDocs({
    verbs:
      'Verb is a list of kubernetes resource API verbs, like: get, list, watch, create, update, delete, proxy.  "*" means all.',
    apiGroups:
      'APIGroups is the name of the APIGroup that contains the resources.  If multiple API groups are specified, any action requested against one of the enumerated resources in any API group will be allowed.  "*" means all.',
    resources:
      'Resources is a list of resources this rule applies to.  "*" means all in the specified apiGroups.\n "*/foo" represents the subresource \'foo\' for all resources in the specified apiGroups.',
    resourceNames:
      'ResourceNames is an optional white list of names that the rule applies to.  An empty set means that everything is allowed.  "*" means all.',
  }),
);

/**
 * NonResourceRule holds information that describes a rule for the non-resource
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NonResourceRuleSchema } from "@skiff/kinds";
 *
 * v.parse(NonResourceRuleSchema, { verbs: ["get"], nonResourceURLs: ["/api", "/api/*"] });
 * ```
 */
export const NonResourceRuleSchema = v.pipe(
  v.object({ verbs: atomicStrings(), nonResourceURLs: v.optional(atomicStrings()) }),
  v.description("NonResourceRule holds information that describes a rule for the non-resource"),
  fieldDocs({
    verbs:
      'Verb is a list of kubernetes non-resource API verbs, like: get, post, put, delete, patch, head, options.  "*" means all.',
    nonResourceURLs:
      'NonResourceURLs is a set of partial urls that a user should have access to.  *s are allowed, but only as the full, final step in the path.  "*" means all.',
  }),
);

/**
 * SubjectRulesReviewStatus contains the result of a rules check. This check can be incomplete depending on the set of authorizers the server is configured with and any errors experienced during evaluation. Because authorization rules are additive, if a rule appears in a list it's safe to assume the subject has that permission, even if that list is incomplete.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SubjectRulesReviewStatusSchema } from "@skiff/kinds";
 *
 * v.parse(SubjectRulesReviewStatusSchema, { resourceRules: [], nonResourceRules: [], incomplete: false });
 * ```
 */
export const SubjectRulesReviewStatusSchema = v.pipe(
  v.object({
    resourceRules: v.pipe(v.array(ResourceRuleSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    nonResourceRules: v.pipe(v.array(NonResourceRuleSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    incomplete: v.boolean(),
    evaluationError: v.optional(v.string()),
  }),
  v.description(
    "SubjectRulesReviewStatus contains the result of a rules check. This check can be incomplete depending on the set of authorizers the server is configured with and any errors experienced during evaluation. Because authorization rules are additive, if a rule appears in a list it's safe to assume the subject has that permission, even if that list is incomplete.",
  ),
  fieldDocs({
    resourceRules:
      "ResourceRules is the list of actions the subject is allowed to perform on resources. The list ordering isn't significant, may contain duplicates, and possibly be incomplete.",
    nonResourceRules:
      "NonResourceRules is the list of actions the subject is allowed to perform on non-resources. The list ordering isn't significant, may contain duplicates, and possibly be incomplete.",
    incomplete:
      "Incomplete is true when the rules returned by this call are incomplete. This is most commonly encountered when an authorizer, such as an external authorizer, doesn't support rules evaluation.",
    evaluationError:
      "EvaluationError can appear in combination with Rules. It indicates an error occurred during rule evaluation, such as an authorizer that doesn't support rule evaluation, and that ResourceRules and/or NonResourceRules may be incomplete.",
  }),
);

/**
 * SubjectRulesReviewStatus as TypeScript sees it (see {@link SubjectRulesReviewStatusSchema}).
 *
 * @example
 * ```ts
 * import type { SubjectRulesReviewStatus } from "@skiff/kinds";
 *
 * const status: SubjectRulesReviewStatus = { resourceRules: [], nonResourceRules: [], incomplete: false };
 * ```
 */
export type SubjectRulesReviewStatus = v.InferOutput<typeof SubjectRulesReviewStatusSchema>;

/**
 * SelfSubjectRulesReview enumerates the set of actions the current user can perform within a namespace.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SelfSubjectRulesReviewSchema } from "@skiff/kinds";
 *
 * v.parse(SelfSubjectRulesReviewSchema, { spec: { namespace: "default" } });
 * ```
 */
export const SelfSubjectRulesReviewSchema = review(
  "SelfSubjectRulesReview enumerates the set of actions the current user can perform within a namespace. The returned list of actions may be incomplete depending on the server's authorization mode, and any errors experienced during the evaluation. SelfSubjectRulesReview should be used by UIs to show/hide actions, or to quickly let an end user reason about their permissions. It should NOT Be used by external systems to drive authorization decisions as this raises confused deputy, cache lifetime/revocation, and correctness concerns. SubjectAccessReview, and LocalAccessReview are the correct way to defer authorization decisions to the API server.",
  v.pipe(
    v.object({ namespace: v.optional(v.string()) }),
    v.description("SelfSubjectRulesReviewSpec defines the specification for SelfSubjectRulesReview."),
    fieldDocs({ namespace: "Namespace to evaluate rules for. Required." }),
  ),
  "Spec holds information about the request being evaluated.",
  SubjectRulesReviewStatusSchema,
  "Status is filled in by the server and indicates the set of actions a user can perform.",
);

/**
 * SelfSubjectRulesReview as TypeScript sees it (see {@link SelfSubjectRulesReviewSchema}).
 *
 * @example
 * ```ts
 * import type { SelfSubjectRulesReview } from "@skiff/kinds";
 *
 * const review: SelfSubjectRulesReview = { spec: { namespace: "default" } };
 * ```
 */
export type SelfSubjectRulesReview = v.InferOutput<typeof SelfSubjectRulesReviewSchema>;

/**
 * UserInfo holds the information about the user needed to implement the user.Info interface.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { AuthenticationUserInfoSchema } from "@skiff/kinds";
 *
 * v.parse(AuthenticationUserInfoSchema, { username: "alice", groups: ["system:authenticated"] });
 * ```
 */
export const AuthenticationUserInfoSchema = v.pipe(
  v.object({
    username: v.optional(v.string()),
    uid: v.optional(v.string()),
    groups: v.optional(atomicStrings()),
    extra: v.optional(extraMap()),
  }),
  v.description("UserInfo holds the information about the user needed to implement the user.Info interface."),
  fieldDocs({
    username: "The name that uniquely identifies this user among all active users.",
    uid:
      "A unique value that identifies this user across time. If this user is deleted and another user by the same name is added, they will have different UIDs.",
    groups: "The names of groups this user is a part of.",
    extra: "Any additional information provided by the authenticator.",
  }),
);

/**
 * SelfSubjectReview contains the user information that the kube-apiserver has about the user making this request.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SelfSubjectReviewSchema } from "@skiff/kinds";
 *
 * v.parse(SelfSubjectReviewSchema, { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" });
 * ```
 */
export const SelfSubjectReviewSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    status: v.optional(
      v.pipe(
        v.object({ userInfo: v.optional(AuthenticationUserInfoSchema) }),
        v.description("SelfSubjectReviewStatus is filled by the kube-apiserver and sent back to a user."),
        fieldDocs({ userInfo: "User attributes of the user making this request." }),
      ),
    ),
  }),
  v.description(
    "SelfSubjectReview contains the user information that the kube-apiserver has about the user making this request. When using impersonation, users will receive the user info of the user being impersonated.  If impersonation or request header authentication is used, any extra keys will have their case ignored and returned as lowercase.",
  ),
  fieldDocs({
    ...TYPE_META_DOCS,
    status: "Status is filled in by the server with the user attributes.",
  }),
);

/**
 * SelfSubjectReview as TypeScript sees it (see {@link SelfSubjectReviewSchema}).
 *
 * @example
 * ```ts
 * import type { SelfSubjectReview } from "@skiff/kinds";
 *
 * const review: SelfSubjectReview = { status: { userInfo: { username: "alice" } } };
 * ```
 */
export type SelfSubjectReview = v.InferOutput<typeof SelfSubjectReviewSchema>;
