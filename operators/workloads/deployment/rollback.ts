/**
 * The rollback request of extensions/v1beta1 (pkg/controller/deployment/rollback.go), which apps/v1
 * keeps as the annotation `deprecated.deployment.rollback.to: "REVISION"` ("0": the previous one).
 * kubectl 1.32's `rollout undo` does not use it (it patches the template itself), but a client of the
 * old API may: the controller copies that revision's template into the deployment and clears the
 * annotation; the next sync rolls out as for any template change.
 *
 * @module
 */
import type { ReplicaSet } from "../api/replica_set.ts";
import { POD_TEMPLATE_HASH_LABEL } from "../rollout/hash.ts";
import {
  lastRevision,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  revisionOf,
} from "../rollout/revision.ts";
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION } from "../rollout/fenceposts.ts";
import type { DeploymentSync } from "./context.ts";
import { allReplicaSets } from "./replicasets.ts";
import { equalIgnoreHash } from "./util.ts";

/** The annotation asking for a rollback. */
export const ROLLBACK_TO_ANNOTATION = "deprecated.deployment.rollback.to";

/**
 * getRollbackTo: the revision asked for, or undefined when none is (or it is not a number).
 *
 * @example
 * ```ts
 * import { rollbackTo } from "@skiff/workloads";
 *
 * rollbackTo({ metadata: { annotations: { "deprecated.deployment.rollback.to": "2" } } }); // 2
 * ```
 */
export function rollbackTo(d: { metadata?: { annotations?: Record<string, string> } }): number | undefined {
  const text = d.metadata?.annotations?.[ROLLBACK_TO_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

const NOT_COPIED = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

/**
 * rollback: finds the revision, puts its template (and annotations) back into the deployment and
 * clears the request; a revision not found or a template already current only clears it, with a
 * warning event.
 *
 * @example
 * ```ts
 * if (rollbackTo(sync.d) !== undefined) await rollback(sync);
 * ```
 */
export async function rollback(sync: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await allReplicaSets(sync, true);
  const all = [...oldRSs, ...(newRS ? [newRS] : [])];
  let revision = rollbackTo(sync.d) ?? 0;
  const d = structuredClone(sync.d);
  const annotations = (d.metadata ??= {}).annotations ??= {};
  delete annotations[ROLLBACK_TO_ANNOTATION];
  if (revision === 0) revision = lastRevision(all);
  const target: ReplicaSet | undefined = revision === 0
    ? undefined
    : all.find((rs) => revisionOf(rs) === revision);
  if (!target) {
    await sync.recorder.event(
      sync.d,
      "Warning",
      "DeploymentRollbackRevisionNotFound",
      revision === 0 ? "Unable to find last revision." : "Unable to find the revision to rollback to.",
    );
  } else if (equalIgnoreHash(d.spec?.template, target.spec?.template)) {
    await sync.recorder.event(
      sync.d,
      "Warning",
      "DeploymentRollbackTemplateUnchanged",
      `The rollback revision contains the same template as current deployment "${d.metadata?.name}"`,
    );
  } else {
    const template = structuredClone(target.spec!.template!);
    delete template.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL];
    d.spec!.template = template;
    for (const [k, v] of Object.entries(target.metadata?.annotations ?? {})) {
      if (!NOT_COPIED.has(k)) annotations[k] = v;
    }
    await sync.recorder.event(
      sync.d,
      "Normal",
      "DeploymentRollback",
      `Rolled back deployment "${d.metadata?.name}" to revision ${revision}`,
    );
  }
  sync.d = await sync.deployments.update(d);
}
