/**
 * The deployment controller's helpers (pkg/controller/deployment/util/deployment_util.go): conditions,
 * ReplicaSet filters and sums, the new-ReplicaSet lookup, completeness, progress and timeouts.
 *
 * @module
 */
import type { Deployment, DeploymentCondition, DeploymentStatus } from "../api/deployment.ts";
import type { PodTemplateSpec } from "../api/pod_template.ts";
import type { ReplicaSet } from "../api/replica_set.ts";
import { canonicalJson, POD_TEMPLATE_HASH_LABEL } from "../rollout/hash.ts";
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, maxSurge } from "../rollout/fenceposts.ts";
import { REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from "../rollout/revision.ts";

/**
 * Condition reasons Kubernetes uses, by name (kubectl rollout status reads ProgressDeadlineExceeded).
 *
 * @example
 * ```ts
 * REASONS.newRSAvailable; // "NewReplicaSetAvailable"
 * ```
 */
export const REASONS = {
  newReplicaSetCreated: "NewReplicaSetCreated",
  foundNewReplicaSet: "FoundNewReplicaSet",
  newRSAvailable: "NewReplicaSetAvailable",
  replicaSetUpdated: "ReplicaSetUpdated",
  timedOut: "ProgressDeadlineExceeded",
  paused: "DeploymentPaused",
  resumed: "DeploymentResumed",
  minimumReplicasAvailable: "MinimumReplicasAvailable",
  minimumReplicasUnavailable: "MinimumReplicasUnavailable",
  replicaSetCreateError: "ReplicaSetCreateError",
} as const;

/** kubectl's last-applied annotation, which a ReplicaSet does not inherit. */
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
/** The deprecated rollback request annotation (extensions/v1beta1), never copied. */
const ROLLBACK_TO = "deprecated.deployment.rollback.to";

/**
 * metav1.Time as Kubernetes writes it: seconds, UTC.
 *
 * @example
 * ```ts
 * rfc3339(0); // "1970-01-01T00:00:00Z"
 * ```
 */
export function rfc3339(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}

/**
 * NewDeploymentCondition: both times now.
 *
 * @example
 * ```ts
 * newCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
 * ```
 */
export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
): DeploymentCondition {
  const now = rfc3339();
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/**
 * GetDeploymentCondition.
 *
 * @example
 * ```ts
 * getCondition(d.status, "Progressing")?.reason; // "NewReplicaSetAvailable"
 * ```
 */
export function getCondition(
  status: DeploymentStatus | undefined,
  type: string,
): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: nothing when status and reason are unchanged; the transition time kept when
 * only the reason (or message) changes.
 *
 * @example
 * ```ts
 * setCondition(status, newCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."));
 * ```
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status) {
    condition = { ...condition, lastTransitionTime: current.lastTransitionTime };
  }
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

/**
 * RemoveDeploymentCondition.
 *
 * @example
 * ```ts
 * removeCondition(status, "ReplicaFailure");
 * ```
 */
export function removeCondition(status: DeploymentStatus, type: string): void {
  const kept = (status.conditions ?? []).filter((c) => c.type !== type);
  if (kept.length) status.conditions = kept;
  else delete status.conditions;
}

/**
 * Replicas a ReplicaSet's spec asks for (0 when absent).
 *
 * @example
 * ```ts
 * specReplicas({ spec: { replicas: 3, selector: {} } }); // 3
 * ```
 */
export function specReplicas(rs: ReplicaSet | undefined): number {
  return rs?.spec?.replicas ?? 0;
}

/**
 * FilterActiveReplicaSets: those with replicas above 0.
 *
 * @example
 * ```ts
 * activeReplicaSets([oldRS, newRS]); // [newRS] once oldRS is at 0
 * ```
 */
export function activeReplicaSets(all: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return all.filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0);
}

/**
 * GetReplicaCountForReplicaSets: the spec replicas summed.
 *
 * @example
 * ```ts
 * sumSpec([oldRS, newRS]); // 5 for 3 + 2
 * ```
 */
export function sumSpec(all: (ReplicaSet | undefined)[]): number {
  return all.reduce((s, rs) => s + specReplicas(rs), 0);
}

/**
 * A status field summed over ReplicaSets.
 *
 * @example
 * ```ts
 * sumStatus([oldRS, newRS], "availableReplicas");
 * ```
 */
export function sumStatus(
  all: (ReplicaSet | undefined)[],
  field: "replicas" | "readyReplicas" | "availableReplicas",
): number {
  return all.reduce((s, rs) => s + (rs?.status?.[field] ?? 0), 0);
}

function created(rs: ReplicaSet): number {
  return Date.parse(rs.metadata?.creationTimestamp ?? "") || 0;
}

/**
 * ReplicaSetsByCreationTimestamp: oldest first, then by name.
 *
 * @example
 * ```ts
 * oldRSs.sort(byCreation);
 * ```
 */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1);
}

/**
 * ReplicaSetsByRevision (cleanup's order): lowest revision first, then oldest.
 *
 * @example
 * ```ts
 * oldRSs.sort(byRevision);
 * ```
 */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = Number(a.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0) || 0;
  const rb = Number(b.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0) || 0;
  return ra - rb || byCreation(a, b);
}

