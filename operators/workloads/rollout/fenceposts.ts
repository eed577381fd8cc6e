/**
 * The deployment controller's replica arithmetic (pkg/controller/deployment/util/deployment_util.go and
 * the proportional scaling of sync.go): how far a rolling update may surge and dip, how big the new
 * ReplicaSet may grow, and how a resize is shared out among the ReplicaSets of a rollout in progress.
 *
 * @module
 */
import type { Deployment } from "../api/deployment.ts";
import type { ReplicaSet } from "../api/replica_set.ts";

/** The annotation holding the deployment's replicas + maxSurge when a ReplicaSet was last sized. */
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
/** The annotation holding the deployment's replicas when a ReplicaSet was last sized. */
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, a percentage of `total` rounded up or down.
 * 25% of 10 is 2.5: 3 rounded up, 2 rounded down.
 *
 * @example
 * ```ts
 * import { scaledValue } from "@skiff/workloads";
 *
 * scaledValue("25%", 10, true); // 3
 * scaledValue("25%", 10, false); // 2
 * ```
 */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const m = /^(-?\d+)%$/.exec(value);
  if (!m) throw new Error(`invalid value for IntOrString: invalid value "${value}"`);
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and when both come to 0
 * maxUnavailable becomes 1 so the rollout can move. Replicas 10 with 25%/25%: surge 3, unavailable 2;
 * replicas 1 with 25%/25%: surge 1, unavailable 0; replicas 3 with 0/10%: surge 0, unavailable 1.
 *
 * @example
 * ```ts
 * import { resolveFenceposts } from "@skiff/workloads";
 *
 * resolveFenceposts("25%", "25%", 10); // { maxSurge: 3, maxUnavailable: 2 }
 * ```
 */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { maxSurge: surge, maxUnavailable: unavailable };
}

function isRolling(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/**
 * MaxSurge: how many pods above the desired count a rolling deployment may run (0 for Recreate).
 *
 * @example
 * ```ts
 * import { maxSurge } from "@skiff/workloads";
 *
 * maxSurge(deployment); // 3 for replicas 10 and maxSurge 25%
 * ```
 */
export function maxSurge(d: Deployment): number {
  if (!isRolling(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, d.spec?.replicas ?? 1).maxSurge;
}

/**
 * MaxUnavailable: how many desired pods may be unavailable, never more than the replicas (0 for
 * Recreate or for zero replicas).
 *
 * @example
 * ```ts
 * import { maxUnavailable } from "@skiff/workloads";
 *
 * maxUnavailable(deployment); // 2 for replicas 10 and maxUnavailable 25%
 * ```
 */
export function maxUnavailable(d: Deployment): number {
  const replicas = d.spec?.replicas ?? 1;
  if (!isRolling(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas).maxUnavailable, replicas);
}

/**
 * NewRSNewReplicas: the size the new ReplicaSet may scale to now. Recreate: the full count. Rolling:
 * up to replicas + maxSurge pods in all ReplicaSets together, never beyond replicas. Replicas 10,
 * maxSurge 3, old RS at 10 and new at 0: 13 - 10 = 3, so the new RS goes to 3.
 *
 * @example
 * ```ts
 * import { newRSNewReplicas } from "@skiff/workloads";
 *
 * newRSNewReplicas(deployment, [oldRS, newRS], newRS); // 3
 * ```
 */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = d.spec?.replicas ?? 1;
  if (!isRolling(d)) return replicas;
  const current = allRSs.reduce((sum, rs) => sum + (rs.spec?.replicas ?? 0), 0);
  const newReplicas = newRS.spec?.replicas ?? 0;
  const maxTotal = replicas + maxSurge(d);
  if (current >= maxTotal) return newReplicas;
  return newReplicas + Math.min(maxTotal - current, replicas - newReplicas);
}

// Go's math.Round: halves away from zero.
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

function annotatedMax(rs: ReplicaSet): number | undefined {
  const text = rs.metadata?.annotations?.[MAX_REPLICAS_ANNOTATION];
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

/**
 * getReplicaSetFraction: how much a ReplicaSet should grow (or shrink) when the deployment is resized,
 * in proportion to its share of the previous maximum: an RS of 4 in a deployment whose max was 13, now
 * 10 + 3 = 16 allowed, becomes round(4 * 16 / 13) = 5, so +1.
 */
export function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const rsReplicas = rs.spec?.replicas ?? 0;
  if ((d.spec?.replicas ?? 1) === 0) return -rsReplicas;
  const deploymentReplicas = (d.spec?.replicas ?? 1) + maxSurge(d);
  const annotated = annotatedMax(rs) ?? d.status?.replicas ?? 0;
  return roundHalfAway((rsReplicas * deploymentReplicas) / annotated) - rsReplicas;
}

/**
 * GetProportion: an RS's share of `toAdd`, capped by what is still left to add (or remove).
 *
 * @example
 * ```ts
 * import { getProportion } from "@skiff/workloads";
 *
 * getProportion(rs, deployment, 3, 0);
 * ```
 */
export function getProportion(
  rs: ReplicaSet | undefined,
  d: Deployment,
  toAdd: number,
  added: number,
): number {
  if (!rs || (rs.spec?.replicas ?? 0) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function created(rs: ReplicaSet): number {
  return Date.parse(rs.metadata?.creationTimestamp ?? "") || 0;
}

/**
 * The proportional part of the deployment controller's scale(): when a deployment is resized in the
 * middle of a rollout, the extra (or missing) pods are shared among the active ReplicaSets in proportion
 * to their size; the largest (newest on ties when adding, oldest when removing) takes the rounding
 * leftover. Returns the new size per ReplicaSet name.
 *
 * Worked example (Kubernetes' TestScale "proportional scaling: 10 -> 20" with maxSurge 3): old RS 6, new
 * RS 7 (13 pods, max-replicas 13) and replicas raised to 20, max 23: 10 to add; new 7 * 23 / 13 = 12.38
 * → 12 (+5), old 6 * 23 / 13 = 10.6 → 11 (+5): 12 and 11.
 *
 * @example
 * ```ts
 * import { proportionalScale } from "@skiff/workloads";
 *
 * proportionalScale(deployment, [oldRS, newRS]); // Map { "web-old" => 11, "web-new" => 12 }
 * ```
 */
export function proportionalScale(d: Deployment, activeRSs: ReplicaSet[]): Map<string, number> {
  const rsList = activeRSs.filter((rs) => (rs.spec?.replicas ?? 0) > 0);
  const total = rsList.reduce((s, rs) => s + (rs.spec?.replicas ?? 0), 0);
  const allowed = (d.spec?.replicas ?? 1) + maxSurge(d);
  const toAdd = allowed - total;
  const newerFirst = toAdd > 0;
  rsList.sort((a, b) => {
    const size = (b.spec?.replicas ?? 0) - (a.spec?.replicas ?? 0);
    if (size !== 0) return size;
    const age = newerFirst ? created(b) - created(a) : created(a) - created(b);
    if (age !== 0) return age;
    return (a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1;
  });
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of rsList) {
    const proportion = getProportion(rs, d, toAdd, added);
    sizes.set(rs.metadata?.name ?? "", (rs.spec?.replicas ?? 0) + proportion);
    added += proportion;
  }
  if (rsList.length && toAdd !== 0) {
    const first = rsList[0].metadata?.name ?? "";
    sizes.set(first, Math.max(0, sizes.get(first)! + toAdd - added));
  }
  return sizes;
}
