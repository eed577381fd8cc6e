/**
 * The structured-merge-diff view of a structural OpenAPI schema: what is a scalar, a map (granular or
 * atomic) or a list (atomic, a set, or a map keyed by some fields), as Kubernetes' schema conversion
 * (kube-openapi schemaconv) reads `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`,
 * `x-kubernetes-map-type`, and, for a list without a list type, `x-kubernetes-patch-strategy: merge`
 * with its `x-kubernetes-patch-merge-key`. A list with none of these is atomic. What the schema does not
 * declare (`x-kubernetes-preserve-unknown-fields`, fields it does not list) is "deduced" from the value:
 * maps merge field by field, lists are atomic.
 *
 * Nodes are built on first use and kept with the schema object, so a kind's schema is read once.
 *
 * @module
 */
import type { JSONSchemaProps } from "../../schema/types.ts";

/** What a node is. */
export type Kind = "scalar" | "map" | "list" | "deduced";

// ObjectMeta as Kubernetes' Go types declare it for server-side apply: whatever a kind's schema says
// about metadata (CRDs often say nothing), these are the list and map semantics.
const OBJECT_META: JSONSchemaProps = {
  type: "object",
  properties: {
    name: { type: "string" },
    generateName: { type: "string" },
    namespace: { type: "string" },
    selfLink: { type: "string" },
    uid: { type: "string" },
    resourceVersion: { type: "string" },
    generation: { type: "integer" },
    creationTimestamp: { type: "string" },
    deletionTimestamp: { type: "string" },
    deletionGracePeriodSeconds: { type: "integer" },
    labels: { type: "object", additionalProperties: { type: "string" } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
    finalizers: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
    ownerReferences: {
      type: "array",
      items: { type: "object", "x-kubernetes-map-type": "atomic" },
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["uid"],
    },
    managedFields: { type: "array", items: { type: "object" }, "x-kubernetes-list-type": "atomic" },
  },
};

/**
 * One node of a schema.
 *
 * @example
 * ```ts
 * const pod = rootType(podSchema);
 * pod.field("spec").field("containers").keys; // ["name"]
 * ```
 */
export class TypeNode {
  readonly kind: Kind;
  /** An atomic map or list is one leaf: replaced whole, owned whole. */
  readonly atomic: boolean;
  /** For an associative list: its key fields ([] for a set of scalars); undefined otherwise. */
  readonly keys: string[] | undefined;
  readonly #schema: JSONSchemaProps;
  readonly #embedded: boolean;
  readonly #fields = new Map<string, TypeNode>();
  #item?: TypeNode;
  #elem?: TypeNode;

  constructor(schema: JSONSchemaProps, options: { embedded?: boolean; kind?: Kind } = {}) {
    this.#schema = schema;
    this.#embedded = options.embedded ?? schema["x-kubernetes-embedded-resource"] === true;
    this.kind = options.kind ?? kindOf(schema, this.#embedded);
    this.atomic = false;
    if (this.kind === "map") this.atomic = schema["x-kubernetes-map-type"] === "atomic";
    if (this.kind === "list") {
      const type = schema["x-kubernetes-list-type"];
      if (type === "map") this.keys = [...(schema["x-kubernetes-list-map-keys"] ?? [])];
      else if (type === "set") this.keys = [];
      else if (type === undefined && mergeStrategy(schema["x-kubernetes-patch-strategy"])) {
        const key = schema["x-kubernetes-patch-merge-key"];
        this.keys = key ? [key] : [];
      }
      this.atomic = this.keys === undefined;
    }
  }

  /** Whether `name` is a declared field of this map (structured-merge-diff's "named field"). */
  declares(name: string): boolean {
    if (this.kind !== "map") return false;
    if (this.#embedded && (name === "metadata" || name === "apiVersion" || name === "kind")) return true;
    return this.#schema.properties !== undefined && Object.hasOwn(this.#schema.properties, name);
  }

  /**
   * Whether a map of this node may hold field `name`: a declared field, or any field of a map with
   * additionalProperties, preserved unknown fields, no declared fields at all, or a deduced shape.
   */
  accepts(name: string): boolean {
    if (this.kind === "deduced") return true;
    if (this.kind !== "map" || this.declares(name)) return true;
    const s = this.#schema;
    return s.additionalProperties !== undefined && s.additionalProperties !== false ||
      s["x-kubernetes-preserve-unknown-fields"] === true || s.properties === undefined;
  }

  /** The node of field `name` of this map. */
  field(name: string): TypeNode {
    if (this.kind !== "map") return DEDUCED;
    let f = this.#fields.get(name);
    if (f) return f;
    const declared = this.#schema.properties?.[name];
    if (this.#embedded && name === "metadata") f = new TypeNode(OBJECT_META);
    else if (declared && Object.hasOwn(this.#schema.properties!, name)) f = new TypeNode(declared);
    else f = this.#elem ??= elementOf(this.#schema);
    this.#fields.set(name, f);
    return f;
  }

  /** The node of this list's items. */
  item(): TypeNode {
    if (this.kind !== "list") return DEDUCED;
    const items = this.#schema.items;
    return this.#item ??= items && typeof items === "object" && !Array.isArray(items)
      ? new TypeNode(items as JSONSchemaProps)
      : DEDUCED;
  }

  /** The schema default of key field `name` of this associative list's items (undefined for none). */
  keyDefault(name: string): unknown {
    const items = this.#schema.items as JSONSchemaProps | undefined;
    return items?.properties?.[name]?.default;
  }
}

function mergeStrategy(strategy: string | undefined): boolean {
  return strategy !== undefined && strategy.split(",").includes("merge");
}

function kindOf(s: JSONSchemaProps, embedded: boolean): Kind {
  if (s["x-kubernetes-int-or-string"] || s.anyOf || s.oneOf) return "scalar";
  switch (s.type) {
    case "object":
      return "map";
    case "array":
      return "list";
    case "string":
    case "integer":
    case "number":
    case "boolean":
      return "scalar";
  }
  if (embedded || s.properties || s.additionalProperties) return "map";
  return "deduced";
}

function elementOf(s: JSONSchemaProps): TypeNode {
  const ap = s.additionalProperties;
  return ap && typeof ap === "object" ? new TypeNode(ap as JSONSchemaProps) : DEDUCED;
}

/** A node whose shape comes from the value (structured-merge-diff's `__untyped_deduced_`): maps merge field by field, lists are atomic. */
export const DEDUCED: TypeNode = new TypeNode({}, { kind: "deduced" });

const roots = new WeakMap<JSONSchemaProps, TypeNode>();

/**
 * The node of a kind's whole object: its schema as an embedded resource (so `metadata` is ObjectMeta);
 * without a schema, everything is deduced.
 *
 * @example
 * ```ts
 * rootType(undefined).field("spec").kind; // "deduced"
 * ```
 */
export function rootType(schema: JSONSchemaProps | undefined): TypeNode {
  if (!schema) return new TypeNode({ type: "object" }, { embedded: true });
  let t = roots.get(schema);
  if (!t) roots.set(schema, t = new TypeNode(schema, { embedded: true }));
  return t;
}

/**
 * The effective kind of `node` for a value: a deduced node takes the value's shape.
 *
 * @example
 * ```ts
 * shape(DEDUCED, [1]); // "list"
 * ```
 */
export function shape(node: TypeNode, value: unknown): Kind {
  if (node.kind !== "deduced") return node.kind;
  if (Array.isArray(value)) return "list";
  if (value !== null && typeof value === "object") return "map";
  return "scalar";
}
