/**
 * Discovery documents: /api, /apis, /api/v1 and /apis/GROUP[/VERSION], built from the registry on each
 * request so CRDs appear and disappear with it. (Aggregated discovery comes with the kubectl issue.)
 *
 * @module
 */
import { Hono } from "hono";
import { ApiError } from "./errors.ts";
import type { Registry, Resource } from "./registry.ts";

/** Verbs every resource supports, and those of its subresources. */
const VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

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
  app.get("/api", (c) =>
    c.json({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: new URL(c.req.url).host }],
    }));
  app.get("/apis", (c) => c.json({ kind: "APIGroupList", apiVersion: "v1", groups: groups(registry) }));
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

function groups(registry: Registry) {
  const byGroup = new Map<string, Resource[]>();
  for (const r of registry.all()) if (r.group) byGroup.set(r.group, [...byGroup.get(r.group) ?? [], r]);
  return [...byGroup].sort(([a], [b]) => a.localeCompare(b)).map(([name, rs]) => {
    const versions = [...new Set(rs.map((r) => r.version))].sort(compareVersions);
    const preferred = rs.find((r) => r.version === r.storageVersion)?.version ?? versions[0];
    return {
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${preferred}`, version: preferred },
    };
  });
}

function resourceList(registry: Registry, group: string, version: string) {
  const rs = registry.all().filter((r) => r.group === group && r.version === version);
  if (!rs.length) throw ApiError.noSuchPath();
  const resources: Record<string, unknown>[] = [];
  for (const r of rs.sort((a, b) => a.plural.localeCompare(b.plural))) {
    const main: Record<string, unknown> = {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: VERBS,
    };
    if (r.shortNames.length) main.shortNames = r.shortNames;
    if (r.categories.length) main.categories = r.categories;
    resources.push(main);
    if (r.status) {
      resources.push({
        name: `${r.plural}/status`,
        singularName: "",
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: ["get", "patch", "update"],
      });
    }
    if (r.scale) {
      resources.push({
        name: `${r.plural}/scale`,
        singularName: "",
        namespaced: r.namespaced,
        group: "autoscaling",
        version: "v1",
        kind: "Scale",
        verbs: ["get", "patch", "update"],
      });
    }
  }
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

/** Kubernetes' version priority: GA before beta before alpha, higher numbers first. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string) => {
    const m = v.match(/^v(\d+)(?:(alpha|beta)(\d+))?$/);
    if (!m) return [3, 0, 0, v] as const;
    return [m[2] === undefined ? 0 : m[2] === "beta" ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0), v] as const;
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x[3].localeCompare(y[3]);
}
