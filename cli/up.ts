/**
 * `skiff up`: opens the store, serves the API, and stops cleanly on SIGINT or SIGTERM. It logs one line
 * per start-up step so a user sees where a slow or failed start is.
 *
 * @module
 */
import { ApiError, createApiServer, serveHttps } from "@skiff/api";
import {
  audit,
  authenticate,
  cachedServiceAccountCheck,
  type ClientCertServer,
  createTokenAuthenticator,
  ensureAuth,
  generateToken,
  openAuditLog,
  RbacAuthorizer,
  serveWithClientCerts,
  SYSTEM_MASTERS,
  unionAuthenticator,
  writeKubeconfig,
} from "@skiff/auth";
import { createInProcessClient } from "@skiff/sdk";
import { every } from "hono/combine";
import { SYSTEM_NAMESPACES } from "@skiff/api";
import { openEmbeddedStore, openEtcdStore, type Store } from "@skiff/store";
import type { UpOptions } from "./args.ts";
import { type InProcess, startInProcess } from "./in_process.ts";

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
  /** The listener that accepts client certificates, with --client-cert-port. */
  clientCertUrl?: string;
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
  if (!options.nodeAgent) log("node agent: off (--no-node-agent)");

  let api: ReturnType<typeof createApiServer> | undefined;
  let auditLog: Awaited<ReturnType<typeof openAuditLog>> | undefined;
  let certServer: ClientCertServer | undefined;
  let inProcess: InProcess | undefined;
  let abortServer: AbortController | undefined;
  let startupDone = false;
  try {
    const auth = await ensureAuth(options.dataDir, {
      // Tokens of deleted or re-created ServiceAccounts stop working (within seconds; see the cache).
      isServiceAccountCurrent: cachedServiceAccountCheck(async (namespace, name) => {
        const res = api!.registry.lookup("", "v1", "serviceaccounts")!;
        const sa = await api!.objects.get(res, namespace, name).catch((e) => {
          if (e instanceof ApiError && e.code === 404) return undefined;
          throw e;
        });
        return sa?.metadata.uid as string | undefined;
      }),
    });
    log(`certificates: ${auth.pki.paths.caCert}${auth.pki.generated.ca ? " (new CA)" : ""}`);
    auditLog = await openAuditLog(`${options.dataDir}/audit.log`);
    // The controllers running in this process call the API as system:apiserver with a token that lives
    // as long as the process (kube-apiserver's loopback client does the same).
    const loopbackToken = generateToken();
    const loopback = await createTokenAuthenticator([
      {
        token: loopbackToken,
        username: "system:apiserver",
        uid: crypto.randomUUID(),
        groups: [SYSTEM_MASTERS],
      },
    ]);
    api = createApiServer({
      store,
      // Audit first, so it records the 401s authentication answers.
      authenticate: every(audit(auditLog), authenticate(unionAuthenticator(loopback, auth.authenticator))),
      tokenIssuer: auth.serviceAccountTokens,
      rbac: new RbacAuthorizer(),
      log: (l) => log(l),
      // The port is known (and the kubeconfig can name it) only once serving: until start-up is over,
      // /readyz says so, so that what waits for it finds the kubeconfig and the modules' kinds.
      readyChecks: [{ name: "poststarthook/skiff-startup", check: () => Promise.resolve(startupDone) }],
    });
    await api.start();
    log(`api: ${api.registry.all().length} resources served; namespaces ${SYSTEM_NAMESPACES.join(", ")}`);

    const abort = abortServer = new AbortController();
    let server: Deno.HttpServer<Deno.NetAddr>;
    try {
      server = serveHttps(api.app.fetch, {
        port: options.port,
        hostname: "0.0.0.0",
        cert: auth.pki.serving.cert,
        key: auth.pki.serving.key,
        signal: abort.signal,
      });
    } catch (e) {
      if (e instanceof Deno.errors.AddrInUse) {
        throw new StartupError(
          `port ${options.port} is in use; stop what listens there or pass another --port`,
        );
      }
      throw e;
    }
    const url = `https://127.0.0.1:${server.addr.port}`;
    if (options.clientCertPort) {
      const { cert, key } = auth.pki.serving;
      certServer = await serveWithClientCerts(api.app.fetch, auth.clientCertificates, {
        port: options.clientCertPort,
        cert,
        key,
        ca: auth.pki.ca.cert,
      }).catch((e) => {
        if ((e as { code?: string }).code !== "EADDRINUSE") throw e;
        throw new StartupError(
          `port ${options.clientCertPort} is in use; stop what listens there or pass another --client-cert-port`,
        );
      });
      log(`client certificates accepted on https://127.0.0.1:${certServer.addr.port}`);
    }
    if (auth.adminToken) {
      await writeKubeconfig(auth.paths.kubeconfig, {
        server: url,
        caPem: auth.pki.ca.cert,
        token: auth.adminToken,
      });
    }
    log(`serving ${url}; admin kubeconfig: ${auth.paths.kubeconfig}`);
    const app = api.app;
    const clientFor = (component: string) =>
      createInProcessClient(app, {
        token: loopbackToken,
        userAgent: `${component}/v1.32.0-skiff`,
        server: url,
      });
    inProcess = await startInProcess(api, clientFor, {
      operators: options.operators,
      simulatedNodes: options.simulatedNodes,
    }, log);
    const controllers = inProcess;
    startupDone = true;
    let stopping: Promise<void> | undefined;
    const started = api;
    return {
      store,
      url,
      caPem: auth.pki.ca.cert,
      kubeconfig: auth.paths.kubeconfig,
      clientCertUrl: certServer && `https://127.0.0.1:${certServer.addr.port}`,
      stop: () =>
        stopping ??= (async () => {
          await controllers.stop();
          abort.abort();
          await certServer?.shutdown();
          await server.finished;
          await started.stop();
          await auditLog?.close();
          await store.close();
        })(),
    };
  } catch (e) {
    await inProcess?.stop();
    abortServer?.abort();
    await certServer?.shutdown();
    await api?.stop();
    await auditLog?.close();
    await store.close();
    throw e;
  }
}
