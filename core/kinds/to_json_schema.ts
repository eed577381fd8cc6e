/**
 * Converts a valibot schema to a structural OpenAPI v3 schema (apiextensions' JSONSchemaProps): every
 * node typed, objects with `properties`, maps with `additionalProperties`, no `$ref` and no `$schema`.
 * Our own walker rather than @valibot/to-json-schema because structural schemas forbid what a general
 * converter emits (`$ref`/`$defs`, `anyOf` of object shapes, `const`) and need what it does not know
 * (`x-kubernetes-*`, `format: int32`).
 *
 * @module
 */
import type * as v from "valibot";
import type { JSONSchemaProps } from "../schema/types.ts";
import { FIELD_DOCS_METADATA_KEY, K8S_METADATA_KEY, type K8sKeywords } from "./k8s.ts";

/** The parts of valibot's schema and action objects the walker reads. */
interface Node {
  kind?: string;
  type: string;
  pipe?: Node[];
  entries?: Record<string, Node>;
  item?: Node;
  value?: Node;
  wrapped?: Node;
  options?: unknown[];
  literal?: unknown;
  description?: string;
  title?: string;
  metadata?: Record<string, unknown>;
  requirement?: unknown;
}

const OPTIONAL = new Set(["optional", "exact_optional", "nullish", "undefinedable"]);
const NULLABLE = new Set(["nullable", "nullish"]);

/**
 * The structural JSON schema of a valibot schema. Throws on shapes a structural schema cannot express
 * (unions other than int-or-string, tuples, lazy recursion), naming the path.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { int32, toJSONSchemaProps } from "@skiff/kinds";
 *
 * toJSONSchemaProps(v.object({ replicas: v.optional(int32()) }));
 * // { type: "object", properties: { replicas: { type: "integer", format: "int32" } } }
 * ```
 */
export function toJSONSchemaProps(schema: v.GenericSchema): JSONSchemaProps {
  return walk(schema as unknown as Node, "");
}

function walk(node: Node, path: string): JSONSchemaProps {
  if (node.pipe) return walkPipe(node.pipe, path);
  switch (node.type) {
    case "string":
      return { type: "string" };
    case "number":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "picklist":
      return { type: "string", enum: [...node.options!] };
    case "literal":
      return { type: jsonType(node.literal, path), enum: [node.literal] };
    case "array":
      return { type: "array", items: walk(node.item!, `${path}[]`) };
    case "record":
      return { type: "object", additionalProperties: walk(node.value!, `${path}{}`) };
    case "object":
    case "loose_object":
    case "strict_object":
      return walkObject(node.entries!, path);
    case "optional":
    case "exact_optional":
    case "undefinedable":
    case "nullable":
    case "nullish": {
      const inner = walk(node.wrapped!, path);
      return NULLABLE.has(node.type) ? { ...inner, nullable: true } : inner;
    }
    case "union":
      return walkUnion(node.options as Node[], path);
    case "unknown":
    case "any":
      return {};
    default:
      throw new Error(`${path || "<root>"}: valibot "${node.type}" has no structural schema`);
  }
}

function walkPipe(pipe: Node[], path: string): JSONSchemaProps {
  let out = walk(pipe[0], path);
  for (const item of pipe.slice(1)) {
    switch (item.type) {
      case "description":
        out.description = item.description;
        break;
      case "title":
        out.title = item.title;
        break;
      case "integer":
        out.type = "integer";
        break;
      case "metadata": {
        const keywords = item.metadata?.[K8S_METADATA_KEY] as K8sKeywords | undefined;
        if (keywords) out = { ...out, ...structuredClone(keywords) };
        const docs = item.metadata?.[FIELD_DOCS_METADATA_KEY] as Record<string, string> | undefined;
        if (docs) describeFields(out, docs, path);
        break;
      }
      case "min_value":
        out.minimum = item.requirement as number;
        break;
      case "max_value":
        out.maximum = item.requirement as number;
        break;
      case "min_length":
        out[out.type === "array" ? "minItems" : "minLength"] = item.requirement as number;
        break;
      case "max_length":
        out[out.type === "array" ? "maxItems" : "maxLength"] = item.requirement as number;
        break;
      case "regex":
        out.pattern = (item.requirement as RegExp).source;
        break;
      default:
        // Checks and transformations (v.check, v.transform) have no OpenAPI form; they stay runtime-only.
        break;
    }
  }
  return out;
}

function describeFields(out: JSONSchemaProps, docs: Record<string, string>, path: string) {
  for (const [key, text] of Object.entries(docs)) {
    const property = out.properties?.[key];
    if (!property) throw new Error(`${path || "<root>"}: fieldDocs names "${key}", which is not a field`);
    property.description = text;
  }
}

function walkObject(entries: Record<string, Node>, path: string): JSONSchemaProps {
  const out: JSONSchemaProps = { type: "object" };
  const keys = Object.keys(entries);
  if (keys.length === 0) return out;
  out.properties = {};
  const required: string[] = [];
  for (const key of keys) {
    const entry = entries[key];
    out.properties[key] = walk(entry, path ? `${path}.${key}` : key);
    if (!OPTIONAL.has(entry.type)) required.push(key);
  }
  if (required.length) out.required = required;
  return out;
}

// The only union a structural schema allows is int-or-string, and only with the extension present,
// which `intOrString()`/`quantity()` add in the enclosing pipe; its anyOf is the form apiextensions
// documents (`anyOf: [{type: integer}, {type: string}]`).
function walkUnion(options: Node[], path: string): JSONSchemaProps {
  const types = options.map((o) => walk(o, path).type).sort();
  const intOrString = types.length === 2 && (types[0] === "integer" || types[0] === "number") &&
    types[1] === "string";
  if (!intOrString) throw new Error(`${path || "<root>"}: only int-or-string unions are structural`);
  return { anyOf: [{ type: "integer" }, { type: "string" }] };
}

function jsonType(value: unknown, path: string): JSONSchemaProps["type"] {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  throw new Error(`${path || "<root>"}: literal ${String(value)} has no JSON type`);
}
