/**
 * The shapes the client speaks: objects, lists, watch events and how a kind is addressed.
 *
 * @module
 */

/**
 * Object metadata as the client needs it; any other field the server sends is kept.
 *
 * @example
 * ```ts
 * const meta: ObjectMeta = { name: "web", namespace: "default", labels: { app: "web" } };
 * ```
 */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  [field: string]: unknown;
}

/**
 * An owner reference (meta/v1 OwnerReference).
 *
 * @example
 * ```ts
 * const ref: OwnerReference = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d4", uid: "1f0c…", controller: true, blockOwnerDeletion: true };
 * ```
 */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/**
 * Any Kubernetes object, untyped: what a CRD's objects are without a schema.
 *
 * @example
 * ```ts
 * const widget: KubeObject = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: {} };
 * ```
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/**
 * An object's metadata alone, as a metadata-only read answers it (meta.k8s.io/v1 PartialObjectMetadata):
 * `kind` and `apiVersion` are meta.k8s.io's, not the object's kind's.
 *
 * @example
 * ```ts
 * const meta: PartialObjectMetadata = { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: { name: "web" } };
 * ```
 */
export interface PartialObjectMetadata {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/**
 * How the client addresses a kind: its group, version, plural and scope. `T` is the TypeScript type its
 * objects have (from a valibot schema, see `defineResource`); untyped kinds use {@link KubeObject}.
 *
 * @example
 * ```ts
 * const widgets: ResourceRef = { group: "example.com", version: "v1", plural: "widgets", kind: "Widget", namespaced: true };
 * ```
 */
export interface ResourceRef<T = KubeObject> {
  /** API group; "" for the legacy core group served at /api/v1. */
  group: string;
  version: string;
  /** The resource name in URLs, e.g. "pods". */
  plural: string;
  kind: string;
  namespaced: boolean;
  /** Never set: it only carries `T`, so that `client.resource(ref)` knows the objects' type. */
  readonly __type?: T;
}

/**
 * A list as the API answers it.
 *
 * @example
 * ```ts
 * const list: ObjectList = { apiVersion: "v1", kind: "PodList", metadata: { resourceVersion: "7" }, items: [] };
 * ```
 */
export interface ObjectList<T = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

/**
 * A meta/v1 Status: what every API error is, and what an ERROR watch event carries.
 *
 * @example
 * ```ts
 * const s: Status = { kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404 };
 * ```
 */
export interface Status {
  kind?: "Status";
  apiVersion?: string;
  metadata?: Record<string, unknown>;
  status?: "Success" | "Failure";
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code?: number;
}

/**
 * One field-level reason of a Status.
 *
 * @example
 * ```ts
 * const cause: StatusCause = { reason: "FieldValueRequired", message: "Required value", field: "spec.containers" };
 * ```
 */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/**
 * One event of a watch: an object that was added, modified or deleted, a BOOKMARK carrying only a
 * resourceVersion, or an ERROR carrying a Status (410 Gone when the resourceVersion was compacted).
 *
 * @example
 * ```ts
 * const e: WatchEvent = { type: "ADDED", object: { metadata: { name: "a", resourceVersion: "5" } } };
 * ```
 */
export type WatchEvent<T = KubeObject> =
  | { type: "ADDED" | "MODIFIED" | "DELETED"; object: T }
  | { type: "BOOKMARK"; object: KubeObject }
  | { type: "ERROR"; object: Status };

/**
 * The group/version/resource key of a kind, e.g. "apps/v1/deployments" or "v1/pods" for the core group.
 *
 * @example
 * ```ts
 * gvrKey({ group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true }); // "v1/pods"
 * ```
 */
export function gvrKey(ref: Pick<ResourceRef<unknown>, "group" | "version" | "plural">): string {
  return `${ref.group ? ref.group + "/" : ""}${ref.version}/${ref.plural}`;
}

/**
 * The apiVersion of a kind's objects: "v1" for the core group, "GROUP/VERSION" otherwise.
 *
 * @example
 * ```ts
 * apiVersionOf({ group: "apps", version: "v1" }); // "apps/v1"
 * ```
 */
export function apiVersionOf(ref: Pick<ResourceRef<unknown>, "group" | "version">): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}

/**
 * The cache key of an object: "NAMESPACE/NAME", or "NAME" for cluster-scoped objects.
 *
 * @example
 * ```ts
 * objectKey({ metadata: { namespace: "default", name: "web" } }); // "default/web"
 * ```
 */
export function objectKey(obj: { metadata?: { name?: string; namespace?: string } }): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : `${m.name}`;
}
