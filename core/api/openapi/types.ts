/**
 * The shapes of the OpenAPI documents Skiff serves: schemas as Kubernetes publishes them (JSONSchemaProps
 * plus `$ref` and the group-version-kind extension), OpenAPI 3.0 documents per group-version, Swagger 2.0
 * for the whole API, and the v3 discovery index.
 *
 * @module
 */
import type { JSONSchemaProps } from "@skiff/schema";

/**
 * A group, version and kind, as `x-kubernetes-group-version-kind` names them.
 *
 * @example
 * ```ts
 * const pod: GroupVersionKind = { group: "", version: "v1", kind: "Pod" };
 * ```
 */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/**
 * A schema in an OpenAPI document: JSONSchemaProps whose subschemas may be references
 * (`{ "$ref": "#/components/schemas/io.k8s.api.core.v1.PodSpec" }`).
 *
 * @example
 * ```ts
 * const spec: Schema = { description: "Desired state.", allOf: [{ $ref: "#/components/schemas/io.k8s.api.core.v1.PodSpec" }] };
 * ```
 */
export interface Schema extends
  Omit<
    JSONSchemaProps,
    "properties" | "items" | "additionalProperties" | "allOf" | "anyOf" | "oneOf" | "not" | "type"
  > {
  $ref?: string;
  /** A JSON type; Swagger 2.0 leaves it out where a value may take several. */
  type?: JSONSchemaProps["type"];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  /** On kind schemas: every group/version/kind the schema serves as. */
  "x-kubernetes-group-version-kind"?: GroupVersionKind[];
}

/**
 * A query or path parameter, OpenAPI 3 style.
 *
 * @example
 * ```ts
 * const p: ParameterV3 = { name: "dryRun", in: "query", description: "...", schema: { type: "string", uniqueItems: true } };
 * ```
 */
export interface ParameterV3 {
  name: string;
  in: "query" | "path";
  description: string;
  required?: boolean;
  schema: { type: "string" | "integer" | "boolean"; uniqueItems: true };
}

/**
 * Request or response content, keyed by media type.
 *
 * @example
 * ```ts
 * const c: Content = { "application/json": { schema: { $ref: "#/components/schemas/io.k8s.api.core.v1.Pod" } } };
 * ```
 */
export type Content = Record<string, { schema: Schema }>;

/**
 * One operation of an OpenAPI 3 document.
 *
 * @example
 * ```ts
 * const op: OperationV3 | undefined = doc.paths["/api/v1/namespaces/{namespace}/pods/{name}"].patch;
 * ```
 */
export interface OperationV3 {
  tags: string[];
  description: string;
  operationId: string;
  parameters?: ParameterV3[];
  requestBody?: { content: Content; required?: boolean };
  responses: Record<string, { description: string; content?: Content }>;
  "x-kubernetes-action": string;
  "x-kubernetes-group-version-kind": GroupVersionKind;
}

/**
 * The operations on one path, and the parameters all of them share.
 *
 * @example
 * ```ts
 * const item: PathItemV3 = doc.paths["/api/v1/namespaces/{namespace}/pods"];
 * ```
 */
export interface PathItemV3 {
  get?: OperationV3;
  put?: OperationV3;
  post?: OperationV3;
  delete?: OperationV3;
  patch?: OperationV3;
  parameters?: ParameterV3[];
}

/**
 * An OpenAPI 3.0 document for one group-version, as `/openapi/v3/apis/GROUP/VERSION` serves it.
 *
 * @example
 * ```ts
 * const doc: OpenAPIV3Document = buildOpenAPIV3(registry.all().filter((r) => r.apiVersion === "v1"));
 * doc.components.schemas["io.k8s.api.core.v1.Pod"];
 * ```
 */
export interface OpenAPIV3Document {
  openapi: "3.0.0";
  info: { title: string; version: string };
  paths: Record<string, PathItemV3>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: Record<string, unknown>;
  };
}

/**
 * The `/openapi/v3` index: each group-version's document, at a URL whose `hash` changes with it.
 *
 * @example
 * ```ts
 * const index: OpenAPIV3Index = { paths: { "api/v1": { serverRelativeURL: "/openapi/v3/api/v1?hash=AB12" } } };
 * ```
 */
export interface OpenAPIV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

/**
 * A parameter of a Swagger 2.0 operation.
 *
 * @example
 * ```ts
 * const body: ParameterV2 = { name: "body", in: "body", required: true, schema: { $ref: "#/definitions/io.k8s.api.core.v1.Pod" } };
 * ```
 */
export interface ParameterV2 {
  name: string;
  in: "query" | "path" | "body";
  description?: string;
  required?: boolean;
  type?: "string" | "integer" | "boolean";
  uniqueItems?: true;
  schema?: Schema;
}

/**
 * One operation of a Swagger 2.0 document.
 *
 * @example
 * ```ts
 * const op = doc.paths["/api/v1/namespaces/{namespace}/pods/{name}"].patch as OperationV2;
 * ```
 */
export interface OperationV2 {
  description: string;
  consumes: string[];
  produces: string[];
  schemes: string[];
  tags: string[];
  operationId: string;
  parameters?: ParameterV2[];
  responses: Record<string, { description: string; schema?: Schema }>;
  "x-kubernetes-action": string;
  "x-kubernetes-group-version-kind": GroupVersionKind;
}

/**
 * The Swagger 2.0 document for the whole API, as `/openapi/v2` serves it.
 *
 * @example
 * ```ts
 * const doc: OpenAPIV2Document = buildOpenAPIV2(registry.all());
 * doc.definitions["io.k8s.api.core.v1.Pod"];
 * ```
 */
export interface OpenAPIV2Document {
  swagger: "2.0";
  info: { title: string; version: string };
  paths: Record<string, Record<string, OperationV2 | ParameterV2[]>>;
  definitions: Record<string, Schema>;
  securityDefinitions: Record<string, unknown>;
  security: Record<string, string[]>[];
}
