/**
 * The Swagger 2.0 document of the whole API, as `/openapi/v2` serves it. kubectl 1.32 reads it only when
 * OpenAPI v3 fails it (and then only as protobuf, which Skiff does not speak), but older clients and
 * tools built on client-go's discovery still read the JSON. Schemas go through what apiextensions does
 * to CRD schemas for v2 (ToStructuralOpenAPIV2): no `allOf`/`anyOf`/`oneOf`/`not`, no `nullable`, and
 * no declared fields where unknown ones are kept, since v2 clients would refuse the unknown ones.
 *
 * @module
 */
import type { Resource } from "../registry.ts";
import { V2_SCALARS } from "./_common_schemas.ts";
import { documentModel } from "./_model.ts";
import type { Operation } from "./_operations.ts";
import type { Param } from "./_parameters.ts";
import { reachable } from "./_reachable.ts";
import { ref, refName } from "./names.ts";
import type { OpenAPIV2Document, OperationV2, ParameterV2, Schema } from "./types.ts";
import { BEARER_TOKEN, OPENAPI_INFO } from "./v3.ts";

const RESPONSE_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted" };

/**
 * The Swagger 2.0 document of `resources` (all of them, across groups).
 *
 * @example
 * ```ts
 * const doc = buildOpenAPIV2(registry.all());
 * doc.definitions["io.k8s.api.core.v1.Pod"]["x-kubernetes-group-version-kind"]; // [{ group: "", kind: "Pod", version: "v1" }]
 * ```
 */
export function buildOpenAPIV2(resources: Resource[]): OpenAPIV2Document {
  const model = documentModel(resources);
  const paths: OpenAPIV2Document["paths"] = {};
  for (const [path, group] of model.paths) {
    const item: OpenAPIV2Document["paths"][string] = {};
    for (const { op, params } of group.operations) item[op.method] = operation(op, params);
    if (group.shared.length) item.parameters = group.shared.map(parameter);
    paths[path] = item;
  }
  // The pool holds v3 schemas, so reachability starts from v3 references to what operations name.
  const roots = [...model.paths.values()].flatMap((g) =>
    g.operations.flatMap(({ op }) => [op.body?.schema, ...op.responses.map((r) => r.schema)])
  ).filter((name): name is string => name !== undefined).map(ref);
  const definitions = Object.fromEntries(
    Object.entries(reachable(roots, model.pool)).map((
      [name, s],
    ) => [name, V2_SCALARS[name] ? { description: s.description, ...V2_SCALARS[name] } : toV2(s)]),
  );
  return {
    swagger: "2.0",
    info: OPENAPI_INFO,
    paths,
    definitions,
    securityDefinitions: BEARER_TOKEN,
    security: [{ BearerToken: [] }],
  };
}

function operation(op: Operation, params: Param[]): OperationV2 {
  const parameters: ParameterV2[] = params.map(parameter);
  if (op.body) {
    parameters.push({
      name: "body",
      in: "body",
      ...op.body.required ? { required: true } : {},
      schema: v2Ref(op.body.schema),
    });
    parameters.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  const out: OperationV2 = {
    description: op.description,
    consumes: op.consumes,
    produces: op.produces,
    schemes: ["https"],
    tags: op.tags,
    operationId: op.operationId,
    responses: {},
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": op.gvk,
  };
  if (parameters.length) out.parameters = parameters;
  for (const r of op.responses) {
    out.responses[r.code] = {
      description: RESPONSE_TEXT[r.code],
      ...r.schema ? { schema: v2Ref(r.schema) } : {},
    };
  }
  out.responses[401] = { description: "Unauthorized" };
  return out;
}

function parameter(p: Param): ParameterV2 {
  return {
    name: p.name,
    in: p.in,
    description: p.description,
    ...p.in === "path" ? { required: true } : {},
    type: p.type,
    uniqueItems: true,
  };
}

function v2Ref(name: string): Schema {
  return { $ref: `#/definitions/${name}` };
}

/**
 * A v3 schema as Swagger 2.0 has it.
 *
 * @example
 * ```ts
 * toV2({ description: "Spec.", allOf: [{ $ref: "#/components/schemas/io.k8s.api.core.v1.PodSpec" }] });
 * // { description: "Spec.", $ref: "#/definitions/io.k8s.api.core.v1.PodSpec" }
 * ```
 */
export function toV2(node: Schema): Schema {
  // A field that is a named type: v2 puts the reference beside the field's own keys.
  const target = node.allOf?.length === 1 ? refName(node.allOf[0].$ref) : refName(node.$ref);
  if (target) {
    const { allOf: _allOf, $ref: _ref, nullable: _nullable, ...rest } = node;
    return { ...rest, $ref: v2Ref(target).$ref };
  }
  const { allOf: _allOf, anyOf: _anyOf, oneOf: _oneOf, not: _not, ...out } = node;
  if (out.nullable) {
    // Untyped values with properties or items break kubectl's v2 validation.
    for (const k of ["type", "nullable", "items", "properties"] as const) delete out[k];
  }
  if (out["x-kubernetes-preserve-unknown-fields"]) {
    delete out.items;
    delete out.properties;
    if (out.type === "object") delete out.type;
  }
  if (out.type === "array" && !out.items) delete out.type;
  if (out.properties) {
    const nullable = Object.entries(out.properties).filter(([, s]) => s.nullable).map(([k]) => k);
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, s]) => [k, toV2(s)]));
    if (out.required && nullable.length) {
      out.required = out.required.filter((k) => !nullable.includes(k));
      if (!out.required.length) delete out.required;
    }
  }
  if (out.items) out.items = toV2(out.items);
  if (typeof out.additionalProperties === "object") {
    if (out.additionalProperties.nullable) delete out.required;
    out.additionalProperties = toV2(out.additionalProperties);
  }
  return out;
}
