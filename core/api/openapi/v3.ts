/**
 * OpenAPI 3.0 documents, one per group-version, shaped as kube-apiserver serves them at
 * `/openapi/v3/api/v1` and `/openapi/v3/apis/GROUP/VERSION`: kubectl explains fields from their
 * `components.schemas`, computes strategic merge patches from them, and decides to validate on the
 * server when a kind's PATCH operation declares `fieldValidation`.
 *
 * @module
 */
import type { Resource } from "../registry.ts";
import { documentModel } from "./_model.ts";
import type { Operation } from "./_operations.ts";
import type { Param } from "./_parameters.ts";
import { reachable } from "./_reachable.ts";
import { ref } from "./names.ts";
import type { Content, OpenAPIV3Document, OperationV3, ParameterV3, PathItemV3 } from "./types.ts";

/**
 * The title and version documents report, the version matching what /version says.
 *
 * @example
 * ```ts
 * OPENAPI_INFO.version; // "v1.32.0"
 * ```
 */
export const OPENAPI_INFO = { title: "Kubernetes", version: "v1.32.0" };

/**
 * kube-apiserver's one security scheme: a bearer token in the Authorization header.
 *
 * @example
 * ```ts
 * doc.components.securitySchemes = BEARER_TOKEN;
 * ```
 */
export const BEARER_TOKEN = {
  BearerToken: {
    type: "apiKey",
    description: "Bearer Token authentication",
    name: "authorization",
    in: "header",
  },
};

const RESPONSE_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted" };

/**
 * The OpenAPI 3 document of `resources` (those of one group-version).
 *
 * @example
 * ```ts
 * const doc = buildOpenAPIV3(registry.all().filter((r) => r.group === "" && r.version === "v1"));
 * doc.paths["/api/v1/namespaces/{namespace}/pods/{name}"].patch?.parameters?.map((p) => p.name);
 * // ["dryRun", "fieldManager", "fieldValidation", "force"]
 * ```
 */
export function buildOpenAPIV3(resources: Resource[]): OpenAPIV3Document {
  const model = documentModel(resources);
  const paths: Record<string, PathItemV3> = {};
  for (const [path, group] of model.paths) {
    const item: PathItemV3 = {};
    for (const { op, params } of group.operations) item[op.method] = operation(op, params);
    if (group.shared.length) item.parameters = group.shared.map(parameter);
    paths[path] = item;
  }
  return {
    openapi: "3.0.0",
    info: OPENAPI_INFO,
    paths,
    components: { schemas: reachable(paths, model.pool), securitySchemes: BEARER_TOKEN },
  };
}

function operation(op: Operation, params: Param[]): OperationV3 {
  const out: OperationV3 = {
    tags: op.tags,
    description: op.description,
    operationId: op.operationId,
    responses: {},
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": op.gvk,
  };
  if (params.length) out.parameters = params.map(parameter);
  if (op.body) out.requestBody = { content: content(op.consumes, op.body.schema) };
  for (const r of op.responses) {
    out.responses[r.code] = {
      description: RESPONSE_TEXT[r.code],
      ...r.schema ? { content: content(op.produces, r.schema) } : {},
    };
  }
  out.responses[401] = { description: "Unauthorized" };
  return out;
}

function content(types: string[], schema: string): Content {
  return Object.fromEntries(types.map((t) => [t, { schema: ref(schema) }]));
}

function parameter(p: Param): ParameterV3 {
  return {
    name: p.name,
    in: p.in,
    description: p.description,
    ...p.in === "path" ? { required: true } : {},
    schema: { type: p.type, uniqueItems: true },
  };
}
