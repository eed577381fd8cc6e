/**
 * The client: sends requests through a {@link Transport} with retries, and hands out a typed
 * {@link ResourceClient} per kind.
 *
 * @module
 */
import type { ClusterConfig } from "./config.ts";
import { Discovery } from "./discovery.ts";
import { ApiError, ConnectionError } from "./errors.ts";
import { ResourceClient } from "./resource_client.ts";
import { backoffDelay, DEFAULT_RETRY, retryAfterMs, type RetryPolicy, shouldRetry, sleep } from "./retry.ts";
import { httpsTransport, inProcessTransport, type Transport } from "./transport.ts";
import type { KubeObject, ResourceRef } from "./types.ts";

/** "/", the first character of a path the client can join to the server as text. */
const SLASH = 0x2f;

/**
 * Options of {@link Client}.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { server: "https://127.0.0.1:6443", transport: httpsTransport(config) };
 * ```
 */
export interface ClientOptions {
  /** The server's base URL; any value for an in-process transport. */
  server: string;
  transport: Transport;
  retry?: RetryPolicy;
  /** The namespace `ResourceClient`s of namespaced kinds use when none is given. */
  namespace?: string;
  /** Sent as User-Agent. */
  userAgent?: string;
  /** Told before each retry: what failed and how long the client waits. */
  onRetry?: (
    info: { method: string; path: string; attempt: number; delayMs: number; reason: string },
  ) => void;
}

/**
 * Options of one request.
 *
 * @example
 * ```ts
 * const opts: RequestOptions = { query: { limit: "10" }, signal: AbortSignal.timeout(5000) };
 * ```
 */
export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  contentType?: string;
  /** The Accept header (default `application/json`), e.g. to ask for PartialObjectMetadata. */
  accept?: string;
  signal?: AbortSignal;
}

/**
 * A Kubernetes API client.
 *
 * @example
 * ```ts
 * const client = createClient(await loadKubeconfig(".skiff/kubeconfig"));
 * const pods = client.resource(podsResource).namespace("default");
 * for (const pod of (await pods.list()).items) console.log(pod.metadata?.name);
 * client.close();
 * ```
 */
export class Client {
  readonly server: string;
  /** The namespace used for namespaced kinds when none is given ("default" unless configured). */
  readonly defaultNamespace: string;
  /** The server's API groups and resources, cached. */
  readonly discovery: Discovery;
  readonly #transport: Transport;
  readonly #retry: Required<RetryPolicy>;
  readonly #options: ClientOptions;
  /** Whether the server is a URL a path can be appended to as text (see #url). */
  readonly #joinable: boolean;

  constructor(options: ClientOptions) {
    this.server = options.server.replace(/\/+$/, "");
    this.defaultNamespace = options.namespace ?? "default";
    this.#transport = options.transport;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#options = options;
    this.#joinable = URL.canParse(this.server + "/");
    this.discovery = new Discovery(this);
  }

  /**
   * The client for one kind; `T` comes from the ref (see `defineResource`).
   *
   * @example
   * ```ts
   * const leases = client.resource(leasesResource).namespace("kube-node-lease");
   * ```
   */
  resource<T = KubeObject>(ref: ResourceRef<T>): ResourceClient<T> {
    return new ResourceClient<T>(this, ref);
  }

  /**
   * The untyped client for a kind found through discovery, e.g. a CRD's.
   *
   * @example
   * ```ts
   * const widgets = await client.resourceFor("example.com/v1", "Widget");
   * ```
   */
  async resourceFor(apiVersion: string, kind: string): Promise<ResourceClient<KubeObject>> {
    return this.resource(await this.discovery.resolve(apiVersion, kind));
  }

