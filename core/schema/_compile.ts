/**
 * A schema node prepared once for validation, pruning and defaulting: its effective types and format
 * (as apiextensions converts them for kube-openapi), its compiled pattern, and its children in lookup
 * form. Nodes are cached per schema object, so serving the same definition never recompiles.
 *
 * @module
 */
import { effectiveFormat, type FormatCheck, stringFormat } from "./_formats.ts";
import { goRegExp } from "./_regexp.ts";
import type { JSONSchemaProps } from "./types.ts";

/**
 * A compiled schema node. Every keyword the hot paths read is copied onto this one object shape, since
 * reading them from schema objects of many shapes costs megamorphic property loads on every value.
 */
export interface Node {
  readonly schema: JSONSchemaProps;
  /** The types kube-openapi sees: [type], ["integer", "string"] for int-or-string, or none. */
  readonly types: readonly string[];
  /** The types joined with "," as messages print them. */
  readonly typeName: string;
  readonly hasType: boolean;
  readonly allowsInteger: boolean;
  readonly allowsNumber: boolean;
  readonly allowsString: boolean;
  readonly allowsBoolean: boolean;
  readonly allowsArray: boolean;
  readonly allowsObject: boolean;
  readonly nullable: boolean;
  /** The format after unsupported ones are stripped. */
  readonly format: string;
  /** The string-format check, when the format is one Kubernetes validates. */
  readonly formatCheck: FormatCheck | undefined;
  /** The numeric type and format range checks use: set only for a single integer/number type. */
  readonly numType: "" | "integer" | "number";
  readonly numFormat: string;
  readonly pattern: RegExp | undefined;
  /** Why the pattern does not compile, in Go's words. */
  readonly patternError: string | undefined;
  readonly patternSource: string;
  readonly maxLength: number | undefined;
  readonly minLength: number | undefined;
  readonly multipleOf: number | undefined;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  readonly exclusiveMinimum: boolean;
  readonly exclusiveMaximum: boolean;
  readonly minItems: number | undefined;
  readonly maxItems: number | undefined;
  readonly uniqueItems: boolean;
  readonly minProperties: number | undefined;
  readonly maxProperties: number | undefined;
  readonly anyOf: readonly JSONSchemaProps[] | undefined;
  readonly oneOf: readonly JSONSchemaProps[] | undefined;
  readonly allOf: readonly JSONSchemaProps[] | undefined;
  readonly not: JSONSchemaProps | undefined;
  /** Whether any of anyOf/oneOf/allOf/not is present. */
  readonly composite: boolean;
  readonly properties: Readonly<Record<string, JSONSchemaProps>> | undefined;
  readonly propKeys: readonly string[];
  readonly required: readonly string[];
  /** additionalProperties: a schema, true/false, or undefined when absent. */
  readonly additional: JSONSchemaProps | boolean | undefined;
  readonly items: JSONSchemaProps | undefined;
  readonly enumValues: readonly unknown[] | undefined;
  readonly embedded: boolean;
  readonly preserveUnknown: boolean;
  readonly listType: "set" | "map" | undefined;
  readonly listMapKeys: readonly string[];
  /** A default that applies: present and not null. */
  readonly hasDefault: boolean;
  /** Child nodes, compiled on first use. */
  propNodes: Map<string, Node> | undefined;
  itemsNode: Node | undefined;
  additionalNode: Node | undefined;
}

const cache = new WeakMap<JSONSchemaProps, Node>();

/**
 * The compiled node of `schema`, built on first use and cached.
 *
 * @example
 * ```ts
 * import { compile } from "./_compile.ts";
 * compile({ "x-kubernetes-int-or-string": true }).typeName; // "integer,string"
 * ```
 */
export function compile(schema: JSONSchemaProps): Node {
  return cache.get(schema) ?? build(schema);
}

/**
 * The compiled items node, if the schema has items.
 *
 * @example
 * ```ts
 * import { compile, itemsNode } from "./_compile.ts";
 * itemsNode(compile({ type: "array", items: { type: "string" } }))?.typeName; // "string"
 * ```
 */
