/**
 * Where the API server is and how to authenticate to it: read from a kubeconfig file, from a Pod's
 * ServiceAccount (in-cluster), or found the way kubectl finds it.
 *
 * @module
 */
import { dirname, isAbsolute, join } from "node:path";
import { parse } from "yaml";

/**
 * A resolved connection: server URL, trust and credentials.
 *
 * @example
 * ```ts
 * const config: ClusterConfig = { server: "https://127.0.0.1:6443", caPem, token };
 * ```
 */
export interface ClusterConfig {
  /** e.g. "https://127.0.0.1:6443". */
  server: string;
  /** PEM of the CA(s) to trust besides the system's. */
  caPem?: string;
  /** A bearer token. */
  token?: string;
  /** A file holding the bearer token; re-read every minute, as ServiceAccount tokens are rotated. */
  tokenFile?: string;
  /** Client certificate (PEM) and its key, for mutual TLS. */
  certPem?: string;
  keyPem?: string;
  /** The namespace of the current context, or the Pod's own in-cluster. */
  namespace?: string;
}

/**
 * The in-cluster ServiceAccount mount.
 *
 * @example
 * ```ts
 * await Deno.readTextFile(`${SERVICE_ACCOUNT_DIR}/namespace`);
 * ```
 */
export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

interface NamedEntry<T> {
  name: string;
  [k: string]: unknown;
  value?: T;
}

/**
 * Reads a kubeconfig: its current context (or `context`), that context's cluster and user. Paths in it
 * are relative to the file, as kubectl reads them.
 *
 * @example
 * ```ts
 * const config = await loadKubeconfig(".skiff/kubeconfig");
 * config.server; // "https://127.0.0.1:6443"
 * ```
 */
export async function loadKubeconfig(
  path: string,
  options: { context?: string } = {},
): Promise<ClusterConfig> {
  return await parseKubeconfig(await Deno.readTextFile(path), { ...options, dir: dirname(path) });
}

/**
 * {@link loadKubeconfig} from the YAML text; `dir` resolves relative file paths.
 *
 * @example
 * ```ts
 * const config = await parseKubeconfig(yamlText, { dir: "/home/me/.kube" });
 * ```
 */
export async function parseKubeconfig(
  text: string,
  options: { context?: string; dir?: string } = {},
): Promise<ClusterConfig> {
  const doc = (parse(text) ?? {}) as Record<string, unknown>;
  const contextName = options.context ?? doc["current-context"] as string | undefined;
  if (!contextName) throw new Error("kubeconfig has no current-context; name one");
  const context = find(doc.contexts, "context", contextName, "context");
  const cluster = find(doc.clusters, "cluster", context.cluster as string, "cluster");
  const user = context.user ? find(doc.users, "user", context.user as string, "user") : {};
  const dir = options.dir ?? Deno.cwd();
  const file = (p: string) => Deno.readTextFile(isAbsolute(p) ? p : join(dir, p));

  if (cluster["insecure-skip-tls-verify"]) {
    // Deno's fetch cannot turn verification off per client, and a controller should not anyway.
    throw new Error(
      `cluster "${context.cluster}" sets insecure-skip-tls-verify, which the SDK does not support`,
    );
  }
  if (typeof cluster.server !== "string") throw new Error(`cluster "${context.cluster}" has no server`);
  const config: ClusterConfig = { server: cluster.server.replace(/\/+$/, "") };
  if (typeof cluster["certificate-authority-data"] === "string") {
    config.caPem = fromBase64(cluster["certificate-authority-data"]);
  } else if (typeof cluster["certificate-authority"] === "string") {
    config.caPem = await file(cluster["certificate-authority"]);
  }
  if (typeof user.token === "string") config.token = user.token;
  else if (typeof user.tokenFile === "string") {
    config.tokenFile = isAbsolute(user.tokenFile) ? user.tokenFile : join(dir, user.tokenFile);
  }
  if (typeof user["client-certificate-data"] === "string") {
    config.certPem = fromBase64(user["client-certificate-data"]);
  } else if (typeof user["client-certificate"] === "string") {
    config.certPem = await file(user["client-certificate"]);
  }
  if (typeof user["client-key-data"] === "string") config.keyPem = fromBase64(user["client-key-data"]);
  else if (typeof user["client-key"] === "string") config.keyPem = await file(user["client-key"]);
  if (typeof context.namespace === "string") config.namespace = context.namespace;
  return config;
}

/**
 * The config of a process running in a Pod: KUBERNETES_SERVICE_HOST/PORT (from `env`, the process's unless
 * given) and the ServiceAccount's token, CA and namespace from `dir` (the standard mount unless given).
 *
 * @example
 * ```ts
 * const config = await inClusterConfig();
 * config.namespace; // the Pod's namespace
 * ```
 */
export async function inClusterConfig(
  dir: string = SERVICE_ACCOUNT_DIR,
  env: { get(name: string): string | undefined } = Deno.env,
): Promise<ClusterConfig> {
  const host = env.get("KUBERNETES_SERVICE_HOST");
  const port = env.get("KUBERNETES_SERVICE_PORT");
  if (!host || !port) {
    throw new Error("not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
  }
  const server = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const config: ClusterConfig = {
    server,
    tokenFile: join(dir, "token"),
    caPem: await Deno.readTextFile(join(dir, "ca.crt")),
  };
  try {
    config.namespace = (await Deno.readTextFile(join(dir, "namespace"))).trim();
  } catch { /* optional */ }
  return config;
}

/**
 * Finds the config as kubectl does: $KUBECONFIG (its first file), then in-cluster, then ~/.kube/config.
 *
 * @example
 * ```ts
 * const client = createClient(await loadConfig());
 * ```
 */
export async function loadConfig(): Promise<ClusterConfig> {
  const env = Deno.env.get("KUBECONFIG");
  if (env) return await loadKubeconfig(env.split(":").filter(Boolean)[0]);
  if (Deno.env.get("KUBERNETES_SERVICE_HOST")) return await inClusterConfig();
  const home = Deno.env.get("HOME");
  if (!home) throw new Error("no KUBECONFIG, not in a cluster, and no HOME for ~/.kube/config");
  return await loadKubeconfig(join(home, ".kube", "config"));
}

function find(list: unknown, field: string, name: string, what: string): Record<string, unknown> {
  const entries = Array.isArray(list) ? list as NamedEntry<unknown>[] : [];
  const entry = entries.find((e) => e?.name === name);
  if (!entry) throw new Error(`kubeconfig has no ${what} named "${name}"`);
  return (entry[field] ?? {}) as Record<string, unknown>;
}

function fromBase64(data: string): string {
  const binary = atob(data.replace(/\s+/g, ""));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
