/**
 * Ports for etcd members that a member killed and restarted later can bind again:
 *
 * - below the kernel's ephemeral range, where outgoing connections take their local ports from (one of
 *   them could otherwise take a killed member's port before the member restarts);
 * - away from the ports of every harness etcd of a live process, whose members may be down for a
 *   restart right now: each group lists its ports in the file {@linkcode PORTS_FILE} of its temp dir.
 *
 * @module
 */

import { processAlive } from "./_process.ts";

/** Name of the file in a group's temp dir that lists its ports, one per line. */
export const PORTS_FILE = "ports";

/** Lowest port handed out: the ones below belong to well-known and registered services. */
const LOWEST = 10_000;

/**
 * The first port of the kernel's ephemeral range (`/proc/sys/net/ipv4/ip_local_port_range`), 32768
 * when it cannot be read or leaves too little room below it.
 *
 * @example
 * ```ts
 * console.log(ephemeralStart()); // 32768
 * ```
 */
export function ephemeralStart(): number {
  try {
    const text = Deno.readTextFileSync("/proc/sys/net/ipv4/ip_local_port_range");
    const low = Number(text.trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low >= LOWEST + 1_000) return low;
  } catch { /* not Linux, or no /proc */ }
  return 32_768;
}

/**
 * Ports listed by the harness etcd groups (`skiff-harness-etcd-<pid>-*` temp dirs) of live processes,
 * this one included.
 *
 * @example
 * ```ts
 * if (portsOfLiveGroups().has(2379)) console.log("a harness etcd owns 2379");
 * ```
 */
export function portsOfLiveGroups(): Set<number> {
  const tmp = Deno.env.get("TMPDIR") || "/tmp";
  const ports = new Set<number>();
  try {
    for (const e of Deno.readDirSync(tmp)) {
      const m = /^skiff-harness-etcd-(\d+)-/.exec(e.name);
      if (!e.isDirectory || !m || !processAlive(Number(m[1]))) continue;
      try {
        const text = Deno.readTextFileSync(`${tmp}/${e.name}/${PORTS_FILE}`);
        for (const p of text.split("\n")) if (p.trim()) ports.add(Number(p));
      } catch { /* not written yet, or removed meanwhile */ }
    }
  } catch { /* no temp dir to read: nothing is reserved */ }
  return ports;
}

/**
 * `count` distinct ports in `[low, high)` that are not in `taken` and that nobody listens on now,
 * scanning from a random start (so concurrent callers rarely meet). Throws when fewer are free.
 *
 * @example
 * ```ts
 * const [client, peer] = pickPorts(2, new Set([20001]), 20000, 20100);
 * ```
 */
export function pickPorts(count: number, taken: ReadonlySet<number>, low: number, high: number): number[] {
  const size = high - low;
  const start = Math.floor(Math.random() * size);
  const ports: number[] = [];
  for (let k = 0; k < size && ports.length < count; k++) {
    const port = low + (start + k) % size;
    if (taken.has(port)) continue;
    try {
      Deno.listen({ hostname: "127.0.0.1", port }).close();
    } catch {
      continue; // someone listens there
    }
    ports.push(port);
  }
  if (ports.length < count) {
    throw new Error(`only ${ports.length} of ${count} ports free in ${low}-${high - 1}`);
  }
  return ports;
}

/**
 * `count` ports for etcd members: free now, below the ephemeral range and not owned by another harness
 * etcd. Write them to the group's {@linkcode PORTS_FILE} before starting the members.
 *
 * @example
 * ```ts
 * const ports = memberPorts(2);
 * Deno.writeTextFileSync(`${dir}/${PORTS_FILE}`, ports.join("\n"));
 * ```
 */
export function memberPorts(count: number): number[] {
  return pickPorts(count, portsOfLiveGroups(), LOWEST, ephemeralStart());
}
