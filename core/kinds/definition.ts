/**
 * Turns a kind written as a valibot schema into the ResourceDefinition the API server serves: the
 * `spec` of a CustomResourceDefinition with one version whose openAPIV3Schema is generated from the
 * schema.
 *
 * @module
 */
import type * as v from "valibot";
import type { DefinitionVersion, PrinterColumn, ResourceDefinition } from "../schema/types.ts";
import { toJSONSchemaProps } from "./to_json_schema.ts";

/** Everything `toDefinition` needs to know about a kind. */
export interface DefinitionOptions {
  /** API group; "" for the legacy core group served at /api/v1. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  /** Defaults to the kind in lower case, as apiextensions does. */
  singular?: string;
  /** Defaults to kind + "List". */
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
  scope: "Namespaced" | "Cluster";
  /** The kind's valibot schema: apiVersion, kind, metadata, spec, status. */
  schema: v.GenericSchema;
  /** Serve a /status subresource (status changes only through it, spec only through the main resource). */
  status?: boolean;
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  printerColumns?: PrinterColumn[];
}

/**
 * The ResourceDefinition of a kind, its schema converted with `toJSONSchemaProps`.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { ObjectMetaSchema, toDefinition } from "@skiff/kinds";
 *
 * const Widget = v.object({ apiVersion: v.string(), kind: v.string(), metadata: v.optional(ObjectMetaSchema) });
 * const def = toDefinition({ group: "example.com", version: "v1", kind: "Widget", plural: "widgets", scope: "Namespaced", schema: Widget });
 * def.names.listKind; // "WidgetList"
 * ```
 */
export function toDefinition(options: DefinitionOptions): ResourceDefinition {
  const version: DefinitionVersion = {
    name: options.version,
    served: true,
    storage: true,
    schema: { openAPIV3Schema: toJSONSchemaProps(options.schema) },
  };
  if (options.status || options.scale) {
    version.subresources = {};
    if (options.status) version.subresources.status = {};
    if (options.scale) version.subresources.scale = options.scale;
  }
  if (options.printerColumns) version.additionalPrinterColumns = options.printerColumns;

  const names: ResourceDefinition["names"] = {
    plural: options.plural,
    singular: options.singular ?? options.kind.toLowerCase(),
    kind: options.kind,
    listKind: options.listKind ?? `${options.kind}List`,
  };
  if (options.shortNames) names.shortNames = options.shortNames;
  if (options.categories) names.categories = options.categories;
  return { group: options.group, names, scope: options.scope, versions: [version] };
}
