/**
 * A multi-member etcd cluster for failover tests: child processes of `/usr/bin/etcd` on loopback.
 *
 * @module
 */

import { delay } from "./_process.ts";
import { memberStatus, restartEtcdMember, startEtcdProcesses, stopEtcdProcesses } from "./_etcd_process.ts";

/**
 * One member of a cluster started by {@linkcode startEtcdCluster}.
 *
 * @example
 * ```ts
 * const [first] = cluster.members;
 * await first.kill();
 * await first.restart();
 * ```
 */
export interface EtcdClusterMember {
  /** Member name (`m0`, `m1`, ...). */
  name: string;
  /** This member's client URL. */
  clientUrl: string;
  /**
   * Hard stop (SIGKILL), as a crash would; resolves once the process is gone. The data dir stays, for
   * {@linkcode EtcdClusterMember.restart}. Idempotent.
   */
  kill(): Promise<void>;
  /**
   * Starts the member again on the same ports and data dir, as after a crash (killing it first if it
   * still runs), and resolves once it has rejoined the cluster (it answers and knows the leader).
   */
  restart(): Promise<void>;
}

/**
 * A running etcd cluster, from {@linkcode startEtcdCluster}.
 *
 * @example
 * ```ts
 * const cluster: EtcdClusterHandle = await startEtcdCluster(3);
 * const client = new Etcd3({ hosts: cluster.endpoints });
 * ```
 */
export interface EtcdClusterHandle {
  /** Every member's client URL (killed ones included: clients are expected to fail over). */
  endpoints: string[];
  members: EtcdClusterMember[];
  /** Index in `members` of the current leader, waiting (up to 30 s) while an election is under way. */
  leader(): Promise<number>;
  /** Kills every member and removes the data dirs. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a `size`-member etcd cluster on loopback (free ports, temp data dirs, logs in files) and waits
 * until all members agree on a leader.
 *
 * @example
 * ```ts
 * import { startEtcdCluster } from "@skiff/test-harness";
 *
 * const cluster = await startEtcdCluster(3);
 * try {
 *   await cluster.members[await cluster.leader()].kill();
 *   console.log("new leader:", await cluster.leader());
 * } finally {
 *   await cluster.stop();
 * }
 * ```
 */
export async function startEtcdCluster(size = 3): Promise<EtcdClusterHandle> {
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`cluster size must be a positive integer: ${size}`);
  }
  const group = await startEtcdProcesses(size);
  const procs = group.members;
  let stopping: Promise<void> | undefined;

  async function leader(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const live = procs.map((m, i) => ({ m, i })).filter(({ m }) => !m.child.hasExited());
      const statuses = await Promise.all(live.map(({ m }) => memberStatus(m.clientUrl)));
      // The leader is the live member that reports itself as leader.
      for (const [k, s] of statuses.entries()) {
        if (s && s.leader && s.leader !== "0" && s.leader === s.header.member_id) return live[k].i;
      }
      if (stopping) throw new Error("etcd cluster is stopped");
      if (Date.now() > deadline) throw new Error(`etcd cluster had no leader for ${timeoutMs} ms`);
      await delay(50);
    }
  }

  return {
    endpoints: procs.map((m) => m.clientUrl),
    members: procs.map((m, i) => ({
      name: m.name,
      clientUrl: m.clientUrl,
      kill: () => m.child.kill("SIGKILL"),
      restart: () => restartEtcdMember(group, i),
    })),
    leader: () => leader(),
    stop: () => stopping ??= stopEtcdProcesses(group),
  };
}
