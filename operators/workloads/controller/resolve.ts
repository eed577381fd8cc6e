/**
 * resolveControllerRef, which every workload controller's event handlers share: the owner a dependent's
 * controller reference names, from the owners' informer, only when the kind and the uid match (a
 * reference to an owner deleted and created again under the same name is not ours).
 *
 * @module
 */
import type { Informer, OwnerReference } from "@skiff/sdk";

/**
 * The cached owner of `kind` that `ref` names in `namespace`, or undefined.
 *
 * @example
 * ```ts
 * import { getControllerOf } from "@skiff/sdk";
 * import { resolveControllerRef } from "@skiff/workloads";
 *
 * const set = resolveControllerRef(replicaSets, pod.metadata?.namespace, getControllerOf(pod), "ReplicaSet");
 * ```
 */
export function resolveControllerRef<T extends { metadata?: { uid?: string } }>(
  owners: Informer<T> | undefined,
  namespace: string | undefined,
  ref: OwnerReference | undefined,
  kind: string,
): T | undefined {
  if (!ref || ref.kind !== kind) return undefined;
  const owner = owners?.store.get(`${namespace}/${ref.name}`);
  return owner?.metadata?.uid === ref.uid ? owner : undefined;
}
