/**
 * The OpenAPI endpoints, as kube-apiserver serves them (kube-openapi's handler and handler3):
 *
 * ```
 * GET /openapi/v2                            Swagger 2.0, JSON (406 to a client asking only for protobuf)
 * GET /openapi/v3                            the index: each group-version's URL with its hash
 * GET /openapi/v3/api/v1[?hash=H]            OpenAPI 3.0 per group-version; with the current hash the
 * GET /openapi/v3/apis/GROUP/VERSION[?hash=H]  answer may be cached for a year, with an old one it
 *                                             redirects (301) to the current URL
 * ```
 *
 * Every answer carries an ETag and Last-Modified and honours If-None-Match / If-Modified-Since.
 *
 * @module
 */
import { Hono } from "hono";
import { ApiError } from "../errors.ts";
import type { Registry } from "../registry.ts";
import { serveDocument } from "./_conditional.ts";
import { negotiate } from "./_negotiate.ts";
import { OpenAPIDocuments } from "./documents.ts";

/** Skiff writes JSON only; protobuf clauses find no offer (kube-openapi would also offer protobuf). */
const OFFERS = [{ type: "application", subtype: "json", contentType: "application/json" }];

const V3_PREFIX = "/openapi/v3/";

/**
 * Options of {@link openapiRoutes}.
 *
 * @example
 * ```ts
 * const documents = new OpenAPIDocuments(registry);
 * app.route("/", openapiRoutes(registry, { documents }));
 * ```
 */
export interface OpenAPIRoutesOptions {
  /** The documents to serve, when the caller wants them too (default: a cache of its own). */
  documents?: OpenAPIDocuments;
}

/**
 * Hono routes serving the OpenAPI documents of `registry`, rebuilt when it changes. Mount them behind
 * authentication, as kube-apiserver allows these paths to authenticated users only.
 *
 * @example
 * ```ts
 * const api = createApiServer({ store });
 * api.app.route("/", openapiRoutes(api.registry));
 * ```
 */
export function openapiRoutes(registry: Registry, options: OpenAPIRoutesOptions = {}): Hono {
  const documents = options.documents ?? new OpenAPIDocuments(registry);
  const app = new Hono();

  app.get("/openapi/v2", (c) => {
    const offer = negotiate(c.req.header("accept"), OFFERS);
    if (!offer) return notAcceptable();
    return serveDocument(c.req.raw, documents.v2(), { "content-type": offer.contentType, vary: "Accept" });
  });

  app.get(
    "/openapi/v3",
    (c) => serveDocument(c.req.raw, documents.index(), { "content-type": "application/json" }),
  );

  app.get(`${V3_PREFIX}*`, (c) => {
    const path = c.req.path.slice(V3_PREFIX.length);
    const offer = negotiate(c.req.header("accept"), OFFERS);
    if (!offer) return notAcceptable();
    const doc = documents.v3(path);
    if (!doc) return c.json(ApiError.noSuchPath().toStatus(), 404);
    const headers: Record<string, string> = { "content-type": offer.contentType, vary: "Accept" };
    const hash = c.req.query("hash");
    if (hash) {
      if (hash !== doc.etag) {
        // An old URL from a client's cache: point it at the current document.
        return c.redirect(`${V3_PREFIX}${path}?${new URLSearchParams({ hash: doc.etag })}`, 301);
      }
      // The URL names this exact content, so it never changes.
      headers["cache-control"] = "public, immutable";
      headers.expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
    }
    return serveDocument(c.req.raw, doc, headers);
  });

  return app;
}

function notAcceptable(): Response {
  return new Response(null, { status: 406, headers: { vary: "Accept" } });
}
