/**
 * etcd as child processes on loopback: one member, or several forming a cluster. Each member gets free
 * ports, a data dir and a log file in one temp dir; start is retried when a port was taken meanwhile.
 * A member can be restarted on the same ports and data dir, as after a crash.
 *
 * @module
 */

import { delay, type LoggedChild, removeStaleTempDirs, spawnLogged, tailFile } from "./_process.ts";
import { memberPorts, PORTS_FILE } from "./_ports.ts";

/**
 * The etcd binary: Debian's etcd-server `/usr/bin/etcd`, or SKIFF_ETCD_BIN.
 *
 * @example
 * ```ts
 * console.log(etcdBinary()); // "/usr/bin/etcd"
 * ```
 */
export function etcdBinary(): string {
  return Deno.env.get("SKIFF_ETCD_BIN") ?? "/usr/bin/etcd";
}

/** One running etcd member process. */
export interface EtcdMemberProcess {
  name: string;
  clientUrl: string;
  peerUrl: string;
  /** etcd's member id (decimal string, as the JSON gateway prints it). */
  memberId: string;
  /** The running process; {@linkcode restartEtcdMember} replaces it. */
  child: LoggedChild;
  /** etcd's arguments: a restart runs the same command (same ports, same data dir). */
  args: string[];
}

/** Members started together, in one temp dir. */
export interface EtcdProcessGroup {
  dir: string;
  members: EtcdMemberProcess[];
  /** Set by {@linkcode stopEtcdProcesses}: a restart under way gives up. */
  stopped: boolean;
}

/** What `/v3/maintenance/status` answers (uint64 fields come as decimal strings). */
export interface EtcdStatus {
  header: { member_id: string; raft_term?: string };
  leader?: string;
}

/**
 * Asks one member for its status over the JSON gateway; `null` when it does not answer.
 *
 * @example
 * ```ts
 * const s = await memberStatus("http://127.0.0.1:2379");
 * ```
 */
export async function memberStatus(clientUrl: string, timeoutMs = 1_000): Promise<EtcdStatus | null> {
  try {
    const res = await fetch(`${clientUrl}/v3/maintenance/status`, {
      method: "POST",
      body: "{}",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    if (!res.ok) return null;
    return JSON.parse(body) as EtcdStatus;
  } catch {
    return null;
  }
}

/** Why a start attempt failed, and whether a retry with other ports may help. */
class StartFailure extends Error {
  constructor(message: string, readonly retry: boolean) {
    super(message);
  }
}

async function attempt(dir: string, size: number, round: number): Promise<EtcdMemberProcess[]> {
  const ports = memberPorts(size * 2);
  // Listed before the members start, so no other harness etcd takes them, even while one is down.
  await Deno.writeTextFile(`${dir}/${PORTS_FILE}`, ports.join("\n") + "\n");
  const token = `skiff-${Deno.pid}-${round}-${crypto.randomUUID().slice(0, 8)}`;
  const specs = Array.from({ length: size }, (_, i) => ({
    name: `m${i}`,
    clientUrl: `http://127.0.0.1:${ports[2 * i]}`,
    peerUrl: `http://127.0.0.1:${ports[2 * i + 1]}`,
  }));
  const initialCluster = specs.map((s) => `${s.name}=${s.peerUrl}`).join(",");
  const children: LoggedChild[] = [];
  const argv: string[][] = [];
  try {
    for (const s of specs) {
      const dataDir = `${dir}/${s.name}-${round}.etcd`;
      argv.push([
        `--name=${s.name}`,
        `--data-dir=${dataDir}`,
        `--listen-client-urls=${s.clientUrl}`,
        `--advertise-client-urls=${s.clientUrl}`,
        `--listen-peer-urls=${s.peerUrl}`,
        `--initial-advertise-peer-urls=${s.peerUrl}`,
        `--initial-cluster=${initialCluster}`,
        `--initial-cluster-token=${token}`,
        "--initial-cluster-state=new",
        // One member has nobody to wait for: a short election timeout only makes it ready sooner.
        ...(size === 1 ? ["--heartbeat-interval=10", "--election-timeout=100"] : []),
      ]);
      children.push(spawnLogged(etcdBinary(), argv.at(-1)!, `${dir}/${s.name}.log`));
    }
    // Ready = every member answers and names the same leader.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const dead = children.findIndex((c) => c.hasExited());
      if (dead >= 0) {
        const log = await tailFile(children[dead].logFile);
        throw new StartFailure(
          `etcd ${specs[dead].name} exited during start:\n${log}`,
          /address already in use/.test(log),
        );
      }
      const statuses = await Promise.all(specs.map((s) => memberStatus(s.clientUrl)));
      const leaders = new Set(statuses.map((s) => s?.leader ?? "0"));
      if (statuses.every((s) => s !== null) && leaders.size === 1 && !leaders.has("0")) {
        return specs.map((s, i) => ({
          ...s,
          memberId: statuses[i]!.header.member_id,
          child: children[i],
          args: argv[i],
        }));
      }
      if (Date.now() > deadline) {
        throw new StartFailure(
          `etcd (${size} member(s)) had no leader after 30 s:\n${await tailFile(children[0].logFile)}`,
          false,
        );
      }
      await delay(50);
    }
  } catch (err) {
    await Promise.all(children.map((c) => c.kill("SIGKILL")));
    throw err;
  }
}

/**
 * Starts `size` etcd members on loopback and waits until they agree on a leader.
 *
 * @example
 * ```ts
 * const group = await startEtcdProcesses(1);
 * await stopEtcdProcesses(group);
 * ```
 */
export async function startEtcdProcesses(size: number): Promise<EtcdProcessGroup> {
  await removeStaleTempDirs();
  const dir = await Deno.makeTempDir({ prefix: `skiff-harness-etcd-${Deno.pid}-` });
  try {
    for (let round = 0;; round++) {
      try {
        return { dir, members: await attempt(dir, size, round), stopped: false };
      } catch (err) {
        if (!(err instanceof StartFailure && err.retry && round < 4)) throw err;
      }
    }
  } catch (err) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw err;
  }
}

