/**
 * The container engine for testcontainers: a podman API service on a private unix socket, one per OS
 * process (`deno test --parallel` runs test modules as workers of one process; they all share it, so
 * they all set the same DOCKER_HOST in the process-wide environment). The first worker starts it through
 * a small shell watchdog that, once this process has ended, removes the harness containers the process
 * left, stops the service and deletes its temp dir. The service never depends on one worker's lifetime.
 *
 * @module
 */

import {
  delay,
  type LoggedChild,
  processAlive,
  removeStaleTempDirs,
  spawnLogged,
  tailFile,
} from "./_process.ts";

/** Label put on every container the harness starts; the owner's pid goes in {@linkcode OWNER_LABEL}. */
export const HARNESS_LABEL = "skiff.harness";
/** Label holding the pid of the process that started the container. */
export const OWNER_LABEL = "skiff.harness.pid";

/** Thrown when no container engine answers; `message` says why, in a few words. */
export class EngineUnavailableError extends Error {
  override name = "EngineUnavailableError";
}

/** A running podman API service. */
export interface PodmanEngine {
  /** `unix:///...` address, the value for DOCKER_HOST. */
  dockerHost: string;
  /** Path of the socket. */
  socketPath: string;
  /** The podman binary. */
  podman: string;
}

let engine: Promise<PodmanEngine> | undefined;

/** The podman binary: SKIFF_PODMAN_BIN, else the first `podman` on PATH; null when there is none. */
function findPodman(): string | null {
  const override = Deno.env.get("SKIFF_PODMAN_BIN");
  if (override) return override;
  for (const dir of (Deno.env.get("PATH") || "/usr/bin:/bin").split(":")) {
    try {
      const p = `${dir || "."}/podman`;
      if (Deno.statSync(p).isFile) return p;
    } catch { /* not here */ }
  }
  return null;
}

/**
 * Sends one HTTP/1.0 request over the podman socket and returns the status and body.
 *
 * @example
 * ```ts
 * const { status } = await podmanRequest("/run/x.sock", "GET", "/_ping");
 * ```
 */
export async function podmanRequest(
  socketPath: string,
  method: string,
  path: string,
  timeoutMs = 5_000,
): Promise<{ status: number; body: string }> {
  const conn = await Deno.connect({ transport: "unix", path: socketPath });
  const timer = setTimeout(() => conn.close(), timeoutMs);
  try {
    await conn.write(new TextEncoder().encode(`${method} ${path} HTTP/1.0\r\nHost: podman\r\n\r\n`));
    const text = await new Response(conn.readable).text();
    const status = Number(/^HTTP\/1\.\d (\d{3})/.exec(text)?.[1] ?? 0);
    return { status, body: text.slice(text.indexOf("\r\n\r\n") + 4) };
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch { /* closed by the timer or the stream */ }
  }
}

/**
 * The watchdog, run by /bin/sh with: owner pid, podman binary, socket path, dir. It starts the service
 * and polls until the owner is gone (no /proc entry, or a zombie). Should the service die first, it
 * writes why to `$dir/failed` (read by every worker waiting for the socket) and keeps waiting. Then it
 * cleans up: the owner's containers, the service, its dir, and the owner's etcd temp dirs.
 */
const WATCHDOG = `
owner=$1 podman=$2 sock=$3 dir=$4
"$podman" system service --time=0 "unix://$sock" &
svc=$!
owner_alive() {
  s=$(cat "/proc/$owner/stat" 2>/dev/null) || return 1
  s=\${s##*) }
  [ "\${s%% *}" != Z ]
}
while owner_alive && kill -0 "$svc" 2>/dev/null; do sleep 0.5; done
if owner_alive; then
  wait "$svc"
  code=$?
  echo "podman system service exited with code $code: $(tail -n 3 "$dir/service.log" | tr '\\n' ' ')" >"$dir/failed.tmp"
  mv "$dir/failed.tmp" "$dir/failed"
  while owner_alive; do sleep 0.5; done
fi
ids=$("$podman" ps -aq --filter "label=${OWNER_LABEL}=$owner" 2>/dev/null)
[ -n "$ids" ] && "$podman" rm -f -t 0 $ids >/dev/null 2>&1
kill "$svc" 2>/dev/null
wait "$svc" 2>/dev/null
rm -rf "$dir" "\${dir%/*}/skiff-harness-etcd-$owner-"*
`;

