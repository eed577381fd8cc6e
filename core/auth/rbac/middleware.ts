/**
 * The hono middleware that authorizes every request after authentication, as kube-apiserver's
 * WithAuthorization filter does: the request's attributes are read from its method and URL, the
 * authorizer decides, and a refusal is a 403 Status.
 *
 * @module
 */
import { createMiddleware } from "hono/factory";
import type { MiddlewareHandler } from "hono";
import { anonymousUser } from "../authenticator.ts";
import type { AuthEnv } from "../middleware.ts";
import type { Authorizer } from "./authorizer.ts";
import { forbidden } from "./forbidden.ts";
import { requestInfoOf } from "./request_info.ts";

/**
 * Lets a request through when `authorizer` allows `c.get("user")` (system:anonymous when authentication
 * set none) to do what it asks; otherwise answers 403.
 *
 * @example
 * ```ts
 * app.use(authenticate(authenticator));
 * app.use(authorize(rbac));
 * ```
 */
export function authorize(authorizer: Authorizer): MiddlewareHandler<AuthEnv> {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const user = c.get("user") ?? anonymousUser();
    const info = requestInfoOf(c.req.raw);
    const decision = authorizer.authorize(user, info);
    if (!decision.allowed) return forbidden(user.username, info, decision.reason);
    return await next();
  });
}
