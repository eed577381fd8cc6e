/**
 * Skiff's API server: a hono app serving every kind it has a definition for with Kubernetes' REST
 * semantics (CRUD, list with pagination and selectors, watch, three patch types, status and scale
 * subresources, finalizers, dry runs), errors as meta/v1 Status, the admission chain modules extend,
 * and the core's own CRD and namespace controllers.
 *
 * @example
 * ```ts
 * import { createApiServer } from "@skiff/api";
 * const api = createApiServer({ store });
 * await api.start();
 * Deno.serve(api.app.fetch);
 * ```
 *
 * @module
 */
export { type ApiServer, type ApiServerOptions, createApiServer, SYSTEM_NAMESPACES } from "./app.ts";
export { AdmissionChain, type AdmissionRequest, type AdmissionStep, type KubeObject } from "./admission.ts";
export {
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from "./webhooks/mod.ts";
export { ApiError, type Status, type StatusCause } from "./errors.ts";
export { type HealthCheck, healthRoutes } from "./health.ts";
export { collectionKey, objectKey, Registry, type Resource } from "./registry.ts";
export {
  type DeleteOptions,
  type ListOptions,
  Objects,
  type WriteOptions,
  type WriteResult,
} from "./objects.ts";
export { Strategies, type Strategy } from "./strategy.ts";
export { IN_PROCESS, WATCH_EVENT } from "./watch.ts";
export { serveHttps, type ServeHttpsOptions } from "./serve.ts";
export type { TokenIssuer, TokenObjectRef } from "./_token_request.ts";
export {
  age,
  AGE_COLUMN,
  type Cell,
  column,
  humanDuration,
  NAME_COLUMN,
  type PrintedRow,
  type Printer,
  type TableColumnDefinition,
} from "./table/mod.ts";
