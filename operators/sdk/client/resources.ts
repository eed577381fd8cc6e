/**
 * ResourceRefs: typed ones from valibot schemas (the built-in kinds' are here), untyped ones from a
 * CustomResourceDefinition.
 *
 * @module
 */
import type * as v from "valibot";
import {
  type CustomResourceDefinition,
  CustomResourceDefinitionSchema,
  type Event,
  EventSchema,
  type Lease,
  LeaseSchema,
  type Namespace,
  NamespaceSchema,
  type Node,
  NodeSchema,
  type Pod,
  PodSchema,
  type ServiceAccount,
  ServiceAccountSchema,
} from "@skiff/kinds";
import type { KubeObject, ResourceRef } from "./types.ts";

/**
 * A typed ResourceRef: `T` is what the schema outputs. The schema only types the client; objects are
 * not parsed with it (valibot would drop fields the schema does not name).
 *
 * @example
 * ```ts
 * const widgets = defineResource({ group: "example.com", version: "v1", plural: "widgets", kind: "Widget", namespaced: true, schema: WidgetSchema });
 * const w = await client.resource(widgets).get("w"); // typed as v.InferOutput<typeof WidgetSchema>
 * ```
 */
export function defineResource<S extends v.GenericSchema>(
  ref: ResourceRef<unknown> & { schema: S },
): ResourceRef<v.InferOutput<S>> {
  const { group, version, plural, kind, namespaced } = ref;
  return { group, version, plural, kind, namespaced };
}

/**
 * The parts of a CRD's spec (or a ResourceDefinition) that address its kind.
 *
 * @example
 * ```ts
 * const def: DefinitionLike = { group: "example.com", names: { plural: "widgets", kind: "Widget" }, scope: "Namespaced", versions: [{ name: "v1" }] };
 * ```
 */
export interface DefinitionLike {
  group: string;
  names: { plural: string; kind: string };
  scope: string;
  versions: { name: string; served?: boolean; storage?: boolean }[];
}

/**
 * The untyped ResourceRef of a CustomResourceDefinition (or its spec): `version` if given, else its
 * storage version.
 *
 * @example
 * ```ts
 * const ref = resourceFromCrd(crd);
 * const widgets = client.resource(ref).namespace("default");
 * ```
 */
export function resourceFromCrd(
  crd: { spec: DefinitionLike } | DefinitionLike,
  version?: string,
): ResourceRef<KubeObject> {
  const def = "spec" in crd ? crd.spec : crd;
  const served = def.versions.filter((v) => v.served !== false);
  const chosen = version ?? (served.find((v) => v.storage) ?? served[0])?.name;
  if (!chosen) throw new TypeError(`${def.names.kind} has no served version`);
  return {
    group: def.group,
    version: chosen,
    plural: def.names.plural,
    kind: def.names.kind,
    namespaced: def.scope === "Namespaced",
  };
}

/**
 * v1 Pods.
 *
 * @example
 * ```ts
 * const pods = client.resource(podsResource).namespace("default");
 * ```
 */
export const podsResource: ResourceRef<Pod> = defineResource({
  group: "",
  version: "v1",
  plural: "pods",
  kind: "Pod",
  namespaced: true,
  schema: PodSchema,
});

/**
 * v1 Namespaces.
 *
 * @example
 * ```ts
 * await client.resource(namespacesResource).create({ metadata: { name: "team-a" } });
 * ```
 */
export const namespacesResource: ResourceRef<Namespace> = defineResource({
  group: "",
  version: "v1",
  plural: "namespaces",
  kind: "Namespace",
  namespaced: false,
  schema: NamespaceSchema,
});

/**
 * v1 Nodes.
 *
 * @example
 * ```ts
 * const nodes = await client.resource(nodesResource).list();
 * ```
 */
export const nodesResource: ResourceRef<Node> = defineResource({
  group: "",
  version: "v1",
  plural: "nodes",
  kind: "Node",
  namespaced: false,
  schema: NodeSchema,
});

/**
 * v1 Events.
 *
 * @example
 * ```ts
 * const events = await client.resource(eventsResource).namespace("default").list();
 * ```
 */
export const eventsResource: ResourceRef<Event> = defineResource({
  group: "",
  version: "v1",
  plural: "events",
  kind: "Event",
  namespaced: true,
  schema: EventSchema,
});

/**
 * coordination.k8s.io/v1 Leases.
 *
 * @example
 * ```ts
 * const lease = await client.resource(leasesResource).namespace("kube-system").get("my-controller");
 * ```
 */
export const leasesResource: ResourceRef<Lease> = defineResource({
  group: "coordination.k8s.io",
  version: "v1",
  plural: "leases",
  kind: "Lease",
  namespaced: true,
  schema: LeaseSchema,
});

/**
 * v1 ServiceAccounts.
 *
 * @example
 * ```ts
 * await client.resource(serviceAccountsResource).namespace("default").get("default");
 * ```
 */
export const serviceAccountsResource: ResourceRef<ServiceAccount> = defineResource({
  group: "",
  version: "v1",
  plural: "serviceaccounts",
  kind: "ServiceAccount",
  namespaced: true,
  schema: ServiceAccountSchema,
});

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinitions.
 *
 * @example
 * ```ts
 * const crds = await client.resource(customResourceDefinitionsResource).list();
 * ```
 */
export const customResourceDefinitionsResource: ResourceRef<CustomResourceDefinition> = defineResource({
  group: "apiextensions.k8s.io",
  version: "v1",
  plural: "customresourcedefinitions",
  kind: "CustomResourceDefinition",
  namespaced: false,
  schema: CustomResourceDefinitionSchema,
});
