/**
 * What pkg/controller/daemon/util (daemonset_util.go) gives the DaemonSet controller: the labels and
 * annotation it reads and writes, the tolerations every daemon pod gets, the template a new pod starts
 * from (with its controller-revision-hash and pod-template-generation labels), the required node affinity
 * that pins a pod to its node, reading a pod's target node back, and the surge and unavailability budgets.
 *
 * @module
 */
import type { Affinity, Pod, PodSpec, Toleration } from "@skiff/kinds";
import type { DaemonSet } from "../api/daemon_set.ts";
import type { PodTemplateSpec } from "../api/pod_template.ts";
import { scaledValue } from "../rollout/fenceposts.ts";

/** apps.ControllerRevisionHashLabelKey (DefaultDaemonSetUniqueLabelKey): the revision a pod was made from. */
export const DAEMON_SET_HASH_LABEL = "controller-revision-hash";
/** extensions.DaemonSetTemplateGenerationKey: the template generation a pod was made from. */
export const POD_TEMPLATE_GENERATION_LABEL = "pod-template-generation";
/** apps.DeprecatedTemplateGeneration: the DaemonSet's template generation, kept by the API server. */
export const TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

/**
 * GetTemplateGeneration: the generation in the deprecated annotation; undefined when it is absent or
 * does not parse (the controller then goes by the hash alone).
 *
 * @example
 * ```ts
 * import { templateGeneration } from "@skiff/workloads";
 *
 * templateGeneration({ metadata: { annotations: { "deprecated.daemonset.template.generation": "2" } } }); // 2
 * ```
 */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const value = ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return undefined;
  return Number(value);
}

/** The tolerations AddOrUpdateDaemonPodTolerations gives every daemon pod (network-unavailable only with hostNetwork). */
const DAEMON_TOLERATIONS: Toleration[] = [
  // Node problems must not evict daemon pods: they tolerate not-ready and unreachable forever.
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  // TaintNodesByCondition: daemons run under pressure and on cordoned nodes.
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];
const NETWORK_UNAVAILABLE: Toleration = {
  key: "node.kubernetes.io/network-unavailable",
  operator: "Exists",
  effect: "NoSchedule",
};

/**
 * AddOrUpdateDaemonPodTolerations: adds the daemon tolerations to a pod spec in place; one that is
 * already there (same key, operator, value and effect) is replaced rather than repeated.
 *
 * @example
 * ```ts
 * import { addDaemonPodTolerations } from "@skiff/workloads";
 *
 * const spec = { containers: [] };
 * addDaemonPodTolerations(spec);
 * spec.tolerations.length; // 6
 * ```
 */
export function addDaemonPodTolerations(spec: PodSpec): void {
  const wanted = spec.hostNetwork ? [...DAEMON_TOLERATIONS, NETWORK_UNAVAILABLE] : DAEMON_TOLERATIONS;
  const tolerations = spec.tolerations ?? [];
  for (const t of wanted) {
    // v1helper.AddOrUpdateTolerationInPodSpec matches on MatchToleration: key, operator, value, effect.
    const i = tolerations.findIndex((o) =>
      (o.key ?? "") === t.key && (o.operator ?? "") === t.operator && (o.value ?? "") === "" &&
      (o.effect ?? "") === t.effect
    );
    if (i >= 0) tolerations[i] = { ...t };
    else tolerations.push({ ...t });
  }
  spec.tolerations = tolerations;
}

/**
 * CreatePodTemplate: a copy of the template with the daemon tolerations, the pod-template-generation
 * label (when the DaemonSet has a generation) and the controller-revision-hash label (when there is a hash).
 *
 * @example
 * ```ts
 * import { createDaemonPodTemplate } from "@skiff/workloads";
 *
 * createDaemonPodTemplate(ds.spec.template, 1, "6d8f7c9b5").metadata.labels; // { app: "agent", "pod-template-generation": "1", "controller-revision-hash": "6d8f7c9b5" }
 * ```
 */
