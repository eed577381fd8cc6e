/**
 * The scheduling algorithm of kube-scheduler's default profile, as pure TypeScript over Skiff's Pod and
 * Node types: a Snapshot of nodes and their pods kept current from informers, the filter plugins
 * (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
 * PodTopologySpread, InterPodAffinity) and score plugins (TaintToleration, NodeAffinity,
 * NodeResourcesFit LeastAllocated, PodTopologySpread, InterPodAffinity, BalancedAllocation,
 * ImageLocality) with Kubernetes' reasons, weights and normalization, and `schedule`, which picks a
 * node or returns the FailedScheduling message Kubernetes 1.32 prints.
 *
 * On top of it the scheduler module (`schedulerOperator`, bundled as `scheduler`): the SchedulerController
 * (informers -> Snapshot with assumed pods, a SchedulingQueue with activeQ/backoffQ/unschedulable,
 * bindings written while the next pod is scheduled, FailedScheduling and Scheduled Events), the
 * NodeLifecycleController (unreachable taints for nodes whose Lease stopped, NoExecute eviction) and
 * the DefaultTolerationSeconds admission step.
 *
 * @example
 * ```ts
 * import { Scheduler, Snapshot } from "@skiff/scheduler";
 *
 * const snapshot = Snapshot.from({ nodes: [
 *   { metadata: { name: "a", labels: { disk: "ssd" } }, status: { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } } },
 *   { metadata: { name: "b" }, status: { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } } },
 * ] });
 * const scheduler = new Scheduler();
 * const pod = { metadata: { name: "db", namespace: "default" }, spec: { nodeSelector: { disk: "ssd" }, containers: [{ name: "db" }] } };
 * const result = scheduler.schedule(pod, snapshot);
 * result.node; // "a"
 * snapshot.addPod({ ...pod, spec: { ...pod.spec, nodeName: result.node } }); // assume it, then bind
 * ```
 *
 * @module
 */
export * from "./framework.ts";
export * from "./resources.ts";
export * from "./tolerations.ts";
export * from "./pod_info.ts";
export * from "./node_info.ts";
export * from "./snapshot.ts";
export * from "./topology_aggregate.ts";
export * from "./fit_error.ts";
export * from "./preemption.ts";
export * from "./schedule.ts";
export * from "./plugins/node_unschedulable.ts";
export * from "./plugins/node_name.ts";
export * from "./plugins/taint_toleration.ts";
export * from "./plugins/node_affinity.ts";
export * from "./plugins/node_ports.ts";
export * from "./plugins/node_resources_fit.ts";
export * from "./plugins/balanced_allocation.ts";
export * from "./plugins/image_locality.ts";
export * from "./plugins/inter_pod_affinity.ts";
export * from "./plugins/pod_topology_spread.ts";
export * from "./controller/queue.ts";
export * from "./controller/cache.ts";
export * from "./controller/scheduler_controller.ts";
export * from "./nodelifecycle/taints.ts";
export * from "./nodelifecycle/eviction.ts";
export * from "./nodelifecycle/default_toleration_seconds.ts";
export * from "./nodelifecycle/controller.ts";
export * from "./operator.ts";
