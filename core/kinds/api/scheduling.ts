/**
 * Scheduling constraints: node/pod affinity and anti-affinity, tolerations, topology spread.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s } from "../k8s.ts";
import { LabelSelectorSchema } from "./meta.ts";

/**
 * A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeSelectorRequirementSchema } from "@skiff/kinds";
 *
 * v.parse(NodeSelectorRequirementSchema, { key: "app", operator: "DoesNotExist" });
 * ```
 */
export const NodeSelectorRequirementSchema = v.pipe(
  v.object({
    key: v.string(),
    operator: v.picklist(["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"]),
    values: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    key: "The label key that the selector applies to.",
    operator:
      "Represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. Gt, and Lt.",
    values:
      "An array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer. This array is replaced during a strategic merge patch.",
  }),
);

/**
 * NodeSelectorRequirement as TypeScript sees it (see {@link NodeSelectorRequirementSchema}).
 *
 * @example
 * ```ts
 * import type { NodeSelectorRequirement } from "@skiff/kinds";
 *
 * const value: NodeSelectorRequirement = { key: "app", operator: "DoesNotExist" };
 * ```
 */
export type NodeSelectorRequirement = v.InferOutput<typeof NodeSelectorRequirementSchema>;

/**
 * A null or empty node selector term matches no objects. The requirements of them are ANDed. The TopologySelectorTerm type implements a subset of the NodeSelectorTerm.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeSelectorTermSchema } from "@skiff/kinds";
 *
 * v.parse(NodeSelectorTermSchema, {});
 * ```
 */
