/**
 * The built-in kinds every Skiff cluster serves, as ResourceDefinitions. Names, short names,
 * categories, scope and subresources are Kubernetes' own (`kubectl api-resources` on a real cluster);
 * only the status subresource is declared here, the API layer adds pods' binding, log, exec and the rest.
 *
 * @module
 */
import type { ResourceDefinition } from "../schema/types.ts";
import { toDefinition } from "./definition.ts";
import { PodSchema } from "./api/pod.ts";
import { NamespaceSchema } from "./api/namespace.ts";
import { NodeSchema } from "./api/node.ts";
import { EventSchema } from "./api/event.ts";
import { EventsV1EventSchema } from "./api/events_v1_event.ts";
import { LeaseSchema } from "./api/lease.ts";
import { ServiceAccountSchema } from "./api/service_account.ts";
import { CustomResourceDefinitionSchema } from "./api/custom_resource_definition.ts";
import { ClusterRoleBindingSchema, ClusterRoleSchema, RoleBindingSchema, RoleSchema } from "./api/rbac.ts";
import {
  MutatingWebhookConfigurationSchema,
  ValidatingWebhookConfigurationSchema,
} from "./api/admission_registration.ts";
import {
  LocalSubjectAccessReviewSchema,
  SelfSubjectAccessReviewSchema,
  SelfSubjectReviewSchema,
  SelfSubjectRulesReviewSchema,
  SubjectAccessReviewSchema,
} from "./api/access_review.ts";

/**
 * v1 Namespace.
 *
 * @example
 * ```ts
 * import { namespaceDefinition } from "@skiff/kinds";
 *
 * namespaceDefinition.names.shortNames; // ["ns"]
 * ```
 */
export const namespaceDefinition: ResourceDefinition = toDefinition({
  group: "",
  version: "v1",
  kind: "Namespace",
  plural: "namespaces",
  shortNames: ["ns"],
  scope: "Cluster",
  schema: NamespaceSchema,
  status: true,
});

/**
 * v1 Node.
 *
 * @example
 * ```ts
 * import { nodeDefinition } from "@skiff/kinds";
 *
 * nodeDefinition.scope; // "Cluster"
 * ```
 */
export const nodeDefinition: ResourceDefinition = toDefinition({
  group: "",
  version: "v1",
  kind: "Node",
  plural: "nodes",
  shortNames: ["no"],
  scope: "Cluster",
  schema: NodeSchema,
  status: true,
});

/**
 * v1 Pod, in the "all" category (`kubectl get all`).
 *
 * @example
 * ```ts
 * import { podDefinition } from "@skiff/kinds";
 *
 * podDefinition.names.categories; // ["all"]
 * ```
 */
export const podDefinition: ResourceDefinition = toDefinition({
  group: "",
  version: "v1",
  kind: "Pod",
  plural: "pods",
  shortNames: ["po"],
  categories: ["all"],
  scope: "Namespaced",
  schema: PodSchema,
  status: true,
});

/**
 * v1 Event (core). Kubernetes serves it and events.k8s.io/v1 Event from one store, converting between
 * the two shapes (conversion/event.ts); the API server does the same with these two definitions.
 *
 * @example
 * ```ts
 * import { eventDefinition } from "@skiff/kinds";
 *
 * eventDefinition.names.shortNames; // ["ev"]
 * ```
 */
export const eventDefinition: ResourceDefinition = toDefinition({
  group: "",
  version: "v1",
  kind: "Event",
  plural: "events",
  shortNames: ["ev"],
  scope: "Namespaced",
  schema: EventSchema,
});

/**
 * events.k8s.io/v1 Event.
 *
 * @example
 * ```ts
 * import { eventsV1EventDefinition } from "@skiff/kinds";
 *
 * eventsV1EventDefinition.group; // "events.k8s.io"
 * ```
 */
export const eventsV1EventDefinition: ResourceDefinition = toDefinition({
  group: "events.k8s.io",
  version: "v1",
  kind: "Event",
  plural: "events",
  shortNames: ["ev"],
  scope: "Namespaced",
  schema: EventsV1EventSchema,
});

