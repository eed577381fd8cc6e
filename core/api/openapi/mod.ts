/**
 * Skiff's OpenAPI documents, as kube-apiserver serves them: `/openapi/v2` (Swagger 2.0) and
 * `/openapi/v3` with one OpenAPI 3.0 document per group-version, built from the registry's schemas and
 * rebuilt when CRDs come and go. kubectl needs them: `kubectl explain` reads field documentation from
 * the v3 schemas, and `kubectl apply` validates on the server (fieldValidation=Strict) once the v3
 * document shows the kind accepts `fieldValidation`, and computes strategic merge patches from the
 * schemas' patch keys.
 *
 * @example
 * ```ts
 * import { openapiRoutes } from "./openapi/mod.ts";
 * const api = createApiServer({ store });
 * api.app.route("/", openapiRoutes(api.registry));
 * // GET /openapi/v3 -> {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."}, ...}}
 * ```
 *
 * @module
 */
export { openapiRoutes, type OpenAPIRoutesOptions } from "./routes.ts";
export { OpenAPIDocuments, type ServedDocument } from "./documents.ts";
export { buildOpenAPIV3 } from "./v3.ts";
export { buildOpenAPIV2 } from "./v2.ts";
export { definitionName, groupVersionPath } from "./names.ts";
export type {
  GroupVersionKind,
  OpenAPIV2Document,
  OpenAPIV3Document,
  OpenAPIV3Index,
  Schema,
} from "./types.ts";
