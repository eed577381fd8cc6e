/**
 * meta/v1 LabelSelectors as webhooks use them (namespaceSelector, objectSelector): an empty or absent
 * selector matches everything; matchLabels and matchExpressions are ANDed.
 *
 * @module
 */
import type { LabelSelector } from "@skiff/kinds";
import { labelSelectorMatches } from "@skiff/schema";

/**
 * Whether `selector` selects nothing at all, so a webhook needs no labels to decide (Kubernetes skips
 * the namespace lookup for it).
 *
 * @example
 * ```ts
 * selectsEverything({}); // true
 * ```
 */
export function selectsEverything(selector: LabelSelector | undefined): boolean {
  return !selector || (!Object.keys(selector.matchLabels ?? {}).length && !selector.matchExpressions?.length);
}

/**
 * Whether `labels` satisfy `selector` (metav1.LabelSelectorAsSelector, then Matches).
 *
 * @example
 * ```ts
 * selectorMatches({ matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] }, { env: "dev" }); // true
 * ```
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  // An absent selector selects everything here, unlike LabelSelectorAsSelector's nil.
  return selectsEverything(selector) || labelSelectorMatches(selector, labels);
}
