/**
 * Kubernetes' defaulting of the apps/v1 kinds (SetDefaults_Deployment, SetDefaults_ReplicaSet,
 * SetDefaults_StatefulSet and SetDefaults_DaemonSet in kubernetes/pkg/apis/apps/v1/defaults.go), with the
 * pod template defaulted as a pod spec. Each `default*` returns a defaulted copy; each `fill*Defaults`
 * changes the object it is given, for a caller that owns it (an admission step).
 *
 * @module
 */
import type { DaemonSet } from "../api/daemon_set.ts";
import type { Deployment } from "../api/deployment.ts";
import type { ReplicaSet } from "../api/replica_set.ts";
import type { StatefulSet } from "../api/stateful_set.ts";
import { fillClaimTemplateDefaults, fillTemplateDefaults } from "./_template.ts";

/**
 * A copy of `deployment` with Kubernetes' defaults: replicas 1, a RollingUpdate strategy with
 * maxUnavailable and maxSurge 25%, revisionHistoryLimit 10, progressDeadlineSeconds 600.
 *
 * @example
 * ```ts
 * import { defaultDeployment } from "@skiff/workloads";
 *
 * const d = defaultDeployment({ spec: { selector: {}, template: {} } });
 * d.spec?.strategy; // { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } }
 * ```
 */
export function defaultDeployment(deployment: Deployment): Deployment {
  const copy = structuredClone(deployment);
  fillDeploymentDefaults(copy);
  return copy;
}

/**
 * Fills a Deployment's defaults in place (see {@link defaultDeployment}).
 *
 * @example
 * ```ts
 * import { type Deployment, fillDeploymentDefaults } from "@skiff/workloads";
 *
 * const d: Deployment = { spec: { selector: {}, template: {} } };
 * fillDeploymentDefaults(d);
 * d.spec?.replicas; // 1
 * ```
 */
export function fillDeploymentDefaults(deployment: Deployment): void {
  const spec = deployment.spec ??= {} as NonNullable<Deployment["spec"]>;
  spec.replicas ??= 1;
  const strategy = spec.strategy ??= {};
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rollingUpdate = strategy.rollingUpdate ??= {};
    rollingUpdate.maxUnavailable ??= "25%";
    rollingUpdate.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  fillTemplateDefaults(spec.template);
}

/**
 * A copy of `replicaSet` with Kubernetes' defaults: replicas 1.
 *
 * @example
 * ```ts
 * import { defaultReplicaSet } from "@skiff/workloads";
 *
 * defaultReplicaSet({ spec: { selector: {}, template: {} } }).spec?.replicas; // 1
 * ```
 */
export function defaultReplicaSet(replicaSet: ReplicaSet): ReplicaSet {
  const copy = structuredClone(replicaSet);
  fillReplicaSetDefaults(copy);
  return copy;
}

/**
 * Fills a ReplicaSet's defaults in place (see {@link defaultReplicaSet}).
 *
 * @example
 * ```ts
 * import { fillReplicaSetDefaults, type ReplicaSet } from "@skiff/workloads";
 *
 * const rs: ReplicaSet = { spec: { selector: {} } };
 * fillReplicaSetDefaults(rs);
 * ```
 */
export function fillReplicaSetDefaults(replicaSet: ReplicaSet): void {
  const spec = replicaSet.spec ??= {} as NonNullable<ReplicaSet["spec"]>;
  spec.replicas ??= 1;
  fillTemplateDefaults(spec.template);
}

/**
 * A copy of `statefulSet` with Kubernetes' defaults: podManagementPolicy OrderedReady, a RollingUpdate
 * update strategy with partition 0, the Retain/Retain PVC retention policy (StatefulSetAutoDeletePVC
 * is on by default since 1.32), replicas 1, revisionHistoryLimit 10, and claim templates defaulted.
 *
 * @example
 * ```ts
 * import { defaultStatefulSet } from "@skiff/workloads";
 *
 * const s = defaultStatefulSet({ spec: { serviceName: "db", selector: {}, template: {} } });
 * s.spec?.updateStrategy; // { type: "RollingUpdate", rollingUpdate: { partition: 0 } }
 * ```
 */
export function defaultStatefulSet(statefulSet: StatefulSet): StatefulSet {
  const copy = structuredClone(statefulSet);
  fillStatefulSetDefaults(copy);
  return copy;
}

/**
 * Fills a StatefulSet's defaults in place (see {@link defaultStatefulSet}).
 *
 * @example
 * ```ts
 * import { fillStatefulSetDefaults, type StatefulSet } from "@skiff/workloads";
 *
 * const s: StatefulSet = { spec: { serviceName: "db", selector: {}, template: {} } };
 * fillStatefulSetDefaults(s);
 * s.spec?.podManagementPolicy; // "OrderedReady"
 * ```
 */
export function fillStatefulSetDefaults(statefulSet: StatefulSet): void {
  const spec = statefulSet.spec ??= {} as NonNullable<StatefulSet["spec"]>;
  spec.podManagementPolicy ||= "OrderedReady";
  const strategy = spec.updateStrategy ??= {};
  if (!strategy.type) {
    strategy.type = "RollingUpdate";
    strategy.rollingUpdate ??= {};
  }
  // Only a rollingUpdate the user (or the line above) gave gets a partition: an explicit
  // `type: RollingUpdate` without one stays without one, as in Kubernetes.
  if (strategy.type === "RollingUpdate" && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = spec.persistentVolumeClaimRetentionPolicy ??= {};
  retention.whenDeleted ||= "Retain";
  retention.whenScaled ||= "Retain";
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  fillTemplateDefaults(spec.template);
  for (const claim of spec.volumeClaimTemplates ?? []) fillClaimTemplateDefaults(claim);
}

/**
 * A copy of `daemonSet` with Kubernetes' defaults: a RollingUpdate update strategy with maxUnavailable 1
 * and maxSurge 0, revisionHistoryLimit 10.
 *
 * @example
 * ```ts
 * import { defaultDaemonSet } from "@skiff/workloads";
 *
 * const ds = defaultDaemonSet({ spec: { selector: {}, template: {} } });
 * ds.spec?.updateStrategy; // { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }
 * ```
 */
export function defaultDaemonSet(daemonSet: DaemonSet): DaemonSet {
  const copy = structuredClone(daemonSet);
  fillDaemonSetDefaults(copy);
  return copy;
}

/**
 * Fills a DaemonSet's defaults in place (see {@link defaultDaemonSet}).
 *
 * @example
 * ```ts
 * import { type DaemonSet, fillDaemonSetDefaults } from "@skiff/workloads";
 *
 * const ds: DaemonSet = { spec: { selector: {}, template: {} } };
 * fillDaemonSetDefaults(ds);
 * ds.spec?.revisionHistoryLimit; // 10
 * ```
 */
export function fillDaemonSetDefaults(daemonSet: DaemonSet): void {
  const spec = daemonSet.spec ??= {} as NonNullable<DaemonSet["spec"]>;
  const strategy = spec.updateStrategy ??= {};
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rollingUpdate = strategy.rollingUpdate ??= {};
    rollingUpdate.maxUnavailable ??= 1;
    rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  fillTemplateDefaults(spec.template);
}
