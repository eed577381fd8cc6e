/**
 * The service account controller (kube-controller-manager's serviceaccount-controller): every active
 * namespace has a ServiceAccount named "default", created when the namespace appears and again when
 * someone deletes it. Pods that name no service account run as it.
 *
 * @module
 */
import type { KubeObject } from "../admission.ts";
import { ApiError } from "../errors.ts";
import type { Objects } from "../objects.ts";
import { collectionKey, type Registry } from "../registry.ts";
import { type Loop, startLoop } from "./_loop.ts";

/** The service account every namespace gets. */
export const DEFAULT_SERVICE_ACCOUNT = "default";

/**
 * Starts the service account controller: two loops, over namespaces and over service accounts.
 *
 * @example
 * ```ts
 * const loops = startServiceAccountController(objects, registry, console.error);
 * await Promise.all(loops.map((l) => l.stop()));
 * ```
 */
export function startServiceAccountController(
  objects: Objects,
  registry: Registry,
  log: (line: string) => void,
): Loop[] {
  const namespaces = registry.lookup("", "v1", "namespaces")!;
  const serviceAccounts = registry.lookup("", "v1", "serviceaccounts")!;
  const logLine = (line: string) => log(`service account controller: ${line}`);

  const ensure = async (namespace: string) => {
    try {
      const ns = await objects.get(namespaces, undefined, namespace);
      if (ns.metadata.deletionTimestamp) return;
      await objects.create(serviceAccounts, namespace, {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace },
      } as KubeObject);
    } catch (e) {
      // Already there, or the namespace went (or started terminating) meanwhile: nothing to do.
      if (e instanceof ApiError && [404, 403, 409].includes(e.code)) return;
      throw e;
    }
  };

  return [
    startLoop(objects.store, collectionKey(namespaces), async (_id, ns) => {
      if (ns && !ns.metadata.deletionTimestamp) await ensure(ns.metadata.name);
    }, logLine),
    startLoop(objects.store, collectionKey(serviceAccounts), async (id, sa) => {
      // Keys are registry/core/serviceaccounts/NAMESPACE/NAME; only a deleted default matters.
      const [namespace, name] = id.split("/").slice(-2);
      if (sa === null && name === DEFAULT_SERVICE_ACCOUNT) await ensure(namespace);
    }, logLine),
  ];
}
