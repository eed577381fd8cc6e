/**
 * Kubernetes' defaulting of Services and the Service registry's preparation of creates and updates.
 *
 * @example
 * ```ts
 * import { defaultService } from "@skiff/services";
 *
 * defaultService({ spec: { ports: [{ port: 80 }] } }).spec!.type; // "ClusterIP"
 * ```
 *
 * @module
 */
export * from "./service.ts";
