/**
 * ClusterIP and NodePort allocation over IPv4 ranges.
 *
 * @example
 * ```ts
 * import { ServiceAllocator } from "@skiff/services";
 *
 * new ServiceAllocator({ serviceCIDR: "10.96.0.0/12" }).range.first; // "10.96.0.1"
 * ```
 *
 * @module
 */
export * from "./cidr.ts";
export * from "./allocator.ts";