export function itemsNode(node: Node): Node | undefined {
  if (node.itemsNode === undefined && node.items) node.itemsNode = compile(node.items);
  return node.itemsNode;
}

/**
 * The compiled additionalProperties node, if it is a schema.
 *
 * @example
 * ```ts
 * import { additionalNode, compile } from "./_compile.ts";
 * additionalNode(compile({ type: "object", additionalProperties: true })); // undefined
 * ```
 */
export function additionalNode(node: Node): Node | undefined {
  if (node.additionalNode === undefined && typeof node.additional === "object") {
    node.additionalNode = compile(node.additional);
  }
  return node.additionalNode;
}

function build(s: JSONSchemaProps): Node {
  const types = s["x-kubernetes-int-or-string"] ? ["integer", "string"] : s.type ? [s.type] : [];
  const single = types.length === 1 ? types[0] : "";
  const format = effectiveFormat(single, s.format);
  const formatCheck = format ? stringFormat(format) : undefined;
  let numType: "" | "integer" | "number" = "";
  let numFormat = "";
  if (single === "integer") {
    numType = "integer";
    if (format === "int32" || format === "int64") numFormat = format;
  } else if (single === "number") {
    numType = "number";
    if (format === "float" || format === "double") numFormat = format;
  }
  let pattern: RegExp | undefined;
  let patternError: string | undefined;
  if (s.pattern) {
    const compiled = goRegExp(s.pattern);
    if (compiled instanceof RegExp) pattern = compiled;
    else patternError = compiled.error;
  }
  const listType = s["x-kubernetes-list-type"];
  const nonEmpty = (a: JSONSchemaProps[] | undefined) => a && a.length ? a : undefined;
  const node: Node = {
    schema: s,
    types,
    typeName: types.join(","),
    hasType: types.length > 0,
    allowsInteger: types.includes("integer"),
    allowsNumber: types.includes("number"),
    allowsString: types.includes("string"),
    allowsBoolean: types.includes("boolean"),
    allowsArray: types.includes("array"),
    allowsObject: types.includes("object"),
    nullable: s.nullable === true,
    format,
    formatCheck,
    numType,
    numFormat,
    pattern,
    patternError,
    patternSource: s.pattern ?? "",
    maxLength: s.maxLength,
    minLength: s.minLength,
    multipleOf: s.multipleOf,
    minimum: s.minimum,
    maximum: s.maximum,
    exclusiveMinimum: s.exclusiveMinimum === true,
    exclusiveMaximum: s.exclusiveMaximum === true,
    minItems: s.minItems,
    maxItems: s.maxItems,
    uniqueItems: s.uniqueItems === true,
    minProperties: s.minProperties,
    maxProperties: s.maxProperties,
    anyOf: nonEmpty(s.anyOf),
    oneOf: nonEmpty(s.oneOf),
    allOf: nonEmpty(s.allOf),
    not: s.not,
    composite: !!(nonEmpty(s.anyOf) || nonEmpty(s.oneOf) || nonEmpty(s.allOf) || s.not),
    properties: s.properties,
    propKeys: s.properties ? Object.keys(s.properties) : [],
    required: s.required ?? [],
    additional: s.additionalProperties,
    items: s.items,
    enumValues: s.enum && s.enum.length ? s.enum : undefined,
    embedded: s["x-kubernetes-embedded-resource"] === true,
    preserveUnknown: s["x-kubernetes-preserve-unknown-fields"] === true,
    listType: listType === "set" || listType === "map" ? listType : undefined,
    listMapKeys: s["x-kubernetes-list-map-keys"] ?? [],
    hasDefault: s.default !== undefined && s.default !== null,
    propNodes: undefined,
    itemsNode: undefined,
    additionalNode: undefined,
  };
  // Cached before its children compile, so that a schema reached again through itself does not loop.
  cache.set(s, node);
  if (s.properties) {
    const map = new Map<string, Node>();
    node.propNodes = map;
    for (const k of node.propKeys) map.set(k, compile(s.properties[k]));
  }
  return node;
}
