/**
 * Test harness of Skiff: real dependencies for tests, started and cleaned up by the tests themselves.
 *
 * - {@linkcode startEtcd}: one fresh etcd (a container through testcontainers + podman, or a child
 *   process where no container engine answers).
 * - {@linkcode startEtcdCluster}: a multi-member etcd cluster on loopback, with per-member kill and
 *   restart (same ports, same data dir) and leader lookup, for failover tests.
 *
 * Run `bash tests/setup/install.sh` once on a machine first (etcd, podman, the local etcd image).
 *
 * @example
 * ```ts
 * import { startEtcd } from "@skiff/test-harness";
 *
 * const etcd = await startEtcd();
 * console.log(etcd.via, etcd.endpoints);
 * await etcd.stop();
 * ```
 *
 * @module
 */

export { type EtcdHandle, startEtcd, type StartEtcdOptions } from "./etcd.ts";
export { type EtcdClusterHandle, type EtcdClusterMember, startEtcdCluster } from "./etcd_cluster.ts";
export { freePort } from "./ports.ts";
export { runSkiff, type SkiffProcess, startSkiff } from "./skiff.ts";