/**
 * coordination.k8s.io/v1 Lease.
 *
 * @example
 * ```ts
 * import { leaseDefinition } from "@skiff/kinds";
 *
 * leaseDefinition.names.plural; // "leases"
 * ```
 */
export const leaseDefinition: ResourceDefinition = toDefinition({
  group: "coordination.k8s.io",
  version: "v1",
  kind: "Lease",
  plural: "leases",
  scope: "Namespaced",
  schema: LeaseSchema,
});

/**
 * v1 ServiceAccount.
 *
 * @example
 * ```ts
 * import { serviceAccountDefinition } from "@skiff/kinds";
 *
 * serviceAccountDefinition.names.shortNames; // ["sa"]
 * ```
 */
export const serviceAccountDefinition: ResourceDefinition = toDefinition({
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  plural: "serviceaccounts",
  shortNames: ["sa"],
  scope: "Namespaced",
  schema: ServiceAccountSchema,
});

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition, in the "api-extensions" category.
 *
 * @example
 * ```ts
 * import { customResourceDefinitionDefinition } from "@skiff/kinds";
 *
 * customResourceDefinitionDefinition.names.shortNames; // ["crd", "crds"]
 * ```
 */
export const customResourceDefinitionDefinition: ResourceDefinition = toDefinition({
  group: "apiextensions.k8s.io",
  version: "v1",
  kind: "CustomResourceDefinition",
  plural: "customresourcedefinitions",
  shortNames: ["crd", "crds"],
  categories: ["api-extensions"],
  scope: "Cluster",
  schema: CustomResourceDefinitionSchema,
  status: true,
});

const RBAC = { group: "rbac.authorization.k8s.io", version: "v1" } as const;

/**
 * rbac.authorization.k8s.io/v1 Role.
 *
 * @example
 * ```ts
 * import { roleDefinition } from "@skiff/kinds";
 *
 * roleDefinition.scope; // "Namespaced"
 * ```
 */
export const roleDefinition: ResourceDefinition = toDefinition({
  ...RBAC,
  kind: "Role",
  plural: "roles",
  scope: "Namespaced",
  schema: RoleSchema,
});

/**
 * rbac.authorization.k8s.io/v1 ClusterRole.
 *
 * @example
 * ```ts
 * import { clusterRoleDefinition } from "@skiff/kinds";
 *
 * clusterRoleDefinition.scope; // "Cluster"
 * ```
 */
export const clusterRoleDefinition: ResourceDefinition = toDefinition({
  ...RBAC,
  kind: "ClusterRole",
  plural: "clusterroles",
  scope: "Cluster",
  schema: ClusterRoleSchema,
});

/**
 * rbac.authorization.k8s.io/v1 RoleBinding.
 *
 * @example
 * ```ts
 * import { roleBindingDefinition } from "@skiff/kinds";
 *
 * roleBindingDefinition.names.plural; // "rolebindings"
 * ```
 */
export const roleBindingDefinition: ResourceDefinition = toDefinition({
  ...RBAC,
  kind: "RoleBinding",
  plural: "rolebindings",
  scope: "Namespaced",
  schema: RoleBindingSchema,
});

/**
 * rbac.authorization.k8s.io/v1 ClusterRoleBinding.
 *
 * @example
 * ```ts
 * import { clusterRoleBindingDefinition } from "@skiff/kinds";
 *
 * clusterRoleBindingDefinition.names.plural; // "clusterrolebindings"
 * ```
 */
export const clusterRoleBindingDefinition: ResourceDefinition = toDefinition({
  ...RBAC,
  kind: "ClusterRoleBinding",
  plural: "clusterrolebindings",
  scope: "Cluster",
  schema: ClusterRoleBindingSchema,
});

const ADMISSION_REGISTRATION = { group: "admissionregistration.k8s.io", version: "v1" } as const;

