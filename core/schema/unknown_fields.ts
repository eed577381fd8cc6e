/**
 * What the API server says about unknown (and duplicate) fields under each fieldValidation directive,
 * worded as Kubernetes does: each becomes `unknown field "<path>"` (a Warning header under Warn); under
 * Strict they are joined into one strict decoding error that the request fails with, as a BadRequest
 * whose message is `<Kind> in version "<v>" cannot be handled as a <Kind>: strict decoding error: …`.
 *
 * @module
 */
import type { FieldError } from "./types.ts";

/** The fieldValidation query parameter's values. */
export type FieldValidation = "Ignore" | "Warn" | "Strict";

/**
 * The text of one unknown-field error: `unknown field "spec.foo"`.
 *
 * @example
 * ```ts
 * import { unknownFieldMessage } from "./unknown_fields.ts";
 * unknownFieldMessage("spec.containers[0].images"); // 'unknown field "spec.containers[0].images"'
 * ```
 */
export function unknownFieldMessage(path: string): string {
  return `unknown field "${path}"`;
}

/**
 * The text of one duplicate-field error (a key repeated in the request's JSON or YAML):
 * `duplicate field "spec.replicas"`.
 *
 * @example
 * ```ts
 * import { duplicateFieldMessage } from "./unknown_fields.ts";
 * duplicateFieldMessage("spec.replicas"); // 'duplicate field "spec.replicas"'
 * ```
 */
export function duplicateFieldMessage(path: string): string {
  return `duplicate field "${path}"`;
}

/**
 * The Warning header texts for fieldValidation=Warn, one per field, duplicates first as the decoder
 * reports them before pruning does.
 *
 * @example
 * ```ts
 * import { unknownFieldWarnings } from "./unknown_fields.ts";
 * unknownFieldWarnings(["spec.foo"]); // ['unknown field "spec.foo"']
 * ```
 */
export function unknownFieldWarnings(
  unknown: readonly string[],
  duplicates: readonly string[] = [],
): string[] {
  return [...duplicates.map(duplicateFieldMessage), ...unknown.map(unknownFieldMessage)];
}

/**
 * The strict decoding error of fieldValidation=Strict: `strict decoding error: unknown field "a",
 * unknown field "b"`, or undefined when there is nothing to refuse.
 *
 * @example
 * ```ts
 * import { strictDecodingMessage } from "./unknown_fields.ts";
 * strictDecodingMessage(["spec.foo"]); // 'strict decoding error: unknown field "spec.foo"'
 * ```
 */
export function strictDecodingMessage(
  unknown: readonly string[],
  duplicates: readonly string[] = [],
): string | undefined {
  const all = unknownFieldWarnings(unknown, duplicates);
  return all.length ? `strict decoding error: ${all.join(", ")}` : undefined;
}

/**
 * The BadRequest message a strict decoding error becomes (transformDecodeError): `<kind> in version
 * "<version>" cannot be handled as a <intoKind>: <error>`.
 *
 * @example
 * ```ts
 * import { decodeErrorMessage } from "./unknown_fields.ts";
 * decodeErrorMessage("Pod", "v1", "Pod", 'strict decoding error: unknown field "spec.foo"');
 * // 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"'
 * ```
 */
export function decodeErrorMessage(kind: string, version: string, intoKind: string, error: string): string {
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${intoKind}: ${error}`;
}

/**
 * The unknown fields as field errors, for callers that report Strict refusals per field: reason
 * FieldValueUnknown, the field's path, and the message `unknown field "<path>"`.
 *
 * @example
 * ```ts
 * import { unknownFieldErrors } from "./unknown_fields.ts";
 * unknownFieldErrors(["spec.foo"])[0];
 * // { reason: "FieldValueUnknown", field: "spec.foo", message: 'unknown field "spec.foo"' }
 * ```
 */
export function unknownFieldErrors(unknown: readonly string[]): FieldError[] {
  return unknown.map((field) => ({
    reason: "FieldValueUnknown",
    field,
    message: unknownFieldMessage(field),
  }));
}
