/**
 * StatefulPodControl (stateful_pod_control.go): creates, updates and deletes a StatefulSet's pods and
 * creates their PersistentVolumeClaims, recording each outcome as an event on the set in Kubernetes'
 * words ("create Pod web-0 in StatefulSet web successful").
 *
 * PersistentVolumeClaims belong to the storage module. Where it is not installed the kind is not served:
 * the claim cannot be made, so (as in Kubernetes when a claim fails) the pod is not created, and the
 * FailedCreate event says which kind is missing.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import {
  type Client,
  defineResource,
  type EventRecorder,
  isAlreadyExists,
  isConflict,
  isNotFound,
  podsResource,
  type ResourceRef,
} from "@skiff/sdk";
import { type PersistentVolumeClaim, PersistentVolumeClaimSchema } from "../api/persistent_volume_claim.ts";
import type { StatefulSet } from "../api/stateful_set.ts";
import { claimOwnerRefsFor, hasStaleOwnerRef, isClaimOwnerUpToDate, retentionPolicy } from "./retention.ts";
import { claimsFor, identityMatches, storageMatches, updateIdentity, updateStorage } from "./utils.ts";

/** v1 persistentvolumeclaims, served by the storage module when it is installed. */
const claimsResource: ResourceRef<PersistentVolumeClaim> = defineResource({
  group: "",
  version: "v1",
  plural: "persistentvolumeclaims",
  kind: "PersistentVolumeClaim",
  namespaced: true,
  schema: PersistentVolumeClaimSchema,
});

/** What a claim failure says when the server does not serve PersistentVolumeClaims at all. */
export const CLAIM_KIND_MISSING =
  'the server does not serve the kind PersistentVolumeClaim (v1 "persistentvolumeclaims"): install a storage module so StatefulSet volumeClaimTemplates can be provisioned';

/** How often a pod update that keeps conflicting is retried (retry.DefaultBackoff's steps). */
const UPDATE_RETRIES = 5;

