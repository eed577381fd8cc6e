/**
 * persistentVolumeClaimRetentionPolicy (KEP-1847, GA in 1.32; stateful_set_utils.go): which owner
 * references a pod's claims should carry so the garbage collector deletes them at the right time.
 *
 *  - whenDeleted Delete: the claim is controlled by the StatefulSet, so it goes with the set;
 *  - whenScaled Delete: the claim of a pod scaled away (ordinal out of range) is controlled by that pod,
 *    so it goes once the pod is gone; the claims of pods in range are not;
 *  - Retain (both, the default): neither reference, and one left from an earlier policy is removed.
 *
 * A claim controlled by something else is left alone (only our references to it are removed).
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { newControllerRef, type OwnerReference } from "@skiff/sdk";
import type { PersistentVolumeClaim } from "../api/persistent_volume_claim.ts";
import type { StatefulSet } from "../api/stateful_set.ts";
import { podInOrdinalRange, STATEFUL_SET_KIND } from "./utils.ts";

const POD_KIND = { apiVersion: "v1", kind: "Pod" };

interface Owner {
  metadata?: { name?: string; uid?: string };
}

/**
 * The set's policy with Retain filled in where unset.
 *
 * @example
 * ```ts
 * import { retentionPolicy } from "@skiff/workloads";
 *
 * retentionPolicy({ spec: {} } as StatefulSet); // { whenDeleted: "Retain", whenScaled: "Retain" }
 * ```
 */
export function retentionPolicy(set: StatefulSet): { whenDeleted: string; whenScaled: string } {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted || "Retain", whenScaled: p?.whenScaled || "Retain" };
}

/** matchesRef: the reference names this kind and name (whatever its uid). */
function matchesRef(ref: OwnerReference, owner: Owner, kind: { apiVersion: string; kind: string }): boolean {
  return ref.apiVersion === kind.apiVersion && ref.kind === kind.kind && ref.name === owner.metadata?.name;
}

/**
 * hasStaleOwnerRef: a reference to an earlier object of the owner's kind and name (another uid).
 *
 * @example
 * ```ts
 * import { hasStaleOwnerRef } from "@skiff/workloads";
 *
 * hasStaleOwnerRef(claim, pod, { apiVersion: "v1", kind: "Pod" }); // true after the pod was made again
 * ```
 */
export function hasStaleOwnerRef(
  claim: PersistentVolumeClaim,
  owner: Owner,
  kind: { apiVersion: string; kind: string },
): boolean {
  return (claim.metadata?.ownerReferences ?? []).some((r) =>
    matchesRef(r, owner, kind) && r.uid !== owner.metadata?.uid
  );
}

/** A controller reference to something other than this set or this pod. */
function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return (claim.metadata?.ownerReferences ?? []).some((r) =>
    r.controller && r.uid !== set.metadata?.uid && (!pod.metadata?.uid || r.uid !== pod.metadata.uid) &&
    !matchesRef(r, set, STATEFUL_SET_KIND) && !matchesRef(r, pod, POD_KIND)
  );
}

/**
 * The owner references the claim should carry: ours scrubbed, then the set's and/or the pod's added as
 * controller as the policy says (none when another controller holds the claim).
 *
 * @example
 * ```ts
 * import { claimOwnerRefsFor } from "@skiff/workloads";
 *
 * claimOwnerRefsFor(claim, { ...sts, spec: { ...sts.spec, persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete" } } }, pod);
 * ```
 */
export function claimOwnerRefsFor(
  claim: PersistentVolumeClaim,
  set: StatefulSet,
  pod: Pod,
): OwnerReference[] {
  const refs = (claim.metadata?.ownerReferences ?? []).filter((r) =>
    !matchesRef(r, set, STATEFUL_SET_KIND) && !matchesRef(r, pod, POD_KIND)
  );
  if (hasUnexpectedController(claim, set, pod)) return refs;
  const policy = retentionPolicy(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (policy.whenDeleted === "Delete" && !(policy.whenScaled === "Delete" && scaledDown)) {
    refs.push(newControllerRef(set, STATEFUL_SET_KIND));
  }
  if (policy.whenScaled === "Delete" && scaledDown && pod.metadata?.uid) {
    refs.push(newControllerRef(pod, POD_KIND));
  }
  return refs;
}

/**
 * isClaimOwnerUpToDate: the claim already carries exactly the references {@link claimOwnerRefsFor} gives.
 *
 * @example
 * ```ts
 * import { isClaimOwnerUpToDate } from "@skiff/workloads";
 *
 * isClaimOwnerUpToDate(claim, sts, pod); // true for a Retain/Retain set and a claim without our references
 * ```
 */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const key = (refs: OwnerReference[]) =>
    refs.map((r) => `${r.apiVersion}/${r.kind}/${r.name}/${r.uid}/${!!r.controller}`).sort().join(",");
  return !hasStaleOwnerRef(claim, set, STATEFUL_SET_KIND) && !hasStaleOwnerRef(claim, pod, POD_KIND) &&
    key(claim.metadata?.ownerReferences ?? []) === key(claimOwnerRefsFor(claim, set, pod));
}
