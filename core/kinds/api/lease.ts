/**
 * The coordination.k8s.io/v1 Lease kind, used for node heartbeats and leader election.
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api coordination/v1, types_swagger_doc_generated.go).
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, time } from "../k8s.ts";
import { ObjectMetaSchema } from "./meta.ts";

/**
 * LeaseSpec is a specification of a Lease.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LeaseSpecSchema } from "@skiff/kinds";
 *
 * v.parse(LeaseSpecSchema, {});
 * ```
 */
export const LeaseSpecSchema = v.pipe(
  v.object({
    holderIdentity: v.optional(v.string()),
    leaseDurationSeconds: v.optional(int32()),
    acquireTime: v.optional(time()),
    renewTime: v.optional(time()),
    leaseTransitions: v.optional(int32()),
    strategy: v.optional(v.string()),
    preferredHolder: v.optional(v.string()),
  }),
  fieldDocs({
    holderIdentity:
      "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.",
    leaseDurationSeconds:
      "leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it. This is measured against the time of last observed renewTime.",
    acquireTime: "acquireTime is a time when the current lease was acquired.",
    renewTime: "renewTime is a time when the current holder of a lease has last updated the lease.",
    leaseTransitions: "leaseTransitions is the number of transitions of a lease between holders.",
    strategy:
      "strategy indicates the strategy for picking the leader for coordinated leader election. If the field is not specified, there is no active coordination for this lease. (Alpha) Using this field requires the CoordinatedLeaderElection feature gate to be enabled.",
    preferredHolder:
      "preferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up. This field can only be set if Strategy is also set.",
  }),
);

/**
 * LeaseSpec as TypeScript sees it (see {@link LeaseSpecSchema}).
 *
 * @example
 * ```ts
 * import type { LeaseSpec } from "@skiff/kinds";
 *
 * const value: LeaseSpec = {};
 * ```
 */
export type LeaseSpec = v.InferOutput<typeof LeaseSpecSchema>;

/**
 * Lease defines a lease concept.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { LeaseSchema } from "@skiff/kinds";
 *
 * v.parse(LeaseSchema, { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "node-1", namespace: "kube-node-lease" }, spec: { holderIdentity: "node-1", leaseDurationSeconds: 40 } });
 * ```
 */
export const LeaseSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(LeaseSpecSchema),
  }),
  v.description("Lease defines a lease concept."),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "metadata is the standard object metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "spec contains the specification of the Lease. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * Lease as TypeScript sees it (see {@link LeaseSchema}).
 *
 * @example
 * ```ts
 * import type { Lease } from "@skiff/kinds";
 *
 * const value: Lease = { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "node-1", namespace: "kube-node-lease" }, spec: { holderIdentity: "node-1", leaseDurationSeconds: 40 } };
 * ```
 */
export type Lease = v.InferOutput<typeof LeaseSchema>;
