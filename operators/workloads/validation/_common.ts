/**
 * Validation pieces every workload kind shares: label selectors (whether one converts; their rules and
 * the field errors come from @skiff/schema), pod templates
 * (ValidatePodTemplateSpec with core/kinds' pod spec validation), the selector-matches-template rule,
 * and the int-or-percent checks of rolling updates.
 *
 * @module
 */
import {
  type FieldError,
  forbidden,
  goLabelSelector,
  goStringMap,
  invalid,
  isQualifiedName,
  isValidLabelValue,
  nonNegative,
  notSupported,
  required,
  validateLabels,
  validateLabelSelector,
} from "@skiff/schema";
import { type LabelSelector, validatePodSpec } from "@skiff/kinds";
import type { PodTemplateSpec } from "../api/pod_template.ts";
import { isEmptySelector, matchesSelector } from "../selector/selector.ts";

const OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"];

/**
 * Whether LabelSelectorAsSelector accepts the selector: known operators, values only where they belong,
 * valid keys and values (labels.NewRequirement checks them). An absent selector converts (to Nothing).
 */
export function selectorConverts(selector: LabelSelector | undefined): boolean {
  const labelsOk = Object.entries(selector?.matchLabels ?? {}).every(([k, v]) =>
    !isQualifiedName(k).length && !isValidLabelValue(v).length
  );
  return labelsOk && (selector?.matchExpressions ?? []).every((r) =>
    OPERATORS.includes(r.operator) &&
    ((r.operator === "In" || r.operator === "NotIn") ? !!r.values?.length : !r.values?.length) &&
    !isQualifiedName(r.key).length && (r.values ?? []).every((v) => !isValidLabelValue(v).length)
  );
}

/**
 * The selector rules of Deployments, ReplicaSets, StatefulSets and DaemonSets: required (a DaemonSet
 * leaves that to its schema), valid, not empty; then, only when the selector converts, that it matches
 * the template's labels and the kind's `templateRules`; otherwise "invalid label selector" (a
 * StatefulSet says nothing more, a DaemonSet nothing at all).
 */
export function validateSelectorAndTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  kind: "deployment" | "statefulset" | "daemonset",
  templateRules: () => FieldError[] = () => [],
): FieldError[] {
  const errors: FieldError[] = [];
  if (!selector) {
    if (kind !== "daemonset") errors.push(required("spec.selector"));
  } else {
    errors.push(...validateLabelSelector(selector, "spec.selector"));
    if (isEmptySelector(selector)) {
      errors.push(
        invalid("spec.selector", goLabelSelector(selector), `empty selector is invalid for ${kind}`),
      );
    }
  }
  if (selectorConverts(selector)) {
    errors.push(...selectorMatchesTemplate(selector, template));
    errors.push(...templateRules());
  } else if (kind !== "daemonset") {
    errors.push(
      invalid(
        "spec.selector",
        goLabelSelector(selector),
        kind === "statefulset" ? "" : "invalid label selector",
      ),
    );
  }
  return errors;
}

/** "`selector` does not match template `labels`", unless the selector is empty (which selects all). */
export function selectorMatchesTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
): FieldError[] {
  const labels = template?.metadata?.labels;
  if (isEmptySelector(selector) || matchesSelector(selector, labels ?? {})) return [];
  return [
    invalid(
      "spec.template.metadata.labels",
      goStringMap(labels),
      "`selector` does not match template `labels`",
    ),
  ];
}

/**
 * ValidatePodTemplateSpec under `spec.template` (the pod spec through core/kinds' validatePodSpec, as a
 * template's, not a Pod's), then the rule every long-running workload adds: restartPolicy Always and no
 * activeDeadlineSeconds. `kindName` words the activeDeadlineSeconds message ("ReplicaSet").
 */
export function validateLongRunningTemplate(
  template: PodTemplateSpec | undefined,
  kindName: string,
  options: { podSpec?: boolean; path?: string } = {},
): FieldError[] {
  const path = options.path ?? "spec.template";
  if (!template) return [required(path)];
  const errors = options.podSpec === false ? [] : validateTemplate(template, path);
  const restartPolicy = template.spec?.restartPolicy ?? "Always";
  if (restartPolicy !== "Always") {
    errors.push(notSupported(`${path}.spec.restartPolicy`, restartPolicy, ["Always"]));
  }
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errors.push(
      forbidden(
        `${path}.spec.activeDeadlineSeconds`,
        `activeDeadlineSeconds in ${kindName} is not Supported`,
      ),
    );
  }
  return errors;
}

/**
 * ValidatePodTemplateSpec: the template's labels (reported under `<path>.labels`, as Kubernetes does),
 * the pod spec, and no ephemeral containers in a template.
 */
export function validateTemplate(template: PodTemplateSpec, path: string): FieldError[] {
  const spec = template.spec ?? { containers: [] };
  const errors = validateLabels(template.metadata?.labels, `${path}.labels`);
  errors.push(...validatePodSpec(spec, `${path}.spec`, { isPod: false }));
  if (spec.ephemeralContainers?.length) {
    errors.push(
      forbidden(`${path}.spec.ephemeralContainers`, "ephemeral containers not allowed in pod template"),
    );
  }
  return errors;
}

const PERCENT = /^[0-9]+%$/;

/** ValidatePositiveIntOrPercent: a non-negative integer or a percentage such as "25%". */
export function validateIntOrPercent(value: number | string | undefined, path: string): FieldError[] {
  if (value === undefined) return [];
  if (typeof value === "string") {
    return PERCENT.test(value) ? [] : [
      invalid(
        path,
        value,
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  }
  return nonNegative(value, path);
}

/** getIntOrPercentValue: the number of an int, or of a valid percentage; 0 for anything else. */
export function intOrPercentValue(value: number | string | undefined): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && PERCENT.test(value)) return Number(value.slice(0, -1));
  return 0;
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(value: number | string | undefined, path: string): FieldError[] {
  if (typeof value !== "string" || !PERCENT.test(value) || Number(value.slice(0, -1)) <= 100) return [];
  return [invalid(path, value, "must not be greater than 100%")];
}

/** ValidateImmutableField for a selector: the message kubectl apply users know. */
export function immutableSelector(
  selector: LabelSelector | undefined,
  old: LabelSelector | undefined,
): FieldError[] {
  return JSON.stringify(canonical(selector)) === JSON.stringify(canonical(old))
    ? []
    : [invalid("spec.selector", goLabelSelector(selector), "field is immutable")];
}

/** A JSON value with object keys sorted and empty values dropped, for semantic equality. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map(canonical) : undefined;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = canonical((value as Record<string, unknown>)[k]);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}
