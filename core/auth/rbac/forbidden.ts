/**
 * The 403 kube-apiserver answers when authorization refuses a request (endpoints/handlers/responsewriters
 * Forbidden with apierrors.NewForbidden): `pods is forbidden: User "x" cannot create resource "pods" in API
 * group "" in the namespace "default"`, reason Forbidden, details naming the resource. kubectl prints the
 * message after "Error from server (Forbidden): ".
 *
 * @module
 */
import type { RequestInfo } from "./request_info.ts";

/**
 * The refusal's wording without the "… is forbidden: " head (forbiddenMessage in Kubernetes).
 *
 * @example
 * ```ts
 * forbiddenMessage("bob", parseRequestInfo("GET", "/api/v1/nodes"));
 * // 'User "bob" cannot list resource "nodes" in API group "" at the cluster scope'
 * ```
 */
export function forbiddenMessage(username: string, info: RequestInfo): string {
  if (!info.isResourceRequest) return `User ${q(username)} cannot ${info.verb} path ${q(info.path)}`;
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const head = `User ${q(username)} cannot ${info.verb} resource ${q(resource)} in API group ${
    q(info.apiGroup)
  }`;
  return info.namespace ? `${head} in the namespace ${q(info.namespace)}` : `${head} at the cluster scope`;
}

/** The meta/v1 Status of a 403. */
export interface ForbiddenStatus {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure";
  message: string;
  reason: "Forbidden";
  details: Record<string, string>;
  code: 403;
}

/**
 * The meta/v1 Status of a refusal; `reason` is the authorizer's (e.g. a missing role), appended after ": ".
 *
 * @example
 * ```ts
 * forbiddenStatus("bob", parseRequestInfo("POST", "/api/v1/namespaces/default/pods"), "").message;
 * // 'pods is forbidden: User "bob" cannot create resource "pods" in API group "" in the namespace "default"'
 * ```
 */
export function forbiddenStatus(username: string, info: RequestInfo, reason: string): ForbiddenStatus {
  // The message is HTML-escaped, as Kubernetes does against reflected markup.
  const text = sanitize(forbiddenMessage(username, info));
  const why = reason ? `${text}: ${reason}` : text;
  const resource = info.isResourceRequest ? info.resource : "";
  const qualified = info.apiGroup && resource ? `${resource}.${info.apiGroup}` : resource;
  const message = !qualified
    ? `forbidden: ${why}`
    : info.name
    ? `${qualified} ${q(info.name)} is forbidden: ${why}`
    : `${qualified} is forbidden: ${why}`;
  const details: Record<string, string> = {};
  if (info.name && qualified) details.name = info.name;
  if (info.apiGroup && qualified) details.group = info.apiGroup;
  if (resource) details.kind = resource;
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason: "Forbidden",
    details,
    code: 403,
  };
}

/**
 * The 403 response for a refusal.
 *
 * @example
 * ```ts
 * forbidden("bob", parseRequestInfo("GET", "/api/v1/secrets"), "").status; // 403
 * ```
 */
export function forbidden(username: string, info: RequestInfo, reason: string): Response {
  return new Response(JSON.stringify(forbiddenStatus(username, info, reason)), {
    status: 403,
    headers: { "content-type": "application/json", "cache-control": "no-cache, private" },
  });
}

const q = (s: string) => JSON.stringify(s);
const sanitize = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
