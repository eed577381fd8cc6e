/**
 * How requests reach the API server. The client only sees a fetch-like function, so the same code runs
 * over HTTPS (with the kubeconfig's CA, token and client certificate) and in-process, where the hono app
 * answers the request directly without a network.
 *
 * @module
 */
import type { ClusterConfig } from "./config.ts";
import { NoDelayKeeper } from "@skiff/net";
import { IN_PROCESS } from "./_ndjson.ts";
import { ConnectionError } from "./errors.ts";

/**
 * What the client hands a {@link Transport} for one request: the shape of fetch's `init`, with the
 * headers as a plain record of lower-case names (what the client sets: accept, content-type, user-agent).
 *
 * @example
 * ```ts
 * const init: TransportInit = { method: "GET", headers: { accept: "application/json" } };
 * ```
 */
export interface TransportInit {
  method: string;
  /** Lower-case header names; a transport may add its own (authorization) unless one is there. */
  headers: Record<string, string>;
  /** Already encoded: JSON or YAML text. */
  body?: string;
  signal?: AbortSignal;
}

/**
 * A fetch-like function with an optional way to release what it holds (connections). It takes the URL
 * and an init rather than a Request: Deno's fetch builds its own Request from whatever it is given, so
 * a Request built by the caller is built twice (10-35 µs of CPU a request; see bench/sdk_client.ts).
 *
 * @example
 * ```ts
 * const transport: Transport = { fetch: (url, init) => fetch(url, init) };
 * ```
 */
export interface Transport {
  /** Sends the request; network failures reject with a {@link ConnectionError}. */
  fetch(url: string, init: TransportInit): Promise<Response>;
  close?(): void;
}

/** How long a token read from a file is used before the file is read again (client-go's period). */
const TOKEN_FILE_TTL_MS = 60_000;

/**
 * A transport over HTTPS: trusts the config's CA, sends its bearer token (re-reading a token file every
 * minute) and presents its client certificate when it has one.
 *
 * @example
 * ```ts
 * const transport = httpsTransport(await loadKubeconfig(".skiff/kubeconfig"));
 * const res = await transport.fetch("https://127.0.0.1:6443/version", { method: "GET", headers: {} });
 * transport.close?.();
 * ```
 */
export function httpsTransport(config: ClusterConfig): Transport {
  const options: Deno.CreateHttpClientOptions & Partial<Deno.TlsCertifiedKeyPem> = {};
  if (config.caPem) options.caCerts = [config.caPem];
  if (config.certPem && config.keyPem) {
    options.cert = config.certPem;
    options.key = config.keyPem;
  }
  const client = Deno.createHttpClient(options);
  // Deno's fetch leaves Nagle's algorithm on: small requests would wait ~40 ms for delayed ACKs.
  const server = new URL(config.server);
  const noDelay = new NoDelayKeeper(Number(server.port || (server.protocol === "https:" ? 443 : 80)));
  let cached: { token: string; at: number } | undefined;
  const token = async (): Promise<string | undefined> => {
    if (config.token) return config.token;
    if (!config.tokenFile) return undefined;
    if (!cached || Date.now() - cached.at > TOKEN_FILE_TTL_MS) {
      cached = { token: (await Deno.readTextFile(config.tokenFile)).trim(), at: Date.now() };
    }
    return cached.token;
  };
  return {
    async fetch(url, init) {
      const bearer = config.token || await token();
      const headers = bearer && !("authorization" in init.headers)
        ? { ...init.headers, authorization: `Bearer ${bearer}` }
        : init.headers;
      try {
        const res = await fetch(url, {
          method: init.method,
          headers,
          body: init.body,
          signal: init.signal,
          client,
        });
        noDelay.touch();
        return res;
      } catch (e) {
        if (init.signal?.aborted) throw e;
        // A request fetch could not even build (a GET with a body, a bad header value) is the caller's
        // TypeError, as when the client built the Request itself, not a network failure to retry.
        new Request(url, init);
        throw asConnectionError(e);
      }
    },
    close: () => client.close(),
  };
}

/**
 * A transport that hands each request to an in-process app (a hono app's `fetch`), with an optional
 * bearer token for apps that authenticate.
 *
 * @example
 * ```ts
 * const api = createApiServer({ store });
 * const client = new Client({ server: "http://skiff.local", transport: inProcessTransport(api.app) });
 * ```
 */
export function inProcessTransport(
  app: { fetch(request: Request): Response | Promise<Response> },
  options: { token?: string } = {},
): Transport {
  return {
    async fetch(url, init) {
      const request = new Request(url, init);
      if (options.token && !request.headers.has("authorization")) {
        request.headers.set("authorization", `Bearer ${options.token}`);
      }
      // Lets the app's watches hand over decoded objects instead of JSON to parse again.
      (request as unknown as Record<symbol, boolean>)[IN_PROCESS] = true;
      return await app.fetch(request);
    },
  };
}

/**
 * A fetch failure as a {@link ConnectionError}; `sent` is false only when the connection was refused,
 * so nothing reached the server.
 */
function asConnectionError(e: unknown): ConnectionError {
  if (e instanceof ConnectionError) return e;
  const text = describe(e);
  const refused = /connection refused|ConnectionRefused|os error 111\b/i.test(text);
  return new ConnectionError(text, !refused, { cause: e });
}

function describe(e: unknown): string {
  let text = "";
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    text += (text ? ": " : "") + (cur instanceof Error ? cur.message : String(cur));
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return text;
}
