/**
 * framework.PodInfo: a Pod with what every scheduling cycle needs from it computed once (its
 * requests, host ports, and its pod (anti-)affinity terms compiled into selectors).
 *
 * @module
 */
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from "@skiff/kinds";
import { compileLabelSelector, type Labels, NOTHING, type Selector } from "./_selectors.ts";
import { type PodResources, podResources } from "./resources.ts";

/** framework.AffinityTerm: a PodAffinityTerm with its selectors compiled. */
export interface AffinityTerm {
  /** Namespaces named by the term, or the pod's own namespace when it names none and has no selector. */
  namespaces: ReadonlySet<string>;
  /** The term's namespaceSelector; NOTHING when unset. */
  namespaceSelector: Selector;
  /** The term's labelSelector; NOTHING when unset. */
  selector: Selector;
  /** The node label whose value is the term's topology domain. */
  topologyKey: string;
  /** The labelSelector as JSON: with the namespaces, what identifies the pods the term selects. */
  selectorKey: string;
}

/** An AffinityTerm of a preferred rule, with its weight. */
export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** A host port a container binds: protocol, port and host IP with Kubernetes' defaults applied. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/**
 * Compiles a PodAffinityTerm of `pod` (framework.newAffinityTerm).
 *
 * @example
 * ```ts
 * import { newAffinityTerm } from "@skiff/scheduler";
 *
 * const term = newAffinityTerm({ metadata: { namespace: "web" } }, { topologyKey: "zone", labelSelector: { matchLabels: { app: "db" } } });
 * [...term.namespaces]; // ["web"]
 * ```
 */
export function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces = (term.namespaces?.length ?? 0) === 0 && term.namespaceSelector == null
    ? new Set([pod.metadata?.namespace ?? ""])
    : new Set(term.namespaces ?? []);
  return {
    namespaces,
    namespaceSelector: term.namespaceSelector == null
      ? NOTHING
      : compileLabelSelector(term.namespaceSelector),
    selector: compileLabelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
    selectorKey: JSON.stringify(term.labelSelector ?? null),
  };
}

function weighted(pod: Pod, terms: WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}

/**
 * Whether `pod` is selected by `term` (AffinityTerm.Matches): its namespace is listed or selected (by
 * the labels `namespaceLabels` of that namespace), and its labels match.
 *
 * @example
 * ```ts
 * import { newAffinityTerm, PodInfo, termMatches } from "@skiff/scheduler";
 *
 * const term = newAffinityTerm({ metadata: { namespace: "a" } }, { topologyKey: "zone", labelSelector: {} });
 * termMatches(term, new PodInfo({ metadata: { name: "p", namespace: "a" } }), undefined); // true
 * ```
 */
export function termMatches(term: AffinityTerm, pod: PodInfo, namespaceLabels: Labels): boolean {
  if (term.namespaces.has(pod.namespace) || term.namespaceSelector.matches(namespaceLabels ?? {})) {
    return term.selector.matches(pod.labels);
  }
  return false;
}

/** Whether `pod` matches every term (podMatchesAllAffinityTerms); false for no terms. */
export function matchesAllTerms(terms: readonly AffinityTerm[], pod: PodInfo): boolean {
  if (terms.length === 0) return false;
  for (let i = 0; i < terms.length; i++) if (!termMatches(terms[i], pod, undefined)) return false;
  return true;
}

/**
 * A Pod with the parts the scheduler reads precomputed.
 *
 * @example
 * ```ts
 * import { PodInfo } from "@skiff/scheduler";
 *
 * const info = new PodInfo({ metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "web", ports: [{ containerPort: 80, hostPort: 8080 }] }] } });
 * info.key; // "default/web"
 * info.hostPorts; // [{ ip: "0.0.0.0", protocol: "TCP", port: 8080 }]
 * ```
 */
export class PodInfo {
  /** The pod itself. */
  readonly pod: Pod;
  /** namespace/name, the key the snapshot files it under. */
  readonly key: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly requiredAffinityTerms: AffinityTerm[];
  readonly requiredAntiAffinityTerms: AffinityTerm[];
  readonly preferredAffinityTerms: WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: WeightedAffinityTerm[];
  /** Whether the pod has podAffinity or podAntiAffinity at all (NodeInfo.PodsWithAffinity). */
  readonly hasAffinity: boolean;
  readonly resources: PodResources;
  readonly hostPorts: HostPort[];
  /** The pod has a deletionTimestamp; topology spread does not count it. */
  readonly terminating: boolean;
  /** spec.priority, 0 when unset. */
  readonly priority: number;

  constructor(pod: Pod) {
    this.pod = pod;
    this.namespace = pod.metadata?.namespace ?? "";
    this.key = `${this.namespace}/${pod.metadata?.name ?? ""}`;
    this.labels = pod.metadata?.labels;
    const affinity = pod.spec?.affinity;
    this.requiredAffinityTerms = (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
      .map((t) => newAffinityTerm(pod, t));
    this.requiredAntiAffinityTerms =
      (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
        .map((t) => newAffinityTerm(pod, t));
    this.preferredAffinityTerms = weighted(
      pod,
      affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    );
    this.preferredAntiAffinityTerms = weighted(
      pod,
      affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    );
    this.hasAffinity = affinity?.podAffinity != null || affinity?.podAntiAffinity != null;
    this.resources = podResources(pod);
    this.hostPorts = [];
    for (const c of pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) {
        if ((p.hostPort ?? 0) <= 0) continue;
        this.hostPorts.push({ ip: p.hostIP || "0.0.0.0", protocol: p.protocol || "TCP", port: p.hostPort! });
      }
    }
    this.terminating = pod.metadata?.deletionTimestamp != null;
    this.priority = pod.spec?.priority ?? 0;
  }
}