/**
 * Kills every member (SIGKILL: the data is thrown away) and removes the temp dir.
 *
 * @example
 * ```ts
 * await stopEtcdProcesses(group);
 * ```
 */
export async function stopEtcdProcesses(group: EtcdProcessGroup): Promise<void> {
  group.stopped = true;
  await Promise.all(group.members.map((m) => m.child.kill("SIGKILL")));
  await Deno.remove(group.dir, { recursive: true }).catch(() => {});
}

/**
 * Starts member `index` again as after a crash: SIGKILL first if it still runs, then the same command
 * (same ports, same data dir, log appended to the same file). Resolves once the member answers and
 * knows a leader, i.e. has rejoined; retried for a while when a port is still held.
 *
 * @example
 * ```ts
 * await group.members[1].child.kill("SIGKILL");
 * await restartEtcdMember(group, 1);
 * ```
 */
export async function restartEtcdMember(group: EtcdProcessGroup, index: number): Promise<void> {
  const m = group.members[index];
  await m.child.kill("SIGKILL");
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (group.stopped) throw new Error("etcd cluster is stopped");
    const child = spawnLogged(etcdBinary(), m.args, m.child.logFile);
    m.child = child;
    for (;;) {
      if (group.stopped) {
        await child.kill("SIGKILL");
        throw new Error("etcd cluster is stopped");
      }
      if (child.hasExited()) {
        const log = await tailFile(child.logFile);
        if (!/address already in use/.test(log) || Date.now() > deadline) {
          throw new Error(`etcd ${m.name} exited during restart:\n${log}`);
        }
        await delay(200);
        break; // the old process's port is not free yet: start again
      }
      const status = await memberStatus(m.clientUrl);
      if (status?.leader && status.leader !== "0") return;
      if (Date.now() > deadline) {
        throw new Error(`etcd ${m.name} did not rejoin within 30 s:\n${await tailFile(child.logFile)}`);
      }
      await delay(50);
    }
  }
}
