/**
 * The admissionregistration.k8s.io/v1 kinds that configure dynamic admission webhooks:
 * ValidatingWebhookConfiguration and MutatingWebhookConfiguration (both cluster-scoped).
 *
 * Field descriptions are Kubernetes' API documentation (k8s.io/api admissionregistration/v1,
 * types_swagger_doc_generated.go); defaults are those of admissionregistration/v1/defaults.go (failurePolicy
 * Fail, matchPolicy Equivalent, empty selectors, timeoutSeconds 10, reinvocationPolicy Never, rule scope "*",
 * service port 443). matchConditions (CEL) are not served yet.
 *
 * @module
 */
import * as v from "valibot";
import { bytes, fieldDocs, int32, k8s } from "../k8s.ts";
import { LabelSelectorSchema, ObjectMetaSchema } from "./meta.ts";

/**
 * RuleWithOperations is a tuple of Operations and Resources. It is recommended to make sure that all the tuple expansions are valid.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { RuleWithOperationsSchema } from "@skiff/kinds";
 *
 * v.parse(RuleWithOperationsSchema, { operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] });
 * ```
 */
export const RuleWithOperationsSchema = v.pipe(
  v.object({
    operations: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    apiGroups: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    apiVersions: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    resources: v.optional(v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" }))),
    scope: v.optional(v.pipe(v.string(), k8s({ default: "*" }))),
  }),
  fieldDocs({
    operations:
      "Operations is the operations the admission hook cares about - CREATE, UPDATE, DELETE, CONNECT or * for all of those operations and any future admission operations that are added. If '*' is present, the length of the slice must be one. Required.",
    apiGroups:
      "APIGroups is the API groups the resources belong to. '*' is all groups. If '*' is present, the length of the slice must be one. Required.",
    apiVersions:
      "APIVersions is the API versions the resources belong to. '*' is all versions. If '*' is present, the length of the slice must be one. Required.",
    resources:
      "Resources is a list of resources this rule applies to.\n\nFor example: 'pods' means pods. 'pods/log' means the log subresource of pods. '*' means all resources, but not subresources. 'pods/*' means all subresources of pods. '*/scale' means all scale subresources. '*/*' means all resources and their subresources.\n\nIf wildcard is present, the validation rule will ensure resources do not overlap with each other.\n\nDepending on the enclosing object, subresources might not be allowed. Required.",
    scope:
      'scope specifies the scope of this rule. Valid values are "Cluster", "Namespaced", and "*" "Cluster" means that only cluster-scoped resources will match this rule. Namespace API objects are cluster-scoped. "Namespaced" means that only namespaced resources will match this rule. "*" means that there are no scope restrictions. Subresources match the scope of their parent resource. Default is "*".',
  }),
);

/**
 * RuleWithOperations as TypeScript sees it (see {@link RuleWithOperationsSchema}).
 *
 * @example
 * ```ts
 * import type { RuleWithOperations } from "@skiff/kinds";
 *
 * const rule: RuleWithOperations = { operations: ["*"], apiGroups: ["*"], apiVersions: ["*"], resources: ["pods/status"] };
 * ```
 */
export type RuleWithOperations = v.InferOutput<typeof RuleWithOperationsSchema>;

/**
 * ServiceReference holds a reference to Service.legacy.k8s.io
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { AdmissionServiceReferenceSchema } from "@skiff/kinds";
 *
 * v.parse(AdmissionServiceReferenceSchema, { namespace: "default", name: "hooks", path: "/validate" });
 * ```
 */
export const AdmissionServiceReferenceSchema = v.pipe(
  v.object({
    namespace: v.string(),
    name: v.string(),
    path: v.optional(v.string()),
    port: v.optional(v.pipe(int32(), k8s({ default: 443 }))),
  }),
  fieldDocs({
    namespace: "`namespace` is the namespace of the service. Required",
    name: "`name` is the name of the service. Required",
    path: "`path` is an optional URL path which will be sent in any request to this service.",
    port:
      "If specified, the port on the service that hosting webhook. Default to 443 for backward compatibility. `port` should be a valid port number (1-65535, inclusive).",
  }),
);

/**
 * WebhookClientConfig contains the information to make a TLS connection with the webhook
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { AdmissionWebhookClientConfigSchema } from "@skiff/kinds";
 *
 * v.parse(AdmissionWebhookClientConfigSchema, { url: "https://hooks.example.com/validate" });
 * ```
 */
export const AdmissionWebhookClientConfigSchema = v.pipe(
  v.object({
    url: v.optional(v.string()),
    service: v.optional(AdmissionServiceReferenceSchema),
    caBundle: v.optional(bytes()),
  }),
  fieldDocs({
    url:
      '`url` gives the location of the webhook, in standard URL form (`scheme://host:port/path`). Exactly one of `url` or `service` must be specified.\n\nThe `host` should not refer to a service running in the cluster; use the `service` field instead. The host might be resolved via external DNS in some apiservers (e.g., `kube-apiserver` cannot resolve in-cluster DNS as that would be a layering violation). `host` may also be an IP address.\n\nPlease note that using `localhost` or `127.0.0.1` as a `host` is risky unless you take great care to run this webhook on all hosts which run an apiserver which might need to make calls to this webhook. Such installs are likely to be non-portable, i.e., not easy to turn up in a new cluster.\n\nThe scheme must be "https"; the URL must begin with "https://".\n\nA path is optional, and if present may be any string permissible in a URL. You may use the path to pass an arbitrary string to the webhook, for example, a cluster identifier.\n\nAttempting to use a user or basic auth e.g. "user:password@" is not allowed. Fragments ("#...") and query parameters ("?...") are not allowed, either.',
    service:
      "`service` is a reference to the service for this webhook. Either `service` or `url` must be specified.\n\nIf the webhook is running within the cluster, then you should use `service`.",
    caBundle:
      "`caBundle` is a PEM encoded CA bundle which will be used to validate the webhook's server certificate. If unspecified, system trust roots on the apiserver are used.",
  }),
);

/**
 * AdmissionWebhookClientConfig as TypeScript sees it (see {@link AdmissionWebhookClientConfigSchema}).
 *
 * @example
 * ```ts
 * import type { AdmissionWebhookClientConfig } from "@skiff/kinds";
 *
 * const config: AdmissionWebhookClientConfig = { url: "https://hooks.example.com/validate" };
 * ```
 */
export type AdmissionWebhookClientConfig = v.InferOutput<typeof AdmissionWebhookClientConfigSchema>;

const NAME_DOC =
  'The name of the admission webhook. Name should be fully qualified, e.g., imagepolicy.kubernetes.io, where "imagepolicy" is the name of the webhook, and kubernetes.io is the name of the organization. Required.';
const RULES_DOC =
  "Rules describes what operations on what resources/subresources the webhook cares about. The webhook cares about an operation if it matches _any_ Rule. However, in order to prevent ValidatingAdmissionWebhooks and MutatingAdmissionWebhooks from putting the cluster in a state which cannot be recovered from without completely disabling the plugin, ValidatingAdmissionWebhooks and MutatingAdmissionWebhooks are never called on admission requests for ValidatingWebhookConfiguration and MutatingWebhookConfiguration objects.";
const MATCH_POLICY_DOC =
  'matchPolicy defines how the "rules" list is used to match incoming requests. Allowed values are "Exact" or "Equivalent".\n\n- Exact: match a request only if it exactly matches a specified rule. For example, if deployments can be modified via apps/v1, apps/v1beta1, and extensions/v1beta1, but "rules" only included `apiGroups:["apps"], apiVersions:["v1"], resources: ["deployments"]`, a request to apps/v1beta1 or extensions/v1beta1 would not be sent to the webhook.\n\n- Equivalent: match a request if modifies a resource listed in rules, even via another API group or version. For example, if deployments can be modified via apps/v1, apps/v1beta1, and extensions/v1beta1, and "rules" only included `apiGroups:["apps"], apiVersions:["v1"], resources: ["deployments"]`, a request to apps/v1beta1 or extensions/v1beta1 would be converted to apps/v1 and sent to the webhook.\n\nDefaults to "Equivalent"';
const NAMESPACE_SELECTOR_DOC =
  'NamespaceSelector decides whether to run the webhook on an object based on whether the namespace for that object matches the selector. If the object itself is a namespace, the matching is performed on object.metadata.labels. If the object is another cluster scoped resource, it never skips the webhook.\n\nFor example, to run the webhook on any objects whose namespace is not associated with "runlevel" of "0" or "1";  you will set the selector as follows: "namespaceSelector": {\n  "matchExpressions": [\n    {\n      "key": "runlevel",\n      "operator": "NotIn",\n      "values": [\n        "0",\n        "1"\n      ]\n    }\n  ]\n}\n\nIf instead you want to only run the webhook on any objects whose namespace is associated with the "environment" of "prod" or "staging"; you will set the selector as follows: "namespaceSelector": {\n  "matchExpressions": [\n    {\n      "key": "environment",\n      "operator": "In",\n      "values": [\n        "prod",\n        "staging"\n      ]\n    }\n  ]\n}\n\nSee https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/ for more examples of label selectors.\n\nDefault to the empty LabelSelector, which matches everything.';
const OBJECT_SELECTOR_DOC =
  "ObjectSelector decides whether to run the webhook based on if the object has matching labels. objectSelector is evaluated against both the oldObject and newObject that would be sent to the webhook, and is considered to match if either object matches the selector. A null object (oldObject in the case of create, or newObject in the case of delete) or an object that cannot have labels (like a DeploymentRollback or a PodProxyOptions object) is not considered to match. Use the object selector only if the webhook is opt-in, because end users may skip the admission webhook by setting the labels. Default to the empty LabelSelector, which matches everything.";
const SIDE_EFFECTS_DOC =
  "SideEffects states whether this webhook has side effects. Acceptable values are: None, NoneOnDryRun (webhooks created via v1beta1 may also specify Some or Unknown). Webhooks with side effects MUST implement a reconciliation system, since a request may be rejected by a future step in the admission chain and the side effects therefore need to be undone. Requests with the dryRun attribute will be auto-rejected if they match a webhook with sideEffects == Unknown or Some.";
const TIMEOUT_DOC =
  "TimeoutSeconds specifies the timeout for this webhook. After the timeout passes, the webhook call will be ignored or the API call will fail based on the failure policy. The timeout value must be between 1 and 30 seconds. Default to 10 seconds.";
const REVIEW_VERSIONS_DOC =
  "AdmissionReviewVersions is an ordered list of preferred `AdmissionReview` versions the Webhook expects. API server will try to use first version in the list which it supports. If none of the versions specified in this list supported by API server, validation will fail for this object. If a persisted webhook configuration specifies allowed versions and does not include any versions known to the API Server, calls to the webhook will fail and be subject to the failure policy.";
const REINVOCATION_DOC =
  'reinvocationPolicy indicates whether this webhook should be called multiple times as part of a single admission evaluation. Allowed values are "Never" and "IfNeeded".\n\nNever: the webhook will not be called more than once in a single admission evaluation.\n\nIfNeeded: the webhook will be called at least one additional time as part of the admission evaluation if the object being admitted is modified by other admission plugins after the initial webhook call. Webhooks that specify this option *must* be idempotent, able to process objects they previously admitted. Note: * the number of additional invocations is not guaranteed to be exactly one. * if additional invocations result in further modifications to the object, webhooks are not guaranteed to be invoked again. * webhooks that use this option may be reordered to minimize the number of additional invocations. * to validate an object after all mutations are guaranteed complete, use a validating admission webhook instead.\n\nDefaults to "Never".';

/** The fields both webhook kinds share. */
const webhookFields = {
  name: v.string(),
  clientConfig: AdmissionWebhookClientConfigSchema,
  rules: v.optional(v.pipe(v.array(RuleWithOperationsSchema), k8s({ "x-kubernetes-list-type": "atomic" }))),
  failurePolicy: v.optional(v.pipe(v.picklist(["Fail", "Ignore"]), k8s({ default: "Fail" }))),
  matchPolicy: v.optional(v.pipe(v.picklist(["Equivalent", "Exact"]), k8s({ default: "Equivalent" }))),
  namespaceSelector: v.optional(v.pipe(LabelSelectorSchema, k8s({ default: {} }))),
  objectSelector: v.optional(v.pipe(LabelSelectorSchema, k8s({ default: {} }))),
  // Not an enum in the schema: v1beta1 values ("Some", "Unknown") reach validation and get its message.
  sideEffects: v.optional(v.string()),
  timeoutSeconds: v.optional(v.pipe(int32(), k8s({ default: 10 }))),
  admissionReviewVersions: v.optional(
    v.pipe(v.array(v.string()), k8s({ "x-kubernetes-list-type": "atomic" })),
  ),
};

const webhookDocs = {
  name: NAME_DOC,
  clientConfig: "ClientConfig defines how to communicate with the hook. Required",
  rules: RULES_DOC,
  failurePolicy:
    "FailurePolicy defines how unrecognized errors from the admission endpoint are handled - allowed values are Ignore or Fail. Defaults to Fail.",
  matchPolicy: MATCH_POLICY_DOC,
  namespaceSelector: NAMESPACE_SELECTOR_DOC,
  objectSelector: OBJECT_SELECTOR_DOC,
  sideEffects: SIDE_EFFECTS_DOC,
  timeoutSeconds: TIMEOUT_DOC,
  admissionReviewVersions: REVIEW_VERSIONS_DOC,
};

/**
 * ValidatingWebhook describes an admission webhook and the resources and operations it applies to.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ValidatingWebhookSchema } from "@skiff/kinds";
 *
 * v.parse(ValidatingWebhookSchema, { name: "pods.hooks.example.com", clientConfig: { url: "https://hooks.example.com" }, sideEffects: "None", admissionReviewVersions: ["v1"] });
 * ```
 */
export const ValidatingWebhookSchema = v.pipe(
  v.object(webhookFields),
  v.description(
    "ValidatingWebhook describes an admission webhook and the resources and operations it applies to.",
  ),
  fieldDocs(webhookDocs),
);

/**
 * ValidatingWebhook as TypeScript sees it (see {@link ValidatingWebhookSchema}).
 *
 * @example
 * ```ts
 * import type { ValidatingWebhook } from "@skiff/kinds";
 *
 * const hook: ValidatingWebhook = { name: "pods.hooks.example.com", clientConfig: { url: "https://hooks.example.com" } };
 * ```
 */
export type ValidatingWebhook = v.InferOutput<typeof ValidatingWebhookSchema>;

/**
 * MutatingWebhook describes an admission webhook and the resources and operations it applies to.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { MutatingWebhookSchema } from "@skiff/kinds";
 *
 * v.parse(MutatingWebhookSchema, { name: "pods.hooks.example.com", clientConfig: { url: "https://hooks.example.com" }, sideEffects: "None", admissionReviewVersions: ["v1"], reinvocationPolicy: "IfNeeded" });
 * ```
 */
export const MutatingWebhookSchema = v.pipe(
  v.object({
    ...webhookFields,
    reinvocationPolicy: v.optional(v.pipe(v.picklist(["IfNeeded", "Never"]), k8s({ default: "Never" }))),
  }),
  v.description(
    "MutatingWebhook describes an admission webhook and the resources and operations it applies to.",
  ),
  fieldDocs({ ...webhookDocs, reinvocationPolicy: REINVOCATION_DOC }),
);

/**
 * MutatingWebhook as TypeScript sees it (see {@link MutatingWebhookSchema}).
 *
 * @example
 * ```ts
 * import type { MutatingWebhook } from "@skiff/kinds";
 *
 * const hook: MutatingWebhook = { name: "pods.hooks.example.com", clientConfig: { url: "https://hooks.example.com" }, reinvocationPolicy: "IfNeeded" };
 * ```
 */
export type MutatingWebhook = v.InferOutput<typeof MutatingWebhookSchema>;

const TYPE_DOCS = {
  apiVersion:
    "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
  kind:
    "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
  metadata:
    "Standard object metadata; More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata.",
  webhooks: "Webhooks is a list of webhooks and the affected resources and operations.",
};

// +listType=map +listMapKey=name, patchStrategy=merge patchMergeKey=name (admissionregistration/v1/types.go).
const webhookList = <T extends v.GenericSchema>(item: T) =>
  v.optional(
    v.pipe(
      v.array(item),
      k8s({
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": ["name"],
        "x-kubernetes-patch-merge-key": "name",
        "x-kubernetes-patch-strategy": "merge",
      }),
    ),
  );

/**
 * ValidatingWebhookConfiguration describes the configuration of and admission webhook that accept or reject and object without changing it.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ValidatingWebhookConfigurationSchema } from "@skiff/kinds";
 *
 * v.parse(ValidatingWebhookConfigurationSchema, { apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingWebhookConfiguration", metadata: { name: "policy" }, webhooks: [] });
 * ```
 */
export const ValidatingWebhookConfigurationSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    webhooks: webhookList(ValidatingWebhookSchema),
  }),
  v.description(
    "ValidatingWebhookConfiguration describes the configuration of and admission webhook that accept or reject and object without changing it.",
  ),
  fieldDocs(TYPE_DOCS),
);

