/**
 * stateful_set_utils.go: a StatefulSet's pods by ordinal, their identity (name, labels, hostname,
 * subdomain) and storage (one claim per volumeClaimTemplate), the states the controller waits on, and
 * the revision helpers (the template patch a ControllerRevision stores, applying it back).
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { newControllerRef } from "@skiff/sdk";
import type { ControllerRevision } from "../api/controller_revision.ts";
import type { PersistentVolumeClaim } from "../api/persistent_volume_claim.ts";
import type { StatefulSet, StatefulSetStatus } from "../api/stateful_set.ts";
import { isPodAvailable, isPodReady } from "../controller/pods.ts";
import { newControllerRevision, type ParentKind, templateOf, templatePatch } from "../history/revision.ts";

/** The StatefulSet kind as owner references and revisions name it (controllerKind). */
export const STATEFUL_SET_KIND: ParentKind = { apiVersion: "apps/v1", kind: "StatefulSet" };
/** The label naming the revision a pod was made from (apps.StatefulSetRevisionLabel). */
export const STATEFUL_SET_REVISION_LABEL = "controller-revision-hash";
/** The label carrying a pod's own name, so a Service can select one replica (StatefulSetPodNameLabel). */
export const STATEFUL_SET_POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
/** The label carrying a pod's ordinal (apps.PodIndexLabel, on by default since 1.28). */
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

const STATEFUL_POD = /^(.*)-([0-9]+)$/;

/**
 * getParentNameAndOrdinal: `web-3` → ["web", 3]; a name without a numeric suffix → ["", -1].
 *
 * @example
 * ```ts
 * import { parentNameAndOrdinal } from "@skiff/workloads";
 *
 * parentNameAndOrdinal({ metadata: { name: "web-3" } }); // ["web", 3]
 * ```
 */
export function parentNameAndOrdinal(pod: Pod): [string, number] {
  const m = STATEFUL_POD.exec(pod.metadata?.name ?? "");
  if (!m) return ["", -1];
  const n = Number(m[2]);
  // strconv.ParseInt(s, 10, 32): anything beyond int32 is no ordinal.
  return [m[1], n <= 2 ** 31 - 1 ? n : -1];
}

/**
 * getOrdinal: the pod's ordinal, -1 when its name has none.
 *
 * @example
 * ```ts
 * import { ordinalOf } from "@skiff/workloads";
 *
 * ordinalOf({ metadata: { name: "web-0" } }); // 0
 * ```
 */
export function ordinalOf(pod: Pod): number {
  return parentNameAndOrdinal(pod)[1];
}

/**
 * getStartOrdinal: `spec.ordinals.start`, 0 by default.
 *
 * @example
 * ```ts
 * import { startOrdinal } from "@skiff/workloads";
 *
 * startOrdinal({ spec: { ordinals: { start: 5 } } } as StatefulSet); // 5
 * ```
 */
export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/**
 * getEndOrdinal: the last ordinal in range, start + replicas - 1.
 *
 * @example
 * ```ts
 * import { endOrdinal } from "@skiff/workloads";
 *
 * endOrdinal({ spec: { replicas: 3 } } as StatefulSet); // 2
 * ```
 */
export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}

/**
 * podInOrdinalRange: whether the pod's ordinal is one the set keeps.
 *
 * @example
 * ```ts
 * import { podInOrdinalRange } from "@skiff/workloads";
 *
 * podInOrdinalRange({ metadata: { name: "web-3" } }, sts); // false when sts has 3 replicas
 * ```
 */
export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const ordinal = ordinalOf(pod);
  return ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set);
}

/**
 * getPodName: `SET-ORDINAL`.
 *
 * @example
 * ```ts
 * import { statefulPodName } from "@skiff/workloads";
 *
 * statefulPodName(sts, 2); // "web-2"
 * ```
 */
