/**
 * The ServiceAccount kind (v1).
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api core/v1, types_swagger_doc_generated.go), which
 * `kubectl explain` prints; list, map and patch extensions follow the +listType/+listMapKey/+mapType markers and
 * patchStrategy/patchMergeKey tags of core/v1/types.go, so Skiff's OpenAPI matches Kubernetes'.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, k8s } from "../k8s.ts";
import { ObjectMetaSchema } from "./meta.ts";
import { LocalObjectReferenceSchema, ObjectReferenceSchema } from "./object_reference.ts";

/**
 * ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServiceAccountSchema } from "@skiff/kinds";
 *
 * v.parse(ServiceAccountSchema, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "builder", namespace: "default" } });
 * ```
 */
export const ServiceAccountSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    secrets: v.optional(
      v.pipe(
        v.array(ObjectReferenceSchema),
        k8s({
          "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
        }),
      ),
    ),
    imagePullSecrets: v.optional(
      v.pipe(v.array(LocalObjectReferenceSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    automountServiceAccountToken: v.optional(v.boolean()),
  }),
  v.description(
    "ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    secrets:
      'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret',
    imagePullSecrets:
      "ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount. ImagePullSecrets are distinct from Secrets because Secrets can be mounted in the pod, but ImagePullSecrets are only accessed by the kubelet. More info: https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod",
    automountServiceAccountToken:
      "AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted. Can be overridden at the pod level.",
  }),
);

/**
 * ServiceAccount as TypeScript sees it (see {@link ServiceAccountSchema}).
 *
 * @example
 * ```ts
 * import type { ServiceAccount } from "@skiff/kinds";
 *
 * const value: ServiceAccount = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "builder", namespace: "default" } };
 * ```
 */
export type ServiceAccount = v.InferOutput<typeof ServiceAccountSchema>;
