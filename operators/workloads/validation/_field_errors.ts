/**
 * Kubernetes' field.Error constructors with Go's value formatting (ErrorBody in
 * k8s.io/apimachinery/pkg/util/validation/field/errors.go): strings %q, numbers bare, anything else %#v,
 * which for the values these validators report means `map[string]string{"app":"web"}` and
 * `v1.LabelSelector{MatchLabels:..., MatchExpressions:...}`. Core/kinds keeps its own copy private; this
 * one adds the Go renderings workloads need.
 *
 * @module
 */
import type { FieldError } from "@skiff/schema";
import type { LabelSelector } from "@skiff/kinds";

/** field.Required. */
export function required(field: string, detail = ""): FieldError {
  return {
    reason: "FieldValueRequired",
    field,
    message: detail ? `Required value: ${detail}` : "Required value",
  };
}

/** field.Invalid; `value` is already rendered (see {@link goValue}) when it is a GoValue. */
export function invalid(field: string, value: unknown, detail: string): FieldError {
  const head = `Invalid value: ${goValue(value)}`;
  return { reason: "FieldValueInvalid", field, message: detail ? `${head}: ${detail}` : head };
}

/** field.Invalid with field.OmitValueType: no value in the message. */
export function invalidNoValue(field: string, detail: string): FieldError {
  return { reason: "FieldValueInvalid", field, message: `Invalid value: ${detail}` };
}

/** field.NotSupported: values quoted in the order given. */
export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(", ");
  return {
    reason: "FieldValueNotSupported",
    field,
    message: `Unsupported value: ${goValue(value)}${list ? `: supported values: ${list}` : ""}`,
  };
}

/** field.Forbidden. */
export function forbidden(field: string, detail: string): FieldError {
  return { reason: "FieldValueForbidden", field, message: detail ? `Forbidden: ${detail}` : "Forbidden" };
}

/** A value already printed the Go way, so {@link goValue} leaves it alone. */
export class GoValue {
  constructor(readonly text: string) {}
}

/** ErrorBody's rendering of a value. */
export function goValue(value: unknown): string {
  if (value instanceof GoValue) return value.text;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === undefined || value === null) return "null";
  return JSON.stringify(value);
}

/** `%#v` of a map[string]string: keys sorted, `map[string]string(nil)` for nil. */
export function goStringMap(map: Record<string, string> | undefined): GoValue {
  if (!map) return new GoValue("map[string]string(nil)");
  const body = Object.keys(map).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(map[k])}`).join(
    ", ",
  );
  return new GoValue(`map[string]string{${body}}`);
}

/** `%#v` of a metav1.LabelSelector (the pointer dereferenced, as ErrorBody does). */
export function goLabelSelector(selector: LabelSelector | undefined): GoValue {
  if (!selector) return new GoValue("<nil>");
  const labels = goStringMap(selector.matchLabels).text;
  const exprs = selector.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${
      selector.matchExpressions.map((r) =>
        `v1.LabelSelectorRequirement{Key:${JSON.stringify(r.key)}, Operator:${
          JSON.stringify(r.operator)
        }, Values:${
          r.values
            ? `[]string{${r.values.map((x) => JSON.stringify(x)).join(", ")}}`
            : "[]string(nil)"
        }}`
      ).join(", ")
    }}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return new GoValue(`v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`);
}

/** apivalidation.ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value < 0
    ? [invalid(field, value, "must be greater than or equal to 0")]
    : [];
}
