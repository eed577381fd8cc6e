/**
 * Constructors for {@link FieldError}, worded exactly as k8s.io/apimachinery/pkg/util/validation/field
 * words them (errors.go: `ErrorBody`), plus the aggregate message an `Invalid` Status carries. Each takes
 * the field as a printed path or a {@link FieldPath}.
 *
 * @module
 */
import { goBadValue, goQuote } from "./_gofmt.ts";
import type { Field } from "./field_path.ts";
import type { FieldError } from "./types.ts";

/** A bad value that field.TooMany leaves out of the message (Go's `omitValue`). */
const OMIT: unique symbol = Symbol("omit");

function body(type: string, value: unknown, detail: string): string {
  const head = value === OMIT ? type : `${type}: ${goBadValue(value)}`;
  return detail ? `${head}: ${detail}` : head;
}

function plain(type: string, detail: string): string {
  return detail ? `${type}: ${detail}` : type;
}

/**
 * field.Required: "Required value", then the detail if any.
 *
 * @example
 * ```ts
 * import { required } from "./field_error.ts";
 * required("spec.containers[0].image").message; // "Required value"
 * ```
 */
export function required(field: Field, detail = ""): FieldError {
  return { reason: "FieldValueRequired", field: String(field), message: plain("Required value", detail) };
}

/**
 * field.Invalid: "Invalid value: <value>: <detail>".
 *
 * @example
 * ```ts
 * import { invalid } from "./field_error.ts";
 * invalid("spec.x", "abc", "must be short").message; // 'Invalid value: "abc": must be short'
 * ```
 */
export function invalid(field: Field, value: unknown, detail = ""): FieldError {
  return { reason: "FieldValueInvalid", field: String(field), message: body("Invalid value", value, detail) };
}

/**
 * field.Invalid with field.OmitValueType: "Invalid value: <detail>", the value left out.
 *
 * @example
 * ```ts
 * import { invalidNoValue } from "./field_error.ts";
 * invalidNoValue("spec.rules[0]", "pick one").message; // "Invalid value: pick one"
 * ```
 */
export function invalidNoValue(field: Field, detail = ""): FieldError {
  return { reason: "FieldValueInvalid", field: String(field), message: body("Invalid value", OMIT, detail) };
}

/**
 * ValidateNonnegativeField: a number below 0 is invalid; anything else (absent, not a number) passes.
 *
 * @example
 * ```ts
 * import { nonNegative } from "./field_error.ts";
 * nonNegative(-1, "spec.replicas")[0].message; // "Invalid value: -1: must be greater than or equal to 0"
 * ```
 */
export function nonNegative(value: unknown, field: Field): FieldError[] {
  return typeof value === "number" && value < 0
    ? [invalid(field, value, "must be greater than or equal to 0")]
    : [];
}

/**
 * field.TypeInvalid: worded like Invalid, with reason FieldValueTypeInvalid.
 *
 * @example
 * ```ts
 * import { typeInvalid } from "./field_error.ts";
 * typeInvalid("spec.replicas", "string", "spec.replicas in body must be of type integer: \"string\"").reason;
 * // "FieldValueTypeInvalid"
 * ```
 */
export function typeInvalid(field: Field, value: unknown, detail = ""): FieldError {
  return {
    reason: "FieldValueTypeInvalid",
    field: String(field),
    message: body("Invalid value", value, detail),
  };
}

/**
 * field.NotSupported: `Unsupported value: "c": supported values: "a", "b"`.
 *
 * @example
 * ```ts
 * import { notSupported } from "./field_error.ts";
 * notSupported("spec.x", "c", ["a", "b"]).message; // 'Unsupported value: "c": supported values: "a", "b"'
 * ```
 */
export function notSupported(field: Field, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length
    ? "supported values: " + validValues.map((v) => goBadValue(v)).join(", ")
    : "";
  return {
    reason: "FieldValueNotSupported",
    field: String(field),
    message: body("Unsupported value", value, detail),
  };
}

/**
 * field.Duplicate: "Duplicate value: <value>".
 *
 * @example
 * ```ts
 * import { duplicate } from "./field_error.ts";
 * duplicate("spec.ports[1]", { name: "http" }).message; // 'Duplicate value: {"name":"http"}'
 * ```
 */
export function duplicate(field: Field, value: unknown): FieldError {
  return { reason: "FieldValueDuplicate", field: String(field), message: body("Duplicate value", value, "") };
}

