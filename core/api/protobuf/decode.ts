/**
 * Kubernetes protobuf bodies (application/vnd.kubernetes.protobuf, k8s.io/apimachinery's
 * runtime/serializer/protobuf) decoded into the JSON object a JSON body with the same content gives.
 *
 * The wire format: the 4 magic bytes "k8s\0", then a runtime.Unknown message
 * `{typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2, contentEncoding = 3, contentType = 4}` whose `raw`
 * is the gogo-protobuf encoding of the Go type typeMeta names.
 *
 * @module
 */
import { ApiError } from "../errors.ts";
import { type Schema, schema } from "./_schema.ts";
import { Walker } from "./_to_json.ts";

/** The media type of Kubernetes protobuf bodies. */
export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

/** "k8s\0", which starts every Kubernetes protobuf body. */
export const PROTOBUF_MAGIC: Uint8Array = new Uint8Array([0x6b, 0x38, 0x73, 0x00]);

const META = "k8s.io.apimachinery.pkg.apis.meta.v1";

/** API groups whose proto package is not `k8s.io.api.<first label of the group>`. */
const PACKAGES: Record<string, string> = {
  "": "k8s.io.api.core",
  "apiextensions.k8s.io": "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions",
  "meta.k8s.io": "k8s.io.apimachinery.pkg.apis.meta",
};

/** meta/v1 kinds that every group version registers (a typed client's DELETE carries `v1 DeleteOptions`). */
const META_KINDS = new Set([
  "DeleteOptions",
  "CreateOptions",
  "UpdateOptions",
  "PatchOptions",
  "GetOptions",
  "ListOptions",
]);

/**
 * The proto message full name for a Kubernetes apiVersion and kind, or undefined when the apiVersion is
 * malformed. `v1 Pod` → `k8s.io.api.core.v1.Pod`; `rbac.authorization.k8s.io/v1 Role` →
 * `k8s.io.api.rbac.v1.Role`.
 *
 * @example
 * ```ts
 * protoTypeName("apps/v1", "Deployment"); // "k8s.io.api.apps.v1.Deployment"
 * ```
 */
export function protoTypeName(apiVersion: string, kind: string): string | undefined {
  const parts = apiVersion.split("/");
  if (parts.length > 2 || !/^\w+$/.test(kind)) return undefined;
  const [group, version] = parts.length === 2 ? parts : ["", parts[0]];
  if (!/^v\d+\w*$/.test(version)) return undefined;
  const pkg = PACKAGES[group] ?? `k8s.io.api.${group.split(".")[0]}`;
  return `${pkg}.${version}.${kind}`;
}

/**
 * Decodes a Kubernetes protobuf body into the object its JSON form would be, apiVersion and kind first
 * (from the envelope). 400 for bytes that are not a Kubernetes protobuf message, 415 for a kind this
 * server has no protobuf schema for (custom resources are JSON or YAML only, as in Kubernetes).
 *
 * @example
 * ```ts
 * const pod = decodeProtobuf(new Uint8Array(await req.arrayBuffer()));
 * pod.kind; // "Pod"
 * ```
 */
export function decodeProtobuf(bytes: Uint8Array): Record<string, unknown> {
  return decodeWith(schema(), bytes);
}

function decodeWith(s: Schema, bytes: Uint8Array): Record<string, unknown> {
  // The messages Kubernetes' protobuf serializer answers with (Decode in protobuf.go).
  if (bytes.length === 0) throw ApiError.badRequest("empty data");
  if (bytes.length < 4 || PROTOBUF_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw ApiError.badRequest(
      "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
    );
  }
  if (bytes.length === 4) throw ApiError.badRequest("empty body");
  const unknown = parse(s, "k8s.io.apimachinery.pkg.runtime.Unknown", bytes.subarray(4));
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const apiVersion = typeMeta.apiVersion ?? "";
  const kind = typeMeta.kind ?? "";
  if (!kind) throw ApiError.badRequest(`Object 'Kind' is missing in '${JSON.stringify(typeMeta)}'`);
  if (!apiVersion) {
    throw ApiError.badRequest(`Object 'apiVersion' is missing in '${JSON.stringify(typeMeta)}'`);
  }
  const type = objectType(s, apiVersion, kind);
  if (!type) {
    throw ApiError.unsupportedMediaType(PROTOBUF_MEDIA_TYPE, ["application/json", "application/yaml"]);
  }
  const raw = (unknown.raw as Uint8Array | undefined) ?? new Uint8Array();
  const message = parse(s, type, raw);
  const walker = new Walker(s, (nested) => decodeWith(s, nested));
  let body: Record<string, unknown>;
  try {
    body = walker.message(s.type(type)!, message) as Record<string, unknown>;
  } catch (e) {
    throw ApiError.badRequest((e as Error).message);
  }
  return { apiVersion, kind, ...body };
}

/** The message for an object kind: a top-level kind (it has metadata) or one of meta/v1's options. */
function objectType(s: Schema, apiVersion: string, kind: string): string | undefined {
  const name = protoTypeName(apiVersion, kind);
  const type = name ? s.type(name) : undefined;
  if (name && type?.fields.metadata) return name;
  if (META_KINDS.has(kind) && s.type(`${META}.${kind}`)) return `${META}.${kind}`;
  return undefined;
}

function parse(s: Schema, typeName: string, bytes: Uint8Array): Record<string, unknown> {
  try {
    return s.type(typeName)!.decode(bytes) as unknown as Record<string, unknown>;
  } catch (e) {
    throw ApiError.badRequest(`unable to decode the protobuf body: ${(e as Error).message}`);
  }
}
