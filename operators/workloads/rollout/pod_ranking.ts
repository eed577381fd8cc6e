/**
 * Which pods a ReplicaSet deletes first when it scales down: controller.ActivePodsWithRanks'
 * ordering (pkg/controller/controller_utils.go) with LogarithmicScaleDown, on by default since 1.22.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";

/** The annotation that lets users order deletions (lower cost goes first). */
export const POD_DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === "Ready");
}

function isReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === "True";
}

function readyTime(pod: Pod): number | undefined {
  if (!isReady(pod)) return undefined;
  const t = readyCondition(pod)?.lastTransitionTime;
  return t ? Date.parse(t) : undefined;
}

function deletionCost(pod: Pod): number {
  const text = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : 0;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

// logarithmicRankDiff: compares how long ago each time was on a log2 scale of nanoseconds, so pods that
// came up within the same doubling of age count as equally old.
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * A comparator that sorts pods in deletion order, first to delete first:
 *
 * 1. unassigned before assigned;
 * 2. Pending before Unknown before Running;
 * 3. not ready before ready;
 * 4. lower pod-deletion-cost before higher;
 * 5. more pods of the set on the same node (higher rank) before fewer;
 * 6. ready for less time before ready for more (log2 buckets of age, then uid);
 * 7. more container restarts before fewer;
 * 8. no creation time before newer before older (log2 buckets, then uid).
 *
 * `ranks` maps a pod's name to its rank (how many of the set's pods share its node); `now` is the
 * reference for ages.
 *
 * @example
 * ```ts
 * import { comparePodsForDeletion } from "@skiff/workloads";
 *
 * pods.sort(comparePodsForDeletion(Date.now()));
 * const victims = pods.slice(0, 2);
 * ```
 */
export function comparePodsForDeletion(now: number, ranks?: Map<string, number>): (a: Pod, b: Pod) => number {
  return (a, b) => {
    const assignedA = !!a.spec?.nodeName;
    const assignedB = !!b.spec?.nodeName;
    if (assignedA !== assignedB) return assignedA ? 1 : -1;
    const phaseA = PHASE_ORDER[a.status?.phase ?? ""] ?? 0;
    const phaseB = PHASE_ORDER[b.status?.phase ?? ""] ?? 0;
    if (phaseA !== phaseB) return phaseA - phaseB;
    if (isReady(a) !== isReady(b)) return isReady(a) ? 1 : -1;
    const costA = deletionCost(a);
    const costB = deletionCost(b);
    if (costA !== costB) return costA - costB;
    const rankA = ranks?.get(a.metadata?.name ?? "") ?? 0;
    const rankB = ranks?.get(b.metadata?.name ?? "") ?? 0;
    if (rankA !== rankB) return rankB - rankA;
    if (isReady(a) && isReady(b)) {
      const order = compareTimes(readyTime(a), readyTime(b), now, a, b);
      if (order !== 0) return order;
    }
    const restarts = maxRestarts(b) - maxRestarts(a);
    if (restarts !== 0) return restarts;
    const createdA = a.metadata?.creationTimestamp ? Date.parse(a.metadata.creationTimestamp) : undefined;
    const createdB = b.metadata?.creationTimestamp ? Date.parse(b.metadata.creationTimestamp) : undefined;
    return compareTimes(createdA, createdB, now, a, b);
  };
}

// Empty first, then the more recent (smaller age bucket); equal buckets by uid.
function compareTimes(ta: number | undefined, tb: number | undefined, now: number, a: Pod, b: Pod): number {
  if (ta === tb) return 0;
  if (ta === undefined) return -1;
  if (tb === undefined) return 1;
  const diff = logRank(ta, now) - logRank(tb, now);
  if (diff !== 0) return diff;
  const ua = a.metadata?.uid ?? "";
  const ub = b.metadata?.uid ?? "";
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * The ranks ActivePodsWithRanks uses: for each pod, how many of `related` (the controller's pods) run on
 * its node, so doubled-up nodes shed pods first.
 *
 * @example
 * ```ts
 * import { podRanksByNode } from "@skiff/workloads";
 *
 * podRanksByNode(pods, pods).get("web-1"); // 2 when web-1 shares its node with one more pod of the set
 * ```
 */
export function podRanksByNode(pods: Pod[], related: Pod[]): Map<string, number> {
  const perNode = new Map<string, number>();
  for (const p of related) {
    const node = p.spec?.nodeName;
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  return new Map(pods.map((p) => [p.metadata?.name ?? "", perNode.get(p.spec?.nodeName ?? "") ?? 0]));
}
