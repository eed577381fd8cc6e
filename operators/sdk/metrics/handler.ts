/**
 * The /metrics endpoint: a fetch handler that renders a registry in the text exposition format.
 *
 * @module
 */
import type { Registry } from "prom-client";

/**
 * A handler answering GET and HEAD with the registry's metrics (`text/plain; version=0.0.4`), and 405 to
 * other methods. Fits `Deno.serve` and hono's `app.get("/metrics", (c) => handler(c.req.raw))`.
 *
 * @example
 * ```ts
 * const metrics = new ManagerMetrics();
 * const handler = metricsHandler(metrics.registry);
 * Deno.serve({ port: 8080 }, handler);
 * ```
 */
export function metricsHandler(registry: Registry): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("method not allowed\n", { status: 405, headers: { allow: "GET, HEAD" } });
    }
    const body = await registry.metrics();
    return new Response(request.method === "HEAD" ? null : body, {
      status: 200,
      headers: { "content-type": registry.contentType },
    });
  };
}
