/**
 * What the replica controller needs of a kind it drives: ReplicaSets (a label selector) and
 * ReplicationControllers (an equality map, turned into matchLabels) share all of their logic, as the
 * ReplicationManager wraps the ReplicaSetController in Kubernetes.
 *
 * @module
 */
import type { LabelSelector } from "@skiff/kinds";
import type { KubeObject, ResourceRef } from "@skiff/sdk";
import type { PodTemplateSpec } from "../api/pod_template.ts";

/**
 * A condition on a replica set's status (ReplicaFailure).
 *
 * @example
 * ```ts
 * const c: ReplicaCondition = { type: "ReplicaFailure", status: "True", reason: "FailedCreate" };
 * ```
 */
export interface ReplicaCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/**
 * The status fields both kinds share.
 *
 * @example
 * ```ts
 * const s: ReplicaStatus = { replicas: 3, readyReplicas: 2 };
 * ```
 */
export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaCondition[];
}

/**
 * A ReplicaSet or ReplicationController, as far as the controller reads it.
 *
 * @example
 * ```ts
 * const rs: ReplicaObject = { metadata: { name: "web" }, spec: { replicas: 2 } };
 * ```
 */
export interface ReplicaObject extends KubeObject {
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    // deno-lint-ignore no-explicit-any
    selector?: any;
    template?: PodTemplateSpec;
  };
  status?: ReplicaStatus;
}

/**
 * A kind the replica controller drives.
 *
 * @example
 * ```ts
 * const kind: ReplicaKind = { name: "replicaset", component: "replicaset-controller", resource: replicaSetsResource, selectorOf: (rs) => rs.spec?.selector };
 * ```
 */
export interface ReplicaKind {
  /** The controller's name ("replicaset", "replicationcontroller"). */
  name: string;
  /** The source its events carry, as kube-controller-manager's ("replicaset-controller"). */
  component: string;
  resource: ResourceRef<ReplicaObject>;
  /** The object's selector as a LabelSelector (undefined selects nothing). */
  selectorOf(obj: ReplicaObject): LabelSelector | undefined;
}
