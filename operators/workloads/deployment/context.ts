/**
 * What one deployment sync carries: the deployment as last written (every write replaces it, so the
 * next one sends the right resourceVersion), its claimed ReplicaSets and the clients.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import type { EventRecorder, Logger, ResourceClient } from "@skiff/sdk";
import type { Deployment, DeploymentStatus } from "../api/deployment.ts";
import type { ReplicaSet } from "../api/replica_set.ts";

/**
 * One sync's state and clients.
 *
 * @example
 * ```ts
 * const sync: DeploymentSync = { d, rsList, podsByRS: new Map(), deployments, replicaSets, recorder, log };
 * ```
 */
export interface DeploymentSync {
  d: Deployment;
  /** The ReplicaSets the deployment controls (claimed). */
  rsList: ReplicaSet[];
  /** Pods by the uid of the ReplicaSet controlling them (Recreate waits for old ones to go). */
  podsByRS: Map<string, Pod[]>;
  deployments: ResourceClient<Deployment>;
  replicaSets: ResourceClient<ReplicaSet>;
  recorder: EventRecorder;
  log: Logger;
}

/**
 * Writes the deployment's status and keeps the answer as the current deployment.
 *
 * @example
 * ```ts
 * await writeStatus(sync, { ...sync.d.status, observedGeneration: 2 });
 * ```
 */
export async function writeStatus(sync: DeploymentSync, status: DeploymentStatus): Promise<void> {
  sync.d = await sync.deployments.updateStatus({ ...sync.d, status });
}

/**
 * The deployment in the shape the event recorder and owner references need (apiVersion and kind set).
 *
 * @example
 * ```ts
 * await sync.recorder.event(asObject(sync.d), "Normal", "ScalingReplicaSet", "...");
 * ```
 */
export function asObject(d: Deployment): Deployment {
  return { ...d, apiVersion: d.apiVersion ?? "apps/v1", kind: d.kind ?? "Deployment" };
}