/**
 * field.Forbidden: "Forbidden: <detail>".
 *
 * @example
 * ```ts
 * import { forbidden } from "./field_error.ts";
 * forbidden("metadata.namespace", "not allowed on this type").message; // "Forbidden: not allowed on this type"
 * ```
 */
export function forbidden(field: Field, detail = ""): FieldError {
  return { reason: "FieldValueForbidden", field: String(field), message: plain("Forbidden", detail) };
}

/**
 * field.TooLong: "Too long: may not be more than N bytes" (a negative limit gives "value is too long").
 *
 * @example
 * ```ts
 * import { tooLong } from "./field_error.ts";
 * tooLong("metadata.annotations", 262144).message; // "Too long: may not be more than 262144 bytes"
 * ```
 */
export function tooLong(field: Field, maxLength: number): FieldError {
  const detail = maxLength >= 0
    ? `may not be more than ${maxLength} ${maxLength === 1 ? "byte" : "bytes"}`
    : "value is too long";
  return { reason: "FieldValueTooLong", field: String(field), message: plain("Too long", detail) };
}

/**
 * field.TooLongCharacters: "Too long: may not be more than N characters".
 *
 * @example
 * ```ts
 * import { tooLongCharacters } from "./field_error.ts";
 * tooLongCharacters("spec.x", 5).message; // "Too long: may not be more than 5 characters"
 * ```
 */
export function tooLongCharacters(field: Field, maxLength: number): FieldError {
  const detail = maxLength >= 0
    ? `may not be more than ${maxLength} ${maxLength === 1 ? "character" : "characters"}`
    : "value is too long";
  return { reason: "FieldValueTooLong", field: String(field), message: plain("Too long", detail) };
}

/**
 * field.TooMany: "Too many: <actual>: must have at most N items" (the actual count is left out when
 * negative).
 *
 * @example
 * ```ts
 * import { tooMany } from "./field_error.ts";
 * tooMany("spec.items", 4, 3).message; // "Too many: 4: must have at most 3 items"
 * ```
 */
export function tooMany(field: Field, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? "item" : "items"}` : "has too many items";
  return {
    reason: "FieldValueTooMany",
    field: String(field),
    message: body("Too many", actual >= 0 ? actual : OMIT, detail),
  };
}

/**
 * field.NotFound: "Not found: <value>".
 *
 * @example
 * ```ts
 * import { notFound } from "./field_error.ts";
 * notFound("spec.x", "y").message; // 'Not found: "y"'
 * ```
 */
export function notFound(field: Field, value: unknown): FieldError {
  return { reason: "FieldValueNotFound", field: String(field), message: body("Not found", value, "") };
}

/**
 * field.InternalError: "Internal error: <detail>".
 *
 * @example
 * ```ts
 * import { internalError } from "./field_error.ts";
 * internalError("metadata.name", "boom").message; // "Internal error: boom"
 * ```
 */
export function internalError(field: Field, detail: string): FieldError {
  return { reason: "InternalError", field: String(field), message: plain("Internal error", detail) };
}

/**
 * field.Error.Error(): "<field>: <message>".
 *
 * @example
 * ```ts
 * import { fieldErrorString, required } from "./field_error.ts";
 * fieldErrorString(required("spec.x")); // "spec.x: Required value"
 * ```
 */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${e.message}`;
}

/**
 * ErrorList.ToAggregate().Error(): one error as is, several as "[a, b]", duplicates dropped.
 *
 * @example
 * ```ts
 * import { aggregateMessage, required } from "./field_error.ts";
 * aggregateMessage([required("a"), required("b")]); // "[a: Required value, b: Required value]"
 * ```
 */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const seen = [...new Set(errors.map(fieldErrorString))];
  return seen.length === 1 ? seen[0] : `[${seen.join(", ")}]`;
}

/**
 * The message of an `Invalid` Status (apimachinery errors.NewInvalid): `<Kind[.group]> "<name>" is
 * invalid: <aggregate>`.
 *
 * @example
 * ```ts
 * import { invalidMessage, required } from "./field_error.ts";
 * invalidMessage("Pod", "web", [required("spec.containers[0].image")]);
 * // 'Pod "web" is invalid: spec.containers[0].image: Required value'
 * ```
 */
export function invalidMessage(qualifiedKind: string, name: string, errors: readonly FieldError[]): string {
  const head = `${qualifiedKind} ${goQuote(name)} is invalid`;
  return errors.length ? `${head}: ${aggregateMessage(errors)}` : head;
}
