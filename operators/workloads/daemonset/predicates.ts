/**
 * NodeShouldRunDaemonPod (pkg/controller/daemon/daemon_controller.go): whether a DaemonSet wants a pod on
 * a node, judged on the pod it would create there (its template plus the daemon tolerations): the
 * template's nodeName if any, its nodeSelector and required node affinity (component-helpers'
 * nodeaffinity, with matchFields on metadata.name), and the node's NoSchedule and NoExecute taints.
 *
 * @module
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from "@skiff/kinds";
import type { DaemonSet } from "../api/daemon_set.ts";
import { addDaemonPodTolerations } from "./util.ts";

/**
 * What NodeShouldRunDaemonPod answers: `shouldRun`, a pod should be created there if there is none;
 * `shouldContinueRunning`, a pod already there may stay (an untolerated NoSchedule taint stops new pods
 * but does not evict running ones).
 *
 * @example
 * ```ts
 * const verdict: NodeVerdict = { shouldRun: false, shouldContinueRunning: true };
 * ```
 */
export interface NodeVerdict {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/**
 * NewPod: the pod the DaemonSet would run on the node, as the predicates see it.
 *
 * @example
 * ```ts
 * import { newDaemonPod } from "@skiff/workloads";
 *
 * newDaemonPod(ds, "node-1").spec?.nodeName; // "node-1"
 * ```
 */
export function newDaemonPod(ds: DaemonSet, nodeName: string): Pod {
  const template = ds.spec?.template ?? {};
  const spec = { ...structuredClone(template.spec ?? { containers: [] }), nodeName } as Pod["spec"] & object;
  addDaemonPodTolerations(spec);
  return { metadata: { ...template.metadata, namespace: ds.metadata?.namespace }, spec } as Pod;
}

/**
 * NodeShouldRunDaemonPod for one node and DaemonSet.
 *
 * @example
 * ```ts
 * import { nodeShouldRunDaemonPod } from "@skiff/workloads";
 *
 * const node = { metadata: { name: "n1" }, spec: { taints: [{ key: "gpu", effect: "NoSchedule" }] } };
 * nodeShouldRunDaemonPod(node, ds); // { shouldRun: false, shouldContinueRunning: true }
 * ```
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeVerdict {
  const name = node.metadata?.name ?? "";
  const no = { shouldRun: false, shouldContinueRunning: false };
  const wantedNode = ds.spec?.template?.spec?.nodeName;
  if (wantedNode && wantedNode !== name) return no;
  const pod = newDaemonPod(ds, name);
  if (!podMatchesNodeAffinity(pod, node)) return no;
  const taints = node.spec?.taints ?? [];
  const tolerations = pod.spec?.tolerations ?? [];
  const untolerated = (effects: string[]) =>
    taints.some((t) => effects.includes(t.effect ?? "") && !tolerates(tolerations, t));
  if (untolerated(["NoSchedule", "NoExecute"])) {
    // Pods already there may stay unless a NoExecute taint would evict them.
    return { shouldRun: false, shouldContinueRunning: !untolerated(["NoExecute"]) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/**
 * GetRequiredNodeAffinity(pod).Match(node): the nodeSelector's labels, and the required node affinity's
 * terms (ORed; each term's requirements ANDed; an empty or unparsable term matches nothing).
 *
 * @example
 * ```ts
 * import { podMatchesNodeAffinity } from "@skiff/workloads";
 *
 * podMatchesNodeAffinity({ spec: { containers: [], nodeSelector: { disk: "ssd" } } }, node);
 * ```
 */
export function podMatchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (labels[k] !== v) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((term) => termMatches(term, node));
}

function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  return expressions.every((r) => labelRequirement(r, labels) === true) &&
    fields.every((r) => fieldRequirement(r, node.metadata?.name ?? "") === true);
}

/** A label requirement; undefined when it does not parse (the term is then skipped). */
function labelRequirement(r: NodeSelectorRequirement, labels: Record<string, string>): boolean | undefined {
  const values = r.values ?? [];
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case "In":
      return values.length ? has && values.includes(labels[r.key]) : undefined;
    case "NotIn":
      return values.length ? !has || !values.includes(labels[r.key]) : undefined;
    case "Exists":
      return values.length ? undefined : has;
    case "DoesNotExist":
      return values.length ? undefined : !has;
    case "Gt":
    case "Lt": {
      const int = /^[+-]?\d+$/;
      if (values.length !== 1 || !int.test(values[0])) return undefined;
      if (!has || !int.test(labels[r.key])) return false;
      const n = Number(labels[r.key]);
      return r.operator === "Gt" ? n > Number(values[0]) : n < Number(values[0]);
    }
    default:
      return undefined;
  }
}

/** A field requirement: In or NotIn with one value; metadata.name is the only field a node has. */
function fieldRequirement(r: NodeSelectorRequirement, name: string): boolean | undefined {
  const values = r.values ?? [];
  if (values.length !== 1) return undefined;
  const value = r.key === "metadata.name" ? name : "";
  if (r.operator === "In") return value === values[0];
  if (r.operator === "NotIn") return value !== values[0];
  return undefined;
}

/** TolerationsTolerateTaint (k8s.io/api core/v1 toleration.go). */
function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.key && t.key !== taint.key) return false;
    if (t.operator === "Exists") return true;
    if (!t.operator || t.operator === "Equal") {
      return (t.value ?? "") === (taint.value ?? "");
    }
    return false;
  });
}
