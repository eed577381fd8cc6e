/**
 * One HTTPS call of an admission webhook: POST the AdmissionReview to the configuration's `url` with
 * `?timeout=Ns` (as kube-apiserver's rest client adds it), trusting the configuration's caBundle, and
 * read the AdmissionReview back. Every way the call can fail is a {@link CallError} whose message is the
 * reason Kubernetes prints after `failed calling webhook "NAME": `.
 *
 * @module
 */
import type { AdmissionWebhookClientConfig } from "@skiff/kinds";

/** A failed call (Kubernetes' ErrCallingWebhook): the failure policy decides what it means. */
export class CallError extends Error {
  override name = "CallError";
}

/** HTTP clients by caBundle: one TLS configuration per distinct bundle, reused across calls. */
export class Clients {
  #byBundle = new Map<string, Deno.HttpClient>();

  /** The client trusting `caBundle` (base64 PEM), or the default one trusting the system roots. */
  get(caBundle: string | undefined): Deno.HttpClient | undefined {
    if (!caBundle) return undefined;
    let client = this.#byBundle.get(caBundle);
    if (!client) {
      const pem = new TextDecoder().decode(Uint8Array.from(atob(caBundle), (ch) => ch.charCodeAt(0)));
      client = Deno.createHttpClient({ caCerts: [pem] });
      this.#byBundle.set(caBundle, client);
    }
    return client;
  }

  /** Closes every client. */
  close(): void {
    for (const c of this.#byBundle.values()) c.close();
    this.#byBundle.clear();
  }
}

/**
 * Posts `review` to the webhook and answers the parsed response body.
 *
 * @example
 * ```ts
 * const body = await postReview(new Clients(), { url: "https://hooks.example.com/validate" }, review, 10);
 * ```
 */
export async function postReview(
  clients: Clients,
  config: AdmissionWebhookClientConfig,
  review: unknown,
  timeoutSeconds: number,
): Promise<unknown> {
  let url: string;
  try {
    url = targetURL(config, timeoutSeconds);
  } catch (e) {
    throw new CallError(`failed to call webhook: ${(e as Error).message}`);
  }
  if (config.service) {
    // Reaching a Service needs cluster networking (operators/services), which this server does not have.
    throw new CallError(
      `failed to call webhook: Post "${url}": service "${config.service.namespace}/${config.service.name}" ` +
        "cannot be reached: clientConfig.service needs the services module, which this API server does not run",
    );
  }
  const signal = AbortSignal.timeout(timeoutSeconds * 1000);
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(review),
      client: clients.get(config.caBundle),
      signal,
    });
  } catch (e) {
    throw new CallError(`failed to call webhook: Post "${url}": ${fetchFailure(e, url, signal)}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new CallError(`failed to call webhook: Post "${url}": ${fetchFailure(e, url, signal)}`);
  }
  if (res.status < 200 || res.status > 299) {
    throw new CallError(`failed to call webhook: ${unstructuredError(res.status, text)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CallError(`failed to call webhook: ${(e as Error).message}`);
  }
}

/** The URL the call goes to, with the timeout query Kubernetes' client adds. */
function targetURL(config: AdmissionWebhookClientConfig, timeoutSeconds: number): string {
  if (config.service) {
    // Kubernetes' service resolver always writes the port, 443 included.
    const { name, namespace, port = 443, path = "/" } = config.service;
    return `https://${name}.${namespace}.svc:${port}${path}?timeout=${timeoutSeconds}s`;
  }
  const u = new URL(config.url ?? "");
  u.searchParams.set("timeout", `${timeoutSeconds}s`);
  return u.toString();
}

/** Go's words for the common transport failures; Deno's own message otherwise. */
function fetchFailure(e: unknown, url: string, signal: AbortSignal): string {
  if (signal.aborted) return "context deadline exceeded";
  // Deno's fetch says "fetch failed" and keeps the transport's words in the cause.
  const err = e as Error;
  const message = err?.cause instanceof Error ? err.cause.message : err?.message ?? String(e);
  const host = new URL(url).host;
  const dns = message.match(/dns error: (.*)$/);
  if (dns) return `dial tcp: lookup ${new URL(url).hostname}: ${dns[1]}`;
  if (/connection refused/i.test(message)) return `dial tcp ${host}: connect: connection refused`;
  if (/certificate|UnknownIssuer|invalid peer certificate/i.test(message)) {
    return `tls: failed to verify certificate: ${message}`;
  }
  return message;
}

/** client-go's newUnstructuredResponseError: what a non-2xx answer without a Status body means. */
function unstructuredError(code: number, body: string): string {
  switch (code) {
    case 400:
      return "the server rejected our request for an unknown reason";
    case 401:
      return "the server has asked for the client to provide credentials";
    case 403:
      return "the server does not allow access to the requested resource";
    case 404:
      return "the server could not find the requested resource";
    case 500:
      return `an error on the server (${
        JSON.stringify(body.trim())
      }) has prevented the request from succeeding`;
    default:
      return `the server responded with the status code ${code} but did not return more information`;
  }
}
