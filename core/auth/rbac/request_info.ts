/**
 * What a request asks to do, as kube-apiserver's RequestInfoFactory reads it from the method, the path
 * and the query (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): a resource request under /api
 * or /apis has a verb (get, list, watch, create, update, patch, delete, deletecollection, proxy), an API
 * group and version, a resource, maybe a subresource, a name and a namespace; anything else (/healthz,
 * /version, /openapi/v3, /api) is a non-resource request whose verb is the lower-cased HTTP method.
 *
 * @module
 */

/** The attributes an authorizer decides on (Kubernetes' authorizer.Attributes without the user). */
export interface RequestInfo {
  /** True under /api/VERSION/... and /apis/GROUP/VERSION/...; false for /healthz, /api, /apis/GROUP. */
  isResourceRequest: boolean;
  /** The URL path, for non-resource rules. */
  path: string;
  verb: string;
  /** "" for the core group. */
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

/**
 * The attributes of a resource request that did not come from a URL (an access review, an escalation or
 * impersonation check): the given fields, everything else empty.
 *
 * @example
 * ```ts
 * resourceAttributes({ verb: "bind", apiGroup: "rbac.authorization.k8s.io", resource: "clusterroles", name: "view" });
 * ```
 */
export function resourceAttributes(fields: Partial<RequestInfo>): RequestInfo {
  return {
    isResourceRequest: true,
    path: "",
    verb: "",
    apiGroup: "",
    apiVersion: "",
    namespace: "",
    resource: "",
    subresource: "",
    name: "",
    ...fields,
  };
}

// Path segments that are verbs rather than resources (/api/v1/watch/pods, /api/v1/proxy/...).
const SPECIAL_VERBS = new Set(["proxy", "watch"]);
// After a proxy verb everything is the proxied path, never a subresource.
const SPECIAL_VERBS_NO_SUBRESOURCES = new Set(["proxy"]);
// /api/v1/namespaces/NS/status is the namespace's subresource, not a resource named "status" in NS.
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);
const METHOD_VERBS: Record<string, string> = {
  POST: "create",
  GET: "get",
  HEAD: "get",
  PUT: "update",
  PATCH: "patch",
  DELETE: "delete",
};

/**
 * Reads the request attributes of `method` on `url` (a full URL or a path with query).
 *
 * @example
 * ```ts
 * parseRequestInfo("GET", "/api/v1/namespaces/default/pods?watch=true");
 * // { isResourceRequest: true, verb: "watch", apiGroup: "", apiVersion: "v1", namespace: "default", resource: "pods", ... }
 * parseRequestInfo("GET", "/healthz").verb; // "get"
 * ```
 */
export function parseRequestInfo(method: string, url: string | URL): RequestInfo {
  const u = typeof url !== "string" ? url : plainUrl(url) ?? new URL(url, "http://localhost");
  const info: RequestInfo = {
    isResourceRequest: false,
    path: u.pathname,
    verb: method.toLowerCase(),
    apiGroup: "",
    apiVersion: "",
    namespace: "",
    resource: "",
    subresource: "",
    name: "",
  };
  // Empty parts (leading, trailing or doubled slashes) go; only a part with an escape needs decoding.
  let parts = u.pathname.split("/").filter((p) => p !== "");
  if (u.pathname.includes("%")) {
    parts = parts.map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  }
  if (parts.length < 3 || (parts[0] !== "api" && parts[0] !== "apis")) return info;
  const prefix = parts[0];
  parts = parts.slice(1);
  if (prefix === "apis") {
    // /apis/GROUP/VERSION is discovery; a resource needs a third part.
    if (parts.length < 3) return info;
    info.apiGroup = parts[0];
    parts = parts.slice(1);
  }
  info.isResourceRequest = true;
  info.apiVersion = parts[0];
  parts = parts.slice(1);

  if (SPECIAL_VERBS.has(parts[0])) {
    // Kubernetes refuses "/api/v1/watch" with nothing after it; there is nothing to authorize but the verb.
    if (parts.length < 2) return info;
    info.verb = parts[0];
    parts = parts.slice(1);
  } else {
    info.verb = METHOD_VERBS[method.toUpperCase()] ?? "";
  }

  if (parts[0] === "namespaces") {
    if (parts.length > 1) {
      info.namespace = parts[1];
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
    }
  }

  if (parts.length >= 3 && !SPECIAL_VERBS_NO_SUBRESOURCES.has(info.verb)) info.subresource = parts[2];
  if (parts.length >= 2) info.name = parts[1];
  if (parts.length >= 1) info.resource = parts[0];

  // A get without a name reads a collection: list, or watch when asked to.
  if (!info.name && info.verb === "get") {
    info.verb = watchRequested(u.searchParams) ? "watch" : "list";
    // A list or watch narrowed to one name by field selector is authorized as that name.
    const name = exactName(u.searchParams.get("fieldSelector"));
    if (name !== undefined && name !== "." && name !== ".." && !/[/%]/.test(name)) info.name = name;
  }
  if (!info.name && info.verb === "delete") info.verb = "deletecollection";
  return info;
}

