/**
 * The apiextensions.k8s.io/v1 CustomResourceDefinition kind. `openAPIV3Schema` is kept as an object with
 * `x-kubernetes-preserve-unknown-fields` rather than the recursive JSONSchemaProps: core/schema validates it as a
 * schema, and a recursive structural schema cannot be written without $ref.
 *
 * Field descriptions are the doc comments of k8s.io/apiextensions-apiserver apis/apiextensions/v1/types.go.
 *
 * @module
 */
import * as v from "valibot";
import { bytes, fieldDocs, int32, int64, k8s, preserveUnknownFields, time } from "../k8s.ts";
import { ObjectMetaSchema } from "./meta.ts";

/**
 * CustomResourceDefinitionNames indicates the names to serve this CustomResourceDefinition
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceDefinitionNamesSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceDefinitionNamesSchema, { plural: "widgets", kind: "Pod" });
 * ```
 */
export const CustomResourceDefinitionNamesSchema = v.pipe(
  v.object({
    plural: v.string(),
    singular: v.optional(v.string()),
    shortNames: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    kind: v.string(),
    listKind: v.optional(v.string()),
    categories: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
  }),
  fieldDocs({
    plural:
      "plural is the plural name of the resource to serve. The custom resources are served under `/apis/<group>/<version>/.../<plural>`. Must match the name of the CustomResourceDefinition (in the form `<names.plural>.<group>`). Must be all lowercase.",
    singular:
      "singular is the singular name of the resource. It must be all lowercase. Defaults to lowercased `kind`.",
    shortNames:
      "shortNames are short names for the resource, exposed in API discovery documents, and used by clients to support invocations like `kubectl get <shortname>`. It must be all lowercase.",
    kind:
      "kind is the serialized kind of the resource. It is normally CamelCase and singular. Custom resource instances will use this value as the `kind` attribute in API calls.",
    listKind: 'listKind is the serialized kind of the list for this resource. Defaults to "`kind`List".',
    categories:
      "categories is a list of grouped resources this custom resource belongs to (e.g. 'all'). This is published in API discovery documents, and used by clients to support invocations like `kubectl get all`.",
  }),
);

/**
 * CustomResourceDefinitionNames as TypeScript sees it (see {@link CustomResourceDefinitionNamesSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionNames } from "@skiff/kinds";
 *
 * const value: CustomResourceDefinitionNames = { plural: "widgets", kind: "Pod" };
 * ```
 */
export type CustomResourceDefinitionNames = v.InferOutput<typeof CustomResourceDefinitionNamesSchema>;

/**
 * CustomResourceValidation is a list of validation methods for CustomResources.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceValidationSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceValidationSchema, {});
 * ```
 */
export const CustomResourceValidationSchema = v.pipe(
  v.object({
    openAPIV3Schema: v.optional(preserveUnknownFields()),
  }),
  fieldDocs({
    openAPIV3Schema: "openAPIV3Schema is the OpenAPI v3 schema to use for validation and pruning.",
  }),
);

/**
 * CustomResourceValidation as TypeScript sees it (see {@link CustomResourceValidationSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceValidation } from "@skiff/kinds";
 *
 * const value: CustomResourceValidation = {};
 * ```
 */
export type CustomResourceValidation = v.InferOutput<typeof CustomResourceValidationSchema>;

/**
 * CustomResourceSubresourceStatus defines how to serve the status subresource for CustomResources. Status is represented by the `.status` JSON path inside of a CustomResource. When set, * exposes a /status subresource for the custom resource * PUT requests to the /status subresource take a custom resource object, and ignore changes to anything except the status stanza * PUT/POST/PATCH requests to the custom resource ignore changes to the status stanza
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceSubresourceStatusSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceSubresourceStatusSchema, {});
 * ```
 */
export const CustomResourceSubresourceStatusSchema = v.object({});

/**
 * CustomResourceSubresourceStatus as TypeScript sees it (see {@link CustomResourceSubresourceStatusSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceSubresourceStatus } from "@skiff/kinds";
 *
 * const value: CustomResourceSubresourceStatus = {};
 * ```
 */
export type CustomResourceSubresourceStatus = v.InferOutput<typeof CustomResourceSubresourceStatusSchema>;

/**
 * CustomResourceSubresourceScale defines how to serve the scale subresource for CustomResources.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceSubresourceScaleSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceSubresourceScaleSchema, { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" });
 * ```
 */
