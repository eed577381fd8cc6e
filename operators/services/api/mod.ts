/**
 * The services module's kinds as valibot schemas with their TypeScript types (v1 Service) and their
 * ResourceDefinitions.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServiceSchema, servicesDefinitions } from "@skiff/services";
 *
 * v.parse(ServiceSchema, { apiVersion: "v1", kind: "Service", metadata: { name: "web" } });
 * servicesDefinitions.length; // 1
 * ```
 *
 * @module
 */
export * from "./service.ts";
export * from "./definitions.ts";