/**
 * The path and query of a URL that needs no normalizing (no `%` escapes, no `.` segments, no backslash), read
 * with string searches: `new URL` costs ~15 µs of every request. Anything else goes to `new URL`.
 */
function plainUrl(url: string): Pick<URL, "pathname" | "searchParams"> | undefined {
  let start = 0;
  if (url[0] !== "/") {
    const scheme = url.indexOf("://");
    if (scheme < 0) return undefined;
    start = url.indexOf("/", scheme + 3);
    if (start < 0) return undefined;
  } else if (url[1] === "/") return undefined; // "//host/path" is a network-path reference
  let end = url.indexOf("?", start);
  const hash = url.indexOf("#", start);
  if (hash >= 0 && (end < 0 || hash < end)) return undefined;
  if (end < 0) end = url.length;
  const pathname = url.slice(start, end);
  if (/%|\\|\/\.|\s/.test(pathname)) return undefined;
  const query = url.slice(end + 1);
  let params: URLSearchParams | undefined;
  return {
    pathname,
    get searchParams() {
      return params ??= new URLSearchParams(query);
    },
  };
}

// One parse per request: authorization reads it before the handler, the audit log after.
const parsed = new WeakMap<Request, RequestInfo>();

/**
 * {@link parseRequestInfo} of a request, parsed once however many filters ask. Callers must not change
 * the answer (it is shared).
 *
 * @example
 * ```ts
 * const req = new Request("https://x/api/v1/namespaces/default/pods", { method: "POST" });
 * requestInfoOf(req).verb; // "create"
 * requestInfoOf(req) === requestInfoOf(req); // true
 * ```
 */
export function requestInfoOf(req: Request): RequestInfo {
  let info = parsed.get(req);
  if (!info) parsed.set(req, info = parseRequestInfo(req.method, req.url));
  return info;
}

/** The `watch` query parameter as apimachinery converts it to a bool: only absent, "0" and "false" are no. */
function watchRequested(query: URLSearchParams): boolean {
  const values = query.getAll("watch");
  if (!values.length) return false;
  return !["0", "false"].includes(values[0].toLowerCase());
}

/** The name a field selector requires exactly (`metadata.name=web`, `metadata.name==web`), if any. */
function exactName(selector: string | null): string | undefined {
  if (!selector) return undefined;
  let name: string | undefined;
  for (const term of selector.split(",")) {
    const m = term.trim().match(/^([^=!]+?)\s*(==|=|!=)(.*)$/);
    // A selector Kubernetes cannot parse names nothing (the request is still authorized as a list).
    if (!m) return undefined;
    if (m[1] === "metadata.name" && m[2] !== "!=") name = m[3];
  }
  return name;
}
