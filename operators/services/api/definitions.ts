/**
 * The Service kind as a ResourceDefinition: v1 in the legacy group (served at /api/v1), `svc`, in "all",
 * with a status subresource, as `kubectl api-resources` lists it on Kubernetes 1.32.
 *
 * @module
 */
import { toDefinition } from "@skiff/kinds";
import type { ResourceDefinition } from "@skiff/schema";
import { ServiceSchema } from "./service.ts";

/**
 * v1 Service (`svc`, in "all").
 *
 * @example
 * ```ts
 * import { serviceDefinition } from "@skiff/services";
 *
 * serviceDefinition.names.shortNames; // ["svc"]
 * ```
 */
export const serviceDefinition: ResourceDefinition = toDefinition({
  group: "",
  version: "v1",
  kind: "Service",
  plural: "services",
  shortNames: ["svc"],
  categories: ["all"],
  scope: "Namespaced",
  schema: ServiceSchema,
  status: true,
});

/**
 * Every kind the services module serves.
 *
 * @example
 * ```ts
 * import { servicesDefinitions } from "@skiff/services";
 *
 * servicesDefinitions.map((d) => d.names.plural); // ["services"]
 * ```
 */
export const servicesDefinitions: ResourceDefinition[] = [serviceDefinition];
