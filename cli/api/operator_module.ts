/**
 * The skiff.dev/v1alpha1 OperatorModule kind: one object per bundled module, cluster-scoped and named
 * after it, through which `skiff operators install|uninstall` asks a running `skiff up` to start or stop
 * the module, and which reports what the module serves.
 *
 * @module
 */
import * as v from "valibot";
import { fieldDocs, ObjectMetaSchema, toDefinition } from "@skiff/kinds";
import type { ResourceDefinition } from "@skiff/schema";

/**
 * What the user wants of a module.
 *
 * @example
 * ```ts
 * v.parse(OperatorModuleSpecSchema, { enabled: true });
 * ```
 */
export const OperatorModuleSpecSchema = v.pipe(
  v.object({ enabled: v.optional(v.boolean()) }),
  fieldDocs({
    enabled: "enabled asks the server to run the module: serve its kinds and run its controllers.",
  }),
);

/**
 * What the server reports of a module.
 *
 * @example
 * ```ts
 * v.parse(OperatorModuleStatusSchema, { phase: "Installed", kinds: ["deployments.apps"] });
 * ```
 */
export const OperatorModuleStatusSchema = v.pipe(
  v.object({
    phase: v.optional(v.picklist(["Installed", "NotInstalled", "Failed"])),
    message: v.optional(v.string()),
    kinds: v.optional(v.array(v.string())),
    observedGeneration: v.optional(v.number()),
  }),
  fieldDocs({
    phase:
      "phase is Installed while the module runs, NotInstalled when it does not, Failed when starting it failed.",
    message: "message says why the module failed to start.",
    kinds: "kinds lists the resources (PLURAL.GROUP) the module serves while installed.",
    observedGeneration: "observedGeneration is the generation of the spec this status reflects.",
  }),
);

/**
 * An OperatorModule.
 *
 * @example
 * ```ts
 * v.parse(OperatorModuleSchema, { apiVersion: "skiff.dev/v1alpha1", kind: "OperatorModule", metadata: { name: "workloads" }, spec: { enabled: true } });
 * ```
 */
export const OperatorModuleSchema = v.pipe(
  v.object({
    apiVersion: v.optional(v.string()),
    kind: v.optional(v.string()),
    metadata: v.optional(ObjectMetaSchema),
    spec: v.optional(OperatorModuleSpecSchema),
    status: v.optional(OperatorModuleStatusSchema),
  }),
  v.description("OperatorModule is a module bundled with Skiff, installed or not in this cluster."),
  fieldDocs({
    apiVersion: "APIVersion defines the versioned schema of this representation of an object.",
    kind: "Kind is a string value representing the REST resource this object represents.",
    metadata: "Standard object's metadata.",
    spec: "spec is what the user wants of the module.",
    status: "status is what the server did about it.",
  }),
);

/**
 * An OperatorModule as TypeScript sees it.
 *
 * @example
 * ```ts
 * const m: OperatorModule = { metadata: { name: "workloads" }, spec: { enabled: true } };
 * ```
 */
export type OperatorModule = v.InferOutput<typeof OperatorModuleSchema>;

/**
 * The kind's definition: `kubectl get operatormodules` prints NAME ENABLED PHASE AGE.
 *
 * @example
 * ```ts
 * operatorModuleDefinition.names.plural; // "operatormodules"
 * ```
 */
export const operatorModuleDefinition: ResourceDefinition = toDefinition({
  group: "skiff.dev",
  version: "v1alpha1",
  kind: "OperatorModule",
  plural: "operatormodules",
  scope: "Cluster",
  schema: OperatorModuleSchema,
  status: true,
  printerColumns: [
    { name: "Enabled", type: "boolean", jsonPath: ".spec.enabled" },
    { name: "Phase", type: "string", jsonPath: ".status.phase" },
    { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
  ],
});
