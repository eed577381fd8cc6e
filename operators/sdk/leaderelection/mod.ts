/**
 * Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection runs it (15 s lease,
 * 10 s renew deadline, 2 s retry period by default). It reads and writes the Lease through a small
 * {@link LeaseApi}, which a namespaced Lease `ResourceClient` satisfies.
 *
 * @example
 * ```ts
 * import { LeaderElector, LeaseLock } from "@skiff/sdk";
 *
 * const leases = client.resource(leasesResource).namespace("kube-system");
 * const elector = new LeaderElector({
 *   lock: new LeaseLock(leases, { name: "my-operator", namespace: "kube-system", identity: crypto.randomUUID() }),
 *   releaseOnCancel: true,
 *   callbacks: {
 *     onStartedLeading: (signal) => manager.start(signal),
 *     onStoppedLeading: () => console.log("no longer leading"),
 *   },
 * });
 * await elector.run(AbortSignal.timeout(60_000));
 * ```
 *
 * @module
 */
export {
  LEADER_ELECTION_DEFAULTS,
  type LeaderCallbacks,
  type LeaderElectionConfig,
  LeaderElector,
  type LeaderMetrics,
  type ResourceLock,
} from "./leader_elector.ts";
export {
  formatMicroTime,
  type LeaderElectionRecord,
  type LeaderEventRecorder,
  type Lease,
  type LeaseApi,
  LeaseLock,
  type LeaseLockOptions,
  leaseSpecToRecord,
  recordToLeaseSpec,
} from "./lease_lock.ts";
