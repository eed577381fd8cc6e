/**
 * List kinds (PodList, NamespaceList, ...): what a collection GET returns. They have no definition of
 * their own; the API server builds them from `names.listKind`.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs } from "../k8s.ts";
import { ListMetaSchema } from "./meta.ts";
import { PodSchema } from "./pod.ts";
import { NamespaceSchema } from "./namespace.ts";
import { NodeSchema } from "./node.ts";
import { EventSchema } from "./event.ts";
import { EventsV1EventSchema } from "./events_v1_event.ts";
import { LeaseSchema } from "./lease.ts";
import { ServiceAccountSchema } from "./service_account.ts";
import { CustomResourceDefinitionSchema } from "./custom_resource_definition.ts";

/**
 * The schema of a list of `item`: apiVersion, kind, list metadata and items.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { listSchema, PodSchema } from "@skiff/kinds";
 *
 * v.parse(listSchema(PodSchema), { apiVersion: "v1", kind: "PodList", metadata: {}, items: [] });
 * ```
 */
export function listSchema<T extends v.GenericSchema>(item: T) {
  return v.pipe(
    v.object({
      apiVersion: v.optional(v.string()),
      kind: v.optional(v.string()),
      metadata: v.optional(ListMetaSchema),
      items: v.array(item),
    }),
    fieldDocs({
      apiVersion:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      kind:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      metadata:
        "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      items: "List of objects.",
    }),
  );
}

/**
 * A list of items of type T, as a collection GET returns it.
 *
 * @example
 * ```ts
 * import type { List, Pod } from "@skiff/kinds";
 *
 * const pods: List<Pod> = { apiVersion: "v1", kind: "PodList", metadata: { resourceVersion: "7" }, items: [] };
 * ```
 */
export type List<T> = Omit<v.InferOutput<ReturnType<typeof listSchema>>, "items"> & { items: T[] };

/**
 * PodList.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodListSchema } from "@skiff/kinds";
 *
 * v.parse(PodListSchema, { items: [] });
 * ```
 */
export const PodListSchema = listSchema(PodSchema);
/**
 * NamespaceList.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NamespaceListSchema } from "@skiff/kinds";
 *
 * v.parse(NamespaceListSchema, { items: [] });
 * ```
 */
export const NamespaceListSchema = listSchema(NamespaceSchema);
/**
 * NodeList.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeListSchema } from "@skiff/kinds";
 *
 * v.parse(NodeListSchema, { items: [] });
 * ```
 */
export const NodeListSchema = listSchema(NodeSchema);
/**
 * EventList (core/v1).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EventListSchema } from "@skiff/kinds";
 *
 * v.parse(EventListSchema, { items: [] });
 * ```
 */
export const EventListSchema = listSchema(EventSchema);
/**
 * EventList (events.k8s.io/v1).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { EventsV1EventListSchema } from "@skiff/kinds";
 *
 * v.parse(EventsV1EventListSchema, { items: [] });
 * ```
 */
export const EventsV1EventListSchema = listSchema(EventsV1EventSchema);
/**
 * LeaseList.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LeaseListSchema } from "@skiff/kinds";
 *
 * v.parse(LeaseListSchema, { items: [] });
 * ```
 */
export const LeaseListSchema = listSchema(LeaseSchema);
/**
 * ServiceAccountList.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServiceAccountListSchema } from "@skiff/kinds";
 *
 * v.parse(ServiceAccountListSchema, { items: [] });
 * ```
 */
export const ServiceAccountListSchema = listSchema(ServiceAccountSchema);
/**
 * CustomResourceDefinitionList.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceDefinitionListSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceDefinitionListSchema, { items: [] });
 * ```
 */
export const CustomResourceDefinitionListSchema = listSchema(CustomResourceDefinitionSchema);

/**
 * PodList as TypeScript sees it.
 *
 * @example
 * ```ts
 * import type { PodList } from "@skiff/kinds";
 *
 * const list: PodList = { items: [] };
 * ```
 */
export type PodList = v.InferOutput<typeof PodListSchema>;
/**
 * NamespaceList as TypeScript sees it.
 *
 * @example
 * ```ts
 * import type { NamespaceList } from "@skiff/kinds";
 *
 * const list: NamespaceList = { items: [] };
 * ```
 */
export type NamespaceList = v.InferOutput<typeof NamespaceListSchema>;
/**
 * NodeList as TypeScript sees it.
 *
 * @example
 * ```ts
 * import type { NodeList } from "@skiff/kinds";
 *
 * const list: NodeList = { items: [] };
 * ```
 */
export type NodeList = v.InferOutput<typeof NodeListSchema>;
/**
 * EventList as TypeScript sees it.
 *
 * @example
 * ```ts
 * import type { EventList } from "@skiff/kinds";
 *
 * const list: EventList = { items: [] };
 * ```
 */
export type EventList = v.InferOutput<typeof EventListSchema>;
/**
 * EventsV1EventList as TypeScript sees it.
 *
 * @example
 * ```ts
 * import type { EventsV1EventList } from "@skiff/kinds";
 *
 * const list: EventsV1EventList = { items: [] };
 * ```
 */
export type EventsV1EventList = v.InferOutput<typeof EventsV1EventListSchema>;
/**
 * LeaseList as TypeScript sees it.
 *
 * @example
 * ```ts
 * import type { LeaseList } from "@skiff/kinds";
 *
 * const list: LeaseList = { items: [] };
 * ```
 */
export type LeaseList = v.InferOutput<typeof LeaseListSchema>;
/**
 * ServiceAccountList as TypeScript sees it.
 *
 * @example
 * ```ts
 * import type { ServiceAccountList } from "@skiff/kinds";
 *
 * const list: ServiceAccountList = { items: [] };
 * ```
 */
export type ServiceAccountList = v.InferOutput<typeof ServiceAccountListSchema>;
/**
 * CustomResourceDefinitionList as TypeScript sees it.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionList } from "@skiff/kinds";
 *
 * const list: CustomResourceDefinitionList = { items: [] };
 * ```
 */
export type CustomResourceDefinitionList = v.InferOutput<typeof CustomResourceDefinitionListSchema>;