export function createDaemonPodTemplate(
  template: PodTemplateSpec,
  generation: number | undefined,
  hash: string,
): PodTemplateSpec {
  const copy = structuredClone(template);
  copy.spec ??= { containers: [] } as unknown as PodTemplateSpec["spec"];
  addDaemonPodTolerations(copy.spec as PodSpec);
  const metadata = copy.metadata ??= {};
  const labels = metadata.labels ??= {};
  if (generation !== undefined) labels[POD_TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash) labels[DAEMON_SET_HASH_LABEL] = hash;
  return copy;
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: the affinity with its required node affinity replaced by one
 * term, `metadata.name In [nodeName]`, so the scheduler binds the pod to that node and nowhere else.
 * Preferred terms and pod (anti-)affinity are kept.
 *
 * @example
 * ```ts
 * import { pinToNode } from "@skiff/workloads";
 *
 * pinToNode(undefined, "node-1").nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
 * // { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-1"] }] }] }
 * ```
 */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const required = {
    nodeSelectorTerms: [{
      matchFields: [{ key: "metadata.name", operator: "In" as const, values: [nodeName] }],
    }],
  };
  const copy: Affinity = structuredClone(affinity ?? {});
  copy.nodeAffinity = { ...copy.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required };
  return copy;
}

/**
 * GetTargetNodeName: the node a daemon pod is for: `spec.nodeName` once bound, else the single value of
 * its required `metadata.name In` field term; undefined when it has neither.
 *
 * @example
 * ```ts
 * import { targetNodeName } from "@skiff/workloads";
 *
 * targetNodeName({ spec: { containers: [], nodeName: "node-1" } }); // "node-1"
 * ```
 */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const exp of term.matchFields ?? []) {
      if (exp.key === "metadata.name" && exp.operator === "In") {
        return exp.values?.length === 1 ? exp.values[0] : undefined;
      }
    }
  }
  return undefined;
}

/**
 * IsPodUpdated: the pod carries the current hash, or the current template generation.
 *
 * @example
 * ```ts
 * import { isDaemonPodUpdated } from "@skiff/workloads";
 *
 * isDaemonPodUpdated({ metadata: { labels: { "controller-revision-hash": "abc" } } }, "abc", undefined); // true
 * ```
 */
export function isDaemonPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const templateMatches = generation !== undefined &&
    labels[POD_TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash.length > 0 && labels[DAEMON_SET_HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}

/**
 * SurgeCount: how many nodes may run an extra, updated pod, out of `numberToSchedule`; 0 unless a
 * RollingUpdate sets maxSurge. Percentages round up (10% of 3 nodes is 1).
 *
 * @example
 * ```ts
 * import { surgeCount } from "@skiff/workloads";
 *
 * surgeCount({ spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "10%" } } } }, 3); // 1
 * ```
 */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== "RollingUpdate" || !strategy.rollingUpdate) return 0;
  return scaledValue(strategy.rollingUpdate.maxSurge, numberToSchedule, true);
}

/**
 * UnavailableCount: how many nodes may be without an available pod during a RollingUpdate, out of
 * `numberToSchedule`. Percentages round up too (30% of 5 nodes is 2): DaemonSets differ from Deployments here.
 *
 * @example
 * ```ts
 * import { unavailableCount } from "@skiff/workloads";
 *
 * unavailableCount({ spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "30%" } } } }, 5); // 2
 * ```
 */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== "RollingUpdate" || !strategy.rollingUpdate) return 0;
  return scaledValue(strategy.rollingUpdate.maxUnavailable, numberToSchedule, true);
}

/**
 * AllowsSurge: whether a node may run more than one pod of the DaemonSet during an update.
 *
 * @example
 * ```ts
 * import { allowsSurge } from "@skiff/workloads";
 *
 * allowsSurge({ spec: { updateStrategy: { type: "OnDelete" } } }); // false
 * ```
 */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) > 0;
  } catch {
    return false;
  }
}
