/**
 * The TokenRequest subresource, POST /api/v1/namespaces/NS/serviceaccounts/NAME/token, as
 * pkg/registry/core/serviceaccount/storage/token.go serves it: it reads an authentication.k8s.io/v1
 * TokenRequest, checks the ServiceAccount (and the object the token is bound to) exists, and answers 201
 * with the signed token. Nothing is stored. `kubectl create token NAME` calls it.
 *
 * @module
 */
import type { Context } from "hono";
import { type FieldError, invalid, tooLong } from "@skiff/schema";
import type { KubeObject } from "./admission.ts";
import { readObject } from "./body.ts";
import { ApiError } from "./errors.ts";
import type { Objects } from "./objects.ts";

/** The group version and kind of the request and answer. */
const API_VERSION = "authentication.k8s.io/v1";
const KIND = "TokenRequest";
/** spec.expirationSeconds when the request leaves it out (SetDefaults_TokenRequestSpec). */
const DEFAULT_EXPIRATION_SECONDS = 3600;
/** The shortest lifetime Kubernetes issues: ten minutes. */
const MIN_EXPIRATION_SECONDS = 10 * 60;
/** The longest: 2^32 seconds. */
const MAX_EXPIRATION_SECONDS = 2 ** 32;

/** A name and uid, as tokens refer to the objects they are bound to. */
export interface TokenObjectRef {
  name: string;
  uid: string;
}

/** Signs ServiceAccount tokens; core/auth's ServiceAccountTokenIssuer is one. */
export interface TokenIssuer {
  /** The audiences a token gets when the request names none (the API server's own). */
  readonly audiences: readonly string[];
  /** Signs a token for the ServiceAccount. */
  issue(
    serviceAccount: { namespace: string; name: string; uid: string },
    options: {
      audiences: string[];
      expirationSeconds: number;
      pod?: TokenObjectRef;
      secret?: TokenObjectRef;
      node?: TokenObjectRef;
    },
  ): Promise<{ token: string; expirationTimestamp: Date }>;
}

interface BoundObjectRef {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

/**
 * Answers a request to the token subresource of ServiceAccount `name` in `namespace`.
 *
 * @example
 * ```ts
 * if (subresource === "token" && res.plural === "serviceaccounts") {
 *   return await serveTokenRequest(c, objects, { namespace, name, issuer });
 * }
 * ```
 */
export async function serveTokenRequest(
  c: Context,
  objects: Objects,
  t: { namespace: string; name: string; issuer: TokenIssuer },
): Promise<Response> {
  if (c.req.method !== "POST") throw ApiError.methodNotAllowed();
  const { namespace, name, issuer } = t;
  // JSON, YAML or protobuf (which `kubectl create token` sends).
  const body = await readObject(c.req.raw);
  checkTypeMeta(body);
  const metadata = (body.metadata ?? {}) as Record<string, unknown>;
  const spec = (body.spec ?? {}) as Record<string, unknown>;

  // The URL names the ServiceAccount; the body may repeat it but not contradict it.
  if (metadata.name && metadata.name !== name) {
    throw invalidRequest(name, [
      invalid("metadata.name", metadata.name, "must match the service account name if specified"),
    ]);
  }
  if (metadata.namespace && metadata.namespace !== namespace) {
    throw invalidRequest(name, [
      invalid(
        "metadata.namespace",
        metadata.namespace,
        "must match the service account namespace if specified",
      ),
    ]);
  }

  const sa = await objects.get(serviceAccounts(objects), namespace, name);
  const audiences = Array.isArray(spec.audiences) && spec.audiences.length
    ? (spec.audiences as unknown[]).map(String)
    : [...issuer.audiences];
  const expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (typeof expirationSeconds !== "number" || !Number.isInteger(expirationSeconds)) {
    throw ApiError.badRequest(
      `json: cannot unmarshal ${typeof expirationSeconds} into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64`,
    );
  }
  const now = new Date();
  // Validation runs on the defaulted request, with an empty name in the message, as Kubernetes does.
  const errors: FieldError[] = [];
  if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
    errors.push(
      invalid("spec.expirationSeconds", expirationSeconds, "may not specify a duration less than 10 minutes"),
    );
  }
  if (expirationSeconds > MAX_EXPIRATION_SECONDS) {
    errors.push(tooLong("spec.expirationSeconds", MAX_EXPIRATION_SECONDS));
  }
  if (errors.length) throw invalidRequest("", errors);

