/**
 * Discovery documents, built from the registry on each request so CRDs appear and disappear with it:
 * the legacy ones (/api, /apis, /api/v1, /apis/GROUP[/VERSION]) and, when the client asks for them,
 * aggregated discovery (`APIGroupDiscoveryList`, apidiscovery.k8s.io/v2 or v2beta1) on /api and /apis,
 * which kubectl 1.32 reads in one request instead of one per group version.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { ApiError } from "./errors.ts";
import type { Registry } from "./registry.ts";
import { acceptsAggregatedDiscovery, aggregatedGroups, etagged } from "./_aggregated_discovery.ts";
import { compareVersions, groupVersions, resourceViews } from "./_resource_views.ts";

/**
 * Hono routes for the discovery documents.
 *
 * @example
 * ```ts
 * app.route("/", discoveryRoutes(registry));
 * ```
 */
export function discoveryRoutes(registry: Registry): Hono {
  const app = new Hono();
  app.get("/api", (c) => {
    const aggregated = acceptsAggregatedDiscovery(c.req.header("accept"));
    if (aggregated) return etagged(c, aggregated, aggregatedGroups(registry, "core", aggregated));
    return varying(c).json({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: new URL(c.req.url).host }],
    });
  });
  app.get("/apis", (c) => {
    const aggregated = acceptsAggregatedDiscovery(c.req.header("accept"));
    if (aggregated) return etagged(c, aggregated, aggregatedGroups(registry, "named", aggregated));
    return varying(c).json({ kind: "APIGroupList", apiVersion: "v1", groups: groups(registry) });
  });
  app.get("/api/v1", (c) => c.json(resourceList(registry, "", "v1")));
  app.get("/apis/:group", (c) => {
    const g = groups(registry).find((g) => g.name === c.req.param("group"));
    if (!g) throw ApiError.noSuchPath();
    return c.json({ kind: "APIGroup", apiVersion: "v1", ...g });
  });
  app.get(
    "/apis/:group/:version",
    (c) => c.json(resourceList(registry, c.req.param("group"), c.req.param("version"))),
  );
  return app;
}

/** /api and /apis answer two forms depending on Accept, so caches must key on it. */
function varying(c: Context): Context {
  c.header("Vary", "Accept");
  return c;
}

function groups(registry: Registry) {
  return [...groupVersions(registry)].map(([name, versions]) => ({
    name,
    versions: [...versions].sort(compareVersions).map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
  }));
}

function resourceList(registry: Registry, group: string, version: string) {
  const views = resourceViews(registry, group, version);
  if (!views.length) throw ApiError.noSuchPath();
  const resources: Record<string, unknown>[] = [];
  for (const { resource: r, verbs, subresources } of views) {
    const main: Record<string, unknown> = {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs,
    };
    if (r.shortNames.length) main.shortNames = r.shortNames;
    if (r.categories.length) main.categories = r.categories;
    resources.push(main);
    for (const s of subresources) {
      const sub: Record<string, unknown> = {
        name: `${r.plural}/${s.name}`,
        singularName: "",
        namespaced: r.namespaced,
      };
      if (s.group !== undefined) Object.assign(sub, { group: s.group, version: s.version });
      resources.push({ ...sub, kind: s.kind ?? r.kind, verbs: s.verbs });
    }
  }
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
