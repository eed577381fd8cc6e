/**
 * The AdmissionReview a webhook receives and the checks its answer must pass (Kubernetes'
 * webhook/request package: CreateAdmissionObjects and VerifyAdmissionResponse).
 *
 * @module
 */
import type { AdmissionRequest } from "../admission.ts";
import type { Resource } from "../registry.ts";
import { CallError } from "./_call.ts";

/** The AdmissionReview versions this server speaks, in the order it prefers them. */
const KNOWN_VERSIONS = ["v1", "v1beta1"];

/** What a webhook answered, normalised to v1. */
export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  /** meta/v1 Status explaining a denial. */
  result?: { code?: number; message?: string; reason?: string; status?: string; details?: unknown };
  patch?: string;
  patchType?: string;
  warnings?: string[];
}

/**
 * The AdmissionReview for `req`, in the first version of `versions` this server knows; throws a
 * CallError when it knows none. `requested` is the resource the client wrote through when the webhook
 * is called at another version of it (matchPolicy Equivalent): `req` is then already converted.
 *
 * @example
 * ```ts
 * const review = admissionReview(req, ["v1"], crypto.randomUUID());
 * review.request.operation; // "CREATE"
 * ```
 */
export function admissionReview(
  req: AdmissionRequest,
  versions: string[] | undefined,
  uid: string,
  requested: Resource = req.resource,
  // deno-lint-ignore no-explicit-any
): { apiVersion: string; kind: "AdmissionReview"; request: Record<string, any> } {
  const version = (versions ?? []).find((v) => KNOWN_VERSIONS.includes(v));
  if (!version) {
    throw new CallError(
      `webhook does not accept known AdmissionReview versions: ${JSON.stringify(versions ?? [])}`,
    );
  }
  const gvk = (r: Resource) => ({ group: r.group, version: r.version, kind: r.kind });
  const gvr = (r: Resource) => ({ group: r.group, version: r.version, resource: r.plural });
  // deno-lint-ignore no-explicit-any
  const request: Record<string, any> = {
    uid,
    kind: gvk(req.resource),
    resource: gvr(req.resource),
    requestKind: gvk(requested),
    requestResource: gvr(requested),
  };
  if (req.subresource) {
    request.subResource = req.subresource;
    request.requestSubResource = req.subresource;
  }
  if (req.name) request.name = req.name;
  const namespace = requestNamespace(req);
  if (namespace) request.namespace = namespace;
  request.operation = req.operation;
  request.userInfo = userInfo(req.user);
  if (req.operation !== "DELETE") request.object = req.object;
  if (req.oldObject || req.operation === "DELETE") request.oldObject = req.oldObject ?? req.object;
  request.dryRun = req.dryRun;
  const options: Record<string, unknown> = {
    kind: req.operation === "CREATE"
      ? "CreateOptions"
      : req.operation === "UPDATE"
      ? "UpdateOptions"
      : "DeleteOptions",
    apiVersion: "meta.k8s.io/v1",
  };
  if (req.dryRun) options.dryRun = ["All"];
  request.options = options;
  return { apiVersion: `admission.k8s.io/${version}`, kind: "AdmissionReview", request };
}

/**
 * The namespace Kubernetes' request info gives a request: the object's, and for a Namespace that
 * already exists (update, subresources) its own name, as /api/v1/namespaces/NAME parses.
 *
 * @example
 * ```ts
 * requestNamespace(req); // "default" for a pod in default
 * ```
 */
export function requestNamespace(req: AdmissionRequest): string {
  if (isNamespace(req)) return req.operation === "CREATE" ? "" : req.name;
  return req.namespace ?? "";
}

/**
 * Whether the request is about a v1 Namespace.
 *
 * @example
 * ```ts
 * isNamespace(req); // false for pods
 * ```
 */
export function isNamespace(req: AdmissionRequest): boolean {
  return req.resource.group === "" && req.resource.plural === "namespaces";
}

function userInfo(user: AdmissionRequest["user"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!user) return out;
  if (user.username) out.username = user.username;
  if (user.uid) out.uid = user.uid;
  if (user.groups?.length) out.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length) out.extra = user.extra;
  return out;
}

/**
 * VerifyAdmissionResponse: the answer must be an AdmissionReview of the version sent carrying a
 * response for this uid (v1), and only mutating webhooks may patch. Throws a CallError otherwise.
 *
 * @example
 * ```ts
 * const response = verifyResponse(body, "admission.k8s.io/v1", uid, false);
 * response.allowed; // true or false
 * ```
 */
export function verifyResponse(
  body: unknown,
  apiVersion: string,
  uid: string,
  mutating: boolean,
): AdmissionResponse {
  const fail = (why: string) => new CallError(`received invalid webhook response: ${why}`);
  const review = (body ?? {}) as { apiVersion?: string; kind?: string; response?: AdmissionResponse };
  const r = review.response;
  if (typeof r !== "object" || r === null) throw fail("webhook response was absent");
  if (apiVersion === "admission.k8s.io/v1") {
    if (r.uid !== uid) {
      throw fail(`expected response.uid=${JSON.stringify(uid)}, got ${JSON.stringify(r.uid ?? "")}`);
    }
    if (review.apiVersion !== apiVersion || review.kind !== "AdmissionReview") {
      throw fail(
        `expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got ${
          gvkString(review.apiVersion, review.kind)
        }`,
      );
    }
  }
  const patch = r.patch ?? "";
  const patchType = r.patchType ?? "";
  if (mutating) {
    if (patch && !patchType) throw fail("webhook returned response.patch but not response.patchType");
    if (!patch && patchType) throw fail("webhook returned response.patchType but not response.patch");
  } else if (patch || patchType) {
    throw fail("validating webhooks may not return response.patch or response.patchType");
  }
  return { ...r, allowed: r.allowed === true };
}

/** schema.GroupVersionKind's String(): `group/version, Kind=kind`. */
function gvkString(apiVersion = "", kind = ""): string {
  const slash = apiVersion.indexOf("/");
  const [group, version] = slash < 0
    ? ["", apiVersion]
    : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
  return `${group}/${version}, Kind=${kind}`;
}