  /**
   * Sends a request, retrying as the policy allows; answers the response when it is a success and throws
   * an {@link ApiError} (or a `ConnectionError`) when not.
   *
   * @example
   * ```ts
   * const res = await client.request("GET", "/version");
   * console.log((await res.json()).gitVersion);
   * ```
   */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = this.#url(path, options.query);
    const body = options.body === undefined
      ? undefined
      : typeof options.body === "string"
      ? options.body
      : JSON.stringify(options.body);
    const max = Math.max(1, this.#retry.maxAttempts);
    for (let attempt = 0;; attempt++) {
      // A plain record, not a Headers: fetch copies whatever it is given into its own Request, so a
      // Headers here would be built and validated for nothing.
      const headers: Record<string, string> = { accept: options.accept ?? "application/json" };
      if (body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
      if (this.#options.userAgent) headers["user-agent"] = this.#options.userAgent;
      let res: Response;
      try {
        res = await this.#transport.fetch(url, { method, headers, body, signal: options.signal });
      } catch (error) {
        if (options.signal?.aborted || attempt + 1 >= max || !shouldRetry(method, { error })) throw error;
        await this.#wait(method, path, attempt, backoffDelay(attempt, this.#retry), String(error), options);
        continue;
      }
      if (res.ok) return res;
      const retryAfter = retryAfterMs(res.headers.get("retry-after"));
      if (
        attempt + 1 < max && shouldRetry(method, { status: res.status, retryAfter: retryAfter !== undefined })
      ) {
        await res.body?.cancel();
        const delay = Math.min(this.#retry.maxDelayMs, retryAfter ?? backoffDelay(attempt, this.#retry));
        await this.#wait(method, path, attempt, delay, `${res.status}`, options);
        continue;
      }
      throw await ApiError.fromResponse(res);
    }
  }

  /**
   * {@link request} and its JSON body.
   *
   * @example
   * ```ts
   * const list = await client.json<{ resources: unknown[] }>("GET", "/api/v1");
   * ```
   */
  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const max = Math.max(1, this.#retry.maxAttempts);
    for (let attempt = 0;; attempt++) {
      const res = await this.request(method, path, options);
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        // The connection went after the headers: the answer is lost, so only a safe request goes again.
        const error = new ConnectionError(`lost the answer to ${method} ${path}: ${e}`, true, { cause: e });
        if (options.signal?.aborted || attempt + 1 >= max || !shouldRetry(method, { error })) throw error;
        await this.#wait(method, path, attempt, backoffDelay(attempt, this.#retry), error.message, options);
        continue;
      }
      return JSON.parse(text) as T;
    }
  }

  /**
   * The request's URL: the server, the path and the query's defined values. A path that starts with "/"
   * and has no query or fragment of its own is joined as text, which is what `new URL` would answer
   * for it, without parsing it here and again in fetch; any other path goes through `new URL`, which
   * throws for it as before.
   */
  #url(path: string, query: RequestOptions["query"]): string {
    let params: URLSearchParams | undefined;
    if (query) {
      for (const key of Object.keys(query)) {
        const value = query[key];
        if (value !== undefined) (params ??= new URLSearchParams()).set(key, String(value));
      }
    }
    if (this.#joinable && path.charCodeAt(0) === SLASH && !/[?#]/.test(path)) {
      return params ? `${this.server}${path}?${params}` : this.server + path;
    }
    const url = new URL(this.server + path);
    if (params) { for (const [key, value] of params) url.searchParams.set(key, value); }
    return url.href;
  }

  /** Releases the transport's connections. */
  close(): void {
    this.#transport.close?.();
  }

  async #wait(
    method: string,
    path: string,
    attempt: number,
    delayMs: number,
    reason: string,
    options: RequestOptions,
  ): Promise<void> {
    this.#options.onRetry?.({ method, path, attempt: attempt + 1, delayMs, reason });
    await sleep(delayMs, options.signal);
  }
}

/**
 * A client over HTTPS from a resolved config (see `loadKubeconfig`, `inClusterConfig`, `loadConfig`).
 *
 * @example
 * ```ts
 * const client = createClient(await loadConfig());
 * ```
 */
export function createClient(
  config: ClusterConfig,
  options: Omit<ClientOptions, "server" | "transport"> = {},
): Client {
  return new Client({
    namespace: config.namespace,
    ...options,
    server: config.server,
    transport: httpsTransport(config),
  });
}

/**
 * A client that calls an in-process app (the API server's hono app) without a network.
 *
 * @example
 * ```ts
 * const api = createApiServer({ store });
 * await api.start();
 * const client = createInProcessClient(api.app);
 * ```
 */
export function createInProcessClient(
  app: { fetch(request: Request): Response | Promise<Response> },
  options: Omit<ClientOptions, "server" | "transport"> & {
    token?: string;
    /**
     * Where the same app is served on the network, for components that tell others where the API is
     * (the `kubernetes` Service's target port); requests never go there.
     */
    server?: string;
  } = {},
): Client {
  return new Client({
    ...options,
    server: options.server ?? "http://skiff.in-process",
    transport: inProcessTransport(app, { token: options.token }),
  });
}