export const CustomResourceSubresourceScaleSchema = v.pipe(
  v.object({
    specReplicasPath: v.string(),
    statusReplicasPath: v.string(),
    labelSelectorPath: v.optional(v.string()),
  }),
  fieldDocs({
    specReplicasPath:
      "specReplicasPath defines the JSON path inside of a custom resource that corresponds to Scale `spec.replicas`. Only JSON paths without the array notation are allowed. Must be a JSON Path under `.spec`. If there is no value under the given path in the custom resource, the `/scale` subresource will return an error on GET.",
    statusReplicasPath:
      "statusReplicasPath defines the JSON path inside of a custom resource that corresponds to Scale `status.replicas`. Only JSON paths without the array notation are allowed. Must be a JSON Path under `.status`. If there is no value under the given path in the custom resource, the `status.replicas` value in the `/scale` subresource will default to 0.",
    labelSelectorPath:
      "labelSelectorPath defines the JSON path inside of a custom resource that corresponds to Scale `status.selector`. Only JSON paths without the array notation are allowed. Must be a JSON Path under `.status` or `.spec`. Must be set to work with HorizontalPodAutoscaler. The field pointed by this JSON path must be a string field (not a complex selector struct) which contains a serialized label selector in string form. More info: https://kubernetes.io/docs/tasks/access-kubernetes-api/custom-resources/custom-resource-definitions#scale-subresource If there is no value under the given path in the custom resource, the `status.selector` value in the `/scale` subresource will default to the empty string.",
  }),
);

/**
 * CustomResourceSubresourceScale as TypeScript sees it (see {@link CustomResourceSubresourceScaleSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceSubresourceScale } from "@skiff/kinds";
 *
 * const value: CustomResourceSubresourceScale = { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" };
 * ```
 */
export type CustomResourceSubresourceScale = v.InferOutput<typeof CustomResourceSubresourceScaleSchema>;

/**
 * CustomResourceSubresources defines the status and scale subresources for CustomResources.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceSubresourcesSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceSubresourcesSchema, {});
 * ```
 */
export const CustomResourceSubresourcesSchema = v.pipe(
  v.object({
    status: v.optional(CustomResourceSubresourceStatusSchema),
    scale: v.optional(CustomResourceSubresourceScaleSchema),
  }),
  fieldDocs({
    status:
      "status indicates the custom resource should serve a `/status` subresource. When enabled: 1. requests to the custom resource primary endpoint ignore changes to the `status` stanza of the object. 2. requests to the custom resource `/status` subresource ignore changes to anything other than the `status` stanza of the object.",
    scale:
      "scale indicates the custom resource should serve a `/scale` subresource that returns an `autoscaling/v1` Scale object.",
  }),
);

/**
 * CustomResourceSubresources as TypeScript sees it (see {@link CustomResourceSubresourcesSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceSubresources } from "@skiff/kinds";
 *
 * const value: CustomResourceSubresources = {};
 * ```
 */
export type CustomResourceSubresources = v.InferOutput<typeof CustomResourceSubresourcesSchema>;

/**
 * CustomResourceColumnDefinition specifies a column for server side printing.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceColumnDefinitionSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceColumnDefinitionSchema, { name: "web", type: "Ready", jsonPath: ".spec.size" });
 * ```
 */
export const CustomResourceColumnDefinitionSchema = v.pipe(
  v.object({
    name: v.string(),
    type: v.string(),
    format: v.optional(v.string()),
    description: v.optional(v.string()),
    priority: v.optional(int32()),
    jsonPath: v.string(),
  }),
  fieldDocs({
    name: "name is a human readable name for the column.",
    type:
      "type is an OpenAPI type definition for this column. See https://github.com/OAI/OpenAPI-Specification/blob/master/versions/2.0.md#data-types for details.",
    format:
      "format is an optional OpenAPI type definition for this column. The 'name' format is applied to the primary identifier column to assist in clients identifying column is the resource name. See https://github.com/OAI/OpenAPI-Specification/blob/master/versions/2.0.md#data-types for details.",
    description: "description is a human readable description of this column.",
    priority:
      "priority is an integer defining the relative importance of this column compared to others. Lower numbers are considered higher priority. Columns that may be omitted in limited space scenarios should be given a priority greater than 0.",
    jsonPath:
      "jsonPath is a simple JSON path (i.e. with array notation) which is evaluated against each custom resource to produce the value for this column.",
  }),
);

