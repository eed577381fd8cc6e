/**
 * Kubeconfig files for Skiff's users: one cluster (server URL plus the CA, embedded), one user (a bearer
 * token or a client certificate) and one context that is current, the shape `kubectl config view --minify --flatten` prints.
 *
 * @module
 */
import { stringify } from "yaml";
import { writeFileAtomic } from "./_files.ts";

/** Options for {@link writeKubeconfig} and {@link renderKubeconfig}. */
export interface KubeconfigOptions {
  /** The API server URL, e.g. "https://127.0.0.1:6443". */
  server: string;
  /** PEM of the CA that signed the serving certificate; embedded as certificate-authority-data. */
  caPem: string;
  /** The bearer token the user authenticates with; give this or `clientCertificate`. */
  token?: string;
  /** A client certificate and key (PEM) the user authenticates with, embedded as *-data. */
  clientCertificate?: { cert: string; key: string };
  /** User entry name; "skiff-admin" unless given. */
  user?: string;
  /** Cluster entry name; "skiff" unless given. */
  cluster?: string;
  /** Context name, also the current context; "skiff" unless given. */
  context?: string;
}

/**
 * The kubeconfig as YAML text.
 *
 * @example
 * ```ts
 * const yaml = renderKubeconfig({ server: "https://127.0.0.1:6443", caPem: pki.ca.cert, token });
 * ```
 */
export function renderKubeconfig(options: KubeconfigOptions): string {
  const user = options.user ?? "skiff-admin";
  const cluster = options.cluster ?? "skiff";
  const context = options.context ?? "skiff";
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{
      name: cluster,
      cluster: { server: options.server, "certificate-authority-data": base64(options.caPem) },
    }],
    users: [{ name: user, user: credentials(options) }],
    contexts: [{ name: context, context: { cluster, user } }],
    "current-context": context,
    preferences: {},
  };
  return stringify(config, { lineWidth: 0 });
}

/**
 * Writes a kubeconfig readable only by its owner (it holds a bearer token), replacing any file there.
 *
 * @example
 * ```ts
 * await writeKubeconfig(".skiff/kubeconfig", { server: "https://127.0.0.1:6443", caPem: pki.ca.cert, token });
 * // kubectl --kubeconfig .skiff/kubeconfig get --raw /livez
 * ```
 */
export async function writeKubeconfig(path: string, options: KubeconfigOptions): Promise<void> {
  await writeFileAtomic(path, renderKubeconfig(options), 0o600);
}

function credentials(options: KubeconfigOptions): Record<string, string> {
  const out: Record<string, string> = {};
  if (options.clientCertificate) {
    out["client-certificate-data"] = base64(options.clientCertificate.cert);
    out["client-key-data"] = base64(options.clientCertificate.key);
  }
  if (options.token !== undefined) out.token = options.token;
  if (!Object.keys(out).length) {
    throw new TypeError("a kubeconfig user needs a token or a client certificate");
  }
  return out;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
