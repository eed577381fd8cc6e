/**
 * The deployment and ReplicaSet controllers' pure arithmetic: rolling update fenceposts, new ReplicaSet
 * sizes, proportional scaling, pod-template-hash, revision annotations and the pod deletion order.
 *
 * @example
 * ```ts
 * import { resolveFenceposts } from "@skiff/workloads";
 *
 * resolveFenceposts("25%", "25%", 10); // { maxSurge: 3, maxUnavailable: 2 }
 * ```
 *
 * @module
 */
export * from "./fenceposts.ts";
export * from "./hash.ts";
export * from "./revision.ts";
export * from "./pod_ranking.ts";
