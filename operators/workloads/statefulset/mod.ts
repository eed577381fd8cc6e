/**
 * The StatefulSet controller (pkg/controller/statefulset): pods with stable names `SET-0..SET-(n-1)`,
 * created in order (OrderedReady) or all at once (Parallel), removed from the highest ordinal down,
 * updated by RollingUpdate (with a partition) or OnDelete, with ControllerRevisions as history.
 *
 * @example
 * ```ts
 * import { StatefulSetController } from "@skiff/workloads";
 *
 * manager.add(new StatefulSetController());
 * ```
 *
 * @module
 */
export {
  applyRevision,
  claimName,
  claimsFor,
  completeRollingUpdate,
  endOrdinal,
  identityMatches,
  inconsistentStatus,
  isMemberOf,
  newStatefulSetPod,
  newStatefulSetRevision,
  newVersionedStatefulSetPod,
  ordinalOf,
  parentNameAndOrdinal,
  POD_INDEX_LABEL,
  podInOrdinalRange,
  podRevision,
  startOrdinal,
  STATEFUL_SET_KIND,
  STATEFUL_SET_POD_NAME_LABEL,
  STATEFUL_SET_REVISION_LABEL,
  statefulPodName,
  storageMatches,
  updateIdentity,
  updateStorage,
} from "./utils.ts";
export { CLAIM_KIND_MISSING, StatefulPodControl } from "./pod_control.ts";
export { claimOwnerRefsFor, hasStaleOwnerRef, isClaimOwnerUpToDate, retentionPolicy } from "./retention.ts";
export { StatefulSetControl, type StatefulSetControlOptions } from "./control.ts";
export { StatefulSetController } from "./controller.ts";
