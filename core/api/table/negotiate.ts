/**
 * Content negotiation for Tables and PartialObjectMetadata(List), as kube-apiserver does it
 * (endpoints/handlers/negotiation): the Accept clauses in order of preference, the first one the server
 * can serve wins. kubectl sends
 * `application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json`
 * and so gets a meta.k8s.io/v1 Table; client-go's metadata client sends
 * `...,application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json` and gets the
 * metadata alone; a client that accepts only forms the server lacks gets 406.
 *
 * @module
 */
import { ApiError } from "../errors.ts";
import type { PartialTarget } from "./partial.ts";
import type { IncludeObject, TableVersion } from "./types.ts";

/** The response form an Accept header asks for, and the media type to send it in. */
export type Negotiated =
  | { as: "object"; mediaType: string }
  | { as: "table"; version: TableVersion; mediaType: string }
  | ({ as: "metadata"; mediaType: string } & PartialTarget);

interface Clause {
  type: string;
  subType: string;
  q: number;
  params: Map<string, string>;
}

/**
 * The first form `accept` allows that the server can send in one of `mediaTypes` (default
 * `application/json`), or `undefined` when there is none (answer {@link notAcceptable}). An absent or
 * empty header means the object in the first media type.
 *
 * @example
 * ```ts
 * negotiate("application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
 * // { as: "table", version: "v1", mediaType: "application/json" }
 * negotiate("application/vnd.kubernetes.protobuf"); // undefined
 * ```
 */
export function negotiate(
  accept: string | null | undefined,
  mediaTypes: readonly string[] = ["application/json"],
): Negotiated | undefined {
  if (!accept) return { as: "object", mediaType: mediaTypes[0] };
  for (const clause of parseAccept(accept)) {
    for (const mediaType of mediaTypes) {
      const [type, subType] = mediaType.split("/");
      const matches = (clause.type === type && (clause.subType === subType || clause.subType === "*")) ||
        (clause.type === "*" && clause.subType === "*");
      if (!matches) continue;
      const form = acceptable(clause.params, type, subType);
      if (form) return { ...form, mediaType };
    }
  }
  return undefined;
}

/**
 * Whether `accept` asks for a Table the server can send as JSON.
 *
 * @example
 * ```ts
 * wantsTable(c.req.header("accept") ?? null); // true for kubectl get
 * ```
 */
export function wantsTable(accept: string | null | undefined): boolean {
  return negotiate(accept)?.as === "table";
}

/**
 * The 406 for an Accept header {@link negotiate} found nothing in, worded as Kubernetes words it.
 *
 * @example
 * ```ts
 * const form = negotiate(c.req.header("accept"));
 * if (!form) throw notAcceptable();
 * ```
 */
export function notAcceptable(mediaTypes: readonly string[] = ["application/json"]): ApiError {
  return new ApiError(
    406,
    "NotAcceptable",
    `only the following media types are accepted: ${mediaTypes.join(", ")}`,
  );
}

/**
 * The `includeObject` query parameter of a Table request; throws Kubernetes' 400 for a value other than
 * `None`, `Metadata`, `Object` or empty. Absent or empty means `Metadata`. Kubernetes checks it only when
 * a Table was negotiated.
 *
 * @example
 * ```ts
 * parseIncludeObject(c.req.query("includeObject")); // "Object" for kubectl get
 * parseIncludeObject("All"); // throws 400: Unable to convert to Table as requested: includeObject: ...
 * ```
 */
export function parseIncludeObject(value: string | null | undefined): IncludeObject {
  if (!value) return "Metadata";
  if (value === "None" || value === "Metadata" || value === "Object") return value;
  throw ApiError.badRequest(
    `Unable to convert to Table as requested: includeObject: Invalid value: ${
      JSON.stringify(value)
    }: must be 'Metadata', 'Object', 'None', or empty`,
  );
}

/**
 * What a clause's parameters ask for, if the server can serve it (acceptMediaTypeOptions and the
 * resource handlers' AllowsMediaTypeTransform).
 */
function acceptable(
  params: Map<string, string>,
  type: string,
  subType: string,
):
  | { as: "object" }
  | { as: "table"; version: TableVersion }
  | ({ as: "metadata" } & PartialTarget)
  | undefined {
  // `stream=watch` is the only stream schema resource endpoints allow.
  const stream = params.get("stream");
  if (stream && stream !== "watch") return undefined;
  const as = params.get("as"), g = params.get("g"), v = params.get("v");
  if (as === undefined && g === undefined && v === undefined) return { as: "object" };
  if (g !== "meta.k8s.io" || (v !== "v1" && v !== "v1beta1")) return undefined;
  // Either metadata form is acceptable on any endpoint, in any media type the server encodes
  // (AllowsMediaTypeTransform); whether it fits the answer is decided after the read, with a 406.
  if (as === "PartialObjectMetadata" || as === "PartialObjectMetadataList") {
    return { as: "metadata", kind: as, version: v };
  }
  if (as !== "Table") return undefined;
  if (type !== "application" || (subType !== "json" && subType !== "yaml")) return undefined;
  return { as: "table", version: v };
}

/**
 * The clauses of an Accept header, most preferred first, as goautoneg.ParseAccept orders them: by q,
 * then concrete types before wildcards, otherwise in header order.
 */
function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of header.split(",")) {
    const [range, ...rest] = part.trim().split(";");
    const sp = range.split("/");
    const type = sp[0].trim();
    let subType: string;
    if (sp.length === 1 && type === "*") subType = "*";
    else if (sp.length === 2) subType = sp[1].trim();
    else continue;
    const clause: Clause = { type, subType, q: 1, params: new Map() };
    for (const param of rest) {
      const eq = param.indexOf("=");
      if (eq < 0) continue;
      const token = param.slice(0, eq).trim();
      // Go's ParseFloat error leaves q at 0.
      if (token === "q") clause.q = Number(param.slice(eq + 1) || "x") || 0;
      else clause.params.set(token, param.slice(eq + 1).trim());
    }
    clauses.push(clause);
  }
  // Go's sort.Sort is an insertion sort for short slices, so equal clauses keep their header order.
  for (let i = 1; i < clauses.length; i++) {
    for (let j = i; j > 0 && before(clauses[j], clauses[j - 1]); j--) {
      [clauses[j], clauses[j - 1]] = [clauses[j - 1], clauses[j]];
    }
  }
  return clauses;
}

function before(a: Clause, b: Clause): boolean {
  if (a.q > b.q) return true;
  if (a.type !== "*" && b.type === "*") return true;
  return a.subType !== "*" && b.subType === "*";
}
