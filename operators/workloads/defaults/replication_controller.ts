/**
 * Kubernetes' defaulting of a ReplicationController (SetDefaults_ReplicationController in
 * kubernetes/pkg/apis/core/v1/defaults.go): the template's labels become the selector and the
 * controller's labels when those are empty, replicas 1.
 *
 * @module
 */
import type { ReplicationController } from "../api/replication_controller.ts";
import { fillTemplateDefaults } from "./_template.ts";

/**
 * A copy of `rc` with Kubernetes' defaults.
 *
 * @example
 * ```ts
 * import { defaultReplicationController } from "@skiff/workloads";
 *
 * const rc = defaultReplicationController({ spec: { template: { metadata: { labels: { app: "web" } } } } });
 * rc.spec?.selector; // { app: "web" }
 * ```
 */
export function defaultReplicationController(rc: ReplicationController): ReplicationController {
  const copy = structuredClone(rc);
  fillReplicationControllerDefaults(copy);
  return copy;
}

/**
 * Fills a ReplicationController's defaults in place (see {@link defaultReplicationController}).
 *
 * @example
 * ```ts
 * import { fillReplicationControllerDefaults, type ReplicationController } from "@skiff/workloads";
 *
 * const rc: ReplicationController = { spec: {} };
 * fillReplicationControllerDefaults(rc);
 * rc.spec?.replicas; // 1
 * ```
 */
export function fillReplicationControllerDefaults(rc: ReplicationController): void {
  const spec = rc.spec ??= {};
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    // Copies, where Go shares one map: these objects are serialized apart anyway.
    if (Object.keys(spec.selector ?? {}).length === 0) spec.selector = { ...labels };
    rc.metadata ??= {};
    if (Object.keys(rc.metadata.labels ?? {}).length === 0) rc.metadata.labels = { ...labels };
  }
  spec.replicas ??= 1;
  fillTemplateDefaults(spec.template);
}
