/**
 * Builders for tests, in the spirit of Kubernetes' scheduler testing wrappers (st.MakePod, st.MakeNode),
 * and helpers that run one plugin the way the framework does.
 *
 * @module
 */
import type { Node, Pod, PodSpec, Taint } from "@skiff/kinds";
import type { Cycle, FilterPlugin, ScorePlugin, Status } from "./framework.ts";
import { PodInfo } from "./pod_info.ts";
import { requiredNodeAffinity } from "./plugins/node_affinity.ts";
import type { Snapshot } from "./snapshot.ts";

/** What a test node has. */
export interface NodeOptions {
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  allocatable?: Record<string, string | number>;
  images?: { names: string[]; sizeBytes: number }[];
}

/** A node with the hostname label Kubernetes sets, and 110 pods of room unless told otherwise. */
export function makeNode(name: string, options: NodeOptions = {}): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...options.labels } },
    spec: { taints: options.taints, unschedulable: options.unschedulable },
    status: { allocatable: options.allocatable ?? { pods: "110" }, images: options.images },
  };
}

/** What a test pod has; `requests` apply to one container named "c". */
export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  requests?: Record<string, string>;
  spec?: Partial<PodSpec>;
  deleting?: boolean;
}

/** A pod with one container (unless spec.containers says otherwise). */
export function makePod(name: string, options: PodOptions = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: options.namespace ?? "default",
      labels: options.labels,
      deletionTimestamp: options.deleting ? "2026-01-01T00:00:00Z" : undefined,
    },
    spec: {
      containers: [{
        name: "c",
        image: "app:1",
        resources: options.requests ? { requests: options.requests } : undefined,
      }],
      nodeName: options.nodeName,
      ...options.spec,
    },
  };
}

/** A cycle for `pod` over `snapshot`, as the scheduler builds one. */
export function cycleFor(pod: Pod, snapshot: Snapshot): Cycle {
  return {
    pod: new PodInfo(pod),
    snapshot,
    allNodes: snapshot.nodes(),
    requiredNodeAffinity: requiredNodeAffinity(pod),
  };
}

/**
 * PreFilter then Filter of one plugin on one node: the rejection's reasons joined with ", ", "" when the
 * node passes, or the PreFilter's rejection.
 */
export function runFilter(plugin: FilterPlugin, pod: Pod, snapshot: Snapshot, nodeName: string): string {
  const result = plugin.preFilter(cycleFor(pod, snapshot));
  if (!result) return "";
  if (result.status) return result.status.reasons.join(", ");
  if (result.nodeNames && !result.nodeNames.has(nodeName)) return "excluded by PreFilter";
  const status: Status | undefined = result.filter?.(snapshot.get(nodeName)!);
  return status ? status.reasons.join(", ") : "";
}

/** The code of one plugin's rejection of a node, or undefined when it passes. */
export function filterCode(
  plugin: FilterPlugin,
  pod: Pod,
  snapshot: Snapshot,
  nodeName: string,
): string | undefined {
  const result = plugin.preFilter(cycleFor(pod, snapshot));
  return result?.status?.code ?? result?.filter?.(snapshot.get(nodeName)!)?.code;
}

/**
 * PreScore, Score and NormalizeScore of one plugin over the given (feasible) nodes, by node name;
 * undefined when PreScore skips.
 */
export function runScore(
  plugin: ScorePlugin,
  pod: Pod,
  snapshot: Snapshot,
  feasible: string[] = snapshot.nodes().map((n) => n.name),
): Record<string, number> | undefined {
  const nodes = feasible.map((name) => snapshot.get(name)!);
  const scorer = plugin.preScore(cycleFor(pod, snapshot), nodes);
  if (!scorer) return undefined;
  const scores = nodes.map((n, i) => scorer.score(n, i));
  scorer.normalize?.(scores, nodes);
  return Object.fromEntries(nodes.map((n, i) => [n.name, scores[i]]));
}
