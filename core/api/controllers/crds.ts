/**
 * The CRD controller: serves a CustomResourceDefinition's kind as soon as it is stored (conditions
 * NamesAccepted and Established), and on deletion deletes every instance, then lets the CRD go.
 *
 * @module
 */
import type { ResourceDefinition } from "@skiff/schema";
import type { KubeObject } from "../admission.ts";
import type { Objects } from "../objects.ts";
import { collectionKey, type Registry } from "../registry.ts";
import { now } from "../_util.ts";
import { type Loop, startLoop } from "./_loop.ts";

/** The finalizer that holds a CRD until its instances are gone. */
export const CRD_CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

/**
 * Starts the CRD controller.
 *
 * @example
 * ```ts
 * const loop = startCrdController(objects, registry, console.error);
 * ```
 */
export function startCrdController(objects: Objects, registry: Registry, log: (line: string) => void): Loop {
  const crds = registry.lookup("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;
  const served = new Map<string, { group: string; plural: string }>();
  return startLoop(objects.store, collectionKey(crds), async (id, crd) => {
    if (!crd) {
      const gone = served.get(id);
      if (gone) registry.remove(gone.group, gone.plural), served.delete(id);
      return;
    }
    const spec = crd.spec as ResourceDefinition;
    if (!crd.metadata.deletionTimestamp) {
      // Established first, so a kind that answers is one whose CRD says so; the status write comes back
      // here as a change and then the kind is served.
      if (!isEstablished(crd)) return await establish(objects, crds, crd);
      registry.add(spec, { builtin: false });
      served.set(id, { group: spec.group, plural: spec.names.plural });
      return;
    }
    // Deleting: empty every version's storage (instances with finalizers are waited for), then let go.
    const res = registry.all().find((r) => r.group === spec.group && r.plural === spec.names.plural);
    if (res) {
      await objects.deleteCollection(res, undefined, {});
      const left = await objects.list(res, undefined, { limit: 1 });
      if (left.items.length) return { requeueAfterMs: 1000 };
    }
    if (crd.metadata.finalizers?.includes(CRD_CLEANUP_FINALIZER)) {
      await objects.patch(crds, undefined, crd.metadata.name, (cur) => {
        cur.metadata.finalizers = (cur.metadata.finalizers ?? []).filter((f: string) =>
          f !== CRD_CLEANUP_FINALIZER
        );
        return cur;
      });
    }
  }, (line) => log(`crd controller: ${line}`));
}

function isEstablished(crd: KubeObject): boolean {
  return (crd.status?.conditions ?? []).some((c: { type: string; status: string }) =>
    c.type === "Established" && c.status === "True"
  );
}

async function establish(
  objects: Objects,
  crds: Parameters<Objects["update"]>[0],
  crd: KubeObject,
): Promise<void> {
  const at = now();
  const spec = crd.spec as ResourceDefinition;
  const status = {
    conditions: [
      {
        type: "NamesAccepted",
        status: "True",
        lastTransitionTime: at,
        reason: "NoConflicts",
        message: "no conflicts found",
      },
      {
        type: "Established",
        status: "True",
        lastTransitionTime: at,
        reason: "InitialNamesAccepted",
        message: "the initial names have been accepted",
      },
    ],
    acceptedNames: spec.names,
    storedVersions: spec.versions.filter((v) => v.storage).map((v) => v.name),
  };
  await objects.patch(crds, undefined, crd.metadata.name, (cur) => ({ ...cur, status }), {
    subresource: "status",
  });
}
