/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, rolling or on-delete
 * updates tracked by ControllerRevisions, Kubernetes' status counts; and the template-generation
 * admission step the API server's DaemonSet strategy amounts to.
 *
 * @example
 * ```ts
 * import { DaemonSetController, nodeShouldRunDaemonPod } from "@skiff/workloads";
 *
 * manager.add(new DaemonSetController());
 * nodeShouldRunDaemonPod(node, ds).shouldRun; // whether `node` gets a pod of `ds`
 * ```
 *
 * @module
 */
export { DaemonSetController, type DaemonSetControllerOptions } from "./controller.ts";
export { Backoff, type BackoffOptions } from "./backoff.ts";
export { daemonSetRevisionData, matchesDaemonSetRevision } from "./history.ts";
export {
  newDaemonPod,
  nodeShouldRunDaemonPod,
  type NodeVerdict,
  podMatchesNodeAffinity,
} from "./predicates.ts";
export { daemonSetTemplateGeneration } from "./template_generation.ts";
export {
  addDaemonPodTolerations,
  allowsSurge,
  createDaemonPodTemplate,
  DAEMON_SET_HASH_LABEL,
  isDaemonPodUpdated,
  pinToNode,
  POD_TEMPLATE_GENERATION_LABEL,
  surgeCount,
  targetNodeName,
  TEMPLATE_GENERATION_ANNOTATION,
  templateGeneration,
  unavailableCount,
} from "./util.ts";
