/**
 * Kubernetes' validation of Services, with its messages.
 *
 * @example
 * ```ts
 * import { defaultService, validateService } from "@skiff/services";
 *
 * validateService(defaultService({ metadata: { name: "web" }, spec: { ports: [{ port: 80 }] } })); // []
 * ```
 *
 * @module
 */
export * from "./service.ts";
