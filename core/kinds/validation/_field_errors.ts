/**
 * Kubernetes' field.Error constructors (k8s.io/apimachinery/pkg/util/validation/field/errors.go) producing
 * Skiff's FieldError: the same reasons, and `message` is exactly what Go's ErrorBody() prints, so a Status
 * built from these reads like the one kube-apiserver returns.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";

/**
 * A field path as Kubernetes prints it: `spec.containers[0].image`, `spec.nodeSelector[disk]`.
 * Immutable; `child`, `index` and `key` return new paths.
 */
export class FieldPath {
  private constructor(private readonly text: string) {}

  /** The path of a top-level field ("spec", "metadata"). */
  static root(name: string): FieldPath {
    return new FieldPath(name);
  }

  /** `spec` → `spec.containers`; several names descend several levels. */
  child(...names: string[]): FieldPath {
    let text = this.text;
    for (const name of names) text = text ? `${text}.${name}` : name;
    return new FieldPath(text);
  }

  /** `spec.containers` → `spec.containers[0]`. */
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  /** `spec.nodeSelector` → `spec.nodeSelector[disk]` (map keys are not quoted, as in Go). */
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  /** The path as Kubernetes prints it. */
  toString(): string {
    return this.text;
  }
}

/** field.Required: "Required value" plus an optional detail. */
export function required(path: FieldPath, detail = ""): FieldError {
  return error("FieldValueRequired", path, withDetail("Required value", detail));
}

/** field.Invalid: `Invalid value: "x": detail`. */
export function invalid(path: FieldPath, value: unknown, detail: string): FieldError {
  return error("FieldValueInvalid", path, withDetail(`Invalid value: ${formatValue(value)}`, detail));
}

/** field.NotSupported: `Unsupported value: "x": supported values: "a", "b"` (values in the order given). */
export function notSupported(path: FieldPath, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length ? `supported values: ${supported.map(goQuote).join(", ")}` : "";
  return error(
    "FieldValueNotSupported",
    path,
    withDetail(`Unsupported value: ${formatValue(value)}`, detail),
  );
}

/** field.Duplicate: `Duplicate value: "x"`. */
export function duplicate(path: FieldPath, value: unknown): FieldError {
  return error("FieldValueDuplicate", path, `Duplicate value: ${formatValue(value)}`);
}

/** field.NotFound: `Not found: "x"`. */
export function notFound(path: FieldPath, value: unknown): FieldError {
  return error("FieldValueNotFound", path, `Not found: ${formatValue(value)}`);
}

/** field.Forbidden: "Forbidden: detail". */
export function forbidden(path: FieldPath, detail: string): FieldError {
  return error("FieldValueForbidden", path, withDetail("Forbidden", detail));
}

function error(reason: string, path: FieldPath, message: string): FieldError {
  return { reason, field: path.toString(), message };
}

function withDetail(head: string, detail: string): string {
  return detail ? `${head}: ${detail}` : head;
}

/**
 * How ErrorBody prints a bad value: strings with %q, numbers and booleans bare, anything else as JSON
 * (a nil pointer prints `null`).
 */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === undefined || value === null) return "null";
  return JSON.stringify(value);
}

// Go's %q and JSON agree on printable text, quotes and backslashes, which is all API values carry in
// practice; control characters differ (\x01 against \u0001) and are rare enough to ignore.
function goQuote(s: string): string {
  return JSON.stringify(s);
}
