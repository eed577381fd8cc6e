/**
 * The two kinds the replica controller drives.
 *
 * @module
 */
import { replicaSetsResource, replicationControllersResource } from "../resources.ts";
import type { ReplicaKind, ReplicaObject } from "./types.ts";
import type { ResourceRef } from "@skiff/sdk";

/**
 * apps/v1 ReplicaSet: a label selector.
 *
 * @example
 * ```ts
 * import { ReplicaSetController, replicaSetKind } from "@skiff/workloads";
 *
 * new ReplicaSetController(replicaSetKind);
 * ```
 */
export const replicaSetKind: ReplicaKind = {
  name: "replicaset",
  component: "replicaset-controller",
  resource: replicaSetsResource as ResourceRef<ReplicaObject>,
  selectorOf: (rs) => rs.spec?.selector,
};

/**
 * v1 ReplicationController: an equality map, read as matchLabels (an absent one selects nothing).
 *
 * @example
 * ```ts
 * import { ReplicaSetController, replicationControllerKind } from "@skiff/workloads";
 *
 * new ReplicaSetController(replicationControllerKind);
 * ```
 */
export const replicationControllerKind: ReplicaKind = {
  name: "replicationcontroller",
  component: "replication-controller",
  resource: replicationControllersResource as unknown as ResourceRef<ReplicaObject>,
  selectorOf: (rc) => rc.spec?.selector ? { matchLabels: rc.spec.selector } : undefined,
};
