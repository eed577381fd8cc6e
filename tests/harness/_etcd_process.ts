/**
 * etcd as child processes on loopback: one member, or several forming a cluster. Each member gets free
 * ports, a data dir and a log file in one temp dir; start is retried when a port was taken meanwhile.
 *
 * @module
 */

import {
  delay,
  freePorts,
  type LoggedChild,
  removeStaleTempDirs,
  spawnLogged,
  tailFile,
} from "./_process.ts";

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
  child: LoggedChild;
}

/** Members started together, in one temp dir. */
export interface EtcdProcessGroup {
  dir: string;
  members: EtcdMemberProcess[];
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
  const ports = freePorts(size * 2);
  const token = `skiff-${Deno.pid}-${round}-${crypto.randomUUID().slice(0, 8)}`;
  const specs = Array.from({ length: size }, (_, i) => ({
    name: `m${i}`,
    clientUrl: `http://127.0.0.1:${ports[2 * i]}`,
    peerUrl: `http://127.0.0.1:${ports[2 * i + 1]}`,
  }));
  const initialCluster = specs.map((s) => `${s.name}=${s.peerUrl}`).join(",");
  const children: LoggedChild[] = [];
  try {
    for (const s of specs) {
      const dataDir = `${dir}/${s.name}-${round}.etcd`;
      children.push(spawnLogged(etcdBinary(), [
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
      ], `${dir}/${s.name}.log`));
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
        return specs.map((s, i) => ({ ...s, memberId: statuses[i]!.header.member_id, child: children[i] }));
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
        return { dir, members: await attempt(dir, size, round) };
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
  await Promise.all(group.members.map((m) => m.child.kill("SIGKILL")));
  await Deno.remove(group.dir, { recursive: true }).catch(() => {});
}