/**
 * admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration, in the "api-extensions" category.
 *
 * @example
 * ```ts
 * import { validatingWebhookConfigurationDefinition } from "@skiff/kinds";
 *
 * validatingWebhookConfigurationDefinition.scope; // "Cluster"
 * ```
 */
export const validatingWebhookConfigurationDefinition: ResourceDefinition = toDefinition({
  ...ADMISSION_REGISTRATION,
  kind: "ValidatingWebhookConfiguration",
  plural: "validatingwebhookconfigurations",
  categories: ["api-extensions"],
  scope: "Cluster",
  schema: ValidatingWebhookConfigurationSchema,
});

/**
 * admissionregistration.k8s.io/v1 MutatingWebhookConfiguration, in the "api-extensions" category.
 *
 * @example
 * ```ts
 * import { mutatingWebhookConfigurationDefinition } from "@skiff/kinds";
 *
 * mutatingWebhookConfigurationDefinition.names.plural; // "mutatingwebhookconfigurations"
 * ```
 */
export const mutatingWebhookConfigurationDefinition: ResourceDefinition = toDefinition({
  ...ADMISSION_REGISTRATION,
  kind: "MutatingWebhookConfiguration",
  plural: "mutatingwebhookconfigurations",
  categories: ["api-extensions"],
  scope: "Cluster",
  schema: MutatingWebhookConfigurationSchema,
});

/**
 * Every built-in kind, in the order the API server should register them (namespaces first).
 *
 * @example
 * ```ts
 * import { builtinDefinitions } from "@skiff/kinds";
 *
 * builtinDefinitions.map((d) => d.names.plural);
 * ```
 */
export const builtinDefinitions: ResourceDefinition[] = [
  namespaceDefinition,
  nodeDefinition,
  podDefinition,
  eventDefinition,
  eventsV1EventDefinition,
  leaseDefinition,
  serviceAccountDefinition,
  customResourceDefinitionDefinition,
  roleDefinition,
  clusterRoleDefinition,
  roleBindingDefinition,
  clusterRoleBindingDefinition,
  validatingWebhookConfigurationDefinition,
  mutatingWebhookConfigurationDefinition,
];

const AUTHORIZATION = { group: "authorization.k8s.io", version: "v1" } as const;

/**
 * The access reviews: kinds that are only created, answered from the request and never stored
 * (authorization.k8s.io/v1 SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview,
 * LocalSubjectAccessReview and authentication.k8s.io/v1 SelfSubjectReview). They are no CRDs, so they
 * are not among {@link builtinDefinitions}; the API server serves them with only the create verb.
 *
 * @example
 * ```ts
 * import { accessReviewDefinitions } from "@skiff/kinds";
 *
 * accessReviewDefinitions.map((d) => d.names.plural).includes("selfsubjectaccessreviews"); // true
 * ```
 */
export const accessReviewDefinitions: ResourceDefinition[] = [
  toDefinition({
    ...AUTHORIZATION,
    kind: "SelfSubjectAccessReview",
    plural: "selfsubjectaccessreviews",
    scope: "Cluster",
    schema: SelfSubjectAccessReviewSchema,
  }),
  toDefinition({
    ...AUTHORIZATION,
    kind: "SelfSubjectRulesReview",
    plural: "selfsubjectrulesreviews",
    scope: "Cluster",
    schema: SelfSubjectRulesReviewSchema,
  }),
  toDefinition({
    ...AUTHORIZATION,
    kind: "SubjectAccessReview",
    plural: "subjectaccessreviews",
    scope: "Cluster",
    schema: SubjectAccessReviewSchema,
  }),
  toDefinition({
    ...AUTHORIZATION,
    kind: "LocalSubjectAccessReview",
    plural: "localsubjectaccessreviews",
    scope: "Namespaced",
    schema: LocalSubjectAccessReviewSchema,
  }),
  toDefinition({
    group: "authentication.k8s.io",
    version: "v1",
    kind: "SelfSubjectReview",
    plural: "selfsubjectreviews",
    scope: "Cluster",
    schema: SelfSubjectReviewSchema,
  }),
];
