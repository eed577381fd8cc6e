/**
 * The workload kinds as SDK resources, for clients, informers and controllers.
 *
 * @module
 */
import { defineResource, type ResourceRef } from "@skiff/sdk";
import { DeploymentSchema } from "./api/deployment.ts";
import { ReplicaSetSchema } from "./api/replica_set.ts";
import { ReplicationControllerSchema } from "./api/replication_controller.ts";
import type { Deployment } from "./api/deployment.ts";
import type { ReplicaSet } from "./api/replica_set.ts";
import type { ReplicationController } from "./api/replication_controller.ts";

/**
 * apps/v1 deployments.
 *
 * @example
 * ```ts
 * import { deploymentsResource } from "@skiff/workloads";
 *
 * await client.resource(deploymentsResource).namespace("default").get("web");
 * ```
 */
export const deploymentsResource: ResourceRef<Deployment> = defineResource({
  group: "apps",
  version: "v1",
  plural: "deployments",
  kind: "Deployment",
  namespaced: true,
  schema: DeploymentSchema,
});

/**
 * apps/v1 replicasets.
 *
 * @example
 * ```ts
 * import { replicaSetsResource } from "@skiff/workloads";
 *
 * await client.resource(replicaSetsResource).namespace("default").list();
 * ```
 */
export const replicaSetsResource: ResourceRef<ReplicaSet> = defineResource({
  group: "apps",
  version: "v1",
  plural: "replicasets",
  kind: "ReplicaSet",
  namespaced: true,
  schema: ReplicaSetSchema,
});

/**
 * v1 replicationcontrollers.
 *
 * @example
 * ```ts
 * import { replicationControllersResource } from "@skiff/workloads";
 *
 * await client.resource(replicationControllersResource).namespace("default").list();
 * ```
 */
export const replicationControllersResource: ResourceRef<ReplicationController> = defineResource({
  group: "",
  version: "v1",
  plural: "replicationcontrollers",
  kind: "ReplicationController",
  namespaced: true,
  schema: ReplicationControllerSchema,
});