/**
 * CustomResourceColumnDefinition as TypeScript sees it (see {@link CustomResourceColumnDefinitionSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceColumnDefinition } from "@skiff/kinds";
 *
 * const value: CustomResourceColumnDefinition = { name: "web", type: "Ready", jsonPath: ".spec.size" };
 * ```
 */
export type CustomResourceColumnDefinition = v.InferOutput<typeof CustomResourceColumnDefinitionSchema>;

/**
 * SelectableField specifies the JSON path of a field that may be used with field selectors.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { SelectableFieldSchema } from "@skiff/kinds";
 *
 * v.parse(SelectableFieldSchema, { jsonPath: ".spec.size" });
 * ```
 */
export const SelectableFieldSchema = v.pipe(
  v.object({
    jsonPath: v.string(),
  }),
  fieldDocs({
    jsonPath:
      "jsonPath is a simple JSON path which is evaluated against each custom resource to produce a field selector value. Only JSON paths without the array notation are allowed. Must point to a field of type string, boolean or integer. Types with enum values and strings with formats are allowed. If jsonPath refers to absent field in a resource, the jsonPath evaluates to an empty string. Must not point to metdata fields. Required.",
  }),
);

/**
 * SelectableField as TypeScript sees it (see {@link SelectableFieldSchema}).
 *
 * @example
 * ```ts
 * import type { SelectableField } from "@skiff/kinds";
 *
 * const value: SelectableField = { jsonPath: ".spec.size" };
 * ```
 */
export type SelectableField = v.InferOutput<typeof SelectableFieldSchema>;

/**
 * CustomResourceDefinitionVersion describes a version for CRD.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceDefinitionVersionSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceDefinitionVersionSchema, { name: "web", served: true, storage: true });
 * ```
 */
