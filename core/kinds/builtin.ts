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
 * the two shapes; here they are two definitions (crds/README.md says more).
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
];
