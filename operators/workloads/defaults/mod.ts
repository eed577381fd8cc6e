/**
 * Kubernetes' defaulting of the workload kinds (SetDefaults_* in pkg/apis/apps/v1, pkg/apis/batch/v1
 * and pkg/apis/core/v1), pod templates included, and a Job's generated selector.
 *
 * @example
 * ```ts
 * import { defaultDeployment } from "@skiff/workloads";
 *
 * defaultDeployment({ spec: { selector: {}, template: {} } }).spec?.progressDeadlineSeconds; // 600
 * ```
 *
 * @module
 */
export * from "./apps.ts";
export * from "./batch.ts";
export * from "./replication_controller.ts";
