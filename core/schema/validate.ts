/**
 * Validation of a value against a structural OpenAPI v3 schema, as apiextensions-apiserver validates
 * every custom resource on create and update: kube-openapi's schema validation, then the
 * embedded-resource checks, then the list-type invariants, each worded as Kubernetes words them.
 *
 * @module
 */
import { checkEmbeddedResource } from "./_embedded.ts";
import { checkListType } from "./_list_type.ts";
import { fieldPath, joinField, validateOpenAPI } from "./_openapi.ts";
import type { FieldError, JSONSchemaProps } from "./types.ts";

/** How {@link validate} reports paths and treats the root. */
export interface ValidateOptions {
  /**
   * The path the value sits at ("status" when validating a status against its sub-schema). Without it,
   * errors about the root itself and composite (anyOf, oneOf, allOf, not) errors name the field "<nil>",
   * exactly as Kubernetes prints them.
   */
  basePath?: string;
  /** Check the root as an embedded resource too (apiVersion, kind, metadata). */
  rootEmbedded?: boolean;
}

/**
 * All field errors of `value` under `schema`; empty when it is valid.
 *
 * @example
 * ```ts
 * import { validate } from "./validate.ts";
 * const schema = { type: "object" as const, properties: { replicas: { type: "integer" as const } } };
 * validate({ replicas: "two" }, schema)[0].message;
 * // 'Invalid value: "string": replicas in body must be of type integer: "string"'
 * ```
 */
export function validate(
  value: unknown,
  schema: JSONSchemaProps,
  options: ValidateOptions = {},
): FieldError[] {
  const base = options.basePath ?? "";
  let embedded: FieldError[] | undefined;
  let lists: FieldError[] | undefined;
  const errors = validateOpenAPI(value, schema, base, {
    object(v, node, path) {
      if (node.embedded || (!path.parent && options.rootEmbedded)) {
        (embedded ??= []).push(...checkEmbeddedResource(v, joinField(base, fieldPath(path))));
      }
    },
    array(v, node, path) {
      if (node.listType) (lists ??= []).push(...checkListType(v, node, joinField(base, fieldPath(path))));
    },
  });
  if (embedded) errors.push(...embedded);
  if (lists) errors.push(...lists);
  return errors;
}