function title(verb: string): string {
  return verb[0].toUpperCase() + verb.slice(1);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The pod and claim writes of the StatefulSet controller.
 *
 * @example
 * ```ts
 * import { StatefulPodControl } from "@skiff/workloads";
 *
 * const control = new StatefulPodControl(client, recorder);
 * await control.createStatefulPod(sts, newStatefulSetPod(sts, 0));
 * ```
 */
export class StatefulPodControl {
  constructor(readonly client: Client, readonly recorder: EventRecorder) {}

  #pods(namespace: string) {
    return this.client.resource(podsResource).namespace(namespace);
  }

  /** recordPodEvent: SuccessfulVerb / FailedVerb on the set. */
  async recordPodEvent(verb: string, set: StatefulSet, pod: Pod, error?: unknown): Promise<void> {
    const name = pod.metadata?.name;
    const setName = set.metadata?.name;
    if (error === undefined) {
      await this.recorder.event(
        set,
        "Normal",
        `Successful${title(verb)}`,
        `${verb} Pod ${name} in StatefulSet ${setName} successful`,
      );
    } else {
      await this.recorder.event(
        set,
        "Warning",
        `Failed${title(verb)}`,
        `${verb} Pod ${name} in StatefulSet ${setName} failed error: ${message(error)}`,
      );
    }
  }

  /** recordClaimEvent: SuccessfulVerb / FailedVerb for one claim of a pod. */
  async recordClaimEvent(
    verb: string,
    set: StatefulSet,
    pod: Pod,
    claim: PersistentVolumeClaim,
    error?: unknown,
  ): Promise<void> {
    const [c, p, s] = [claim.metadata?.name, pod.metadata?.name, set.metadata?.name];
    if (error === undefined) {
      await this.recorder.event(
        set,
        "Normal",
        `Successful${title(verb)}`,
        `${verb} Claim ${c} Pod ${p} in StatefulSet ${s} success`,
      );
    } else {
      await this.recorder.event(
        set,
        "Warning",
        `Failed${title(verb)}`,
        `${verb} Claim ${c} for Pod ${p} in StatefulSet ${s} failed error: ${message(error)}`,
      );
    }
  }

  #notServedUntil = 0;

  /**
   * Whether the server serves PersistentVolumeClaims. A "no" is remembered for a few seconds (every
   * pass asks, and installing the storage module later must still be noticed).
   */
  async claimsServed(): Promise<boolean> {
    if (Date.now() < this.#notServedUntil) return false;
    try {
      await this.client.discovery.resolve("v1", "PersistentVolumeClaim");
      return true;
    } catch (e) {
      if (!isNotFound(e)) throw e;
      this.#notServedUntil = Date.now() + 5_000;
      return false;
    }
  }

  /** The pod's claims that exist (none while the kind is not served), by template name. */
  async #existingClaims(set: StatefulSet, pod: Pod): Promise<PersistentVolumeClaim[]> {
    const wanted = claimsFor(set, pod);
    if (wanted.size === 0 || !(await this.claimsServed())) return [];
    const api = this.client.resource(claimsResource).namespace(set.metadata!.namespace!);
    const found: PersistentVolumeClaim[] = [];
    for (const claim of wanted.values()) {
      try {
        found.push(await api.get(claim.metadata!.name!));
      } catch (e) {
        // A claim not made yet is picked up by a later pass.
        if (!isNotFound(e)) {
          throw new Error(
            `could not retrieve claim ${claim.metadata?.name} for ${pod.metadata?.name} when checking PVC deletion policy: ${
              message(e)
            }`,
          );
        }
      }
    }
    return found;
  }

  /** ClaimsMatchRetentionPolicy: every existing claim of the pod has the owners the policy wants. */
  async claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): Promise<boolean> {
    return (await this.#existingClaims(set, pod)).every((claim) => isClaimOwnerUpToDate(claim, set, pod));
  }

  /** UpdatePodClaimForRetentionPolicy: gives each existing claim of the pod the owners the policy wants. */
  async updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): Promise<void> {
    const api = this.client.resource(claimsResource).namespace(set.metadata!.namespace!);
    for (const claim of await this.#existingClaims(set, pod)) {
      if (isClaimOwnerUpToDate(claim, set, pod)) continue;
      const refs = claimOwnerRefsFor(claim, set, pod);
      try {
        await api.update({ ...claim, metadata: { ...claim.metadata, ownerReferences: refs } });
      } catch (e) {
        throw new Error(
          `could not update claim ${claim.metadata?.name} for delete policy ownerRefs: ${message(e)}`,
        );
      }
    }
  }

  /**
   * PodClaimIsStale: with whenScaled Delete, a claim still owned by an earlier pod of the same name is
   * about to be collected; the new pod must not be made on it.
   */
  async podClaimIsStale(set: StatefulSet, pod: Pod): Promise<boolean> {
    if (retentionPolicy(set).whenScaled === "Retain") return false;
    return (await this.#existingClaims(set, pod)).some((claim) =>
      hasStaleOwnerRef(claim, pod, { apiVersion: "v1", kind: "Pod" })
    );
  }

  /**
   * createPersistentVolumeClaims: makes each claim of the pod that does not exist yet; a claim being
   * deleted is an error (the pod would bind to a claim about to go).
   */
  async createPersistentVolumeClaims(set: StatefulSet, pod: Pod): Promise<void> {
    const claims = claimsFor(set, pod);
    if (claims.size === 0) return;
    const errors: string[] = [];
    if (!(await this.claimsServed())) {
      for (const claim of claims.values()) {
        const error = new Error(`failed to create PVC ${claim.metadata?.name}: ${CLAIM_KIND_MISSING}`);
        errors.push(error.message);
        await this.recordClaimEvent("create", set, pod, claim, error);
      }
      throw new Error(errors.join(", "));
    }
    const api = this.client.resource(claimsResource).namespace(set.metadata!.namespace!);
    for (const claim of claims.values()) {
      const name = claim.metadata!.name!;
      let existing: PersistentVolumeClaim | undefined;
      try {
        existing = await api.get(name);
      } catch (e) {
        if (!isNotFound(e)) {
          errors.push(`failed to retrieve PVC ${name}: ${message(e)}`);
          await this.recordClaimEvent("create", set, pod, claim, e);
          continue;
        }
      }
      if (existing) {
        if (existing.metadata?.deletionTimestamp) errors.push(`pvc ${name} is being deleted`);
        continue;
      }
      try {
        await api.create(claim);
        await this.recordClaimEvent("create", set, pod, claim);
      } catch (e) {
        errors.push(`failed to create PVC ${name}: ${message(e)}`);
        if (!isAlreadyExists(e)) await this.recordClaimEvent("create", set, pod, claim, e);
      }
    }
    if (errors.length) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`);
  }

  /** CreateStatefulPod: the pod's claims first, then the pod; an AlreadyExists is passed on silently. */
  async createStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.createPersistentVolumeClaims(set, pod);
    } catch (e) {
      await this.recordPodEvent("create", set, pod, e);
      throw e;
    }
    let created: Pod;
    try {
      created = await this.#pods(set.metadata!.namespace!).create(pod);
    } catch (e) {
      if (isAlreadyExists(e)) throw e;
      await this.recordPodEvent("create", set, pod, e);
      throw e;
    }
    // Set the claims' owners as far as the policy allows now.
    try {
      await this.updatePodClaimForRetentionPolicy(set, created);
    } catch (e) {
      await this.recordPodEvent("update", set, pod, e);
      throw e;
    }
    await this.recordPodEvent("create", set, pod);
  }

  /**
   * UpdateStatefulPod: puts back the pod's identity and storage (creating missing claims) and its claims'
   * owners, retrying on conflicts with a fresh copy.
   */
  async updateStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    const pods = this.#pods(set.metadata!.namespace!);
    let attempted = false;
    let error: unknown;
    for (let attempt = 0; attempt < UPDATE_RETRIES; attempt++) {
      let consistent = true;
      if (!identityMatches(set, pod)) {
        updateIdentity(set, pod);
        consistent = false;
      }
      if (!storageMatches(set, pod)) {
        updateStorage(set, pod);
        consistent = false;
        try {
          await this.createPersistentVolumeClaims(set, pod);
        } catch (e) {
          await this.recordPodEvent("update", set, pod, e);
          throw e;
        }
      }
      // Claims whose owners do not follow the retention policy are fixed, and the pod dirtied.
      try {
        if (!(await this.claimsMatchRetentionPolicy(set, pod))) {
          await this.updatePodClaimForRetentionPolicy(set, pod);
          consistent = false;
        }
      } catch (e) {
        await this.recordPodEvent("update", set, pod, e);
        throw e;
      }
      if (consistent) return;
      attempted = true;
      try {
        await pods.update(pod);
        error = undefined;
        break;
      } catch (e) {
        error = e;
        if (!isConflict(e)) break;
        pod = structuredClone(await pods.get(pod.metadata!.name!));
      }
    }
    if (attempted) await this.recordPodEvent("update", set, pod, error);
    if (error) throw error;
  }

  /** DeleteStatefulPod, with its event. */
  async deleteStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.#pods(set.metadata!.namespace!).delete(pod.metadata!.name!);
    } catch (e) {
      await this.recordPodEvent("delete", set, pod, e);
      throw e;
    }
    await this.recordPodEvent("delete", set, pod);
  }
}