export const CustomResourceDefinitionVersionSchema = v.pipe(
  v.object({
    name: v.string(),
    served: v.boolean(),
    storage: v.boolean(),
    deprecated: v.optional(v.boolean()),
    deprecationWarning: v.optional(v.string()),
    schema: v.optional(CustomResourceValidationSchema),
    subresources: v.optional(CustomResourceSubresourcesSchema),
    additionalPrinterColumns: v.optional(
      v.pipe(v.array(CustomResourceColumnDefinitionSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
    selectableFields: v.optional(
      v.pipe(v.array(SelectableFieldSchema), k8s({ "x-kubernetes-list-type": "atomic" })),
    ),
  }),
  fieldDocs({
    name:
      "name is the version name, e.g. “v1”, “v2beta1”, etc. The custom resources are served under this version at `/apis/<group>/<version>/...` if `served` is true.",
    served: "served is a flag enabling/disabling this version from being served via REST APIs",
    storage:
      "storage indicates this version should be used when persisting custom resources to storage. There must be exactly one version with storage=true.",
    deprecated:
      "deprecated indicates this version of the custom resource API is deprecated. When set to true, API requests to this version receive a warning header in the server response. Defaults to false.",
    deprecationWarning:
      "deprecationWarning overrides the default warning returned to API clients. May only be set when `deprecated` is true. The default warning indicates this version is deprecated and recommends use of the newest served version of equal or greater stability, if one exists.",
    schema:
      "schema describes the schema used for validation, pruning, and defaulting of this version of the custom resource.",
    subresources: "subresources specify what subresources this version of the defined custom resource have.",
    additionalPrinterColumns:
      "additionalPrinterColumns specifies additional columns returned in Table output. See https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables for details. If no columns are specified, a single column displaying the age of the custom resource is used.",
    selectableFields:
      "selectableFields specifies paths to fields that may be used as field selectors. A maximum of 8 selectable fields are allowed. See https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors",
  }),
);

/**
 * CustomResourceDefinitionVersion as TypeScript sees it (see {@link CustomResourceDefinitionVersionSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionVersion } from "@skiff/kinds";
 *
 * const value: CustomResourceDefinitionVersion = { name: "web", served: true, storage: true };
 * ```
 */
export type CustomResourceDefinitionVersion = v.InferOutput<typeof CustomResourceDefinitionVersionSchema>;

/**
 * ServiceReference holds a reference to Service.legacy.k8s.io
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ServiceReferenceSchema } from "@skiff/kinds";
 *
 * v.parse(ServiceReferenceSchema, { namespace: "default", name: "web" });
 * ```
 */
export const ServiceReferenceSchema = v.pipe(
  v.object({
    namespace: v.string(),
    name: v.string(),
    path: v.optional(v.string()),
    port: v.optional(v.pipe(int32(), k8s({ default: 443 }))),
  }),
  fieldDocs({
    namespace: "namespace is the namespace of the service. Required",
    name: "name is the name of the service. Required",
    path: "path is an optional URL path at which the webhook will be contacted.",
    port:
      "port is an optional service port at which the webhook will be contacted. `port` should be a valid port number (1-65535, inclusive). Defaults to 443 for backward compatibility.",
  }),
);

/**
 * ServiceReference as TypeScript sees it (see {@link ServiceReferenceSchema}).
 *
 * @example
 * ```ts
 * import type { ServiceReference } from "@skiff/kinds";
 *
 * const value: ServiceReference = { namespace: "default", name: "web" };
 * ```
 */
export type ServiceReference = v.InferOutput<typeof ServiceReferenceSchema>;

/**
 * WebhookClientConfig contains the information to make a TLS connection with the webhook.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { WebhookClientConfigSchema } from "@skiff/kinds";
 *
 * v.parse(WebhookClientConfigSchema, {});
 * ```
 */
export const WebhookClientConfigSchema = v.pipe(
  v.object({
    url: v.optional(v.string()),
    service: v.optional(ServiceReferenceSchema),
    caBundle: v.optional(bytes()),
  }),
  fieldDocs({
    url:
      'url gives the location of the webhook, in standard URL form (`scheme://host:port/path`). Exactly one of `url` or `service` must be specified.\n\nThe `host` should not refer to a service running in the cluster; use the `service` field instead. The host might be resolved via external DNS in some apiservers (e.g., `kube-apiserver` cannot resolve in-cluster DNS as that would be a layering violation). `host` may also be an IP address.\n\nPlease note that using `localhost` or `127.0.0.1` as a `host` is risky unless you take great care to run this webhook on all hosts which run an apiserver which might need to make calls to this webhook. Such installs are likely to be non-portable, i.e., not easy to turn up in a new cluster.\n\nThe scheme must be "https"; the URL must begin with "https://".\n\nA path is optional, and if present may be any string permissible in a URL. You may use the path to pass an arbitrary string to the webhook, for example, a cluster identifier.\n\nAttempting to use a user or basic auth e.g. "user:password@" is not allowed. Fragments ("#...") and query parameters ("?...") are not allowed, either.',
    service:
      "service is a reference to the service for this webhook. Either service or url must be specified.\n\nIf the webhook is running within the cluster, then you should use `service`.",
    caBundle:
      "caBundle is a PEM encoded CA bundle which will be used to validate the webhook's server certificate. If unspecified, system trust roots on the apiserver are used.",
  }),
);

/**
 * WebhookClientConfig as TypeScript sees it (see {@link WebhookClientConfigSchema}).
 *
 * @example
 * ```ts
 * import type { WebhookClientConfig } from "@skiff/kinds";
 *
 * const value: WebhookClientConfig = {};
 * ```
 */
export type WebhookClientConfig = v.InferOutput<typeof WebhookClientConfigSchema>;

/**
 * WebhookConversion describes how to call a conversion webhook
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { WebhookConversionSchema } from "@skiff/kinds";
 *
 * v.parse(WebhookConversionSchema, { conversionReviewVersions: ["conversionReviewVersions"] });
 * ```
 */
export const WebhookConversionSchema = v.pipe(
  v.object({
    clientConfig: v.optional(WebhookClientConfigSchema),
    conversionReviewVersions: v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" })),
  }),
  fieldDocs({
    clientConfig: "clientConfig is the instructions for how to call the webhook if strategy is `Webhook`.",
    conversionReviewVersions:
      "conversionReviewVersions is an ordered list of preferred `ConversionReview` versions the Webhook expects. The API server will use the first version in the list which it supports. If none of the versions specified in this list are supported by API server, conversion will fail for the custom resource. If a persisted Webhook configuration specifies allowed versions and does not include any versions known to the API Server, calls to the webhook will fail.",
  }),
);

/**
 * WebhookConversion as TypeScript sees it (see {@link WebhookConversionSchema}).
 *
 * @example
 * ```ts
 * import type { WebhookConversion } from "@skiff/kinds";
 *
 * const value: WebhookConversion = { conversionReviewVersions: ["conversionReviewVersions"] };
 * ```
 */
export type WebhookConversion = v.InferOutput<typeof WebhookConversionSchema>;

/**
 * CustomResourceConversion describes how to convert different versions of a CR.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceConversionSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceConversionSchema, { strategy: "strategy" });
 * ```
 */
export const CustomResourceConversionSchema = v.pipe(
  v.object({
    strategy: v.string(),
    webhook: v.optional(WebhookConversionSchema),
  }),
  fieldDocs({
    strategy:
      'strategy specifies how custom resources are converted between versions. Allowed values are: - `"None"`: The converter only change the apiVersion and would not touch any other field in the custom resource. - `"Webhook"`: API Server will call to an external webhook to do the conversion. Additional information\n  is needed for this option. This requires spec.preserveUnknownFields to be false, and spec.conversion.webhook to be set.',
    webhook:
      'webhook describes how to call the conversion webhook. Required when `strategy` is set to `"Webhook"`.',
  }),
);

/**
 * CustomResourceConversion as TypeScript sees it (see {@link CustomResourceConversionSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceConversion } from "@skiff/kinds";
 *
 * const value: CustomResourceConversion = { strategy: "strategy" };
 * ```
 */
export type CustomResourceConversion = v.InferOutput<typeof CustomResourceConversionSchema>;

/**
 * CustomResourceDefinitionSpec describes how a user wants their resource to appear
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceDefinitionSpecSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceDefinitionSpecSchema, { group: "example.com", names: { plural: "widgets", kind: "Pod" }, scope: "scope", versions: [{ name: "web", served: true, storage: true }] });
 * ```
 */
export const CustomResourceDefinitionSpecSchema = v.pipe(
  v.object({
    group: v.string(),
    names: CustomResourceDefinitionNamesSchema,
    scope: v.string(),
    versions: v.pipe(
      v.array(CustomResourceDefinitionVersionSchema),
      k8s({ "x-kubernetes-list-type": "atomic" }),
    ),
    conversion: v.optional(v.pipe(CustomResourceConversionSchema, k8s({ default: { strategy: "None" } }))),
    preserveUnknownFields: v.optional(v.boolean()),
  }),
  fieldDocs({
    group:
      "group is the API group of the defined custom resource. The custom resources are served under `/apis/<group>/...`. Must match the name of the CustomResourceDefinition (in the form `<names.plural>.<group>`).",
    names: "names specify the resource and kind names for the custom resource.",
    scope:
      "scope indicates whether the defined custom resource is cluster- or namespace-scoped. Allowed values are `Cluster` and `Namespaced`.",
    versions:
      'versions is the list of all API versions of the defined custom resource. Version names are used to compute the order in which served versions are listed in API discovery. If the version string is "kube-like", it will sort above non "kube-like" version strings, which are ordered lexicographically. "Kube-like" versions start with a "v", then are followed by a number (the major version), then optionally the string "alpha" or "beta" and another number (the minor version). These are sorted first by GA > beta > alpha (where GA is a version with no suffix such as beta or alpha), and then by comparing major version, then minor version. An example sorted list of versions: v10, v2, v1, v11beta2, v10beta3, v3beta1, v12alpha1, v11alpha2, foo1, foo10.',
    conversion: "conversion defines conversion settings for the CRD.",
    preserveUnknownFields:
      "preserveUnknownFields indicates that object fields which are not specified in the OpenAPI schema should be preserved when persisting to storage. apiVersion, kind, metadata and known fields inside metadata are always preserved. This field is deprecated in favor of setting `x-preserve-unknown-fields` to true in `spec.versions[*].schema.openAPIV3Schema`. See https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning for details.",
  }),
);

/**
 * CustomResourceDefinitionSpec as TypeScript sees it (see {@link CustomResourceDefinitionSpecSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionSpec } from "@skiff/kinds";
 *
 * const value: CustomResourceDefinitionSpec = { group: "example.com", names: { plural: "widgets", kind: "Pod" }, scope: "scope", versions: [{ name: "web", served: true, storage: true }] };
 * ```
 */
export type CustomResourceDefinitionSpec = v.InferOutput<typeof CustomResourceDefinitionSpecSchema>;

/**
 * CustomResourceDefinitionCondition contains details for the current condition of this pod.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceDefinitionConditionSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceDefinitionConditionSchema, { type: "Ready", status: "True" });
 * ```
 */
export const CustomResourceDefinitionConditionSchema = v.pipe(
  v.object({
    type: v.string(),
    status: v.string(),
    lastTransitionTime: v.optional(time()),
    reason: v.optional(v.string()),
    message: v.optional(v.string()),
    observedGeneration: v.optional(int64()),
  }),
  fieldDocs({
    type: "type is the type of the condition. Types include Established, NamesAccepted and Terminating.",
    status: "status is the status of the condition. Can be True, False, Unknown.",
    lastTransitionTime: "lastTransitionTime last time the condition transitioned from one status to another.",
    reason: "reason is a unique, one-word, CamelCase reason for the condition's last transition.",
    message: "message is a human-readable message indicating details about last transition.",
    observedGeneration:
      "observedGeneration represents the .metadata.generation that the condition was set based upon. For instance, if .metadata.generation is currently 12, but the .status.conditions[x].observedGeneration is 9, the condition is out of date with respect to the current state of the instance.",
  }),
);

/**
 * CustomResourceDefinitionCondition as TypeScript sees it (see {@link CustomResourceDefinitionConditionSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionCondition } from "@skiff/kinds";
 *
 * const value: CustomResourceDefinitionCondition = { type: "Ready", status: "True" };
 * ```
 */
export type CustomResourceDefinitionCondition = v.InferOutput<typeof CustomResourceDefinitionConditionSchema>;

/**
 * CustomResourceDefinitionStatus indicates the state of the CustomResourceDefinition
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceDefinitionStatusSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceDefinitionStatusSchema, {});
 * ```
 */
export const CustomResourceDefinitionStatusSchema = v.pipe(
  v.object({
    conditions: v.optional(
      v.pipe(
        v.array(CustomResourceDefinitionConditionSchema),
        k8s({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"] }),
      ),
    ),
    acceptedNames: v.optional(CustomResourceDefinitionNamesSchema),
    storedVersions: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    observedGeneration: v.optional(int64()),
  }),
  fieldDocs({
    conditions: "conditions indicate state for particular aspects of a CustomResourceDefinition",
    acceptedNames:
      "acceptedNames are the names that are actually being used to serve discovery. They may be different than the names in spec.",
    storedVersions:
      "storedVersions lists all versions of CustomResources that were ever persisted. Tracking these versions allows a migration path for stored versions in etcd. The field is mutable so a migration controller can finish a migration to another version (ensuring no old objects are left in storage), and then remove the rest of the versions from this list. Versions may not be removed from `spec.versions` while they exist in this list.",
    observedGeneration: "The generation observed by the CRD controller.",
  }),
);

/**
 * CustomResourceDefinitionStatus as TypeScript sees it (see {@link CustomResourceDefinitionStatusSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionStatus } from "@skiff/kinds";
 *
 * const value: CustomResourceDefinitionStatus = {};
 * ```
 */
export type CustomResourceDefinitionStatus = v.InferOutput<typeof CustomResourceDefinitionStatusSchema>;

/**
 * CustomResourceDefinition represents a resource that should be exposed on the API server.  Its name MUST be in the format <.spec.name>.<.spec.group>.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { CustomResourceDefinitionSchema } from "@skiff/kinds";
 *
 * v.parse(CustomResourceDefinitionSchema, { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" }, spec: { group: "example.com", names: { plural: "widgets", kind: "Widget" }, scope: "Namespaced", versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }] } });
 * ```
 */
export const CustomResourceDefinitionSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: CustomResourceDefinitionSpecSchema,
    status: v.optional(CustomResourceDefinitionStatusSchema),
  }),
  v.description(
    "CustomResourceDefinition represents a resource that should be exposed on the API server.  Its name MUST be in the format <.spec.name>.<.spec.group>.",
  ),
  fieldDocs({
    apiVersion:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    kind:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    metadata:
      "Standard object's metadata More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec: "spec describes how the user wants the resources to appear",
    status: "status indicates the actual state of the CustomResourceDefinition",
  }),
);

/**
 * CustomResourceDefinition as TypeScript sees it (see {@link CustomResourceDefinitionSchema}).
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinition } from "@skiff/kinds";
 *
 * const value: CustomResourceDefinition = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" }, spec: { group: "example.com", names: { plural: "widgets", kind: "Widget" }, scope: "Namespaced", versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }] } };
 * ```
 */
export type CustomResourceDefinition = v.InferOutput<typeof CustomResourceDefinitionSchema>;
