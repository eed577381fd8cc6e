/**
 * metav1.LabelSelector validation (k8s.io/apimachinery/pkg/apis/meta/v1/validation: ValidateLabelSelector):
 * matchLabels as labels, matchExpressions with operators In, NotIn, Exists and DoesNotExist.
 *
 * @module
 */
import { forbidden, invalid, required } from "./field_error.ts";
import { validateLabelName, validateLabels } from "./metadata.ts";
import { isValidLabelValue } from "./names.ts";
import type { FieldError } from "./types.ts";

/** A label selector as it appears in objects (Deployment.spec.selector, …). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** One expression of a label selector. */
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** Relaxations Kubernetes grants some callers (LabelSelectorValidationOptions). */
export interface LabelSelectorOptions {
  /** Skip the label-value check of expression values. */
  allowInvalidLabelValueInSelector?: boolean;
  /** Accept operators other than the four known ones. */
  allowUnknownOperatorInRequirement?: boolean;
}

/**
 * ValidateLabelSelector: matchLabels follow the label rules; each expression has a qualified-name key
 * and values that fit its operator.
 *
 * @example
 * ```ts
 * import { validateLabelSelector } from "./label_selector.ts";
 * validateLabelSelector({ matchExpressions: [{ key: "app", operator: "In" }] }, "spec.selector")[0].message;
 * // "Required value: must be specified when `operator` is 'In' or 'NotIn'"
 * ```
 */
export function validateLabelSelector(
  selector: unknown,
  path: string,
  options: LabelSelectorOptions = {},
): FieldError[] {
  if (typeof selector !== "object" || selector === null) return [];
  const s = selector as LabelSelector;
  const errors = validateLabels(s.matchLabels, `${path}.matchLabels`);
  if (Array.isArray(s.matchExpressions)) {
    s.matchExpressions.forEach((expr, i) => {
      errors.push(...validateLabelSelectorRequirement(expr, `${path}.matchExpressions[${i}]`, options));
    });
  }
  return errors;
}

/**
 * ValidateLabelSelectorRequirement: In/NotIn need values, Exists/DoesNotExist forbid them, the key is a
 * qualified name and each value a label value.
 *
 * @example
 * ```ts
 * import { validateLabelSelectorRequirement } from "./label_selector.ts";
 * validateLabelSelectorRequirement({ key: "a", operator: "Exists", values: ["x"] }, "r")[0].message;
 * // "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
 * ```
 */
export function validateLabelSelectorRequirement(
  requirement: LabelSelectorRequirement,
  path: string,
  options: LabelSelectorOptions = {},
): FieldError[] {
  const errors: FieldError[] = [];
  const values = Array.isArray(requirement?.values) ? requirement.values : [];
  const operator = typeof requirement?.operator === "string" ? requirement.operator : "";
  switch (operator) {
    case "In":
    case "NotIn":
      if (!values.length) {
        errors.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length) {
        errors.push(
          forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      }
      break;
    default:
      if (!options.allowUnknownOperatorInRequirement) {
        errors.push(invalid(`${path}.operator`, operator, "not a valid selector operator"));
      }
  }
  errors.push(
    ...validateLabelName(typeof requirement?.key === "string" ? requirement.key : "", `${path}.key`),
  );
  if (!options.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(String(v))) errors.push(invalid(`${path}.values[${i}]`, v, msg));
    });
  }
  return errors;
}
