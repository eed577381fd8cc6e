/**
 * User impersonation (`kubectl --as`, `--as-group`, `--as-uid`), as kube-apiserver's WithImpersonation
 * filter does it: the Impersonate-User, Impersonate-Group, Impersonate-Uid and Impersonate-Extra-KEY
 * headers replace the authenticated user once the authorizer allows its `impersonate` verb on each of
 * them (users, groups and serviceaccounts in the core group; uids and userextras/KEY in
 * authentication.k8s.io). Runs after authentication and before authorization.
 *
 * @module
 */
import { createMiddleware } from "hono/factory";
import type { MiddlewareHandler } from "hono";
import {
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  ANONYMOUS_USER,
  anonymousUser,
  type UserInfo,
} from "../authenticator.ts";
import type { AuthEnv } from "../middleware.ts";
import type { Authorizer } from "./authorizer.ts";
import { forbidden } from "./forbidden.ts";
import { type RequestInfo, resourceAttributes } from "./request_info.ts";

const SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
const EXTRA_PREFIX = "impersonate-extra-";

/**
 * What a request asks to be treated as, read from its Impersonate-* headers; undefined when none.
 *
 * @example
 * ```ts
 * requestedImpersonation(new Headers({ "Impersonate-User": "alice", "Impersonate-Group": "dev" }));
 * // { username: "alice", uid: undefined, groups: ["dev"], extra: {} }
 * ```
 */
export function requestedImpersonation(headers: Headers): Partial<UserInfo> | undefined {
  const user = headers.get("impersonate-user") ?? undefined;
  const uid = headers.get("impersonate-uid") ?? undefined;
  // Headers joins repeated values with ", "; group names never contain one in practice.
  const groupHeader = headers.get("impersonate-group");
  // The common case costs three lookups, not a walk over every header (extras alone, which Kubernetes
  // refuses with a 400, are then ignored).
  if (user === undefined && uid === undefined && groupHeader === null) return undefined;
  const groups = groupHeader === null ? [] : groupHeader.split(", ");
  const extra: Record<string, string[]> = {};
  for (const [name, value] of headers) {
    if (name.startsWith(EXTRA_PREFIX)) {
      extra[decodeURIComponent(name.slice(EXTRA_PREFIX.length))] = value.split(", ");
    }
  }
  if (user === undefined && uid === undefined && !groups.length && !Object.keys(extra).length) {
    return undefined;
  }
  return { username: user, uid, groups, extra };
}

/**
 * The middleware: a request with Impersonate-* headers proceeds as the user it names when `authorizer`
 * lets the authenticated user impersonate each part; otherwise 403 naming the first part refused, or
 * 400 when groups, extras or a uid come without a user.
 *
 * @example
 * ```ts
 * app.use(authenticate(authenticator));
 * app.use(impersonate(rbac));
 * app.use(authorize(rbac));
 * ```
 */
export function impersonate(authorizer: Authorizer): MiddlewareHandler<AuthEnv> {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const wanted = requestedImpersonation(c.req.raw.headers);
    if (!wanted) return await next();
    if (wanted.username === undefined) {
      return badRequest("requested impersonation of groups, extras or a uid without impersonating a user");
    }
    const actor = c.get("user") ?? anonymousUser();
    for (const info of checks(wanted)) {
      const decision = authorizer.authorize(actor, info);
      if (!decision.allowed) return forbidden(actor.username, info, decision.reason);
    }
    c.set("user", impersonated(wanted as UserInfo));
    return await next();
  });
}

/** The `impersonate` requests to authorize, one per part, in Kubernetes' order. */
function checks(wanted: Partial<UserInfo>): RequestInfo[] {
  const info = (apiGroup: string, resource: string, name: string, extra: Partial<RequestInfo> = {}) =>
    resourceAttributes({ verb: "impersonate", apiGroup, resource, name, ...extra });
  const out: RequestInfo[] = [];
  const user = wanted.username!;
  if (user.startsWith(SERVICE_ACCOUNT_PREFIX)) {
    const [namespace, name] = user.slice(SERVICE_ACCOUNT_PREFIX.length).split(":");
    out.push(info("", "serviceaccounts", name ?? "", { namespace: namespace ?? "" }));
  } else out.push(info("", "users", user));
  for (const group of wanted.groups ?? []) out.push(info("", "groups", group));
  for (const [key, values] of Object.entries(wanted.extra ?? {})) {
    for (const value of values) {
      out.push(info("authentication.k8s.io", "userextras", value, { subresource: key }));
    }
  }
  if (wanted.uid) out.push(info("authentication.k8s.io", "uids", wanted.uid));
  return out;
}

/** The impersonated user with the groups Kubernetes adds (authenticated or not; a ServiceAccount's own). */
function impersonated(wanted: UserInfo): UserInfo {
  const groups = [...wanted.groups];
  const user = wanted.username;
  if (user.startsWith(SERVICE_ACCOUNT_PREFIX)) {
    const namespace = user.slice(SERVICE_ACCOUNT_PREFIX.length).split(":")[0];
    for (const g of ["system:serviceaccounts", `system:serviceaccounts:${namespace}`]) {
      if (!groups.includes(g)) groups.push(g);
    }
  }
  const everyone = user === ANONYMOUS_USER ? ALL_UNAUTHENTICATED : ALL_AUTHENTICATED;
  if (!groups.includes(everyone)) groups.push(everyone);
  const out: UserInfo = { username: user, groups };
  if (wanted.uid) out.uid = wanted.uid;
  if (wanted.extra && Object.keys(wanted.extra).length) out.extra = wanted.extra;
  return out;
}

function badRequest(message: string): Response {
  return new Response(
    JSON.stringify({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message,
      reason: "BadRequest",
      code: 400,
    }),
    { status: 400, headers: { "content-type": "application/json" } },
  );
}
