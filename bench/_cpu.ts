/**
 * CPU time of processes from /proc (Linux), for benchmarks that report CPU per operation: steadier on a
 * shared 2-core box than rates are.
 *
 * @module
 */

/**
 * user+system CPU of processes (all threads), in ms (Linux, 100 Hz clock ticks); a pid gone reads 0.
 *
 * @example
 * ```ts
 * const before = await cpuMs([skiff.child.pid]);
 * ```
 */
export async function cpuMs(pids: readonly (number | string)[]): Promise<number> {
  let ms = 0;
  for (const pid of pids) {
    const stat = await Deno.readTextFile(`/proc/${pid}/stat`).catch(() => "");
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ms += (Number(fields[11]) + Number(fields[12])) * 10;
  }
  return ms;
}

/**
 * The pids of the etcd serving on `endpoint` (a child process of the test harness); empty when not found.
 *
 * @example
 * ```ts
 * const pids = await etcdPids(etcd.endpoints[0]);
 * ```
 */
export async function etcdPids(endpoint: string): Promise<number[]> {
  const port = new URL(endpoint).port;
  const out = await new Deno.Command("pgrep", { args: ["-f", `etcd.*127.0.0.1:${port}`] }).output();
  return new TextDecoder().decode(out.stdout).trim().split("\n").filter(Boolean).map(Number);
}
