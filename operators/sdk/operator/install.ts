/**
 * Installs an operator's CRDs: create-or-update each, then wait until every one is Established, as
 * `kubectl apply` followed by `kubectl wait --for condition=established` would.
 *
 * @module
 */
import type { Client } from "../client/client.ts";
import { customResourceDefinitionsResource } from "../client/resources.ts";
import type { KubeObject } from "../client/types.ts";
import { createOrUpdate, type ObjectClient, type OperationResult } from "../helpers/create_or_update.ts";
import type { CustomResourceDefinitionObject } from "./operator.ts";

/**
 * Options of {@link installCrds}.
 *
 * @example
 * ```ts
 * const options: InstallCrdsOptions = { timeoutMs: 10_000 };
 * ```
 */
export interface InstallCrdsOptions {
  /** How long to wait for Established; default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Applies the CRDs (labels and annotations merged, spec replaced) and waits until each is Established;
 * answers what was done to each, by name.
 *
 * @example
 * ```ts
 * const results = await installCrds(client, widgetsOperator.crds);
 * results.get("widgets.example.com"); // "created", then "unchanged" or "updated"
 * ```
 */
export async function installCrds(
  client: Client,
  crds: readonly CustomResourceDefinitionObject[],
  options: InstallCrdsOptions = {},
): Promise<Map<string, OperationResult>> {
  const api = client.resource(customResourceDefinitionsResource) as unknown as ObjectClient<KubeObject>;
  const results = new Map<string, OperationResult>();
  for (const crd of crds) {
    const result = await createOrUpdate(api, { metadata: { name: crd.metadata.name } }, (obj) => {
      obj.apiVersion = crd.apiVersion;
      obj.kind = crd.kind;
      obj.metadata!.labels = { ...obj.metadata!.labels, ...crd.metadata.labels };
      obj.metadata!.annotations = { ...obj.metadata!.annotations, ...crd.metadata.annotations };
      if (Object.keys(obj.metadata!.labels).length === 0) delete obj.metadata!.labels;
      if (Object.keys(obj.metadata!.annotations).length === 0) delete obj.metadata!.annotations;
      // The server defaults fields (conversion, ...): only a spec that differs from what we declare is
      // written, so applying again is a no-op.
      if (!covers(obj.spec, crd.spec)) obj.spec = structuredClone(crd.spec);
    });
    results.set(crd.metadata.name, result);
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (const crd of crds) {
    for (;;) {
      options.signal?.throwIfAborted();
      const current = await api.get(crd.metadata.name, { signal: options.signal });
      if (isEstablished(current)) break;
      if (Date.now() > deadline) {
        throw new Error(`CustomResourceDefinition ${crd.metadata.name} was not Established in time`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return results;
}

/**
 * Whether a CRD's status has condition Established=True.
 *
 * @example
 * ```ts
 * isEstablished({ status: { conditions: [{ type: "Established", status: "True" }] } }); // true
 * ```
 */
export function isEstablished(crd: KubeObject): boolean {
  const conditions = (crd.status as { conditions?: { type?: string; status?: string }[] })?.conditions ?? [];
  return conditions.some((c) => c.type === "Established" && c.status === "True");
}

/** Whether `actual` holds every value of `wanted` (extra fields in objects allowed, as server defaults). */
function covers(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) {
    return Array.isArray(actual) && actual.length === wanted.length &&
      wanted.every((w, i) => covers(actual[i], w));
  }
  if (wanted !== null && typeof wanted === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
    return Object.entries(wanted).every(([k, w]) => covers((actual as Record<string, unknown>)[k], w));
  }
  return actual === wanted;
}
