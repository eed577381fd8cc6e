/**
 * The services module's kinds as SDK resources, for clients, informers and controllers.
 *
 * @module
 */
import { defineResource, type ResourceRef } from "@skiff/sdk";
import { type Service, ServiceSchema } from "./api/service.ts";

/**
 * v1 services.
 *
 * @example
 * ```ts
 * import { servicesResource } from "@skiff/services";
 *
 * await client.resource(servicesResource).namespace("default").get("kubernetes");
 * ```
 */
export const servicesResource: ResourceRef<Service> = defineResource({
  group: "",
  version: "v1",
  plural: "services",
  kind: "Service",
  namespaced: true,
  schema: ServiceSchema,
});
