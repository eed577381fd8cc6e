/**
 * The hono middleware that authenticates every request before any handler runs, as kube-apiserver's
 * WithAuthentication filter does. Handlers and the later authorization step read `c.get("user")`.
 *
 * @module
 */
import { createMiddleware } from "hono/factory";
import type { MiddlewareHandler } from "hono";
import {
  anonymousUser,
  type Authenticator,
  bearerToken,
  type UserInfo,
  withAuthenticatedGroup,
} from "./authenticator.ts";

/** Hono environment of apps behind {@link authenticate}: `c.get("user")` is always set. */
export type AuthEnv = { Variables: { user: UserInfo } };

/** Options for {@link authenticate}. */
export interface AuthenticateOptions {
  /**
   * Whether a request to this path that carries no credential proceeds as system:anonymous instead of
   * getting 401. The health endpoints unless given, as kube-apiserver's anonymous conditions allow.
   */
  anonymous?: (path: string) => boolean;
}

/** The endpoints load balancers and kubelets probe without credentials. */
export const HEALTH_PATHS: readonly string[] = ["/livez", "/readyz", "/healthz"];

/**
 * True for the health endpoints and their per-check subpaths (/livez/ping, /readyz/etcd).
 *
 * @example
 * ```ts
 * isHealthPath("/readyz/etcd"); // true
 * isHealthPath("/api"); // false
 * ```
 */
export function isHealthPath(path: string): boolean {
  return HEALTH_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Authenticates each request with `authenticator` and sets `c.get("user")`, with "system:authenticated"
 * among the groups of every authenticated user. A request without a valid
 * credential gets a 401 Kubernetes Status, except that one carrying no credential at all on an
 * anonymous path proceeds as system:anonymous (group system:unauthenticated), which RBAC's
 * system:public-info-viewer binding will grant the health endpoints. A wrong token is refused even
 * there, as in Kubernetes: a rejected credential never falls back to anonymous.
 *
 * @example
 * ```ts
 * const app = new Hono<AuthEnv>();
 * app.use(authenticate(unionAuthenticator(await loadTokenFile(".skiff/tokens.csv"))));
 * app.get("/api", (c) => c.json({ you: c.get("user").username }));
 * ```
 */
export function authenticate(
  authenticator: Authenticator,
  options: AuthenticateOptions = {},
): MiddlewareHandler<AuthEnv> {
  const anonymous = options.anonymous ?? isHealthPath;
  return createMiddleware<AuthEnv>(async (c, next) => {
    const user = await authenticator.authenticate(c.req.raw);
    if (user) {
      // Also here, not only in unionAuthenticator, so a bare authenticator cannot skip the group.
      c.set("user", withAuthenticatedGroup(user));
      return await next();
    }
    if (bearerToken(c.req.raw) === null && anonymous(c.req.path)) {
      c.set("user", anonymousUser());
      return await next();
    }
    return unauthorized();
  });
}

/**
 * The 401 response kube-apiserver sends, which kubectl reports as "Unauthorized".
 *
 * @example
 * ```ts
 * (await unauthorized().json()).reason; // "Unauthorized"
 * ```
 */
export function unauthorized(): Response {
  const status = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "Unauthorized",
    reason: "Unauthorized",
    code: 401,
  };
  return new Response(JSON.stringify(status), {
    status: 401,
    headers: { "content-type": "application/json", "cache-control": "no-cache, private" },
  });
}
