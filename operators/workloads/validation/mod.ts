/**
 * Validation of the workload kinds beyond their schemas, with Kubernetes' field paths and messages
 * (pkg/apis/apps/validation, pkg/apis/batch/validation, and the ReplicationController part of
 * pkg/apis/core/validation). Every function returns FieldErrors as core/kinds' validators do.
 *
 * @example
 * ```ts
 * import { validateReplicaSet } from "@skiff/workloads";
 *
 * validateReplicaSet({ spec: { replicas: -1, selector: { matchLabels: { app: "x" } }, template: {} } })[0].field; // "spec.replicas"
 * ```
 *
 * @module
 */
export * from "./apps.ts";
export * from "./batch.ts";
export * from "./replication_controller.ts";