/** The template without the pod-template-hash label, in canonical JSON (empty fields dropped). */
function templateKey(template: PodTemplateSpec | undefined): string {
  const t = structuredClone(template ?? {}) as PodTemplateSpec;
  if (t.metadata?.labels) delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  return JSON.stringify(canonicalJson(t) ?? {});
}

/**
 * EqualIgnoreHash: two templates equal but for the pod-template-hash label.
 *
 * @example
 * ```ts
 * equalIgnoreHash(rs.spec.template, deployment.spec.template); // true for the deployment's new RS
 * ```
 */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/**
 * FindNewReplicaSet: the oldest ReplicaSet whose template is the deployment's.
 *
 * @example
 * ```ts
 * findNewReplicaSet(deployment, replicaSets)?.metadata?.name; // "web-5d4b9c7f8"
 * ```
 */
export function findNewReplicaSet(d: Deployment, all: ReplicaSet[]): ReplicaSet | undefined {
  return [...all].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/**
 * HasProgressDeadline: progressDeadlineSeconds set and not MaxInt32.
 *
 * @example
 * ```ts
 * hasProgressDeadline(deployment); // true with the default 600
 * ```
 */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== 2147483647;
}

/**
 * DeploymentComplete: every replica updated and available, and this generation observed.
 *
 * @example
 * ```ts
 * deploymentComplete(deployment, deployment.status ?? {});
 * ```
 */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const replicas = d.spec?.replicas ?? 1;
  return (status.updatedReplicas ?? 0) === replicas && (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/**
 * DeploymentProgressing: more pods updated, fewer old ones, or more ready or available than the last
 * status said.
 *
 * @example
 * ```ts
 * deploymentProgressing(deployment, newStatus);
 * ```
 */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/**
 * DeploymentTimedOut: no progress for progressDeadlineSeconds since the Progressing condition's last
 * update.
 *
 * @example
 * ```ts
 * deploymentTimedOut(deployment, newStatus, Date.now());
 * ```
 */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now = Date.now()): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(status, "Progressing");
  if (!c || c.reason === REASONS.newRSAvailable) return false;
  if (c.reason === REASONS.timedOut) return true;
  const from = Date.parse(c.lastUpdateTime ?? "");
  return !Number.isNaN(from) && from + d.spec!.progressDeadlineSeconds! * 1000 < now;
}

/**
 * SetReplicasAnnotations: desired-replicas and max-replicas on a ReplicaSet; whether they changed.
 *
 * @example
 * ```ts
 * setReplicasAnnotations(rs, 4, 5); // true the first time
 * ```
 */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata ??= {}).annotations ??= {};
  if (a[DESIRED_REPLICAS_ANNOTATION] === String(desired) && a[MAX_REPLICAS_ANNOTATION] === String(max)) {
    return false;
  }
  a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
  a[MAX_REPLICAS_ANNOTATION] = String(max);
  return true;
}

/**
 * desired-replicas on a ReplicaSet, undefined when absent or not a number.
 *
 * @example
 * ```ts
 * desiredReplicasAnnotation(rs); // 4
 * ```
 */
export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const text = rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * IsSaturated: the new ReplicaSet holds every replica, all of them available.
 *
 * @example
 * ```ts
 * isSaturated(deployment, newRS);
 * ```
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const replicas = d.spec?.replicas ?? 1;
  return specReplicas(rs) === replicas && desiredReplicasAnnotation(rs) === replicas &&
    (rs.status?.availableReplicas ?? 0) === replicas;
}

/**
 * FindActiveOrLatest: the only active ReplicaSet, or the newest one when none is active; undefined when
 * several are active (a rollout in progress).
 *
 * @example
 * ```ts
 * findActiveOrLatest(newRS, oldRSs);
 * ```
 */
export function findActiveOrLatest(
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): ReplicaSet | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => -byCreation(a, b));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/**
 * The annotations a ReplicaSet takes from its deployment (copyDeploymentAnnotationsToReplicaSet):
 * everything but last-applied, revision, revision-history, desired-replicas, max-replicas and the
 * rollback request. Answers whether any changed.
 *
 * @example
 * ```ts
 * copyDeploymentAnnotations(deployment, rs);
 * ```
 */
export function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const skip = new Set([
    LAST_APPLIED,
    REVISION_ANNOTATION,
    REVISION_HISTORY_ANNOTATION,
    DESIRED_REPLICAS_ANNOTATION,
    MAX_REPLICAS_ANNOTATION,
    ROLLBACK_TO,
  ]);
  const a = (rs.metadata ??= {}).annotations ??= {};
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (skip.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * replicas + maxSurge: what the max-replicas annotation records.
 *
 * @example
 * ```ts
 * maxReplicas(deployment); // 13 for replicas 10, maxSurge 25%
 * ```
 */
export function maxReplicas(d: Deployment): number {
  return (d.spec?.replicas ?? 1) + maxSurge(d);
}
