/**
 * PATCH bodies as the Kubernetes API server applies them: JSON patch (RFC 6902), JSON merge patch
 * (RFC 7386), strategic merge patch and server-side apply (with the managedFields every write records),
 * with Kubernetes' semantics, error texts and HTTP codes. Every function works on a copy and leaves its
 * arguments alone.
 *
 * @example
 * ```ts
 * import { applyStrategicMergePatch, parsePatchBody, patchTypeOf, STRATEGIC_MERGE_PATCH } from "@skiff/patch";
 *
 * const type = patchTypeOf(req.headers.get("content-type"));
 * const body = parsePatchBody(await req.text());
 * if (type === STRATEGIC_MERGE_PATCH) next = applyStrategicMergePatch(current, body, schema);
 * ```
 *
 * @module
 */
export { PANIC_MESSAGE, PatchError, REJECTED_MESSAGE } from "./errors.ts";
export {
  APPLY_PATCH,
  BUILTIN_PATCH_TYPES,
  CUSTOM_RESOURCE_PATCH_TYPES,
  JSON_PATCH,
  MERGE_PATCH,
  type PatchType,
  patchTypeOf,
  STRATEGIC_MERGE_PATCH,
} from "./content_types.ts";
export type { FieldValidation, PatchOptions } from "./types.ts";
export { parsePatchBody } from "./body.ts";
export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from "./json_patch.ts";
export { applyMergePatch } from "./merge_patch.ts";
export { applyStrategicMergePatch } from "./strategic_merge_patch.ts";
// Server-side apply and managedFields (structured-merge-diff).
export {
  applyConfiguration,
  ApplyConflictError,
  type ApplyOptions,
  FieldSet,
  type FieldsV1,
  type ManagedFieldsEntry,
  type ManagerOptions,
  rootType,
  TypeNode,
  updateManagedFields,
} from "./apply/mod.ts";
