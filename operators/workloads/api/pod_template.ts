/**
 * PodTemplateSpec (v1): the pods a workload creates, reusing core/kinds' PodSpec.
 *
 * Field descriptions are Kubernetes 1.32's API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go),
 * which `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, ObjectMetaSchema, PodSpecSchema } from "@skiff/kinds";

/**
 * PodTemplateSpec describes the data a pod should have when created from a template
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { PodTemplateSpecSchema } from "@skiff/workloads";
 *
 * v.parse(PodTemplateSpecSchema, { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } });
 * ```
 */
export const PodTemplateSpecSchema = v.pipe(
  v.object({
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(PodSpecSchema),
  }),
  fieldDocs({
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec:
      "Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
  }),
);

/**
 * PodTemplateSpec as TypeScript sees it (see {@link PodTemplateSpecSchema}).
 *
 * @example
 * ```ts
 * import type { PodTemplateSpec } from "@skiff/workloads";
 *
 * const value: PodTemplateSpec = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } };
 * ```
 */
export type PodTemplateSpec = v.InferOutput<typeof PodTemplateSpecSchema>;
