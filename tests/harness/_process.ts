/**
 * Child processes for the harness: output goes to a file (never a pipe that outlives the call), and on
 * Linux the child gets a parent-death signal, so a test process that crashes does not leave it behind.
 *
 * @module
 */

/** A child process started by {@linkcode spawnLogged}. */
export interface LoggedChild {
  /** Process id (the program itself: the wrappers `exec` into it). */
  pid: number;
  /** File that receives the program's stdout and stderr. */
  logFile: string;
  /** Resolves with the exit code once the process has ended (the status is always awaited). */
  exited: Promise<number>;
  /** Whether the process has ended. */
  hasExited(): boolean;
  /** Sends a signal (ignored once the process has ended) and waits for it to end. */
  kill(signal?: Deno.Signal): Promise<void>;
}

/** Options of {@linkcode spawnLogged}. */
export interface SpawnLoggedOptions {
  /**
   * Signal the child gets when the thread that started it ends (default KILL; null for none): the whole
   * process, or the worker a parallel test module runs in. Needs setpriv (util-linux).
   */
  parentDeathSignal?: "KILL" | "TERM" | null;
  /** Keep this process alive until the child ends (default true). `false` also suits the test sanitizers. */
  ref?: boolean;
}

let setprivPath: string | null | undefined;

function findSetpriv(): string | null {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  for (const p of ["/usr/bin/setpriv", "/bin/setpriv"]) {
    try {
      if (Deno.statSync(p).isFile) {
        setprivPath = p;
        break;
      }
    } catch { /* not there */ }
  }
  return setprivPath;
}

/**
 * Starts `cmd args...` with stdin from /dev/null and stdout+stderr appended to `logFile`.
 *
 * @example
 * ```ts
 * const child = spawnLogged("/usr/bin/etcd", ["--version"], "/tmp/etcd.log");
 * await child.exited;
 * ```
 */
export function spawnLogged(
  cmd: string,
  args: string[],
  logFile: string,
  options: SpawnLoggedOptions = {},
): LoggedChild {
  const signal = options.parentDeathSignal === undefined ? "KILL" : options.parentDeathSignal;
  const setpriv = signal ? findSetpriv() : null;
  const argv = setpriv ? [setpriv, "--pdeathsig", signal!, "--", cmd, ...args] : [cmd, ...args];
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", 'exec "$@" >>"$SKIFF_LOG_FILE" 2>&1', "sh", ...argv],
    env: { SKIFF_LOG_FILE: logFile },
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  if (options.ref === false) child.unref();
  let done = false;
  const exited = child.status.then((s) => {
    done = true;
    return s.code;
  });
  return {
    pid: child.pid,
    logFile,
    exited,
    hasExited: () => done,
    async kill(signal: Deno.Signal = "SIGTERM") {
      if (!done) {
        try {
          child.kill(signal);
        } catch { /* already gone */ }
      }
      await exited;
    },
  };
}

/**
 * Whether a process with this id exists and has not exited (a zombie counts as gone).
 *
 * @example
 * ```ts
 * if (!processAlive(pid)) console.log("gone");
 * ```
 */
export function processAlive(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // "pid (comm) state ...": comm may contain spaces and parentheses, the state follows the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/**
 * Reads the last `lines` lines of a log file ("" when it cannot be read), for error messages.
 *
 * @example
 * ```ts
 * throw new Error(`etcd exited:\n${await tailFile(child.logFile)}`);
 * ```
 */
export async function tailFile(path: string, lines = 15): Promise<string> {
  try {
    const text = await Deno.readTextFile(path);
    return text.trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/**
 * Resolves after `ms` milliseconds.
 *
 * @example
 * ```ts
 * await delay(50);
 * ```
 */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let reaped = false;

/**
 * Removes (once per worker) temp dirs `skiff-harness-podman-<pid>` and `skiff-harness-etcd-<pid>-*` whose owning
 * process no longer exists: what a test process killed before its `stop()` calls leaves behind.
 *
 * @example
 * ```ts
 * await removeStaleTempDirs();
 * ```
 */
export async function removeStaleTempDirs(): Promise<void> {
  if (reaped) return;
  reaped = true;
  const tmp = Deno.env.get("TMPDIR") || "/tmp";
  try {
    for await (const e of Deno.readDir(tmp)) {
      const m = /^skiff-harness-(?:podman|etcd)-(\d+)(?:-|$)/.exec(e.name);
      if (!e.isDirectory || !m || Number(m[1]) === Deno.pid || processAlive(Number(m[1]))) continue;
      await Deno.remove(`${tmp}/${e.name}`, { recursive: true }).catch(() => {});
    }
  } catch { /* best effort */ }
}