async function waitForSocket(socketPath: string, dir: string, watchdog?: LoggedChild): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const { status, body } = await podmanRequest(socketPath, "GET", "/_ping", 1_000);
      if (status === 200 && body.trim() === "OK") return;
    } catch { /* not listening yet */ }
    const failed = await Deno.readTextFile(`${dir}/failed`).catch(() => null);
    if (failed !== null) throw new EngineUnavailableError(failed.trim());
    if (watchdog?.hasExited()) {
      const log = (await tailFile(`${dir}/service.log`, 3)).replaceAll("\n", " | ");
      throw new EngineUnavailableError(`podman service watchdog exited${log ? `: ${log}` : ""}`);
    }
    if (Date.now() > deadline) {
      const log = (await tailFile(`${dir}/service.log`, 3)).replaceAll("\n", " | ");
      throw new EngineUnavailableError(`podman API socket did not answer in 15 s${log ? `: ${log}` : ""}`);
    }
    await delay(25);
  }
}

async function startService(): Promise<PodmanEngine> {
  const podman = findPodman();
  if (!podman) throw new EngineUnavailableError("podman is not installed (run bash tests/setup/install.sh)");
  const dir = `${Deno.env.get("TMPDIR") || "/tmp"}/skiff-harness-podman-${Deno.pid}`;
  const socketPath = `${dir}/podman.sock`;
  try {
    await Deno.mkdir(dir, { mode: 0o700 }); // atomic: exactly one worker of this process starts the service
  } catch (err) {
    if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
    await waitForSocket(socketPath, dir); // another worker of this process started it
    return { dockerHost: `unix://${socketPath}`, socketPath, podman };
  }
  await removeStaleTempDirs();
  // In a session of its own (setsid), so a Ctrl-C or a kill of our process group leaves it to clean up.
  const setsid = ["/usr/bin/setsid", "/bin/setsid"].find((p) => {
    try {
      return Deno.statSync(p).isFile;
    } catch {
      return false;
    }
  });
  const argv = ["/bin/sh", "-c", WATCHDOG, "sh", String(Deno.pid), podman, socketPath, dir];
  const watchdog = spawnLogged(setsid ?? argv.shift()!, argv, `${dir}/service.log`, {
    ref: false,
    parentDeathSignal: null,
  });
  await waitForSocket(socketPath, dir, watchdog);
  await reapOrphans(socketPath);
  return { dockerHost: `unix://${socketPath}`, socketPath, podman };
}

/** Removes harness containers whose owning process no longer exists (left by a crashed test run). */
async function reapOrphans(socketPath: string): Promise<void> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${HARNESS_LABEL}=etcd`] }));
  const { status, body } = await podmanRequest(
    socketPath,
    "GET",
    `/containers/json?all=true&filters=${filters}`,
  );
  if (status !== 200) return;
  const list = JSON.parse(body) as { Id: string; Labels?: Record<string, string> }[];
  for (const c of list) {
    const owner = Number(c.Labels?.[OWNER_LABEL]);
    if (owner && owner !== Deno.pid && !processAlive(owner)) {
      await podmanRequest(socketPath, "DELETE", `/containers/${c.Id}?force=true&v=true`, 15_000);
    }
  }
}

/**
 * Returns the podman API service of this process, starting it on first use; throws
 * {@linkcode EngineUnavailableError} when podman is missing or its service does not answer (and keeps
 * throwing that for the rest of the process).
 *
 * @example
 * ```ts
 * const { dockerHost } = await podmanEngine();
 * Deno.env.set("DOCKER_HOST", dockerHost);
 * ```
 */
export function podmanEngine(): Promise<PodmanEngine> {
  engine ??= startService();
  return engine;
}
