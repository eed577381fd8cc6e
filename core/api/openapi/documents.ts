/**
 * The OpenAPI documents of a registry, serialized once and kept until the registry changes: the v3
 * index, one v3 document per group-version and the v2 document, each with the ETag kube-openapi gives
 * it (the SHA-512 of its bytes, in upper-case hex) and the time its content last changed. The ETag is
 * also the `hash` of the group-version's URL in the index, so clients cache documents by URL and
 * fetch a new one only when a CRD changes it.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { Registry, Resource } from "../registry.ts";
import { groupVersionPath } from "./names.ts";
import type { OpenAPIV3Index } from "./types.ts";
import { buildOpenAPIV2 } from "./v2.ts";
import { buildOpenAPIV3 } from "./v3.ts";

/**
 * A document ready to serve.
 *
 * @example
 * ```ts
 * const doc: ServedDocument = documents.v2();
 * new Response(doc.body, { headers: { etag: `"${doc.etag}"` } });
 * ```
 */
export interface ServedDocument {
  /** The JSON text. */
  body: string;
  /** SHA-512 of the body, upper-case hex, unquoted. */
  etag: string;
  /** When a document with this content was first built (kept across rebuilds that change nothing). */
  lastModified: Date;
}

/**
 * The documents of `registry`, built on first use after each change.
 *
 * @example
 * ```ts
 * const docs = new OpenAPIDocuments(registry);
 * docs.index().body; // '{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."},...}}'
 * docs.v3("apis/apps/v1")?.etag;
 * docs.close();
 * ```
 */
export class OpenAPIDocuments {
  #registry: Registry;
  #stop: () => void;
  /** This generation's documents by key ("v2", "index", "api/v1", "apis/apps/v1", ...). */
  #current = new Map<string, ServedDocument>();
  /** The last document served under each key, whose date a rebuild keeps when nothing changed. */
  #previous = new Map<string, ServedDocument>();
  #groups?: Map<string, Resource[]>;

  constructor(registry: Registry) {
    this.#registry = registry;
    this.#stop = registry.onChange(() => {
      this.#current = new Map();
      this.#groups = undefined;
    });
  }

  /** The `/openapi/v3` index. */
  index(): ServedDocument {
    return this.#get("index", () => {
      const index: OpenAPIV3Index = { paths: {} };
      for (const path of [...this.#groupVersions().keys()].sort()) {
        const hash = new URLSearchParams({ hash: this.v3(path)!.etag });
        index.paths[path] = { serverRelativeURL: `/openapi/v3/${path}?${hash}` };
      }
      return index;
    });
  }

  /** The v3 document of a group-version (`api/v1`, `apis/apps/v1`), or undefined when none is served. */
  v3(path: string): ServedDocument | undefined {
    const resources = this.#groupVersions().get(path);
    return resources && this.#get(path, () => buildOpenAPIV3(resources));
  }

  /** The `/openapi/v2` document. */
  v2(): ServedDocument {
    return this.#get("v2", () => buildOpenAPIV2(this.#registry.all()));
  }

  /** Stops following the registry. */
  close(): void {
    this.#stop();
  }

  #groupVersions(): Map<string, Resource[]> {
    if (this.#groups) return this.#groups;
    const groups = new Map<string, Resource[]>();
    for (const r of this.#registry.all()) {
      const path = groupVersionPath(r.group, r.version);
      groups.set(path, [...groups.get(path) ?? [], r]);
    }
    return this.#groups = groups;
  }

  #get(key: string, build: () => unknown): ServedDocument {
    const cached = this.#current.get(key);
    if (cached) return cached;
    const body = JSON.stringify(build());
    const etag = createHash("sha512").update(body).digest("hex").toUpperCase();
    const previous = this.#previous.get(key);
    const doc = previous?.etag === etag ? previous : { body, etag, lastModified: new Date() };
    this.#current.set(key, doc);
    this.#previous.set(key, doc);
    return doc;
  }
}