export const NodeSelectorTermSchema = v.pipe(
  v.object({
    matchExpressions: v.optional(
      v.pipe(v.array(NodeSelectorRequirementSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    matchFields: v.optional(
      v.pipe(v.array(NodeSelectorRequirementSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  fieldDocs({
    matchExpressions: "A list of node selector requirements by node's labels.",
    matchFields: "A list of node selector requirements by node's fields.",
  }),
);

/**
 * NodeSelectorTerm as TypeScript sees it (see {@link NodeSelectorTermSchema}).
 *
 * @example
 * ```ts
 * import type { NodeSelectorTerm } from "@skiff/kinds";
 *
 * const value: NodeSelectorTerm = {};
 * ```
 */
export type NodeSelectorTerm = v.InferOutput<typeof NodeSelectorTermSchema>;

/**
 * A node selector represents the union of the results of one or more label queries over a set of nodes; that is, it represents the OR of the selectors represented by the node selector terms.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeSelectorSchema } from "@skiff/kinds";
 *
 * v.parse(NodeSelectorSchema, { nodeSelectorTerms: [{}] });
 * ```
 */
export const NodeSelectorSchema = v.pipe(
  v.object({
    nodeSelectorTerms: v.pipe(v.array(NodeSelectorTermSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
  }),
  k8s({ "x-kubernetes-map-type": "atomic" }),
  fieldDocs({
    nodeSelectorTerms: "Required. A list of node selector terms. The terms are ORed.",
  }),
);

/**
 * NodeSelector as TypeScript sees it (see {@link NodeSelectorSchema}).
 *
 * @example
 * ```ts
 * import type { NodeSelector } from "@skiff/kinds";
 *
 * const value: NodeSelector = { nodeSelectorTerms: [{}] };
 * ```
 */
export type NodeSelector = v.InferOutput<typeof NodeSelectorSchema>;

/**
 * An empty preferred scheduling term matches all objects with implicit weight 0 (i.e. it's a no-op). A null preferred scheduling term matches no objects (i.e. is also a no-op).
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PreferredSchedulingTermSchema } from "@skiff/kinds";
 *
 * v.parse(PreferredSchedulingTermSchema, { weight: 1, preference: {} });
 * ```
 */
export const PreferredSchedulingTermSchema = v.pipe(
  v.object({
    weight: int32(),
    preference: NodeSelectorTermSchema,
  }),
  fieldDocs({
    weight: "Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.",
    preference: "A node selector term, associated with the corresponding weight.",
  }),
);

/**
 * PreferredSchedulingTerm as TypeScript sees it (see {@link PreferredSchedulingTermSchema}).
 *
 * @example
 * ```ts
 * import type { PreferredSchedulingTerm } from "@skiff/kinds";
 *
 * const value: PreferredSchedulingTerm = { weight: 1, preference: {} };
 * ```
 */
export type PreferredSchedulingTerm = v.InferOutput<typeof PreferredSchedulingTermSchema>;

/**
 * Node affinity is a group of node affinity scheduling rules.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { NodeAffinitySchema } from "@skiff/kinds";
 *
 * v.parse(NodeAffinitySchema, {});
 * ```
 */
export const NodeAffinitySchema = v.pipe(
  v.object({
    requiredDuringSchedulingIgnoredDuringExecution: v.optional(NodeSelectorSchema),
    preferredDuringSchedulingIgnoredDuringExecution: v.optional(
      v.pipe(v.array(PreferredSchedulingTermSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
  }),
  fieldDocs({
    requiredDuringSchedulingIgnoredDuringExecution:
      "If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to an update), the system may or may not try to eventually evict the pod from its node.",
    preferredDuringSchedulingIgnoredDuringExecution:
      'The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node matches the corresponding matchExpressions; the node(s) with the highest sum are the most preferred.',
  }),
);

/**
 * NodeAffinity as TypeScript sees it (see {@link NodeAffinitySchema}).
 *
 * @example
 * ```ts
 * import type { NodeAffinity } from "@skiff/kinds";
 *
 * const value: NodeAffinity = {};
 * ```
 */
export type NodeAffinity = v.InferOutput<typeof NodeAffinitySchema>;

/**
 * Defines a set of pods (namely those matching the labelSelector relative to the given namespace(s)) that this pod should be co-located (affinity) or not co-located (anti-affinity) with, where co-located is defined as running on a node whose value of the label with key <topologyKey> matches that of any node on which a pod of the set of pods is running
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodAffinityTermSchema } from "@skiff/kinds";
 *
 * v.parse(PodAffinityTermSchema, { topologyKey: "kubernetes.io/hostname" });
 * ```
 */
export const PodAffinityTermSchema = v.pipe(
  v.object({
    labelSelector: v.optional(LabelSelectorSchema),
    namespaces: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    topologyKey: v.string(),
    namespaceSelector: v.optional(LabelSelectorSchema),
    matchLabelKeys: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    mismatchLabelKeys: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    labelSelector:
      "A label query over a set of resources, in this case pods. If it's null, this PodAffinityTerm matches with no Pods.",
    namespaces:
      'namespaces specifies a static list of namespace names that the term applies to. The term is applied to the union of the namespaces listed in this field and the ones selected by namespaceSelector. null or empty namespaces list and null namespaceSelector means "this pod\'s namespace".',
    topologyKey:
      "This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches that of any node on which any of the selected pods is running. Empty topologyKey is not allowed.",
    namespaceSelector:
      'A label query over the set of namespaces that the term applies to. The term is applied to the union of the namespaces selected by this field and the ones listed in the namespaces field. null selector and null or empty namespaces list means "this pod\'s namespace". An empty selector ({}) matches all namespaces.',
    matchLabelKeys:
      "MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with `labelSelector` as `key in (value)` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both matchLabelKeys and labelSelector. Also, matchLabelKeys cannot be set when labelSelector isn't set.",
    mismatchLabelKeys:
      "MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration. The keys are used to lookup values from the incoming pod labels, those key-value labels are merged with `labelSelector` as `key notin (value)` to select the group of existing pods which pods will be taken into consideration for the incoming pod's pod (anti) affinity. Keys that don't exist in the incoming pod labels will be ignored. The default value is empty. The same key is forbidden to exist in both mismatchLabelKeys and labelSelector. Also, mismatchLabelKeys cannot be set when labelSelector isn't set.",
  }),
);

/**
 * PodAffinityTerm as TypeScript sees it (see {@link PodAffinityTermSchema}).
 *
 * @example
 * ```ts
 * import type { PodAffinityTerm } from "@skiff/kinds";
 *
 * const value: PodAffinityTerm = { topologyKey: "kubernetes.io/hostname" };
 * ```
 */
export type PodAffinityTerm = v.InferOutput<typeof PodAffinityTermSchema>;

/**
 * The weights of all of the matched WeightedPodAffinityTerm fields are added per-node to find the most preferred node(s)
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { WeightedPodAffinityTermSchema } from "@skiff/kinds";
 *
 * v.parse(WeightedPodAffinityTermSchema, { weight: 1, podAffinityTerm: { topologyKey: "kubernetes.io/hostname" } });
 * ```
 */
export const WeightedPodAffinityTermSchema = v.pipe(
  v.object({
    weight: int32(),
    podAffinityTerm: PodAffinityTermSchema,
  }),
  fieldDocs({
    weight: "weight associated with matching the corresponding podAffinityTerm, in the range 1-100.",
    podAffinityTerm: "Required. A pod affinity term, associated with the corresponding weight.",
  }),
);

/**
 * WeightedPodAffinityTerm as TypeScript sees it (see {@link WeightedPodAffinityTermSchema}).
 *
 * @example
 * ```ts
 * import type { WeightedPodAffinityTerm } from "@skiff/kinds";
 *
 * const value: WeightedPodAffinityTerm = { weight: 1, podAffinityTerm: { topologyKey: "kubernetes.io/hostname" } };
 * ```
 */
export type WeightedPodAffinityTerm = v.InferOutput<typeof WeightedPodAffinityTermSchema>;

/**
 * Pod affinity is a group of inter pod affinity scheduling rules.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodAffinitySchema } from "@skiff/kinds";
 *
 * v.parse(PodAffinitySchema, {});
 * ```
 */
export const PodAffinitySchema = v.pipe(
  v.object({
    requiredDuringSchedulingIgnoredDuringExecution: v.optional(
      v.pipe(v.array(PodAffinityTermSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    preferredDuringSchedulingIgnoredDuringExecution: v.optional(
      v.pipe(v.array(WeightedPodAffinityTermSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
  }),
  fieldDocs({
    requiredDuringSchedulingIgnoredDuringExecution:
      "If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.",
    preferredDuringSchedulingIgnoredDuringExecution:
      'The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling affinity expressions, etc.), compute a sum by iterating through the elements of this field and adding "weight" to the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.',
  }),
);

/**
 * PodAffinity as TypeScript sees it (see {@link PodAffinitySchema}).
 *
 * @example
 * ```ts
 * import type { PodAffinity } from "@skiff/kinds";
 *
 * const value: PodAffinity = {};
 * ```
 */
export type PodAffinity = v.InferOutput<typeof PodAffinitySchema>;

/**
 * Pod anti affinity is a group of inter pod anti affinity scheduling rules.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodAntiAffinitySchema } from "@skiff/kinds";
 *
 * v.parse(PodAntiAffinitySchema, {});
 * ```
 */
export const PodAntiAffinitySchema = v.pipe(
  v.object({
    requiredDuringSchedulingIgnoredDuringExecution: v.optional(
      v.pipe(v.array(PodAffinityTermSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    preferredDuringSchedulingIgnoredDuringExecution: v.optional(
      v.pipe(v.array(WeightedPodAffinityTermSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
  }),
  fieldDocs({
    requiredDuringSchedulingIgnoredDuringExecution:
      "If the anti-affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node. If the anti-affinity requirements specified by this field cease to be met at some point during pod execution (e.g. due to a pod label update), the system may or may not try to eventually evict the pod from its node. When there are multiple elements, the lists of nodes corresponding to each podAffinityTerm are intersected, i.e. all terms must be satisfied.",
    preferredDuringSchedulingIgnoredDuringExecution:
      'The scheduler will prefer to schedule pods to nodes that satisfy the anti-affinity expressions specified by this field, but it may choose a node that violates one or more of the expressions. The node that is most preferred is the one with the greatest sum of weights, i.e. for each node that meets all of the scheduling requirements (resource request, requiredDuringScheduling anti-affinity expressions, etc.), compute a sum by iterating through the elements of this field and subtracting "weight" from the sum if the node has pods which matches the corresponding podAffinityTerm; the node(s) with the highest sum are the most preferred.',
  }),
);

/**
 * PodAntiAffinity as TypeScript sees it (see {@link PodAntiAffinitySchema}).
 *
 * @example
 * ```ts
 * import type { PodAntiAffinity } from "@skiff/kinds";
 *
 * const value: PodAntiAffinity = {};
 * ```
 */
export type PodAntiAffinity = v.InferOutput<typeof PodAntiAffinitySchema>;

/**
 * Affinity is a group of affinity scheduling rules.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { AffinitySchema } from "@skiff/kinds";
 *
 * v.parse(AffinitySchema, {});
 * ```
 */
export const AffinitySchema = v.pipe(
  v.object({
    nodeAffinity: v.optional(NodeAffinitySchema),
    podAffinity: v.optional(PodAffinitySchema),
    podAntiAffinity: v.optional(PodAntiAffinitySchema),
  }),
  fieldDocs({
    nodeAffinity: "Describes node affinity scheduling rules for the pod.",
    podAffinity:
      "Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).",
    podAntiAffinity:
      "Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).",
  }),
);

/**
 * Affinity as TypeScript sees it (see {@link AffinitySchema}).
 *
 * @example
 * ```ts
 * import type { Affinity } from "@skiff/kinds";
 *
 * const value: Affinity = {};
 * ```
 */
export type Affinity = v.InferOutput<typeof AffinitySchema>;

/**
 * The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { TolerationSchema } from "@skiff/kinds";
 *
 * v.parse(TolerationSchema, { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
 * ```
 */
export const TolerationSchema = v.pipe(
  v.object({
    key: v.optional(v.string()),
    operator: v.optional(v.picklist(["Equal", "Exists", "Gt", "Lt"])),
    value: v.optional(v.string()),
    effect: v.optional(v.picklist(["NoExecute", "NoSchedule", "PreferNoSchedule"])),
    tolerationSeconds: v.optional(int64()),
  }),
  fieldDocs({
    key:
      "Key is the taint key that the toleration applies to. Empty means match all taint keys. If the key is empty, operator must be Exists; this combination means to match all values and all keys.",
    operator:
      "Operator represents a key's relationship to the value. Valid operators are Exists, Equal, Lt, and Gt. Defaults to Equal. Exists is equivalent to wildcard for value, so that a pod can tolerate all taints of a particular category. Lt and Gt perform numeric comparisons (requires feature gate TaintTolerationComparisonOperators).",
    value:
      "Value is the taint value the toleration matches to. If the operator is Exists, the value should be empty, otherwise just a regular string.",
    effect:
      "Effect indicates the taint effect to match. Empty means match all taint effects. When specified, allowed values are NoSchedule, PreferNoSchedule and NoExecute.",
    tolerationSeconds:
      "TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute, otherwise this field is ignored) tolerates the taint. By default, it is not set, which means tolerate the taint forever (do not evict). Zero and negative values will be treated as 0 (evict immediately) by the system.",
  }),
);

/**
 * Toleration as TypeScript sees it (see {@link TolerationSchema}).
 *
 * @example
 * ```ts
 * import type { Toleration } from "@skiff/kinds";
 *
 * const value: Toleration = { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 };
 * ```
 */
export type Toleration = v.InferOutput<typeof TolerationSchema>;

/**
 * TopologySpreadConstraint specifies how to spread matching pods among the given topology.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { TopologySpreadConstraintSchema } from "@skiff/kinds";
 *
 * v.parse(TopologySpreadConstraintSchema, { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule" });
 * ```
 */
export const TopologySpreadConstraintSchema = v.pipe(
  v.object({
    maxSkew: int32(),
    topologyKey: v.string(),
    whenUnsatisfiable: v.picklist(["DoNotSchedule", "ScheduleAnyway"]),
    labelSelector: v.optional(LabelSelectorSchema),
    minDomains: v.optional(int32()),
    nodeAffinityPolicy: v.optional(v.picklist(["Honor", "Ignore"])),
    nodeTaintsPolicy: v.optional(v.picklist(["Honor", "Ignore"])),
    matchLabelKeys: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    maxSkew:
      "MaxSkew describes the degree to which pods may be unevenly distributed. When `whenUnsatisfiable=DoNotSchedule`, it is the maximum permitted difference between the number of matching pods in the target topology and the global minimum. The global minimum is the minimum number of matching pods in an eligible domain or zero if the number of eligible domains is less than MinDomains. For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same labelSelector spread as 2/2/1: In this case, the global minimum is 1. ",
    topologyKey:
      'TopologyKey is the key of node labels. Nodes that have a label with this key and identical values are considered to be in the same topology. We consider each <key, value> as a "bucket", and try to put balanced number of pods into each bucket. We define a domain as a particular instance of a topology. Also, we define an eligible domain as a domain whose nodes meet the requirements of nodeAffinityPolicy and nodeTaintsPolicy. e.g. If TopologyKey is "kubernetes.io/hostname", each Node is a domain of that topology. And, if TopologyKey is "topology.kubernetes.io/zone", each zone is a domain of that topology. It\'s a required field.',
    whenUnsatisfiable:
      'WhenUnsatisfiable indicates how to deal with a pod if it doesn\'t satisfy the spread constraint. - DoNotSchedule (default) tells the scheduler not to schedule it. - ScheduleAnyway tells the scheduler to schedule the pod in any location,\n  but giving higher precedence to topologies that would help reduce the\n  skew.\nA constraint is considered "Unsatisfiable" for an incoming pod if and only if every possible node assignment for that pod would violate "MaxSkew" on some topology. For example, in a 3-zone cluster, MaxSkew is set to 1, and pods with the same labelSelector spread as 3/1/1: ',
    labelSelector:
      "LabelSelector is used to find matching pods. Pods that match this label selector are counted to determine the number of pods in their corresponding topology domain.",
    minDomains:
      'MinDomains indicates a minimum number of eligible domains. When the number of eligible domains with matching topology keys is less than minDomains, Pod Topology Spread treats "global minimum" as 0, and then the calculation of Skew is performed. And when the number of eligible domains with matching topology keys equals or greater than minDomains, this value has no effect on scheduling. As a result, when the number of eligible domains is less than minDomains, scheduler won\'t schedule more than maxSkew Pods to those domains. If value is nil, the constraint behaves as if MinDomains is equal to 1. Valid values are integers greater than 0. When value is not nil, WhenUnsatisfiable must be DoNotSchedule.\n\nFor example, in a 3-zone cluster, MaxSkew is set to 2, MinDomains is set to 5 and pods with the same labelSelector spread as 2/2/2: ',
    nodeAffinityPolicy:
      "NodeAffinityPolicy indicates how we will treat Pod's nodeAffinity/nodeSelector when calculating pod topology spread skew. Options are: - Honor: only nodes matching nodeAffinity/nodeSelector are included in the calculations. - Ignore: nodeAffinity/nodeSelector are ignored. All nodes are included in the calculations.\n\nIf this value is nil, the behavior is equivalent to the Honor policy.",
    nodeTaintsPolicy:
      "NodeTaintsPolicy indicates how we will treat node taints when calculating pod topology spread skew. Options are: - Honor: nodes without taints, along with tainted nodes for which the incoming pod has a toleration, are included. - Ignore: node taints are ignored. All nodes are included.\n\nIf this value is nil, the behavior is equivalent to the Ignore policy.",
    matchLabelKeys:
      "MatchLabelKeys is a set of pod label keys to select the pods over which spreading will be calculated. The keys are used to lookup values from the incoming pod labels, those key-value labels are ANDed with labelSelector to select the group of existing pods over which spreading will be calculated for the incoming pod. The same key is forbidden to exist in both MatchLabelKeys and LabelSelector. MatchLabelKeys cannot be set when LabelSelector isn't set. Keys that don't exist in the incoming pod labels will be ignored. A null or empty list means only match against labelSelector.\n\nThis is a beta field and requires the MatchLabelKeysInPodTopologySpread feature gate to be enabled (enabled by default).",
  }),
);

/**
 * TopologySpreadConstraint as TypeScript sees it (see {@link TopologySpreadConstraintSchema}).
 *
 * @example
 * ```ts
 * import type { TopologySpreadConstraint } from "@skiff/kinds";
 *
 * const value: TopologySpreadConstraint = { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule" };
 * ```
 */
export type TopologySpreadConstraint = v.InferOutput<typeof TopologySpreadConstraintSchema>;
