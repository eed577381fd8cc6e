/**
 * What discovery says about each served resource (verbs, subresources) and each group (versions in
 * preference order): the one place both the legacy and the aggregated documents read it from.
 *
 * @module
 */
import type { Registry, Resource } from "./registry.ts";

/** Verbs every stored resource supports. */
const VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** A subresource as discovery lists it. */
export interface SubresourceView {
  name: string;
  verbs: string[];
  /** The kind it answers with, when not the parent's (scale: autoscaling/v1 Scale). */
  group?: string;
  version?: string;
  kind?: string;
}

/** A resource as discovery lists it: its verbs and subresources. */
export interface ResourceView {
  resource: Resource;
  verbs: string[];
  subresources: SubresourceView[];
}

/**
 * The resources of one group version as discovery shows them, sorted by plural. The one place that
 * says which verbs and subresources a resource has.
 *
 * @example
 * ```ts
 * resourceViews(registry, "", "v1").find((v) => v.resource.plural === "pods")?.subresources[1].name; // "status"
 * ```
 */
export function resourceViews(registry: Registry, group: string, version: string): ResourceView[] {
  return registry.all()
    .filter((r) => r.group === group && r.version === version)
    .sort((a, b) => a.plural.localeCompare(b.plural))
    .map((r) => {
      const subresources: SubresourceView[] = [];
      if (r.group === "" && r.plural === "pods") {
        // core/api/_pod_binding.ts; schedulers bind through it.
        subresources.push({ name: "binding", verbs: ["create"], kind: "Binding" });
      }
      if (r.status) subresources.push({ name: "status", verbs: ["get", "patch", "update"] });
      if (r.scale) {
        subresources.push({
          name: "scale",
          verbs: ["get", "patch", "update"],
          group: "autoscaling",
          version: "v1",
          kind: "Scale",
        });
      }
      if (r.group === "" && r.plural === "serviceaccounts") {
        // TokenRequest (core/api/_token_request.ts); `kubectl create token` looks for it here.
        subresources.push({
          name: "token",
          verbs: ["create"],
          group: "authentication.k8s.io",
          version: "v1",
          kind: "TokenRequest",
        });
      }
      // Access reviews are only ever created (Registry.add's createOnly).
      return { resource: r, verbs: r.createOnly ? ["create"] : VERBS, subresources };
    });
}

/**
 * The versions of each named group, preferred (storage) version first, as /apis lists them.
 *
 * @example
 * ```ts
 * groupVersions(registry).get("coordination.k8s.io"); // ["v1"]
 * ```
 */
export function groupVersions(registry: Registry): Map<string, string[]> {
  const byGroup = new Map<string, Resource[]>();
  for (const r of registry.all()) if (r.group) byGroup.set(r.group, [...byGroup.get(r.group) ?? [], r]);
  return new Map(
    [...byGroup].sort(([a], [b]) => a.localeCompare(b)).map(([name, rs]) => {
      const versions = [...new Set(rs.map((r) => r.version))].sort(compareVersions);
      const preferred = rs.find((r) => r.version === r.storageVersion)?.version ?? versions[0];
      return [name, [preferred, ...versions.filter((v) => v !== preferred)]];
    }),
  );
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
