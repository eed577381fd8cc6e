/**
 * The namespace controller: a namespace being deleted (Terminating) is emptied of every namespaced kind,
 * custom resources included; once nothing is left its "kubernetes" finalizer is removed through
 * /finalize and the namespace disappears.
 *
 * @module
 */
import type { Objects } from "../objects.ts";
import { collectionKey, type Registry, type Resource } from "../registry.ts";
import { type Loop, startLoop } from "./_loop.ts";

/**
 * Starts the namespace controller.
 *
 * @example
 * ```ts
 * const loop = startNamespaceController(objects, registry, console.error);
 * ```
 */
export function startNamespaceController(
  objects: Objects,
  registry: Registry,
  log: (line: string) => void,
): Loop {
  const namespaces = registry.lookup("", "v1", "namespaces")!;
  return startLoop(objects.store, collectionKey(namespaces), async (_id, ns) => {
    if (!ns?.metadata.deletionTimestamp) return;
    const name = ns.metadata.name;
    let remaining = 0;
    for (const res of namespacedKinds(registry)) {
      await objects.deleteCollection(res, name, {});
      remaining += (await objects.list(res, name, { limit: 1 })).items.length;
    }
    // Objects with finalizers or grace periods leave in their own time; look again shortly.
    if (remaining) return { requeueAfterMs: 1000 };
    if ((ns.spec?.finalizers ?? []).includes("kubernetes")) {
      await objects.patch(namespaces, undefined, name, (cur) => {
        cur.spec = {
          ...cur.spec,
          finalizers: (cur.spec?.finalizers ?? []).filter((f: string) => f !== "kubernetes"),
        };
        return cur;
      }, { subresource: "finalize" });
    }
  }, (line) => log(`namespace controller: ${line}`));
}

/** One resource per namespaced group/plural (the storage holds every version under one key). */
function namespacedKinds(registry: Registry): Resource[] {
  const seen = new Map<string, Resource>();
  for (const r of registry.all()) {
    if (r.namespaced && !seen.has(`${r.group}/${r.plural}`)) seen.set(`${r.group}/${r.plural}`, r);
  }
  return [...seen.values()];
}
