/**
 * Aggregated discovery (KEP-3352): every group version's resources in one `APIGroupDiscoveryList`, the
 * core group on /api and the named groups on /apis, with an ETag so kubectl's cache revalidates cheaply.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { Registry } from "./registry.ts";
import { groupVersions, resourceViews } from "./_resource_views.ts";

/** The apidiscovery.k8s.io versions served, most preferred first (1.32 serves both). */
const VERSIONS = ["v2", "v2beta1"] as const;
type DiscoveryVersion = typeof VERSIONS[number];

/**
 * The aggregated discovery version an Accept header asks for, in the client's order, or undefined when
 * it asks only for the legacy documents.
 *
 * @example
 * ```ts
 * acceptsAggregatedDiscovery("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"); // "v2"
 * acceptsAggregatedDiscovery("application/json"); // undefined
 * ```
 */
export function acceptsAggregatedDiscovery(accept: string | undefined): DiscoveryVersion | undefined {
  for (const range of (accept ?? "").split(",")) {
    const [type, ...params] = range.split(";").map((p) => p.trim());
    if (type !== "application/json" && type !== "*/*") continue;
    const p = Object.fromEntries(params.map((kv) => kv.split("=").map((s) => s.trim())));
    if (p.g !== "apidiscovery.k8s.io" || p.as !== "APIGroupDiscoveryList") continue;
    if ((VERSIONS as readonly string[]).includes(p.v)) return p.v as DiscoveryVersion;
  }
  return undefined;
}

/**
 * The `APIGroupDiscoveryList` of the core group ("core", served on /api) or of every named group
 * ("named", on /apis), versions of a group in preference order.
 *
 * @example
 * ```ts
 * aggregatedGroups(registry, "core", "v2").items[0].versions[0].version; // "v1"
 * ```
 */
export function aggregatedGroups(registry: Registry, which: "core" | "named", version: DiscoveryVersion) {
  const groups: [string, string[]][] = which === "core" ? [["", ["v1"]]] : [...groupVersions(registry)];
  return {
    kind: "APIGroupDiscoveryList",
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map(([group, versions]) => ({
      metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
      versions: versions.map((v) => ({
        version: v,
        resources: resourceViews(registry, group, v).map(({ resource: r, verbs, subresources }) => {
          const out: Record<string, unknown> = {
            resource: r.plural,
            responseKind: { group, version: v, kind: r.kind },
            scope: r.namespaced ? "Namespaced" : "Cluster",
            singularResource: r.singular,
            verbs,
          };
          if (r.shortNames.length) out.shortNames = r.shortNames;
          if (r.categories.length) out.categories = r.categories;
          if (subresources.length) {
            out.subresources = subresources.map((s) => ({
              subresource: s.name,
              responseKind: { group: s.group ?? group, version: s.version ?? v, kind: s.kind ?? r.kind },
              verbs: s.verbs,
            }));
          }
          return out;
        }),
        freshness: "Current",
      })),
    })),
  };
}

/**
 * Answers `body` as aggregated discovery with a strong ETag of its bytes, or 304 when the client's
 * If-None-Match already names it (kube-apiserver does the same for its discovery cache).
 *
 * @example
 * ```ts
 * return etagged(c, "v2", aggregatedGroups(registry, "named", "v2"));
 * ```
 */
export function etagged(c: Context, version: DiscoveryVersion, body: unknown): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash("sha256").update(text).digest("hex").slice(0, 32)}"`;
  const headers = {
    "content-type": `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`,
    etag,
    vary: "Accept",
  };
  if (c.req.header("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(text, { status: 200, headers });
}
