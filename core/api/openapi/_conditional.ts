/**
 * Serving a document the way Go's http.ServeContent does for kube-openapi: ETag and Last-Modified on
 * every answer, and 304 Not Modified when the client's If-None-Match names the current ETag (or, without
 * one, its If-Modified-Since is not older than the content). client-go's disk cache revalidates the
 * v3 index this way on every kubectl run.
 *
 * @module
 */
import type { ServedDocument } from "./documents.ts";

/**
 * The response for `doc`: 200 with the body, or 304 when the request's validators still match.
 *
 * @example
 * ```ts
 * app.get("/openapi/v2", (c) => serveDocument(c.req.raw, docs.v2(), { "content-type": "application/json" }));
 * ```
 */
export function serveDocument(req: Request, doc: ServedDocument, headers: Record<string, string>): Response {
  const etag = `"${doc.etag}"`;
  const out = new Headers(headers);
  out.set("etag", etag);
  out.set("last-modified", doc.lastModified.toUTCString());
  if (notModified(req, etag, doc.lastModified)) {
    // As Go does: no body headers, and Last-Modified only when there is no ETag to go by.
    out.delete("content-type");
    out.delete("last-modified");
    return new Response(null, { status: 304, headers: out });
  }
  return new Response(req.method === "HEAD" ? null : doc.body, { status: 200, headers: out });
}

function notModified(req: Request, etag: string, lastModified: Date): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const inm = req.headers.get("if-none-match");
  if (inm !== null) {
    // Weak comparison: W/ prefixes do not matter for GET.
    const strip = (t: string) => t.trim().replace(/^W\//, "");
    return inm.split(",").some((t) => t.trim() === "*" || strip(t) === etag);
  }
  const ims = req.headers.get("if-modified-since");
  if (ims === null) return false;
  const since = Date.parse(ims);
  // HTTP dates have whole seconds.
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
