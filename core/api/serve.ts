/**
 * Serving the API over HTTPS the way `skiff up` and the test cores do: Deno.serve with the serving
 * certificate, and TCP_NODELAY on the listener (Deno.serve leaves Nagle's algorithm on for TLS, which
 * holds small watch writes ~40 ms for the client's delayed ACK; see @skiff/net).
 *
 * @module
 */
import { noDelayOnPort } from "@skiff/net";

/** Where and how to listen. */
export interface ServeHttpsOptions {
  /** 0 picks a free port. */
  port: number;
  hostname: string;
  cert: string;
  key: string;
  signal?: AbortSignal;
}

/**
 * Serves `fetch` over HTTPS. Throws Deno.errors.AddrInUse when the port is taken.
 *
 * @example
 * ```ts
 * const server = serveHttps(api.app.fetch, { port: 0, hostname: "127.0.0.1", cert, key });
 * const port = (server.addr as Deno.NetAddr).port;
 * ```
 */
export function serveHttps(
  fetch: (request: Request) => Response | Promise<Response>,
  options: ServeHttpsOptions,
): Deno.HttpServer<Deno.NetAddr> {
  const server = Deno.serve({ ...options, onListen: () => {} }, fetch);
  const port = server.addr.port;
  noDelayOnPort(port);
  // The later passes catch a connection the kernel completed before the listener had the option.
  for (const ms of [100, 1000]) Deno.unrefTimer(setTimeout(() => noDelayOnPort(port), ms));
  return server;
}
