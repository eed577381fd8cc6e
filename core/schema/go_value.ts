/**
 * Go's `%#v` of the typed values Kubernetes' validators report (slices, string maps, label selectors),
 * wrapped as {@link GoValue} so the field.Error constructors print them as they are.
 *
 * @module
 */
import { goQuote, GoValue } from "./_gofmt.ts";
import type { LabelSelector } from "./label_selector.ts";

// strconv.Quote travels with the renderers: callers printing their own structs quote fields with it.
export { goQuote, GoValue };

/**
 * `%#v` of a []string: `[]string{"10.96.0.10"}`, `[]string(nil)` when absent.
 *
 * @example
 * ```ts
 * import { goStrings } from "./go_value.ts";
 * goStrings(["a", "b"]).text; // '[]string{"a", "b"}'
 * goStrings(undefined).text; // "[]string(nil)"
 * ```
 */
export function goStrings(values: readonly string[] | undefined): GoValue {
  return new GoValue(values ? `[]string{${values.map(goQuote).join(", ")}}` : "[]string(nil)");
}

/**
 * `%#v` of a map[string]string: keys sorted, `map[string]string(nil)` when absent.
 *
 * @example
 * ```ts
 * import { goStringMap } from "./go_value.ts";
 * goStringMap({ b: "2", a: "1" }).text; // 'map[string]string{"a":"1", "b":"2"}'
 * ```
 */
export function goStringMap(map: Readonly<Record<string, string>> | undefined): GoValue {
  if (!map) return new GoValue("map[string]string(nil)");
  const body = Object.keys(map).sort().map((k) => `${goQuote(k)}:${goQuote(map[k])}`).join(", ");
  return new GoValue(`map[string]string{${body}}`);
}

/**
 * `%#v` of a *metav1.LabelSelector, dereferenced as ErrorBody does; `<nil>` when absent.
 *
 * @example
 * ```ts
 * import { goLabelSelector } from "./go_value.ts";
 * goLabelSelector({ matchLabels: { app: "web" } }).text;
 * // 'v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}'
 * ```
 */
export function goLabelSelector(selector: LabelSelector | undefined): GoValue {
  if (!selector) return new GoValue("<nil>");
  const labels = goStringMap(selector.matchLabels).text;
  const requirement = (r: { key: string; operator: string; values?: readonly string[] }) =>
    `v1.LabelSelectorRequirement{Key:${goQuote(r.key)}, Operator:${goQuote(r.operator)}, Values:${
      goStrings(r.values).text
    }}`;
  const exprs = selector.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${selector.matchExpressions.map(requirement).join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return new GoValue(`v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`);
}
