/**
 * `skiff up`: opens the store, serves the API, and stops cleanly on SIGINT or SIGTERM. It logs one line
 * per start-up step so a user sees where a slow or failed start is.
 *
 * @module
 */
import { createApiServer, noDelayOnPort } from "@skiff/api";
import { authenticate, ensureAuth, writeKubeconfig } from "@skiff/auth";
import { SYSTEM_NAMESPACES } from "@skiff/api";
import { openEmbeddedStore, openEtcdStore, type Store } from "@skiff/store";
import type { UpOptions } from "./args.ts";

/** A start-up failure whose message already says what to do. */
export class StartupError extends Error {
  override name = "StartupError";
}

/** A running Skiff. */
export interface Running {
  store: Store;
  /** The address the API server listens on (HTTPS, on 127.0.0.1). */
  url: string;
  /** The CA that signed the serving certificate (PEM). */
  caPem: string;
  /** DATA_DIR/kubeconfig, the admin's kubeconfig. */
  kubeconfig: string;
  /** Stops serving and closes the store; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts Skiff with parsed `options`; `log` receives one line per step.
 *
 * @example
 * ```ts
 * const skiff = await up(parseUpArgs(["--port", "0", "--data-dir", "/tmp/s"]), console.log);
 * await skiff.stop();
 * ```
 */
export async function up(options: UpOptions, log: (line: string) => void): Promise<Running> {
  let store: Store;
  if (options.etcd.length) {
    log(`connecting to etcd at ${options.etcd.join(", ")}`);
    store = await openEtcdStore({ endpoints: options.etcd });
  } else {
    const path = `${options.dataDir}/store.sqlite`;
    log(`opening the embedded store at ${path}`);
    store = await openEmbeddedStore({ path });
  }
  log(`store ready: ${store.backend}, revision ${await store.revision()}`);
  log(`operators: ${options.operators.length ? options.operators.join(", ") : "none"}`);
  if (!options.nodeAgent) log("node agent: off (--no-node-agent)");

  let api: ReturnType<typeof createApiServer> | undefined;
  try {
    const auth = await ensureAuth(options.dataDir);
    log(`certificates: ${auth.pki.paths.caCert}${auth.pki.generated.ca ? " (new CA)" : ""}`);
    api = createApiServer({ store, authenticate: authenticate(auth.authenticator), log: (l) => log(l) });
    await api.start();
    log(`api: ${api.registry.all().length} resources served; namespaces ${SYSTEM_NAMESPACES.join(", ")}`);

    const abort = new AbortController();
    let server: Deno.HttpServer;
    try {
      server = Deno.serve({
        port: options.port,
        hostname: "0.0.0.0",
        cert: auth.pki.serving.cert,
        key: auth.pki.serving.key,
        signal: abort.signal,
        onListen: () => {},
      }, api.app.fetch);
      // Deno.serve leaves Nagle's algorithm on for TLS (see core/api/tcp_no_delay.ts); the later passes
      // catch a connection the kernel completed before the listener had the option.
      const port = (server.addr as Deno.NetAddr).port;
      noDelayOnPort(port);
      for (const ms of [100, 1000]) Deno.unrefTimer(setTimeout(() => noDelayOnPort(port), ms));
    } catch (e) {
      if (e instanceof Deno.errors.AddrInUse) {
        throw new StartupError(
          `port ${options.port} is in use; stop what listens there or pass another --port`,
        );
      }
      throw e;
    }
    const url = `https://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
    if (auth.adminToken) {
      await writeKubeconfig(auth.paths.kubeconfig, {
        server: url,
        caPem: auth.pki.ca.cert,
        token: auth.adminToken,
      });
    }
    log(`serving ${url}; admin kubeconfig: ${auth.paths.kubeconfig}`);
    let stopping: Promise<void> | undefined;
    const started = api;
    return {
      store,
      url,
      caPem: auth.pki.ca.cert,
      kubeconfig: auth.paths.kubeconfig,
      stop: () =>
        stopping ??= (async () => {
          abort.abort();
          await server.finished;
          await started.stop();
          await store.close();
        })(),
    };
  } catch (e) {
    await api?.stop();
    await store.close();
    throw e;
  }
}
