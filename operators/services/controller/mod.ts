/**
 * The services module's runnables: the allocators' start and repair, and the `kubernetes` Service.
 *
 * @example
 * ```ts
 * import { kubernetesService } from "@skiff/services";
 *
 * kubernetesService("10.96.0.1", 6443).metadata!.labels; // { component: "apiserver", provider: "kubernetes" }
 * ```
 *
 * @module
 */
export * from "./allocator_sync.ts";
export * from "./kubernetes_service.ts";