export function statefulPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name}-${ordinal}`;
}

/**
 * getPersistentVolumeClaimName: `TEMPLATE-SET-ORDINAL`, e.g. `www-web-0`.
 *
 * @example
 * ```ts
 * import { claimName } from "@skiff/workloads";
 *
 * claimName(sts, { metadata: { name: "www" } }, 0); // "www-web-0"
 * ```
 */
export function claimName(set: StatefulSet, claim: PersistentVolumeClaim, ordinal: number): string {
  return `${claim.metadata?.name}-${set.metadata?.name}-${ordinal}`;
}

/**
 * isMemberOf: the pod's name says it belongs to the set.
 *
 * @example
 * ```ts
 * import { isMemberOf } from "@skiff/workloads";
 *
 * isMemberOf(sts, { metadata: { name: "web-0" } }); // true for the set "web"
 * ```
 */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentNameAndOrdinal(pod)[0] === set.metadata?.name;
}

/**
 * identityMatches: the pod has the set's name pattern, namespace and pod-name label.
 *
 * @example
 * ```ts
 * import { identityMatches } from "@skiff/workloads";
 *
 * identityMatches(sts, pod); // false once someone removed the pod-name label
 * ```
 */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const [parent, ordinal] = parentNameAndOrdinal(pod);
  return ordinal >= 0 && set.metadata?.name === parent &&
    pod.metadata?.name === statefulPodName(set, ordinal) &&
    pod.metadata?.namespace === set.metadata?.namespace &&
    pod.metadata?.labels?.[STATEFUL_SET_POD_NAME_LABEL] === pod.metadata?.name;
}

/**
 * storageMatches: every volumeClaimTemplate has a volume of its name bound to the pod's claim.
 *
 * @example
 * ```ts
 * import { storageMatches } from "@skiff/workloads";
 *
 * storageMatches(sts, pod); // true when sts has no volumeClaimTemplates
 * ```
 */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  return (set.spec?.volumeClaimTemplates ?? []).every((claim) => {
    const volume = volumes.get(claim.metadata?.name ?? "");
    return volume?.persistentVolumeClaim?.claimName === claimName(set, claim, ordinal);
  });
}

/**
 * getPersistentVolumeClaims: the claims the pod needs, by template name: each template named for the
 * pod, in the set's namespace, labelled with the template's labels and the selector's matchLabels.
 *
 * @example
 * ```ts
 * import { claimsFor } from "@skiff/workloads";
 *
 * claimsFor(sts, pod).get("www")?.metadata?.name; // "www-web-0"
 * ```
 */
export function claimsFor(set: StatefulSet, pod: Pod): Map<string, PersistentVolumeClaim> {
  const ordinal = ordinalOf(pod);
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const claim = structuredClone(template);
    claim.metadata = {
      ...claim.metadata,
      name: claimName(set, template, ordinal),
      namespace: set.metadata?.namespace,
      labels: { ...claim.metadata?.labels, ...set.spec?.selector?.matchLabels },
    };
    // A template's status (defaulting gives it phase Pending) is not part of the claim to create.
    delete claim.status;
    claims.set(template.metadata?.name ?? "", claim);
  }
  return claims;
}

/**
 * updateStorage: the pod's volumes with one PersistentVolumeClaim volume per template (replacing a pod
 * volume of the same name), then its other volumes.
 *
 * @example
 * ```ts
 * import { updateStorage } from "@skiff/workloads";
 *
 * updateStorage(sts, pod); // pod.spec.volumes[0].persistentVolumeClaim.claimName === "www-web-0"
 * ```
 */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = claimsFor(set, pod);
  if (claims.size === 0) return;
  const volumes = [...claims].map(([name, claim]) => ({
    name,
    persistentVolumeClaim: { claimName: claim.metadata!.name! },
  }));
  for (const v of pod.spec?.volumes ?? []) {
    if (!claims.has(v.name)) volumes.push(v as (typeof volumes)[number]);
  }
  pod.spec = { ...pod.spec!, volumes: volumes as NonNullable<Pod["spec"]>["volumes"] };
}

/**
 * updateIdentity: name and namespace from the set, and the pod-name and pod-index labels.
 *
 * @example
 * ```ts
 * import { updateIdentity } from "@skiff/workloads";
 *
 * updateIdentity(sts, pod); // pod.metadata.labels["statefulset.kubernetes.io/pod-name"] === "web-0"
 * ```
 */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  const meta = pod.metadata ??= {};
  meta.name = statefulPodName(set, ordinal);
  meta.namespace = set.metadata?.namespace;
  meta.labels = {
    ...meta.labels,
    [STATEFUL_SET_POD_NAME_LABEL]: meta.name,
    [POD_INDEX_LABEL]: String(ordinal),
  };
}

/**
 * newStatefulSetPod: GetPodFromTemplate (labels, annotations and finalizers of the template, the
 * `SET-` generateName, the set as controller) named for the ordinal, with its identity (hostname, and
 * the governing service as subdomain when the set names one) and its claims' volumes.
 *
 * @example
 * ```ts
 * import { newStatefulSetPod } from "@skiff/workloads";
 *
 * newStatefulSetPod(sts, 0).spec.hostname; // "web-0"
 * ```
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const template = structuredClone(set.spec?.template ?? {});
  const meta = template.metadata ?? {};
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: statefulPodName(set, ordinal),
      generateName: `${set.metadata?.name}-`,
      namespace: set.metadata?.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [newControllerRef(set, STATEFUL_SET_KIND)],
    },
    spec: template.spec ?? { containers: [] },
  } as Pod;
  updateIdentity(set, pod);
  // initIdentity: hostname and subdomain are immutable, so they are set only when the pod is made.
  pod.spec!.hostname = pod.metadata!.name;
  if (set.spec?.serviceName) pod.spec!.subdomain = set.spec.serviceName;
  updateStorage(set, pod);
  return pod;
}

/**
 * newVersionedStatefulSetPod: a pod for the ordinal from the current revision when a rolling update's
 * partition (or, without one, the current replica count) still keeps that ordinal back, else from the
 * update revision; labelled with the revision's name.
 *
 * @example
 * ```ts
 * import { newVersionedStatefulSetPod } from "@skiff/workloads";
 *
 * newVersionedStatefulSetPod(currentSet, updateSet, "web-6c5f", "web-7d9b", 0);
 * ```
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
): Pod {
  const strategy = currentSet.spec?.updateStrategy;
  const start = startOrdinal(currentSet);
  // Go's precedence: (RollingUpdate && no rollingUpdate && below currentReplicas) || (rollingUpdate && below partition).
  const keepCurrent = (strategy?.type === "RollingUpdate" && !strategy.rollingUpdate &&
    ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (!!strategy?.rollingUpdate && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  const pod = newStatefulSetPod(keepCurrent ? currentSet : updateSet, ordinal);
  pod.metadata!.labels = {
    ...pod.metadata!.labels,
    [STATEFUL_SET_REVISION_LABEL]: keepCurrent ? currentRevision : updateRevision,
  };
  return pod;
}

/**
 * getPodRevision: the pod's controller-revision-hash label, "" without one.
 *
 * @example
 * ```ts
 * import { podRevision } from "@skiff/workloads";
 *
 * podRevision(pod); // "web-6c5f8d7b9"
 * ```
 */
export function podRevision(pod: Pod): string {
  return pod.metadata?.labels?.[STATEFUL_SET_REVISION_LABEL] ?? "";
}

/** isCreated: the API server has the pod (its strategy sets phase Pending on create). */
export function isCreated(pod: Pod): boolean {
  return !!pod.status?.phase;
}

/** isPending. */
export function isPending(pod: Pod): boolean {
  return pod.status?.phase === "Pending";
}

/** isFailed. */
export function isFailed(pod: Pod): boolean {
  return pod.status?.phase === "Failed";
}

/** isSucceeded. */
export function isSucceeded(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded";
}

/** isTerminating: the pod has a deletionTimestamp. */
export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata?.deletionTimestamp;
}

/** isRunningAndReady: phase Running and the Ready condition True. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === "Running" && isPodReady(pod);
}

/** isRunningAndAvailable: ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now = Date.now()): boolean {
  return isPodAvailable(pod, minReadySeconds, now);
}

/** isHealthy: running and ready, and not terminating. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** isUnavailable: not available, or terminating. */
export function isUnavailable(pod: Pod, minReadySeconds: number, now = Date.now()): boolean {
  return !isPodAvailable(pod, minReadySeconds, now) || isTerminating(pod);
}

/** allowsBurst: podManagementPolicy Parallel. */
export function allowsBurst(set: StatefulSet): boolean {
  return set.spec?.podManagementPolicy === "Parallel";
}

/**
 * newRevision: the set's template as a ControllerRevision numbered `revision`, named with the hash of
 * its data and `collisionCount`, carrying the set's annotations (so `kubectl rollout history` finds
 * each revision's change-cause).
 *
 * @example
 * ```ts
 * import { newStatefulSetRevision } from "@skiff/workloads";
 *
 * newStatefulSetRevision(sts, 1, 0).metadata.name; // "web-<hash>"
 * ```
 */
export function newStatefulSetRevision(
  set: StatefulSet,
  revision: number,
  collisionCount: number,
): ControllerRevision {
  const cr = newControllerRevision(
    set,
    STATEFUL_SET_KIND,
    set.spec?.template?.metadata?.labels,
    templatePatch(set.spec?.template),
    revision,
    collisionCount,
  );
  cr.metadata!.annotations = { ...set.metadata?.annotations };
  return cr;
}

/**
 * ApplyRevision: the set as it was at `revision` (its template replaced by the revision's).
 *
 * @example
 * ```ts
 * import { applyRevision } from "@skiff/workloads";
 *
 * applyRevision(sts, currentRevision).spec.template; // the template pods of that revision run
 * ```
 */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const clone = structuredClone(set);
  const template = templateOf(revision);
  if (template && clone.spec) clone.spec.template = template;
  return clone;
}

/**
 * inconsistentStatus: whether `status` differs from the set's in anything the controller writes.
 *
 * @example
 * ```ts
 * import { inconsistentStatus } from "@skiff/workloads";
 *
 * inconsistentStatus(sts, { ...sts.status, replicas: 4 }); // true
 * ```
 */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const s = set.status;
  return (status.observedGeneration ?? 0) > (s?.observedGeneration ?? 0) ||
    status.replicas !== (s?.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (s?.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (s?.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (s?.updatedReplicas ?? 0) ||
    (status.currentRevision ?? "") !== (s?.currentRevision ?? "") ||
    (status.availableReplicas ?? 0) !== (s?.availableReplicas ?? 0) ||
    (status.updateRevision ?? "") !== (s?.updateRevision ?? "") ||
    // Not in Kubernetes' list, but written with the rest: a set whose status never had it gets it.
    (status.collisionCount ?? 0) !== (s?.collisionCount ?? -1) ||
    // Nor are conditions (Kubernetes sets none; Skiff's PersistentVolumeClaimsServed comes and goes).
    JSON.stringify(status.conditions ?? []) !== JSON.stringify(s?.conditions ?? []);
}

/**
 * completeRollingUpdate: once every replica is updated and ready, the update revision becomes the
 * current one.
 *
 * @example
 * ```ts
 * import { completeRollingUpdate } from "@skiff/workloads";
 *
 * completeRollingUpdate(sts, status); // status.currentRevision === status.updateRevision when done
 * ```
 */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  if (
    set.spec?.updateStrategy?.type === "RollingUpdate" &&
    (status.updatedReplicas ?? 0) === status.replicas &&
    (status.readyReplicas ?? 0) === status.replicas
  ) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}
