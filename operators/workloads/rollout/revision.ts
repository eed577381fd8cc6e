/**
 * Deployment revision annotations (pkg/controller/deployment/util): each ReplicaSet carries the
 * revision it was made (or last rolled back to) at; the deployment carries its newest.
 *
 * @module
 */

/** deployment.kubernetes.io/revision. */
export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
/** deployment.kubernetes.io/revision-history: earlier revisions of a reused ReplicaSet. */
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";

interface Annotated {
  metadata?: { annotations?: Record<string, string> };
}

/**
 * Revision: the object's revision annotation as a number, 0 when absent or not a number.
 *
 * @example
 * ```ts
 * import { revisionOf } from "@skiff/workloads";
 *
 * revisionOf({ metadata: { annotations: { "deployment.kubernetes.io/revision": "3" } } }); // 3
 * ```
 */
export function revisionOf(obj: Annotated): number {
  const text = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : 0;
}

/**
 * MaxRevision: the highest revision among ReplicaSets (0 for none).
 *
 * @example
 * ```ts
 * import { maxRevision } from "@skiff/workloads";
 *
 * maxRevision([rs1, rs3]); // 3
 * ```
 */
export function maxRevision(all: Annotated[]): number {
  return all.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/**
 * LastRevision: the second highest revision, the one `kubectl rollout undo` returns to.
 *
 * @example
 * ```ts
 * import { lastRevision } from "@skiff/workloads";
 *
 * lastRevision([rs1, rs2, rs3]); // 2
 * ```
 */
export function lastRevision(all: Annotated[]): number {
  let max = 0;
  let second = 0;
  for (const rs of all) {
    const v = revisionOf(rs);
    if (v >= max) [second, max] = [max, v];
    else if (v > second) second = v;
  }
  return second;
}

/**
 * Sets a new ReplicaSet's revision to `revision` (SetNewReplicaSetAnnotations' revision part): a
 * ReplicaSet reused from an older revision records the old one in revision-history. Returns whether
 * the annotations changed.
 *
 * @example
 * ```ts
 * import { setRevision } from "@skiff/workloads";
 *
 * setRevision(rs, 4); // true; rs now says revision "4", revision-history "2" if it said 2 before
 * ```
 */
export function setRevision(rs: Annotated, revision: number): boolean {
  const annotations = (rs.metadata ??= {}).annotations ??= {};
  const old = annotations[REVISION_ANNOTATION];
  if (old !== undefined && Number(old) >= revision) return false;
  annotations[REVISION_ANNOTATION] = String(revision);
  if (old !== undefined) {
    const history = annotations[REVISION_HISTORY_ANNOTATION];
    annotations[REVISION_HISTORY_ANNOTATION] = history ? `${history},${old}` : old;
  }
  return true;
}
