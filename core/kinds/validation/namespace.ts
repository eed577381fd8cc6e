/**
 * Namespace validation beyond the schema (ValidateNamespace in
 * kubernetes/pkg/apis/core/validation/validation.go): the name is a DNS-1123 label, the object carries
 * no namespace of its own, and spec.finalizers are standard or fully qualified names.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import type { Namespace } from "../api/namespace.ts";
import { forbidden, invalid, required } from "../../schema/field_error.ts";
import { FieldPath } from "../../schema/field_path.ts";
import { isQualifiedName, nameIsDNSLabel } from "../../schema/names.ts";

const METADATA = FieldPath.root("metadata");
// The finalizers Kubernetes itself defines, which need no domain.
const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

/**
 * Validates a namespace for creation or update.
 *
 * @example
 * ```ts
 * import { validateNamespace } from "@skiff/kinds";
 *
 * validateNamespace({ metadata: { name: "Team_A" } });
 * // [{ reason: "FieldValueInvalid", field: "metadata.name", message: 'Invalid value: "Team_A": a lowercase RFC 1123 label ...' }]
 * ```
 */
export function validateNamespace(namespace: Namespace): FieldError[] {
  const errors: FieldError[] = [];
  const meta = namespace.metadata ?? {};
  if (meta.generateName) {
    errors.push(
      ...nameIsDNSLabel(meta.generateName, true).map((m) =>
        invalid(METADATA.child("generateName"), meta.generateName, m)
      ),
    );
  }
  if (!meta.name) errors.push(required(METADATA.child("name"), "name or generateName is required"));
  else {errors.push(
      ...nameIsDNSLabel(meta.name, false).map((m) => invalid(METADATA.child("name"), meta.name, m)),
    );}
  if (meta.namespace) errors.push(forbidden(METADATA.child("namespace"), "not allowed on this type"));

  // Kubernetes reports every finalizer against the list, without an index.
  const finalizersPath = FieldPath.root("spec").child("finalizers");
  for (const finalizer of namespace.spec?.finalizers ?? []) {
    errors.push(...isQualifiedName(finalizer).map((m) => invalid(finalizersPath, finalizer, m)));
    if (!finalizer.includes("/") && !STANDARD_FINALIZERS.has(finalizer)) {
      errors.push(
        invalid(
          finalizersPath,
          finalizer,
          "name is neither a standard finalizer name nor is it fully qualified",
        ),
      );
    }
  }
  return errors;
}
