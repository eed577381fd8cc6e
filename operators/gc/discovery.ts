/**
 * Which kinds the garbage collector watches: every resource discovery lists with the list, watch and
 * delete verbs (Kubernetes' `GetDeletableResources`), events left out as Kubernetes leaves them out.
 *
 * @module
 */
import type { Client, ResourceRef } from "@skiff/sdk";

/** Resources the collector never tracks (kube-controller-manager's ignoredResources). */
const IGNORED = new Set(["events.k8s.io/events", "/events"]);

/**
 * The deletable resources of the server's preferred group versions (and v1 for the core group).
 *
 * @example
 * ```ts
 * const refs = await deletableResources(client);
 * refs.map((r) => r.plural); // ["pods", "namespaces", ..., "widgets"]
 * ```
 */
export async function deletableResources(client: Client): Promise<ResourceRef[]> {
  const groups = await client.json<{ groups?: { preferredVersion?: { groupVersion: string } }[] }>(
    "GET",
    "/apis",
  );
  const versions = ["v1", ...(groups.groups ?? []).flatMap((g) => g.preferredVersion?.groupVersion ?? [])];
  const refs: ResourceRef[] = [];
  for (const apiVersion of versions) {
    client.discovery.invalidate(apiVersion);
    const resources = await client.discovery.resources(apiVersion).catch(() => []);
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    for (const r of resources) {
      const verbs = new Set(r.verbs ?? []);
      if (!verbs.has("list") || !verbs.has("watch") || !verbs.has("delete")) continue;
      if (IGNORED.has(`${group}/${r.name}`)) continue;
      refs.push({ group, version, plural: r.name, kind: r.kind, namespaced: r.namespaced });
    }
  }
  return refs;
}
