/**
 * Options shared by the patch functions.
 *
 * @module
 */

/**
 * The `fieldValidation` query parameter of a PATCH. Kubernetes treats an unset one as "Warn"; "Warn" and
 * "Strict" decode the patch body strictly first, which turns a body of the wrong shape into a 400
 * `error decoding patch: ...` instead of the patch library's own error.
 */
export type FieldValidation = "Ignore" | "Warn" | "Strict";

/** Options of {@link applyJsonPatch} and {@link applyMergePatch}. */
export interface PatchOptions {
  /** Default "Warn", as in Kubernetes. */
  fieldValidation?: FieldValidation;
}
