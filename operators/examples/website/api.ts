/**
 * The Website kind (example.skiff.dev/v1), written once as a valibot schema: its TypeScript type, the SDK's
 * typed resource, and the CustomResourceDefinition the API server serves (defaults, validation, a status
 * subresource and printer columns, all generated from the schema).
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, int32, int64, k8s, ObjectMetaSchema, time, toDefinition } from "@skiff/kinds";
import type { ResourceDefinition } from "@skiff/schema";
import { defineResource, type KubeObject, type ResourceRef } from "@skiff/sdk";

/** The API group of the example kinds. */
export const GROUP = "example.skiff.dev";

/**
 * What a Website should be: how many Pods serve it and from which image.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { WebsiteSpecSchema } from "@skiff/example-website";
 *
 * v.parse(WebsiteSpecSchema, { image: "nginx:1.27", replicas: 2 });
 * ```
 */
export const WebsiteSpecSchema = v.pipe(
  v.object({
    // The API server fills both defaults in, so the controller never sees them missing.
    image: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^[a-z0-9]+([._/-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?$/),
        k8s({ default: "nginx:1.27" }),
      ),
    ),
    replicas: v.optional(v.pipe(int32(), v.minValue(0), v.maxValue(10), k8s({ default: 1 }))),
  }),
  fieldDocs({
    image: "The container image that serves the site, e.g. nginx:1.27 (the default).",
    replicas: "How many Pods serve the site, 0 to 10; defaults to 1.",
  }),
);

/**
 * A status condition as apimachinery's metav1.Condition has it.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { WebsiteConditionSchema } from "@skiff/example-website";
 *
 * v.parse(WebsiteConditionSchema, { type: "Ready", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z", reason: "PodsReady", message: "" });
 * ```
 */
export const WebsiteConditionSchema = v.object({
  type: v.string(),
  status: v.picklist(["True", "False", "Unknown"]),
  observedGeneration: v.optional(int64()),
  lastTransitionTime: time(),
  reason: v.string(),
  message: v.string(),
});

/**
 * What the controller last saw: its Pods and whether they are all ready.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { WebsiteStatusSchema } from "@skiff/example-website";
 *
 * v.parse(WebsiteStatusSchema, { replicas: 1, readyReplicas: 0 });
 * ```
 */
export const WebsiteStatusSchema = v.pipe(
  v.object({
    observedGeneration: v.optional(int64()),
    replicas: v.optional(int32()),
    readyReplicas: v.optional(int32()),
    conditions: v.optional(
      v.pipe(
        v.array(WebsiteConditionSchema),
        k8s({ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"] }),
      ),
    ),
  }),
  fieldDocs({
    observedGeneration: "The metadata.generation the status was computed from.",
    replicas: "Pods that exist for the site.",
    readyReplicas: "Pods whose Ready condition is True.",
    conditions: "Ready: True when every wanted Pod exists and is ready.",
  }),
);

/**
 * A Website: a number of Pods serving one image.
 *
 * @example
 * ```ts
 * import type { Website } from "@skiff/example-website";
 *
 * const site: Website = { apiVersion: "example.skiff.dev/v1", kind: "Website", metadata: { name: "blog" }, spec: { replicas: 2 } };
 * ```
 */
export const WebsiteSchema = v.object({
  apiVersion: v.optional(v.string()),
  kind: v.optional(v.string()),
  metadata: v.optional(ObjectMetaSchema),
  // A missing spec defaults to {}, whose fields then take their own defaults.
  spec: v.optional(v.pipe(WebsiteSpecSchema, k8s({ default: {} }))),
  status: v.optional(WebsiteStatusSchema),
});

/** A Website as TypeScript sees it (see {@link WebsiteSchema}). */
export type Website = v.InferOutput<typeof WebsiteSchema>;
/** The status of a Website. */
export type WebsiteStatus = v.InferOutput<typeof WebsiteStatusSchema>;

/**
 * Websites for the SDK client: `client.resource(websitesResource).namespace("default")`.
 *
 * @example
 * ```ts
 * import { createClient, loadConfig } from "@skiff/sdk";
 * import { websitesResource } from "@skiff/example-website";
 *
 * const client = createClient(await loadConfig());
 * await client.resource(websitesResource).namespace("default").create({ metadata: { name: "blog" }, spec: {} });
 * ```
 */
export const websitesResource: ResourceRef<Website> = defineResource({
  group: GROUP,
  version: "v1",
  plural: "websites",
  kind: "Website",
  namespaced: true,
  schema: WebsiteSchema,
});

const generated: ResourceDefinition = toDefinition({
  group: GROUP,
  version: "v1",
  kind: "Website",
  plural: "websites",
  shortNames: ["ws"],
  categories: ["all"],
  scope: "Namespaced",
  schema: WebsiteSchema,
  status: true,
  printerColumns: [
    { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" },
    { name: "Available", type: "integer", jsonPath: ".status.readyReplicas" },
    { name: "Image", type: "string", jsonPath: ".spec.image" },
    { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
  ],
});
// A CRD may say nothing about metadata beyond its type (the server validates ObjectMeta itself), so the
// generated ObjectMeta schema, there only for the TypeScript type, is cut back as controller-gen does.
generated.versions[0].schema!.openAPIV3Schema.properties!.metadata = { type: "object" };

/**
 * The Website kind as a CustomResourceDefinition spec (`websites.example.skiff.dev`): what `websiteCrd`
 * carries, for code that reads the schema or the printer columns.
 *
 * @example
 * ```ts
 * import { websiteDefinition } from "@skiff/example-website";
 *
 * websiteDefinition.versions[0].additionalPrinterColumns?.map((c) => c.name); // ["Ready", "Replicas", ...]
 * ```
 */
export const websiteDefinition: ResourceDefinition = generated;

/**
 * The CustomResourceDefinition object `websites.example.skiff.dev`, as `kubectl apply` would take it.
 *
 * @example
 * ```ts
 * import { defineOperator } from "@skiff/sdk";
 * import { websiteCrd } from "@skiff/example-website";
 *
 * defineOperator({ name: "websites", crds: [websiteCrd], controllers: [] });
 * ```
 */
export const websiteCrd: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: `websites.${GROUP}` },
  spec: websiteDefinition,
};
