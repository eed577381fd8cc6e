/**
 * Runs the real `skiff` command as a child process, as a user would, with its log going to a file.
 *
 * @module
 */
import { freePort } from "./ports.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** A `skiff up` child process. */
export interface SkiffProcess {
  url: string;
  dataDir: string;
  child: Deno.ChildProcess;
  /** The log so far. */
  log(): Promise<string>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: Deno.Signal): Promise<Deno.CommandStatus>;
}

/**
 * Starts `skiff up` with `args` on a free port and a temp data dir (unless given), and waits until
 * /readyz answers ok (or `waitReady` is false).
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
  options: { dataDir?: string; waitReady?: boolean; timeoutMs?: number } = {},
): Promise<SkiffProcess> {
  const dataDir = options.dataDir ?? await Deno.makeTempDir({ prefix: "skiff-up-" });
  const port = freePort();
  const logFile = `${dataDir}.log`;
  const log = await Deno.open(logFile, { create: true, write: true, truncate: true });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "up", "--data-dir", dataDir, "--port", String(port), ...args],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  // The pipe ends with the child, so copying it to the file cannot outlive the process.
  const copied = child.stderr.pipeTo(log.writable);
  const url = `http://127.0.0.1:${port}`;
  const handle: SkiffProcess = {
    url,
    dataDir,
    child,
    log: () => Deno.readTextFile(logFile),
    async stop(signal = "SIGTERM") {
      try {
        child.kill(signal);
      } catch { /* already exited */ }
      const status = await child.status;
      await copied.catch(() => {});
      return status;
    },
  };
  if (options.waitReady === false) return handle;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/readyz`).then(async (r) => (await r.text(), r.ok), () => false);
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
