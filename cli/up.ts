/**
 * `skiff up`: opens the store, serves the API, and stops cleanly on SIGINT or SIGTERM. It logs one line
 * per start-up step so a user sees where a slow or failed start is.
 *
 * @module
 */
import { healthRoutes } from "@skiff/api";
import { openEmbeddedStore, openEtcdStore, type Store } from "@skiff/store";
import type { UpOptions } from "./args.ts";

/** A running Skiff. */
export interface Running {
  store: Store;
  /** The address the API server listens on. */
  url: string;
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

  const app = healthRoutes(store);
  const abort = new AbortController();
  let server: Deno.HttpServer;
  try {
    server = Deno.serve({
      port: options.port,
      hostname: "0.0.0.0",
      signal: abort.signal,
      onListen: () => {},
    }, app.fetch);
  } catch (e) {
    await store.close();
    if (e instanceof Deno.errors.AddrInUse) {
      throw new Error(`port ${options.port} is in use; stop what listens there or pass another --port`);
    }
    throw e;
  }
  const url = `http://127.0.0.1:${server.addr.port}`;
  log(`serving ${url} (/livez /readyz /healthz)`);
  let stopping: Promise<void> | undefined;
  return {
    store,
    url,
    stop: () =>
      stopping ??= (async () => {
        abort.abort();
        await server.finished;
        await store.close();
      })(),
  };
}
