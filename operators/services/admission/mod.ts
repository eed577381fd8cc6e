/**
 * The Service write path (defaulting, validation, allocation) as admission steps.
 *
 * @example
 * ```ts
 * import { ServiceAllocator, serviceAdmissionSteps } from "@skiff/services";
 *
 * serviceAdmissionSteps(new ServiceAllocator()).map((s) => s.name); // ["services-defaults", "services-release"]
 * ```
 *
 * @module
 */
export * from "./admission.ts";
