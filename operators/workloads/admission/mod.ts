/**
 * The workload kinds' defaults and validation as admission steps.
 *
 * @example
 * ```ts
 * import { admissionSteps } from "@skiff/workloads";
 *
 * admissionSteps.map((s) => s.kinds?.[0]); // ["apps/v1/Deployment", ...]
 * ```
 *
 * @module
 */
export * from "./admission.ts";
