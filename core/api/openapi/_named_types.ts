/**
 * Names for the types inside kind schemas. Registry schemas are structural and inline (a Pod's schema
 * holds its PodSpec, Containers, ... in place), but Kubernetes publishes each Go type once, under its
 * name, and refers to it: `kubectl explain` prints `containers <[]Container>` from that name, and the
 * documents stay small. core/kinds declares those types as valibot schemas (`ContainerSchema`, ...), so
 * a subschema equal to one of them (ignoring what the field says about itself: its description,
 * default, nullability and patch strategy) is that type. Any kind that embeds them, an operator's
 * Deployment holding a PodSpec for one, gets the names too.
 *
 * @module
 */
import type * as v from "valibot";
import * as kinds from "@skiff/kinds";
import { META_V1 } from "./names.ts";
import type { Schema } from "./types.ts";

/** The Go packages of the core/kinds types that are not core/v1. */
const PACKAGES: [prefix: string, test: (name: string) => boolean][] = [
  [
    META_V1,
    (n) =>
      [
        "ObjectMeta",
        "ListMeta",
        "OwnerReference",
        "ManagedFieldsEntry",
        "LabelSelector",
        "LabelSelectorRequirement",
      ]
        .includes(n),
  ],
  ["io.k8s.api.coordination.v1", (n) => n === "LeaseSpec"],
  [
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1",
    (n) =>
      n.startsWith("CustomResource") ||
      ["SelectableField", "ServiceReference", "WebhookClientConfig", "WebhookConversion"].includes(n),
  ],
];

/** What a field may say about itself without being a different type. */
const FIELD_KEYS = new Set([
  "description",
  "default",
  "nullable",
  "x-kubernetes-patch-strategy",
  "x-kubernetes-patch-merge-key",
]);

/**
 * The catalog: definitions by name, and which subschemas are instances of them.
 *
 * @example
 * ```ts
 * const types: NamedTypes = namedTypes();
 * types.schemas["io.k8s.api.core.v1.Container"].properties?.image;
 * ```
 */
export interface NamedTypes {
  /** The definition `node` is an instance of, if it is one (objects with properties only). */
  match(node: Schema): string | undefined;
  /** Each type's schema, as core/kinds describes it (still inline; the caller names its fields). */
  schemas: Record<string, Schema>;
}

let catalog: NamedTypes | undefined;

/**
 * The catalog of core/kinds types, built once.
 *
 * @example
 * ```ts
 * const types = namedTypes();
 * types.match(podSchema.properties.spec); // "io.k8s.api.core.v1.PodSpec"
 * ```
 */
export function namedTypes(): NamedTypes {
  return catalog ??= buildCatalog();
}

function buildCatalog(): NamedTypes {
  const exported = kinds as unknown as Record<string, unknown>;
  const schemas: Record<string, Schema> = {};
  const byPrint = new Map<string, string | null>();
  for (const [key, value] of Object.entries(exported)) {
    if (!key.endsWith("Schema") || !isValibotSchema(value)) continue;
    const type = key.slice(0, -"Schema".length).replace(/^EventsV1/, "");
    // Lists and the kinds themselves are named by the registry (the group decides their package).
    if (type.endsWith("List") || `${key.slice(0, -"Schema".length)}ListSchema` in exported) continue;
    let json: Schema;
    try {
      json = kinds.toJSONSchemaProps(value) as Schema;
    } catch {
      continue; // a shape a structural schema cannot express is not a type we can name
    }
    if (json.type !== "object" || !json.properties || !Object.keys(json.properties).length) continue;
    const prefix = key.startsWith("EventsV1")
      ? "io.k8s.api.events.v1"
      : PACKAGES.find(([, test]) => test(type))?.[0] ?? "io.k8s.api.core.v1";
    const name = `${prefix}.${type}`;
    schemas[name] = json;
    const print = fingerprint(json);
    // Two types that print the same cannot be told apart; naming either would be a guess.
    byPrint.set(print, byPrint.has(print) ? null : name);
  }
  return {
    schemas,
    match(node) {
      if (node.type !== "object" || !node.properties || !Object.keys(node.properties).length) {
        return undefined;
      }
      return byPrint.get(fingerprint(node)) ?? undefined;
    },
  };
}

function isValibotSchema(value: unknown): value is v.GenericSchema {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "schema";
}

/**
 * The schema without what its field says about itself, as canonical JSON (keys sorted).
 *
 * @example
 * ```ts
 * fingerprint({ description: "x", type: "string" }) === fingerprint({ type: "string" }); // true
 * ```
 */
export function fingerprint(node: Schema): string {
  const rest = Object.fromEntries(Object.entries(node).filter(([k]) => !FIELD_KEYS.has(k)));
  return canonical(rest);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The keys {@link fingerprint} leaves out: they stay on the field when its type becomes a reference.
 *
 * @example
 * ```ts
 * fieldKeys({ description: "Spec.", type: "object", properties: {} }); // { description: "Spec." }
 * ```
 */
export function fieldKeys(node: Schema): Schema {
  return Object.fromEntries(Object.entries(node).filter(([k]) => FIELD_KEYS.has(k))) as Schema;
}
