/**
 * Server-side apply and managedFields, as Kubernetes builds them on structured-merge-diff: field sets
 * and their FieldsV1 form, the fields a value sets, comparison, merge and removal following a structural
 * schema, and the field manager that records `Update` and `Apply` ownership and detects conflicts.
 *
 * @example
 * ```ts
 * import { applyConfiguration, rootType, updateManagedFields } from "@skiff/patch";
 *
 * const type = rootType(resource.schema);
 * updateManagedFields(undefined, created, type, { manager: "kubectl", apiVersion: "v1" });
 * const next = applyConfiguration(live, config, type, { manager: "kubectl", apiVersion: "v1", kind: "Pod", force: false });
 * ```
 *
 * @module
 */
export { FieldSet, type FieldsV1 } from "./field_set.ts";
export { type Path, type PathElement, pathString } from "./_path.ts";
export { rootType, TypeNode } from "./_schema.ts";
export { compareValues, type Comparison, mergeValues, removeItems, toFieldSet } from "./typed.ts";
export {
  applyConfiguration,
  ApplyConflictError,
  type ApplyOptions,
  type ManagedFieldsEntry,
  type ManagerOptions,
  updateManagedFields,
} from "./managed_fields.ts";
