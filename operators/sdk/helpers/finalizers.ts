/**
 * Finalizer helpers (controller-runtime's controllerutil): they change the object in memory only and say
 * whether they changed it, so the caller knows whether an update is needed.
 *
 * @module
 */
import type { MetaObject } from "./types.ts";

/**
 * Whether the object carries the finalizer.
 *
 * @example
 * ```ts
 * hasFinalizer({ metadata: { finalizers: ["example.com/cleanup"] } }, "example.com/cleanup"); // true
 * ```
 */
export function hasFinalizer(obj: MetaObject, finalizer: string): boolean {
  return obj.metadata?.finalizers?.includes(finalizer) ?? false;
}

/**
 * Adds the finalizer unless present; answers whether the object changed.
 *
 * @example
 * ```ts
 * const obj = { metadata: { name: "w" } };
 * addFinalizer(obj, "example.com/cleanup"); // true
 * addFinalizer(obj, "example.com/cleanup"); // false
 * ```
 */
export function addFinalizer(obj: MetaObject, finalizer: string): boolean {
  if (hasFinalizer(obj, finalizer)) return false;
  const metadata = obj.metadata ??= {};
  metadata.finalizers = [...(metadata.finalizers ?? []), finalizer];
  return true;
}

/**
 * Removes every occurrence of the finalizer; answers whether the object changed.
 *
 * @example
 * ```ts
 * const obj = { metadata: { finalizers: ["a", "b"] } };
 * removeFinalizer(obj, "a"); // true; finalizers are now ["b"]
 * ```
 */
export function removeFinalizer(obj: MetaObject, finalizer: string): boolean {
  const finalizers = obj.metadata?.finalizers;
  if (!finalizers?.includes(finalizer)) return false;
  obj.metadata!.finalizers = finalizers.filter((f) => f !== finalizer);
  return true;
}
