/**
 * The manager's HTTP endpoints: /healthz, /readyz and /metrics, served with Deno.serve on the ports
 * asked for (one server when both ports are the same).
 *
 * @module
 */
import type { Registry } from "prom-client";
import { metricsHandler } from "../metrics/handler.ts";

/** What the endpoints report on. */
export interface ProbeState {
  /** An error when the process is unhealthy (e.g. leading without renewing). */
  health(): Error | undefined;
  /** Whether the caches have synced. */
  ready(): boolean;
  registry: Registry;
}

/** The listening servers; `close()` stops them all. */
export interface ProbeServers {
  healthAddr?: Deno.NetAddr;
  metricsAddr?: Deno.NetAddr;
  close(): Promise<void>;
}

/** A fetch handler for the endpoints that are on. */
export function probeHandler(
  state: ProbeState,
  on: { health: boolean; metrics: boolean },
): (request: Request) => Promise<Response> | Response {
  const metrics = metricsHandler(state.registry);
  return (request) => {
    const path = new URL(request.url).pathname;
    if (on.health && path === "/healthz") {
      const error = state.health();
      return error ? text(500, `[-]ping failed: ${error.message}\nhealthz check failed\n`) : text(200, "ok");
    }
    if (on.health && path === "/readyz") {
      return state.ready()
        ? text(200, "ok")
        : text(500, "[-]informer-sync failed: caches not synced\nreadyz check failed\n");
    }
    if (on.metrics && path === "/metrics") return metrics(request);
    return text(404, "404 page not found\n");
  };
}

/** Starts the servers for the given ports (port 0 picks a free one). */
export function serveProbes(
  state: ProbeState,
  options: { healthPort?: number; metricsPort?: number; hostname: string },
): ProbeServers {
  const servers: Deno.HttpServer[] = [];
  const serve = (port: number, on: { health: boolean; metrics: boolean }) => {
    const server = Deno.serve(
      { port, hostname: options.hostname, onListen: () => {} },
      probeHandler(state, on),
    );
    servers.push(server);
    return server.addr as Deno.NetAddr;
  };
  const result: ProbeServers = {
    close: async () => {
      await Promise.all(servers.map((s) => s.shutdown()));
    },
  };
  const { healthPort, metricsPort } = options;
  if (healthPort !== undefined && healthPort === metricsPort && healthPort !== 0) {
    result.healthAddr = result.metricsAddr = serve(healthPort, { health: true, metrics: true });
    return result;
  }
  if (healthPort !== undefined) result.healthAddr = serve(healthPort, { health: true, metrics: false });
  if (metricsPort !== undefined) result.metricsAddr = serve(metricsPort, { health: false, metrics: true });
  return result;
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