/**
 * ValidatingWebhookConfiguration as TypeScript sees it (see {@link ValidatingWebhookConfigurationSchema}).
 *
 * @example
 * ```ts
 * import type { ValidatingWebhookConfiguration } from "@skiff/kinds";
 *
 * const config: ValidatingWebhookConfiguration = { metadata: { name: "policy" }, webhooks: [] };
 * ```
 */
export type ValidatingWebhookConfiguration = v.InferOutput<typeof ValidatingWebhookConfigurationSchema>;

/**
 * MutatingWebhookConfiguration describes the configuration of and admission webhook that accept or reject and may change the object.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { MutatingWebhookConfigurationSchema } from "@skiff/kinds";
 *
 * v.parse(MutatingWebhookConfigurationSchema, { apiVersion: "admissionregistration.k8s.io/v1", kind: "MutatingWebhookConfiguration", metadata: { name: "inject" }, webhooks: [] });
 * ```
 */
export const MutatingWebhookConfigurationSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    webhooks: webhookList(MutatingWebhookSchema),
  }),
  v.description(
    "MutatingWebhookConfiguration describes the configuration of and admission webhook that accept or reject and may change the object.",
  ),
  fieldDocs(TYPE_DOCS),
);

/**
 * MutatingWebhookConfiguration as TypeScript sees it (see {@link MutatingWebhookConfigurationSchema}).
 *
 * @example
 * ```ts
 * import type { MutatingWebhookConfiguration } from "@skiff/kinds";
 *
 * const config: MutatingWebhookConfiguration = { metadata: { name: "inject" }, webhooks: [] };
 * ```
 */
export type MutatingWebhookConfiguration = v.InferOutput<typeof MutatingWebhookConfigurationSchema>;
