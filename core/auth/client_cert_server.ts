/**
 * An HTTPS listener that asks clients for a certificate, for kubeconfigs that authenticate with one.
 *
 * Deno.serve and Deno.listenTls (Deno 2.9) can neither request nor expose a client certificate, and
 * Deno.serveHttp is gone, so this listener is node:https, which in Deno does both (`requestCert`,
 * `socket.getPeerCertificate()`). It is a second port next to the Deno.serve one, so bearer-token
 * traffic keeps Deno's native HTTP/1.1 and HTTP/2 server; this one speaks HTTP/1.1 and converts each
 * request to a web Request for the same handler. A client that sends no certificate is served too,
 * and authenticates as it would on the main port.
 *
 * @module
 */
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ClientCertAuthenticator } from "./client_cert_authenticator.ts";

/** Options of {@link serveWithClientCerts}. */
export interface ClientCertServerOptions {
  /** The port; 0 picks a free one. */
  port: number;
  /** The address to listen on; all interfaces unless given. */
  hostname?: string;
  /** The serving certificate and key (PEM). */
  cert: string;
  key: string;
  /** The CA client certificates must chain to (PEM); the TLS handshake asks for certificates it signed. */
  ca: string;
}

/** A running {@link serveWithClientCerts} listener. */
export interface ClientCertServer {
  /** The address it listens on. */
  addr: { hostname: string; port: number };
  /** Stops listening and closes every connection, streams (watches) included. */
  shutdown(): Promise<void>;
}

/** What the handler gets besides the request, as Deno.serve passes it. */
export type ClientCertServeInfo = { remoteAddr: { transport: "tcp"; hostname: string; port: number } };

/**
 * Serves `handler` over HTTPS on `options.port`, requesting a client certificate on every connection
 * and attaching the one presented to each request for `certs` to authenticate.
 *
 * @example
 * ```ts
 * const certs = createClientCertAuthenticator(pki.ca.cert);
 * const server = await serveWithClientCerts(app.fetch, certs, { port: 6444, ...pki.serving, ca: pki.ca.cert });
 * await server.shutdown();
 * ```
 */
export async function serveWithClientCerts(
  handler: (request: Request, info: ClientCertServeInfo) => Response | Promise<Response>,
  certs: ClientCertAuthenticator,
  options: ClientCertServerOptions,
): Promise<ClientCertServer> {
  const server = https.createServer({
    cert: options.cert,
    key: options.key,
    ca: options.ca,
    requestCert: true,
    // A missing or foreign certificate is not a handshake failure: the request may carry a token, and
    // an unusable certificate is simply not a credential (the authenticator checks it again).
    rejectUnauthorized: false,
  }, (req, res) => {
    serveOne(handler, certs, req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
      console.error(`client-certificate listener: ${(e as Error)?.stack ?? e}`);
    });
  });
  server.on("secureConnection", (socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as { address: string; port: number };
  return {
    addr: { hostname: address.address, port: address.port },
    shutdown: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serveOne(
  handler: (request: Request, info: ClientCertServeInfo) => Response | Promise<Response>,
  certs: ClientCertAuthenticator,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const socket = req.socket as import("node:tls").TLSSocket;
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(`https://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers,
    body: hasBody ? Readable.toWeb(req) as ReadableStream<Uint8Array> : undefined,
    signal: abort.signal,
    // @ts-ignore: Deno's Request needs duplex "half" for a streamed body, which lib.dom lacks.
    duplex: "half",
  });
  const peer = socket.getPeerCertificate?.();
  if (peer?.raw?.length) certs.attach(request, new Uint8Array(peer.raw));

  const response = await handler(request, {
    remoteAddr: { transport: "tcp", hostname: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 },
  });
  const outHeaders: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => outHeaders[name] = value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) outHeaders["set-cookie"] = cookies;
  res.writeHead(response.status, outHeaders);
  // Node holds the head back until the first body chunk; a watch with nothing to say yet must still
  // answer at once, or clients time out waiting for headers.
  res.flushHeaders();
  if (!response.body || method === "HEAD") {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // A client that goes away mid-stream (a watch ended with ^C) cancels the handler's stream.
  abort.signal.addEventListener("abort", () => reader.cancel().catch(() => {}), { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise((r) => res.once("drain", r).once("close", r));
    }
  } catch {
    // The stream was cancelled because the client left; nothing to answer.
  }
  res.end();
}
