/**
 * Owner references as controller-runtime's controllerutil sets them: an object has at most one
 * controller, and an owner must be cluster-scoped or in the object's namespace.
 *
 * @module
 */
import type { MetaObject, OwnerReference } from "./types.ts";

/**
 * Thrown by {@link setControllerReference} when another object already controls the object
 * (controller-runtime's AlreadyOwnedError).
 *
 * @example
 * ```ts
 * try {
 *   setControllerReference(owner, pod);
 * } catch (e) {
 *   if (e instanceof AlreadyOwnedError) console.log(e.owner.name);
 * }
 * ```
 */
export class AlreadyOwnedError extends Error {
  override name = "AlreadyOwnedError";
  constructor(readonly object: MetaObject, readonly owner: OwnerReference) {
    super(
      `Object ${object.metadata?.namespace ?? ""}/${
        object.metadata?.name ?? ""
      } is already owned by another ${owner.kind} controller ${owner.name}`,
    );
  }
}

/**
 * Options of {@link setControllerReference}.
 *
 * @example
 * ```ts
 * const options: ControllerReferenceOptions = { blockOwnerDeletion: false };
 * ```
 */
export interface ControllerReferenceOptions {
  /** Whether deleting the owner in the foreground waits for this object (default true). */
  blockOwnerDeletion?: boolean;
}

/**
 * Makes `owner` the controller of `object` (controller: true, blockOwnerDeletion: true), replacing a
 * reference to the same owner. Throws {@link AlreadyOwnedError} when a different controller owns it, and an
 * Error for a namespaced owner of a cluster-scoped object or one in another namespace.
 *
 * @example
 * ```ts
 * const rs = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web", namespace: "default", uid: "u1" } };
 * const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web-x", namespace: "default" } };
 * setControllerReference(rs, pod);
 * pod.metadata.ownerReferences; // [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "u1", controller: true, blockOwnerDeletion: true }]
 * ```
 */
export function setControllerReference(
  owner: MetaObject,
  object: MetaObject,
  options: ControllerReferenceOptions = {},
): void {
  validateOwner(owner, object);
  const ref: OwnerReference = {
    ...referenceTo(owner),
    blockOwnerDeletion: options.blockOwnerDeletion ?? true,
    controller: true,
  };
  const existing = getControllerOf(object);
  if (existing && !referSameObject(existing, ref)) throw new AlreadyOwnedError(object, existing);
  upsertOwnerReference(object, ref);
}

/**
 * metav1.NewControllerRef: a reference making `owner` (of `kind`, given because informer objects may
 * lack apiVersion and kind) the controller, blocking its foreground deletion, in Go's field order.
 *
 * @example
 * ```ts
 * newControllerRef(job, { apiVersion: "batch/v1", kind: "Job" });
 * // { apiVersion: "batch/v1", kind: "Job", name: "pi", uid: "u1", controller: true, blockOwnerDeletion: true }
 * ```
 */
export function newControllerRef(
  owner: { metadata?: { name?: string; uid?: string } },
  kind: { apiVersion: string; kind: string },
): OwnerReference & { controller: true; blockOwnerDeletion: true } {
  return {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * Adds `owner` as a plain (non-controller) owner of `object`, replacing a reference to the same owner.
 *
 * @example
 * ```ts
 * setOwnerReference(configMapOwner, secret);
 * ```
 */
export function setOwnerReference(owner: MetaObject, object: MetaObject): void {
  validateOwner(owner, object);
  upsertOwnerReference(object, referenceTo(owner));
}

/**
 * The owner reference marked controller: true, if any.
 *
 * @example
 * ```ts
 * getControllerOf(pod)?.kind; // "ReplicaSet"
 * ```
 */
export function getControllerOf(object: MetaObject): OwnerReference | undefined {
  return object.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/**
 * Whether `owner` (by uid) is the controller of `object`.
 *
 * @example
 * ```ts
 * isControlledBy(pod, rs); // true after setControllerReference(rs, pod)
 * ```
 */
export function isControlledBy(object: MetaObject, owner: MetaObject): boolean {
  const ref = getControllerOf(object);
  return ref !== undefined && ref.uid === owner.metadata?.uid;
}

function referenceTo(owner: MetaObject): OwnerReference {
  const { apiVersion, kind } = owner;
  const { name, uid } = owner.metadata ?? {};
  if (!apiVersion || !kind) throw new Error("the owner needs apiVersion and kind to be referenced");
  if (!name || !uid) throw new Error("the owner needs a name and a uid (read it from the server first)");
  return { apiVersion, kind, name, uid };
}

/** An owner must be cluster-scoped, or namespaced in the same namespace as a namespaced object. */
function validateOwner(owner: MetaObject, object: MetaObject): void {
  const ownerNs = owner.metadata?.namespace ?? "";
  if (!ownerNs) return;
  const objNs = object.metadata?.namespace ?? "";
  if (!objNs) {
    throw new Error(
      `cluster-scoped resource must not have a namespace-scoped owner, owner's namespace ${ownerNs}`,
    );
  }
  if (ownerNs !== objNs) {
    throw new Error(
      `cross-namespace owner references are disallowed, owner's namespace ${ownerNs}, obj's namespace ${objNs}`,
    );
  }
}

/** Same group, kind and name: the version of the apiVersion does not matter. */
function referSameObject(a: OwnerReference, b: OwnerReference): boolean {
  const group = (apiVersion: string) => apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  return group(a.apiVersion) === group(b.apiVersion) && a.kind === b.kind && a.name === b.name;
}

function upsertOwnerReference(object: MetaObject, ref: OwnerReference): void {
  const metadata = object.metadata ??= {};
  const owners = [...(metadata.ownerReferences ?? [])];
  const i = owners.findIndex((r) => referSameObject(r, ref));
  if (i === -1) owners.push(ref);
  else owners[i] = ref;
  metadata.ownerReferences = owners;
}
