/**
 * The scheduler module: kube-scheduler's scheduling loop and kube-controller-manager's node lifecycle
 * (unreachable taints, NoExecute eviction) as one operator, with the DefaultTolerationSeconds admission
 * step. It serves no kinds of its own: it works on Pods, Nodes, Namespaces and Leases.
 *
 * @module
 */
import { defineOperator, type Operator } from "@skiff/sdk";
import { SchedulerController, type SchedulerControllerOptions } from "./controller/scheduler_controller.ts";
import { NodeLifecycleController, type NodeLifecycleOptions } from "./nodelifecycle/controller.ts";
import { defaultTolerationSecondsAdmission } from "./nodelifecycle/default_toleration_seconds.ts";

/** How the scheduler module is set up. */
export interface SchedulerOperatorOptions {
  scheduler?: SchedulerControllerOptions;
  nodeLifecycle?: NodeLifecycleOptions;
}

/**
 * The scheduler module with the given options (tests shorten the node grace period and backoffs).
 *
 * @example
 * ```ts
 * import { createSchedulerOperator } from "@skiff/scheduler";
 *
 * const op = createSchedulerOperator({ nodeLifecycle: { gracePeriodMs: 2000, monitorPeriodMs: 200 } });
 * op.controllers.length; // 2
 * ```
 */
export function createSchedulerOperator(options: SchedulerOperatorOptions = {}): Operator {
  return defineOperator({
    name: "scheduler",
    crds: [],
    controllers: [
      (ctx) => new SchedulerController(ctx, options.scheduler),
      (ctx) => new NodeLifecycleController(ctx, options.nodeLifecycle),
    ],
    admission: [defaultTolerationSecondsAdmission],
  });
}

/**
 * The scheduler module as `skiff up` bundles it, with Kubernetes' defaults.
 *
 * @example
 * ```ts
 * import { schedulerOperator } from "@skiff/scheduler";
 *
 * schedulerOperator.name; // "scheduler"
 * ```
 */
export const schedulerOperator: Operator = createSchedulerOperator();
