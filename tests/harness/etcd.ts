/**
 * A real etcd for tests: in a container (testcontainers + podman) when an engine answers, otherwise the
 * same etcd binary as a child process, so a suite never silently runs without etcd.
 *
 * @module
 */

import { EngineUnavailableError } from "./_podman.ts";
import { startEtcdContainer } from "./_etcd_container.ts";
import { etcdBinary, startEtcdProcesses, stopEtcdProcesses } from "./_etcd_process.ts";

/**
 * A running single-member etcd, from {@linkcode startEtcd}.
 *
 * @example
 * ```ts
 * const etcd: EtcdHandle = await startEtcd();
 * const client = new Etcd3({ hosts: etcd.endpoints });
 * ```
 */
export interface EtcdHandle {
  /** Client URLs, e.g. `["http://127.0.0.1:32771"]`; pass them to `new Etcd3({ hosts })`. */
  endpoints: string[];
  /** Stops etcd and removes everything it left (container or process, data dir). Idempotent. */
  stop(): Promise<void>;
  /** How etcd runs. */
  via: "testcontainers" | "process";
}

/** Environment variable recording the fallback notice already printed by this process. */
const NOTICE_VAR = "SKIFF_ETCD_HARNESS_NOTICE";

/** Set once the container path has failed in "auto" mode: later calls go straight to a process. */
let engineProblem: string | undefined;

/**
 * Options of {@linkcode startEtcd}.
 *
 * @example
 * ```ts
 * const etcd = await startEtcd({ mode: "process" });
 * ```
 */
export interface StartEtcdOptions {
  /**
   * How to run etcd: "auto" (a container, else a process), "container" (fail without an engine) or
   * "process". Default: SKIFF_ETCD_HARNESS from the environment, else "auto".
   */
  mode?: "auto" | "container" | "process";
}

function harnessMode(option?: string): "auto" | "container" | "process" {
  const mode = (option ?? Deno.env.get("SKIFF_ETCD_HARNESS") ?? "").trim().toLowerCase();
  if (mode === "" || mode === "auto") return "auto";
  if (mode === "container" || mode === "process") return mode;
  throw new Error(`etcd harness mode must be "container", "process" or "auto", not "${mode}"`);
}

async function startAsProcess(): Promise<EtcdHandle> {
  const group = await startEtcdProcesses(1);
  let stopping: Promise<void> | undefined;
  return {
    endpoints: [group.members[0].clientUrl],
    via: "process",
    stop: () => stopping ??= stopEtcdProcesses(group),
  };
}

/**
 * Starts a fresh, empty single-member etcd 3.4 and waits until it serves requests.
 *
 * By default it runs the image `localhost/skiff-etcd:3.4` (built by `tests/setup/install.sh`) through
 * testcontainers on a private podman API socket. When no engine answers (podman missing, its service
 * failing, image not built, container not starting) it prints one line saying why and runs
 * `/usr/bin/etcd` as a child process on free loopback ports instead. `SKIFF_ETCD_HARNESS=process` or
 * `=container` (or `options.mode`) forces one way (`container` fails instead of falling back).
 *
 * @example
 * ```ts
 * import { Etcd3 } from "etcd3";
 * import { startEtcd } from "@skiff/test-harness";
 *
 * const etcd = await startEtcd();
 * const client = new Etcd3({ hosts: etcd.endpoints });
 * try {
 *   await client.put("k").value("v");
 * } finally {
 *   client.close();
 *   await etcd.stop();
 * }
 * ```
 */
export async function startEtcd(options: StartEtcdOptions = {}): Promise<EtcdHandle> {
  const mode = harnessMode(options.mode);
  if (mode === "process" || (mode === "auto" && engineProblem !== undefined)) return await startAsProcess();
  try {
    const c = await startEtcdContainer();
    return { endpoints: [c.endpoint], via: "testcontainers", stop: c.stop };
  } catch (err) {
    if (mode === "container") throw err;
    const reason = err instanceof EngineUnavailableError
      ? err.message
      : `container did not start: ${String((err as Error)?.message ?? err).split("\n")[0]}`;
    engineProblem = reason;
    // Once per process: parallel test modules are workers of one process, and share its environment.
    if (Deno.env.get(NOTICE_VAR) !== reason) {
      Deno.env.set(NOTICE_VAR, reason);
      console.error(
        `etcd harness: cannot run etcd in a container (${reason}); starting ${etcdBinary()} as a child process`,
      );
    }
    return await startAsProcess();
  }
}
