/**
 * Runs the real `skiff` command as a child process, as a user would, with its log going to a file.
 *
 * @module
 */
import { NoDelayKeeper } from "@skiff/net";
import { freePort } from "./ports.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** A `skiff up` child process. */
export interface SkiffProcess {
  /** https://127.0.0.1:PORT */
  url: string;
  dataDir: string;
  /** DATA_DIR/kubeconfig, the admin's. */
  kubeconfig: string;
  child: Deno.ChildProcess;
  /**
   * fetch against the server, trusting its CA and (unless the request sets its own Authorization)
   * sending the admin token.
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The log so far. */
  log(): Promise<string>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: Deno.Signal): Promise<Deno.CommandStatus>;
}

/**
 * Starts `skiff up` with `args` on a free port and a temp data dir (unless given), and waits until
 * /readyz answers ok (or `waitReady` is false). `skiff up` is ready only once its start-up is over
 * (poststarthook/skiff-startup), so the admin kubeconfig then names this server.
 *
 * @example
 * ```ts
 * const skiff = await startSkiff(["--no-node-agent"]);
 * await fetch(`${skiff.url}/readyz`);
 * await skiff.stop();
 * ```
 */
export async function startSkiff(
  args: string[] = [],
  options: {
    dataDir?: string;
    waitReady?: boolean;
    timeoutMs?: number;
    /** Flags for `deno run` itself (before the script), e.g. `--inspect=127.0.0.1:9229` to profile. */
    denoArgs?: string[];
  } = {},
): Promise<SkiffProcess> {
  const dataDir = options.dataDir ?? await Deno.makeTempDir({ prefix: "skiff-up-" });
  const port = freePort();
  const logFile = `${dataDir}.log`;
  const log = await Deno.open(logFile, { create: true, write: true, truncate: true });
  const run = ["run", "-A", ...(options.denoArgs ?? [])];
  const child = new Deno.Command(Deno.execPath(), {
    args: [...run, MAIN, "up", "--data-dir", dataDir, "--port", String(port), ...args],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  // The pipe ends with the child, so copying it to the file cannot outlive the process.
  const copied = child.stderr.pipeTo(log.writable);
  const url = `https://127.0.0.1:${port}`;
  let client: Deno.HttpClient | undefined;
  let token = "";
  // As clients that set TCP_NODELAY (client-go does) talk to it, not with Deno fetch's ~40 ms stalls.
  const noDelay = new NoDelayKeeper(port);
  const handle: SkiffProcess = {
    url,
    dataDir,
    kubeconfig: `${dataDir}/kubeconfig`,
    child,
    async fetch(path, init = {}) {
      if (!client) {
        // Both files appear during start-up; read both before keeping either.
        const ca = await Deno.readTextFile(`${dataDir}/pki/ca.crt`);
        token = (await Deno.readTextFile(`${dataDir}/tokens.csv`)).split(",")[0];
        client = Deno.createHttpClient({ caCerts: [ca] });
      }
      const headers = new Headers(init.headers);
      if (!headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
      const res = await fetch(url + path, { ...init, headers, client });
      noDelay.touch();
      return res;
    },
    log: () => Deno.readTextFile(logFile),
    async stop(signal = "SIGTERM") {
      try {
        child.kill(signal);
      } catch { /* already exited */ }
      const status = await child.status;
      await copied.catch(() => {});
      client?.close();
      return status;
    },
  };
  if (options.waitReady === false) return handle;
  // Generous: the suite runs many Skiffs in parallel on two cores; a quiet box starts one in ~2 s.
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  while (Date.now() < deadline) {
    const ok = await handle.fetch("/readyz").then(async (r) => (await r.text(), r.ok), () => false);
    if (ok) return handle;
    await new Promise((r) => setTimeout(r, 50));
  }
  await handle.stop("SIGKILL");
  throw new Error(`skiff up did not get ready; its log:\n${await handle.log()}`);
}

/** Runs `skiff ARGS` to completion and returns its exit code and output. */
export async function runSkiff(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", MAIN, ...args] }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
