/**
 * An envtest-style harness: a real Skiff core (embedded store, API server with authentication) started
 * in-process and served over real HTTPS on a free loopback port, with an admin kubeconfig and clients.
 *
 * @module
 */
import { type ApiServer, createApiServer, serveHttps } from "@skiff/api";
import { authenticate, ensureAuth, writeKubeconfig } from "@skiff/auth";
import { openEmbeddedStore, type Store } from "@skiff/store";
import { type Client, type ClientOptions, createClient, createInProcessClient } from "../client/client.ts";
import { loadKubeconfig } from "../client/config.ts";
import { isNotFound } from "../client/errors.ts";
import {
  customResourceDefinitionsResource,
  type DefinitionLike,
  resourceFromCrd,
} from "../client/resources.ts";
import type { KubeObject } from "../client/types.ts";

/**
 * Options of {@link startTestCore}.
 *
 * @example
 * ```ts
 * const core = await startTestCore({ historyLimit: 100, log: console.error });
 * ```
 */
export interface TestCoreOptions {
  /** Store events kept for watches; lower it to make 410 Gone easy to reach. */
  historyLimit?: number;
  /** The API server's log; quiet unless given (or SKIFF_TEST_LOG is set). */
  log?: (line: string) => void;
  /** Options of the clients made for the core (retry policy, ...). */
  client?: Omit<ClientOptions, "server" | "transport">;
  /**
   * CustomResourceDefinitions to install before the core is handed out, as envtest's CRDInstallOptions:
   * each is created and waited for until discovery serves its kinds.
   */
  crds?: KubeObject[];
}

/**
 * A running core.
 *
 * @example
 * ```ts
 * const core = await startTestCore();
 * await core.client.resource(podsResource).namespace("default").list();
 * await core.close();
 * ```
 */
export interface TestCore {
  /** https://127.0.0.1:PORT */
  url: string;
  /** The port the core serves on. */
  port: number;
  /** The admin's kubeconfig (bearer token, CA embedded). */
  kubeconfig: string;
  /** The CA that signed the serving certificate (PEM). */
  caPem: string;
  /** The admin's bearer token. */
  token: string;
  /** A client over HTTPS with the admin kubeconfig. */
  client: Client;
  /** A client that calls the API server in-process, no network, as the admin. */
  inProcessClient: Client;
  api: ApiServer;
  store: Store;
  dataDir: string;
  /** Stops serving, closes clients and the store, removes the data dir; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a core for a test, as `skiff up` does but on a free port and a temp data dir.
 *
 * @example
 * ```ts
 * const core = await startTestCore();
 * try {
 *   const client = createClient(await loadKubeconfig(core.kubeconfig));
 *   await client.resource(namespacesResource).get("default");
 *   client.close();
 * } finally {
 *   await core.close();
 * }
 * ```
 */
export async function startTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dataDir = await Deno.makeTempDir({ prefix: "skiff-sdk-" });
  const log = options.log ?? (Deno.env.get("SKIFF_TEST_LOG") ? console.error : () => {});
  const store = await openEmbeddedStore({
    path: `${dataDir}/store.sqlite`,
    historyLimit: options.historyLimit,
  });
  let api: ApiServer | undefined;
  let server: Deno.HttpServer<Deno.NetAddr> | undefined;
  let client: Client | undefined;
  const abort = new AbortController();
  try {
    const auth = await ensureAuth(dataDir);
    api = createApiServer({ store, authenticate: authenticate(auth.authenticator), log });
    await api.start();
    server = serveHttps(api.app.fetch, {
      port: 0,
      hostname: "127.0.0.1",
      cert: auth.pki.serving.cert,
      key: auth.pki.serving.key,
      signal: abort.signal,
    });
    const port = server.addr.port;
    const url = `https://127.0.0.1:${port}`;
    const token = auth.adminToken!;
    await writeKubeconfig(auth.paths.kubeconfig, { server: url, caPem: auth.pki.ca.cert, token });
    client = createClient(await loadKubeconfig(auth.paths.kubeconfig), options.client);
    const inProcessClient = createInProcessClient(api.app, { ...options.client, token });
    await installCrds(inProcessClient, options.crds ?? []);
    const started = api;
    const [serving, https] = [server, client];
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      kubeconfig: auth.paths.kubeconfig,
      caPem: auth.pki.ca.cert,
      token,
      client: https,
      inProcessClient,
      api,
      store,
      dataDir,
      close: () =>
        closing ??= (async () => {
          https.close();
          abort.abort();
          await serving.finished;
          await started.stop();
          await store.close();
          await Deno.remove(dataDir, { recursive: true });
        })(),
    };
  } catch (e) {
    client?.close();
    abort.abort();
    await server?.finished;
    await api?.stop();
    await store.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    throw e;
  }
}

/** Creates the CRDs and waits (up to 10 s) until discovery serves every version of each. */
async function installCrds(client: Client, crds: KubeObject[]): Promise<void> {
  const crdClient = client.resource(customResourceDefinitionsResource);
  for (const crd of crds) await crdClient.create(crd as never);
  const deadline = Date.now() + 10_000;
  for (const crd of crds) {
    const spec = crd.spec as DefinitionLike;
    for (const version of spec.versions.filter((v) => v.served !== false)) {
      const ref = resourceFromCrd(spec, version.name);
      const apiVersion = `${ref.group}/${ref.version}`;
      for (;;) {
        try {
          await client.discovery.resolve(apiVersion, ref.kind);
          break;
        } catch (e) {
          if (!isNotFound(e) || Date.now() > deadline) throw e;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }
  }
}
