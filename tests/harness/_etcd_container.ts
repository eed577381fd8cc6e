/**
 * etcd in a container through testcontainers, with podman as the engine (see _podman.ts). The image
 * `localhost/skiff-etcd:3.4` is built locally by tests/setup/install.sh; nothing is pulled.
 *
 * @module
 */

import {
  EngineUnavailableError,
  HARNESS_LABEL,
  OWNER_LABEL,
  podmanEngine,
  podmanRequest,
} from "./_podman.ts";
import { memberStatus } from "./_etcd_process.ts";
import { delay } from "./_process.ts";

/** The image the harness runs (built by tests/setup/install.sh). */
export const ETCD_IMAGE = "localhost/skiff-etcd:3.4";

/** A started etcd container. */
export interface EtcdContainer {
  endpoint: string;
  id: string;
  stop(): Promise<void>;
}

/**
 * Starts etcd in a container and returns its host endpoint once it serves requests; throws
 * {@linkcode EngineUnavailableError} when the engine or the image is missing.
 *
 * @example
 * ```ts
 * const c = await startEtcdContainer();
 * await c.stop();
 * ```
 */
export async function startEtcdContainer(): Promise<EtcdContainer> {
  const engine = await podmanEngine();
  const image = await podmanRequest(
    engine.socketPath,
    "GET",
    `/images/${encodeURIComponent(ETCD_IMAGE)}/json`,
  );
  if (image.status !== 200) {
    throw new EngineUnavailableError(`image ${ETCD_IMAGE} is not built (run bash tests/setup/install.sh)`);
  }
  // testcontainers reads these once, when it first builds its client. The environment is shared by the
  // workers of this process; they all use the same socket, so whichever sets it first is right.
  Deno.env.set("DOCKER_HOST", engine.dockerHost);
  Deno.env.set("TESTCONTAINERS_RYUK_DISABLED", "true");
  const { GenericContainer, Wait } = await import("testcontainers");

  const started = await new GenericContainer(ETCD_IMAGE)
    .withCommand([
      "--name=etcd",
      "--data-dir=/data",
      "--listen-client-urls=http://0.0.0.0:2379",
      "--advertise-client-urls=http://127.0.0.1:2379",
      "--listen-peer-urls=http://127.0.0.1:2380",
      "--initial-advertise-peer-urls=http://127.0.0.1:2380",
      "--initial-cluster=etcd=http://127.0.0.1:2380",
      // One member: nobody to wait for, so a short election timeout only makes it ready sooner.
      "--heartbeat-interval=10",
      "--election-timeout=100",
    ])
    .withExposedPorts(2379)
    .withTmpFs({ "/data": "rw" })
    .withLabels({ [HARNESS_LABEL]: "etcd", [OWNER_LABEL]: String(Deno.pid) })
    .withWaitStrategy(Wait.forLogMessage("ready to serve client requests"))
    .withStartupTimeout(30_000)
    .start();
  const id = started.getId();
  // A container nobody stops is removed by the engine's watchdog once this process has ended.
  let stopping: Promise<void> | undefined;
  const stop = () => stopping ??= started.stop({ timeout: 0, remove: true }).then(() => {});

  const endpoint = `http://127.0.0.1:${started.getMappedPort(2379)}`;
  // The log line says etcd listens inside; make sure the published port reaches it from here too.
  const deadline = Date.now() + 10_000;
  while ((await memberStatus(endpoint))?.leader === undefined) {
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`etcd container is up but ${endpoint} does not answer from the host`);
    }
    await delay(25);
  }
  return { endpoint, id, stop };
}
