/**
 * Reads a resource URL the way kube-apiserver does:
 *
 * ```
 * /api/v1[/watch]/namespaces/NS/PLURAL[/NAME[/SUB]]     namespaced
 * /api/v1[/watch]/PLURAL[/NAME[/SUB]]                    cluster-scoped, or a list across namespaces
 * /apis/GROUP/VERSION/...                                the same for named groups
 * ```
 *
 * `/api/v1/namespaces/NS` is the namespace NS itself and `/api/v1/namespaces/NS/status` its subresource;
 * `/api/v1/namespaces/NS/pods` is the pods in it.
 *
 * @module
 */
import { ApiError } from "./errors.ts";
import type { Registry, Resource } from "./registry.ts";

/** What a resource URL names. */
export interface ResourceTarget {
  resource: Resource;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The legacy `/watch/` form. */
  watch: boolean;
}

/** Subresources a namespace has, so `/namespaces/NS/status` is not read as a resource named status. */
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

/**
 * Parses a path under /api or /apis into the resource it names; undefined when the path is a discovery
 * document (`/api`, `/api/v1`, `/apis`, `/apis/GROUP`, `/apis/GROUP/VERSION`).
 *
 * @example
 * ```ts
 * parseResourcePath(registry, "/api/v1/namespaces/default/pods/web/status");
 * // { resource: pods, namespace: "default", name: "web", subresource: "status", watch: false }
 * ```
 */
export function parseResourcePath(registry: Registry, path: string): ResourceTarget | undefined {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  let group: string, version: string, rest: string[];
  if (parts[0] === "api") {
    if (parts.length <= 2) return undefined;
    [group, version, rest] = ["", parts[1], parts.slice(2)];
  } else if (parts[0] === "apis") {
    if (parts.length <= 3) return undefined;
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  } else throw ApiError.noSuchPath();

  let watch = false;
  if (rest[0] === "watch") [watch, rest] = [true, rest.slice(1)];

  if (
    rest[0] === "namespaces" && rest.length >= 3 &&
    !(rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]))
  ) {
    const resource = registry.lookup(group, version, rest[2]);
    if (!resource || !resource.namespaced || rest.length > 5) throw ApiError.noSuchPath();
    return { resource, namespace: rest[1], name: rest[3], subresource: rest[4], watch };
  }
  const resource = registry.lookup(group, version, rest[0]);
  if (!resource || rest.length > 3) throw ApiError.noSuchPath();
  // A namespaced resource without a namespace is only a list (or watch) across all namespaces.
  if (resource.namespaced && rest.length > 1) throw ApiError.noSuchPath();
  return { resource, name: rest[1], subresource: rest[2], watch };
}
