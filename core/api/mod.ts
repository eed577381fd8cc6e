/**
 * Skiff's API server: a hono app serving resources with Kubernetes' REST semantics. So far it serves the
 * health endpoints; the REST core lands with the API issue.
 *
 * @example
 * ```ts
 * import { healthRoutes } from "@skiff/api";
 * Deno.serve(healthRoutes(store).fetch);
 * ```
 *
 * @module
 */
export { type HealthCheck, healthRoutes } from "./health.ts";
