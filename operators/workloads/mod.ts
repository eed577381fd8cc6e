/**
 * The workloads module: Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision, Job, CronJob
 * and ReplicationController. Their schemas and definitions, Kubernetes' defaulting and validation wired
 * as admission steps, label selectors, the deployment controller's rollout arithmetic and CronJob
 * schedules; the ReplicaSet (and ReplicationController) and Deployment controllers, and the module as
 * an operator (`workloadsOperator`, bundled by `skiff up` as "workloads").
 *
 * @example
 * ```ts
 * import { defaultDeployment, validateDeployment, workloadsDefinitions } from "@skiff/workloads";
 *
 * const d = defaultDeployment({
 *   metadata: { name: "web", namespace: "default" },
 *   spec: {
 *     selector: { matchLabels: { app: "web" } },
 *     template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
 *   },
 * });
 * validateDeployment(d); // []
 * workloadsDefinitions.length; // 8
 * ```
 *
 * @module
 */
export * from "./api/mod.ts";
export * from "./defaults/mod.ts";
export * from "./validation/mod.ts";
export * from "./admission/mod.ts";
export * from "./selector/selector.ts";
export * from "./rollout/mod.ts";
export * from "./cron/mod.ts";
export * from "./printers/mod.ts";
export * from "./resources.ts";
export * from "./controller/mod.ts";
export * from "./replicaset/mod.ts";
export * from "./deployment/mod.ts";
export * from "./job/mod.ts";
export * from "./cronjob/mod.ts";
export * from "./history/mod.ts";
export * from "./statefulset/mod.ts";
export * from "./daemonset/mod.ts";
export * from "./operator.ts";
