/**
 * Finds how a kind is addressed (plural, scope) from the server's discovery documents, /api/v1 and
 * /apis/GROUP/VERSION, and remembers them.
 *
 * @module
 */
import type { Client } from "./client.ts";
import { ApiError, isNotFound } from "./errors.ts";
import type { ResourceRef } from "./types.ts";

/**
 * One entry of an APIResourceList.
 *
 * @example
 * ```ts
 * const r: ApiResource = { name: "pods", namespaced: true, kind: "Pod", verbs: ["get", "list"] };
 * ```
 */
export interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
  verbs?: string[];
  shortNames?: string[];
}

/**
 * Discovery with a cache per group/version. A kind not found refreshes its group/version once, since a
 * CRD may have been served since it was read.
 *
 * @example
 * ```ts
 * const ref = await client.discovery.resolve("coordination.k8s.io/v1", "Lease");
 * ref.plural; // "leases"
 * ```
 */
export class Discovery {
  #cache = new Map<string, Promise<ApiResource[]>>();

  constructor(readonly client: Client) {}

  /**
   * The resources of one group/version ("v1" for the core group), subresources left out.
   *
   * @example
   * ```ts
   * const resources = await client.discovery.resources("v1");
   * ```
   */
  resources(apiVersion: string): Promise<ApiResource[]> {
    let cached = this.#cache.get(apiVersion);
    if (!cached) {
      const path = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      cached = this.client.json<{ resources?: ApiResource[] }>("GET", path)
        .then((list) => (list.resources ?? []).filter((r) => !r.name.includes("/")))
        .catch((e) => {
          this.#cache.delete(apiVersion);
          throw e;
        });
      this.#cache.set(apiVersion, cached);
    }
    return cached;
  }

  /**
   * The ResourceRef of `kind` in `apiVersion`; a 404 ApiError when the server does not serve it.
   *
   * @example
   * ```ts
   * const pods = client.resource(await client.discovery.resolve("v1", "Pod"));
   * ```
   */
  async resolve(apiVersion: string, kind: string): Promise<ResourceRef> {
    const find = async () => {
      try {
        return (await this.resources(apiVersion)).find((r) => r.kind === kind);
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    };
    let found = await find();
    if (!found) {
      this.invalidate(apiVersion);
      found = await find();
    }
    if (!found) {
      throw new ApiError(404, {
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        reason: "NotFound",
        message: `the server doesn't have a resource type for kind "${kind}" in "${apiVersion}"`,
        code: 404,
      });
    }
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    return { group, version, plural: found.name, kind: found.kind, namespaced: found.namespaced };
  }

  /**
   * Forgets what was read, for one group/version or all.
   *
   * @example
   * ```ts
   * client.discovery.invalidate("example.com/v1");
   * ```
   */
  invalidate(apiVersion?: string): void {
    if (apiVersion) this.#cache.delete(apiVersion);
    else this.#cache.clear();
  }
}