  const boundObjectRef = (spec.boundObjectRef ?? undefined) as BoundObjectRef | undefined;
  const bound = boundObjectRef ? await resolveBinding(objects, namespace, name, boundObjectRef) : {};
  const { token, expirationTimestamp } = await issuer.issue(
    { namespace, name, uid: sa.metadata.uid as string },
    { audiences, expirationSeconds, ...bound },
  );
  return c.json({
    kind: KIND,
    apiVersion: API_VERSION,
    metadata: { name, namespace, creationTimestamp: rfc3339(now) },
    spec: { audiences, expirationSeconds, boundObjectRef: boundObjectRef ?? null },
    status: { token, expirationTimestamp: rfc3339(expirationTimestamp) },
  }, 201);
}

/** The objects a token may be bound to: a Pod running as the ServiceAccount, a Secret, or a Node. */
async function resolveBinding(
  objects: Objects,
  namespace: string,
  saName: string,
  ref: BoundObjectRef,
): Promise<{ pod?: TokenObjectRef; secret?: TokenObjectRef; node?: TokenObjectRef }> {
  const apiVersion = ref.apiVersion ?? "";
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const plural = group === ""
    ? ({ Pod: "pods", Secret: "secrets", Node: "nodes" } as const)[ref.kind ?? ""]
    : undefined;
  if (!plural) {
    const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion;
    throw ApiError.badRequest(
      `cannot bind token to object of type ${group}/${version}, Kind=${ref.kind ?? ""}`,
    );
  }
  const name = ref.name ?? "";
  // Secrets are served only with the config module; without it no Secret exists to bind to.
  const res = objects.registry.lookup("", "v1", plural);
  if (!res) throw ApiError.notFound({ resource: plural, group: "", name });
  const obj = await objects.get(res, res.namespaced ? namespace : undefined, name);
  const uid = obj.metadata.uid as string;
  const out: { pod?: TokenObjectRef; secret?: TokenObjectRef; node?: TokenObjectRef } = {};
  if (plural === "pods") {
    // deno-lint-ignore no-explicit-any
    const spec = ((obj as any).spec ?? {}) as { serviceAccountName?: string; nodeName?: string };
    if (spec.serviceAccountName !== saName) {
      throw ApiError.badRequest(
        `cannot bind token for serviceaccount "${saName}" to pod running with different serviceaccount name.`,
      );
    }
    out.pod = { name, uid };
    // The Pod's Node goes into the token too (ServiceAccountTokenPodNodeInfo); a missing Node is skipped.
    const nodes = objects.registry.lookup("", "v1", "nodes");
    if (spec.nodeName && nodes) {
      const node: KubeObject | undefined = await objects.get(nodes, undefined, spec.nodeName).catch(() =>
        undefined
      );
      if (node) out.node = { name: spec.nodeName, uid: node.metadata.uid as string };
    }
  } else if (plural === "secrets") out.secret = { name, uid };
  else out.node = { name, uid };
  if (ref.uid && ref.uid !== uid) {
    throw ApiError.conflict(
      { resource: ref.kind!, group: "", name },
      `the UID in the bound object reference (${ref.uid}) does not match the UID in record. ` +
        "The object might have been deleted and then recreated",
    );
  }
  return out;
}

function serviceAccounts(objects: Objects) {
  const res = objects.registry.lookup("", "v1", "serviceaccounts");
  if (!res) throw ApiError.noSuchPath();
  return res;
}

/** apiVersion and kind may be left out; when given they must be TokenRequest's. */
function checkTypeMeta(body: Record<string, unknown>): void {
  if (body.apiVersion !== undefined && body.apiVersion !== API_VERSION) {
    throw ApiError.badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${API_VERSION})`,
    );
  }
  if (body.kind !== undefined && body.kind !== KIND) {
    throw ApiError.badRequest(
      `the kind in the data (${body.kind}) does not match the expected kind (${KIND})`,
    );
  }
}

function invalidRequest(name: string, errors: FieldError[]): ApiError {
  return ApiError.invalid(KIND, { resource: "tokenrequests", group: "authentication.k8s.io", name }, errors);
}

/** metav1.Time: RFC 3339 in UTC with whole seconds. */
function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
