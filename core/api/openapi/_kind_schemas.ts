/**
 * The definitions of one served kind and its list, built as kube-apiserver builds them: the kind's
 * schema with `metadata` referring to ObjectMeta, TypeMeta's apiVersion and kind, and the
 * `x-kubernetes-group-version-kind` that kubectl finds kinds by; CRDs get what apiextensions adds to
 * theirs (int-or-string alternatives, the fields of embedded resources).
 *
 * @module
 */
import type { Resource } from "../registry.ts";
import { LIST_META_FIELD, OBJECT_META_FIELD, TYPE_META } from "./_common_schemas.ts";
import { nameSubschemas } from "./_name_subschemas.ts";
import type { NamedTypes } from "./_named_types.ts";
import { definitionName, META_V1, ref, refField } from "./names.ts";
import type { Schema } from "./types.ts";

/**
 * The kind's and the list's definitions, by name.
 *
 * @example
 * ```ts
 * Object.keys(kindSchemas(registry.lookup("", "v1", "pods")!, namedTypes()));
 * // ["io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.PodList"]
 * ```
 */
export function kindSchemas(r: Resource, types: NamedTypes): Record<string, Schema> {
  const name = definitionName(r.group, r.version, r.kind);
  // A kind that is only created (access reviews) has no list.
  if (r.createOnly) return { [name]: kindSchema(r, types) };
  return {
    [name]: kindSchema(r, types),
    [definitionName(r.group, r.version, r.listKind)]: {
      description: `${r.listKind} is a list of ${r.kind}`,
      type: "object",
      required: ["items"],
      properties: {
        apiVersion: TYPE_META.apiVersion,
        items: {
          description:
            `List of ${r.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
          type: "array",
          items: ref(name),
        },
        kind: TYPE_META.kind,
        metadata: refField(`${META_V1}.ListMeta`, LIST_META_FIELD),
      },
      "x-kubernetes-group-version-kind": [{ group: r.group, kind: r.listKind, version: r.version }],
    },
  };
}

function kindSchema(r: Resource, types: NamedTypes): Schema {
  const gvk = [{ group: r.group, kind: r.kind, version: r.version }];
  // Without a schema apiextensions publishes a bare object: declaring fields would make clients refuse others.
  if (!r.schema) return { type: "object", "x-kubernetes-group-version-kind": gvk };
  const raw = structuredClone(r.schema) as Schema;
  if (!r.builtin) unfoldCustomResource(raw);
  const schema = nameSubschemas(raw, types, { scalars: r.builtin });
  const metadata = refField(
    `${META_V1}.ObjectMeta`,
    raw.properties?.metadata?.description ?? OBJECT_META_FIELD,
  );
  schema.properties = r.builtin
    ? { ...TYPE_META, ...schema.properties, metadata }
    : { ...schema.properties, ...TYPE_META, metadata };
  schema["x-kubernetes-group-version-kind"] = gvk;
  return schema;
}

/**
 * What apiextensions adds to a CRD's schema before publishing it: int-or-string fields spell out their
 * two types, and embedded resources get apiVersion, kind and an ObjectMeta `metadata`.
 */
function unfoldCustomResource(node: Schema): void {
  if (node["x-kubernetes-int-or-string"] && !node.anyOf) {
    node.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  for (const child of Object.values(node.properties ?? {})) unfoldCustomResource(child);
  if (node.items) unfoldCustomResource(node.items);
  if (typeof node.additionalProperties === "object") unfoldCustomResource(node.additionalProperties);
  if (node["x-kubernetes-embedded-resource"]) {
    node.properties = {
      ...node.properties,
      apiVersion: {
        description:
          "apiVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
        type: "string",
      },
      kind: {
        description:
          "kind is a string value representing the type of this object. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
        type: "string",
      },
      metadata: refField(`${META_V1}.ObjectMeta`, OBJECT_META_FIELD),
    };
    node.required = [...new Set([...node.required ?? [], "kind", "apiVersion"])];
  }
}
