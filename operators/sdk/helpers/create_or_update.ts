/**
 * controller-runtime's CreateOrUpdate: read the object, let a function set the desired state, and write
 * only what changed.
 *
 * @module
 */
import type { MetaObject } from "./types.ts";

/**
 * How createOrUpdate reads and writes objects of one kind (and namespace). Errors carry the HTTP code as
 * `.code`; a namespaced `ResourceClient` fits as it is.
 *
 * @example
 * ```ts
 * const configMaps: ObjectClient<MetaObject> = client.resource(configMapsResource).namespace("default");
 * ```
 */
export interface ObjectClient<T extends MetaObject> {
  get(name: string, options?: { signal?: AbortSignal }): Promise<T>;
  create(object: T, options?: { signal?: AbortSignal }): Promise<T>;
  update(object: T, options?: { signal?: AbortSignal }): Promise<T>;
}

/**
 * What createOrUpdate did.
 *
 * @example
 * ```ts
 * const result: OperationResult = "unchanged";
 * ```
 */
export type OperationResult = "created" | "updated" | "unchanged";

/**
 * Reads the object named by `object.metadata.name` into `object` (replacing its fields), calls `mutate` on
 * it, then creates it when it did not exist, updates it when `mutate` changed it, or leaves it alone.
 * `object` holds the server's answer afterwards. `mutate` must not change the name or namespace.
 *
 * @example
 * ```ts
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" } };
 * const result = await createOrUpdate(configMaps, cm, (obj) => {
 *   obj.data = { mode: "fast" };
 *   setControllerReference(owner, obj);
 * });
 * // "created" the first time, "unchanged" when run again
 * ```
 */
export async function createOrUpdate<T extends MetaObject>(
  client: ObjectClient<T>,
  object: T,
  mutate: (object: T) => void | Promise<void>,
): Promise<OperationResult> {
  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace;
  if (!name) throw new Error("createOrUpdate needs metadata.name");
  let existing: T;
  try {
    existing = await client.get(name);
  } catch (error) {
    if ((error as { code?: unknown })?.code !== 404) throw error;
    await mutateKeepingKey(object, mutate, name, namespace);
    replaceContents(object, await client.create(object));
    return "created";
  }
  replaceContents(object, existing);
  const before = structuredClone(existing);
  await mutateKeepingKey(object, mutate, name, namespace);
  if (jsonEqual(before, object)) return "unchanged";
  replaceContents(object, await client.update(object));
  return "updated";
}

async function mutateKeepingKey<T extends MetaObject>(
  object: T,
  mutate: (object: T) => void | Promise<void>,
  name: string,
  namespace: string | undefined,
): Promise<void> {
  await mutate(object);
  if (
    object.metadata?.name !== name || (object.metadata?.namespace || undefined) !== (namespace || undefined)
  ) {
    throw new Error("MutateFn cannot mutate object name and/or object namespace");
  }
}

/** Makes `target` hold a copy of `source`'s fields (the caller's reference stays valid, as in Go). */
function replaceContents<T extends object>(target: T, source: T): void {
  for (const k of Object.keys(target)) delete (target as Record<string, unknown>)[k];
  Object.assign(target, structuredClone(source));
}

/** Equality of the JSON the objects would be sent as: key order and undefined fields do not count. */
function jsonEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
        : v,
  );
}
