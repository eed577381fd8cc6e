/**
 * Label selectors as the workload code needs them: matching a pod's labels (metav1.LabelSelectorAsSelector
 * then Matches), and the string form Kubernetes prints (kubectl's SELECTOR column, a Scale's
 * `status.selector`).
 *
 * @module
 */
import type { LabelSelector } from "@skiff/kinds";
import { labelSelectorMatches } from "@skiff/schema";

/**
 * Whether `labels` satisfy `selector`: every matchLabels pair and every matchExpressions requirement.
 * An empty selector matches everything and an absent one nothing, as LabelSelectorAsSelector makes
 * them (labels.Everything() and labels.Nothing()).
 *
 * @example
 * ```ts
 * import { matchesSelector } from "@skiff/workloads";
 *
 * matchesSelector({ matchLabels: { app: "web" } }, { app: "web", tier: "front" }); // true
 * matchesSelector({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["db"] }] }, { tier: "db" }); // false
 * ```
 */
export function matchesSelector(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  return labelSelectorMatches(selector, labels);
}

/**
 * Whether a selector selects everything (no matchLabels and no matchExpressions).
 *
 * @example
 * ```ts
 * import { isEmptySelector } from "@skiff/workloads";
 *
 * isEmptySelector({ matchLabels: {} }); // true
 * ```
 */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !!selector &&
    Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
}

/**
 * A selector's string form, labels.Selector.String(): requirements sorted by key, `k=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`, joined by commas; "" for an empty selector. This is what a Scale's
 * `status.selector` carries.
 *
 * @example
 * ```ts
 * import { selectorString } from "@skiff/workloads";
 *
 * selectorString({ matchLabels: { app: "web" }, matchExpressions: [{ key: "env", operator: "In", values: ["prod", "dev"] }] });
 * // "app=web,env in (dev,prod)"
 * ```
 */
export function selectorString(selector: LabelSelector): string {
  const parts: [string, string][] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push([k, `${k}=${v}`]);
  for (const r of selector.matchExpressions ?? []) {
    const values = [...new Set(r.values ?? [])].sort().join(",");
    switch (r.operator) {
      case "In":
        parts.push([r.key, `${r.key} in (${values})`]);
        break;
      case "NotIn":
        parts.push([r.key, `${r.key} notin (${values})`]);
        break;
      case "Exists":
        parts.push([r.key, r.key]);
        break;
      case "DoesNotExist":
        parts.push([r.key, `!${r.key}`]);
        break;
    }
  }
  return parts.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0).map((p) => p[1]).join(",");
}

/**
 * metav1.FormatLabelSelector, which kubectl's printers use: the string form, or `<none>` when it is
 * empty; `<none>` too for an absent selector.
 *
 * @example
 * ```ts
 * import { formatSelector } from "@skiff/workloads";
 *
 * formatSelector({ matchLabels: { app: "web" } }); // "app=web"
 * formatSelector({}); // "<none>"
 * ```
 */
export function formatSelector(selector: LabelSelector | undefined): string {
  if (!selector) return "<none>";
  const text = selectorString(selector);
  return text === "" ? "<none>" : text;
}

/**
 * The string form of an equality selector (a ReplicationController's `spec.selector`),
 * labels.SelectorFromSet(...).String(): `k=v` pairs sorted by key.
 *
 * @example
 * ```ts
 * import { setSelectorString } from "@skiff/workloads";
 *
 * setSelectorString({ tier: "web", app: "shop" }); // "app=shop,tier=web"
 * ```
 */
export function setSelectorString(set: Record<string, string> | undefined): string {
  return selectorString({ matchLabels: set ?? {} });
}
