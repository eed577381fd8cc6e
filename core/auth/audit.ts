/**
 * Auditing as kube-apiserver's audit backend does it at level Metadata, for the requests that matter
 * most: every write (create, update, patch, delete, deletecollection) and every refusal (401, 403). Each
 * becomes one audit.k8s.io/v1 Event line in the {@link AuditLog}; every response carries its Audit-Id.
 *
 * @module
 */
import { createMiddleware } from "hono/factory";
import type { MiddlewareHandler } from "hono";
import type { UserInfo } from "./authenticator.ts";
import type { AuditLog } from "./audit_log.ts";
import { type RequestInfo, requestInfoOf } from "./rbac/request_info.ts";

/** The object a resource request names, as audit.k8s.io's ObjectReference: only the parts present. */
export interface AuditObjectRef {
  resource?: string;
  namespace?: string;
  name?: string;
  apiGroup?: string;
  apiVersion?: string;
  subresource?: string;
}

/** The audit.k8s.io/v1 Event fields Skiff writes. */
export interface AuditEvent {
  kind: "Event";
  apiVersion: "audit.k8s.io/v1";
  level: "Metadata";
  auditID: string;
  stage: "ResponseComplete";
  requestURI: string;
  verb: string;
  /** Empty when the request was refused before anyone was authenticated. */
  user: Partial<UserInfo>;
  sourceIPs: string[];
  userAgent?: string;
  objectRef?: AuditObjectRef;
  responseStatus: { metadata: Record<string, never>; code: number };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
}

/** Verbs that change state: always audited. */
export const AUDITED_WRITE_VERBS: readonly string[] = [
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
];

/** The header kube-apiserver answers every request with, and accepts from a proxy in front of it. */
const AUDIT_ID_HEADER = "Audit-Id";

/**
 * Hono middleware writing an audit event for each write and each 401 or 403. Put it in front of
 * authentication (it must see the 401s authentication answers) and of authorization.
 *
 * @example
 * ```ts
 * const log = await openAuditLog(".skiff/audit.log");
 * app.use(audit(log));
 * app.use(authenticate(authenticator));
 * ```
 */
export function audit(log: AuditLog): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    const received = new Date();
    const auditID = validAuditId(c.req.header(AUDIT_ID_HEADER)) ?? crypto.randomUUID();
    await next();
    try {
      c.res.headers.set(AUDIT_ID_HEADER, auditID);
    } catch { /* a response with immutable headers (a proxied fetch) goes out without it */ }
    const code = c.res.status;
    const method = c.req.method;
    // Reads (get, list, watch) are only audited when refused: skip the parsing for the common case.
    if ((method === "GET" || method === "HEAD") && code !== 401 && code !== 403) return;
    const info = requestInfoOf(c.req.raw);
    const verb = info.verb;
    if (!AUDITED_WRITE_VERBS.includes(verb) && code !== 401 && code !== 403) return;
    const user = c.get("user") as UserInfo | undefined;
    const event: AuditEvent = {
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level: "Metadata",
      auditID,
      stage: "ResponseComplete",
      requestURI: requestURI(c.req.url),
      verb,
      user: user ? auditUser(user) : {},
      sourceIPs: sourceIPs(c.req.raw.headers, remoteAddress(c.env)),
      responseStatus: { metadata: {}, code },
      requestReceivedTimestamp: microTime(received),
      stageTimestamp: microTime(new Date()),
    };
    const userAgent = c.req.header("user-agent");
    if (userAgent) event.userAgent = userAgent;
    if (info.isResourceRequest) event.objectRef = objectRef(info);
    log.write(event);
  });
}

/** The path and query of a full URL, without parsing it again. */
function requestURI(url: string): string {
  const path = url.indexOf("/", url.indexOf("//") + 2);
  if (path < 0) return "/";
  const hash = url.indexOf("#", path);
  return hash < 0 ? url.slice(path) : url.slice(path, hash);
}

/** The request's object with empty parts left out, as Kubernetes' omitempty fields are. */
function objectRef(info: RequestInfo): AuditObjectRef {
  const ref: AuditObjectRef = {};
  for (const k of ["resource", "namespace", "name", "apiGroup", "apiVersion", "subresource"] as const) {
    if (info[k]) ref[k] = info[k];
  }
  return ref;
}

/** The user as the event records it: only what is set. */
function auditUser(user: UserInfo): Partial<UserInfo> {
  const out: Partial<UserInfo> = { username: user.username };
  if (user.uid) out.uid = user.uid;
  out.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length) out.extra = user.extra;
  return out;
}

/**
 * The client's addresses as kube-apiserver's utilnet.SourceIPs lists them: X-Forwarded-For, then
 * X-Real-Ip, then the peer, without repeats.
 */
function sourceIPs(headers: Headers, peer: string | undefined): string[] {
  const ips: string[] = [];
  const add = (ip: string | undefined | null) => {
    const v = ip?.trim();
    if (v && !ips.includes(v)) ips.push(v);
  };
  for (const ip of headers.get("x-forwarded-for")?.split(",") ?? []) add(ip);
  add(headers.get("x-real-ip"));
  add(peer);
  return ips;
}

/** The peer address hono's Deno adapter passes as `c.env` (Deno.ServeHandlerInfo). */
function remoteAddress(env: unknown): string | undefined {
  const addr = (env as { remoteAddr?: { hostname?: string } } | undefined)?.remoteAddr;
  return addr?.hostname;
}

/** An Audit-Id sent by the client is kept when it is a sane token; anything else gets a fresh one. */
function validAuditId(id: string | undefined): string | undefined {
  return id && /^[\w.:-]{1,128}$/.test(id) ? id : undefined;
}

/** metav1.MicroTime: RFC 3339 with six fractional digits. */
function microTime(d: Date): string {
  return d.toISOString().slice(0, -1) + "000Z";
}
