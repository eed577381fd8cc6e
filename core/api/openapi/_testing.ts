/**
 * What this package's tests share: a registry serving the built-in kinds, and a Widget CRD that uses
 * the schema features OpenAPI publishing treats specially.
 *
 * @module
 */
import { builtinDefinitions } from "@skiff/kinds";
import type { ResourceDefinition } from "@skiff/schema";
import { Registry } from "../registry.ts";
import type { Schema } from "./types.ts";

/**
 * widgets.example.com: namespaced, status and scale subresources, an int-or-string, an embedded
 * resource and a field that keeps unknown fields.
 *
 * @example
 * ```ts
 * registry.add(widgetDefinition, { builtin: false });
 * ```
 */
export const widgetDefinition: ResourceDefinition = {
  group: "example.com",
  names: { kind: "Widget", plural: "widgets", singular: "widget", listKind: "WidgetList" },
  scope: "Namespaced",
  versions: [{
    name: "v1",
    served: true,
    storage: true,
    subresources: {
      status: {},
      scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" },
    },
    schema: {
      openAPIV3Schema: {
        description: "A Widget is a thing.",
        type: "object",
        properties: {
          metadata: { type: "object" },
          spec: {
            description: "The desired widget.",
            type: "object",
            required: ["size"],
            properties: {
              size: { description: "How big the widget is.", type: "integer" },
              replicas: { type: "integer", nullable: true },
              port: { description: "A port.", "x-kubernetes-int-or-string": true },
              template: { type: "object", "x-kubernetes-embedded-resource": true, properties: {} },
              extra: {
                type: "object",
                "x-kubernetes-preserve-unknown-fields": true,
                properties: { known: { type: "string" } },
              },
            },
          },
          status: { type: "object", properties: { replicas: { type: "integer" } } },
        },
      },
    },
  }],
};

/**
 * A registry serving the built-in kinds, and Widget when asked.
 *
 * @example
 * ```ts
 * const registry = testRegistry({ widgets: true });
 * ```
 */
export function testRegistry(options: { widgets?: boolean } = {}): Registry {
  const registry = new Registry();
  for (const def of builtinDefinitions) registry.add(def, { builtin: true });
  if (options.widgets) registry.add(widgetDefinition, { builtin: false });
  return registry;
}

/**
 * Every `$ref` in `value`, for checking that each points at a definition the document has.
 *
 * @example
 * ```ts
 * allRefs({ a: { $ref: "#/definitions/x" } }); // ["#/definitions/x"]
 * ```
 */
export function allRefs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allRefs);
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => k === "$ref" ? [v as string] : allRefs(v));
}

/**
 * Every schema node under `schema` (itself included), depth first.
 *
 * @example
 * ```ts
 * schemaNodes({ properties: { a: { type: "string" } } }).length; // 2
 * ```
 */
export function schemaNodes(schema: Schema): Schema[] {
  return [
    schema,
    ...Object.values(schema.properties ?? {}).flatMap(schemaNodes),
    ...schema.items ? schemaNodes(schema.items) : [],
    ...typeof schema.additionalProperties === "object" ? schemaNodes(schema.additionalProperties) : [],
    ...(schema.allOf ?? []).flatMap(schemaNodes),
  ];
}
