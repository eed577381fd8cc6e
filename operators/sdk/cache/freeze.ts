/**
 * Deep freezing, so objects handed out of a cache cannot be changed by accident: a controller that wants
 * to change one copies it first (`structuredClone`).
 *
 * @module
 */

/**
 * Freezes `value` and everything reachable from it; answers it.
 *
 * @example
 * ```ts
 * const pod = deepFreeze({ metadata: { labels: { a: "b" } } });
 * Object.isFrozen(pod.metadata.labels); // true
 * ```
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/**
 * Keeps only apiVersion, kind and metadata: the metadata-only form a cache of a large kind stores.
 *
 * @example
 * ```ts
 * metadataOnly({ apiVersion: "v1", kind: "Pod", metadata: { name: "a" }, spec: {} }); // no spec
 * ```
 */
export function metadataOnly<T extends { apiVersion?: string; kind?: string; metadata?: unknown }>(
  obj: T,
): Pick<T, "apiVersion" | "kind" | "metadata"> {
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: obj.metadata };
}

/**
 * The object without metadata.managedFields (client-go's TransformStripManagedFields): about half of a
 * Pod's JSON, and nothing a reconciler reads. Caches store objects this way unless asked not to.
 *
 * @example
 * ```ts
 * stripManagedFields({ metadata: { name: "a", managedFields: [{ manager: "kubectl" }] } }).metadata; // { name: "a" }
 * ```
 */
export function stripManagedFields<T extends { metadata?: unknown }>(obj: T): T {
  const meta = obj.metadata as Record<string, unknown> | undefined;
  if (!meta || meta.managedFields === undefined) return obj;
  const { managedFields: _, ...rest } = meta;
  return { ...obj, metadata: rest };
}
