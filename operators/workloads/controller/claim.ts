/**
 * ControllerRefManager.Claim* (pkg/controller/controller_ref_manager.go): a controller takes the objects
 * its selector matches. Those it controls and still matches it keeps; those it controls that no longer
 * match it releases (drops its ownerReference); orphans that match it adopts (adds itself as their
 * controller) after checking once, against the API rather than the cache, that it is not being deleted.
 * Objects controlled by someone else are never touched.
 *
 * @module
 */
import {
  getControllerOf,
  isNotFound,
  type KubeObject,
  newControllerRef,
  type OwnerReference,
} from "@skiff/sdk";

/**
 * What a claim needs besides the candidates.
 *
 * @example
 * ```ts
 * const options: ClaimOptions<Pod> = { owner: rs, matches, setOwners: patchOwners(pods), canAdopt };
 * ```
 */
export interface ClaimOptions<C extends KubeObject> {
  /** The controller (with apiVersion, kind and uid). */
  owner: KubeObject;
  /** Whether a candidate's labels put it under the owner. */
  matches(child: C): boolean;
  /** Writes a candidate's new ownerReferences (null: none), guarded by its resourceVersion. */
  setOwners(child: C, refs: OwnerReference[] | null): Promise<C>;
  /** Throws when the owner may not adopt (gone, replaced, or being deleted: RecheckDeletionTimestamp). */
  canAdopt(): Promise<void>;
}

/**
 * Claims `candidates` for the owner and answers the claimed ones (adopted ones as written).
 *
 * @example
 * ```ts
 * import { claimObjects } from "@skiff/workloads";
 *
 * const mine = await claimObjects(pods, { owner: rs, matches, setOwners, canAdopt });
 * ```
 */
export async function claimObjects<C extends KubeObject>(
  candidates: readonly C[],
  options: ClaimOptions<C>,
): Promise<C[]> {
  const { owner } = options;
  const uid = owner.metadata?.uid;
  const ownerDeleting = !!owner.metadata?.deletionTimestamp;
  let adoptable: Promise<void> | undefined;
  const claimed: C[] = [];
  for (const child of candidates) {
    const ref = getControllerOf(child);
    const refs = child.metadata?.ownerReferences ?? [];
    if (ref) {
      if (ref.uid !== uid) continue;
      if (options.matches(child)) {
        claimed.push(child);
        continue;
      }
      // A deleted owner leaves its dependents to the garbage collector.
      if (ownerDeleting) continue;
      const rest = refs.filter((r) => r.uid !== uid);
      await ignoreNotFound(options.setOwners(child, rest.length ? rest : null));
      continue;
    }
    if (ownerDeleting || child.metadata?.deletionTimestamp || !options.matches(child)) continue;
    adoptable ??= options.canAdopt();
    await adoptable;
    const mine = newControllerRef(owner, { apiVersion: owner.apiVersion!, kind: owner.kind! });
    const adopted = await ignoreNotFound(options.setOwners(child, [...refs, mine]));
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

async function ignoreNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/**
 * setOwners for {@link claimObjects} through a merge patch carrying the child's resourceVersion, so a
 * concurrent change makes the write fail (409) instead of being overwritten.
 *
 * @example
 * ```ts
 * import { patchOwners } from "@skiff/workloads";
 *
 * const setOwners = patchOwners(client.resource(podsResource).namespace("default"));
 * ```
 */
export function patchOwners<C extends KubeObject>(
  api: { patch(name: string, patch: unknown, options: { type: "merge" }): Promise<C> },
): (child: C, refs: OwnerReference[] | null) => Promise<C> {
  return (child, refs) =>
    api.patch(child.metadata!.name!, {
      metadata: { ownerReferences: refs, resourceVersion: child.metadata!.resourceVersion },
    }, { type: "merge" });
}
