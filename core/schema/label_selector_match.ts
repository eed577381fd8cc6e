/**
 * Label selectors compiled once into predicates, with the semantics of k8s.io/apimachinery's
 * labels.Selector as metav1.LabelSelectorAsSelector builds it: the one matcher the API's watchers,
 * RBAC aggregation, admission webhooks, the scheduler and the workload controllers share.
 *
 * @module
 */
import type { LabelSelector } from "./label_selector.ts";

/** Labels as a plain record; undefined means no labels. */
export type Labels = Record<string, string> | undefined;

/** A compiled label selector. `empty` is labels.Selector.Empty(): it selects everything and has no requirements. */
export interface CompiledSelector {
  /** True when the selector has no requirements (selects everything). */
  readonly empty: boolean;
  /** Whether `labels` satisfy every requirement. */
  matches(labels: Labels): boolean;
}

/** labels.Nothing(): matches no object, and is not Empty(). */
export const SELECT_NOTHING: CompiledSelector = { empty: false, matches: () => false };
/** labels.Everything(): matches every object, and is Empty(). */
export const SELECT_EVERYTHING: CompiledSelector = { empty: true, matches: () => true };

type Requirement = (labels: Labels) => boolean;

// A label value is always a string and nothing on Object.prototype is, so this is an own-key test
// without Object.hasOwn, which dominated profiles of selector matching.
function has(labels: Labels, key: string): boolean {
  return labels !== undefined && typeof labels[key] === "string";
}

/**
 * metav1.LabelSelectorAsSelector: null matches nothing, `{}` matches everything, an unknown operator
 * (an invalid selector, which Kubernetes reports as an error) matches nothing.
 *
 * @example
 * ```ts
 * const web = compileLabelSelector({ matchLabels: { app: "web" } });
 * web.matches({ app: "web" }); // true
 * compileLabelSelector(undefined).matches({}); // false
 * ```
 */
export function compileLabelSelector(selector: LabelSelector | undefined | null): CompiledSelector {
  if (selector == null) return SELECT_NOTHING;
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push((labels) => has(labels, key) && labels![key] === value);
  }
  for (const expr of selector.matchExpressions ?? []) {
    const key = expr.key;
    const values = new Set(expr.values ?? []);
    switch (expr.operator) {
      case "In":
        requirements.push((labels) => has(labels, key) && values.has(labels![key]));
        break;
      case "NotIn":
        requirements.push((labels) => !has(labels, key) || !values.has(labels![key]));
        break;
      case "Exists":
        requirements.push((labels) => has(labels, key));
        break;
      case "DoesNotExist":
        requirements.push((labels) => !has(labels, key));
        break;
      default:
        return SELECT_NOTHING;
    }
  }
  return fromRequirements(requirements);
}

/**
 * A selector requiring `key=value` for every entry of `set` on top of `base`
 * (labels.SelectorFromSet merged with a selector, as matchLabelKeys does).
 *
 * @example
 * ```ts
 * mergeMatchLabels(SELECT_EVERYTHING, { "pod-template-hash": "abc" }).matches({ "pod-template-hash": "abc" }); // true
 * ```
 */
export function mergeMatchLabels(base: CompiledSelector, set: Record<string, string>): CompiledSelector {
  const entries = Object.entries(set);
  if (entries.length === 0) return base;
  const requirements: Requirement[] = entries.map(([key, value]) => (labels) =>
    has(labels, key) && labels![key] === value
  );
  if (base !== SELECT_EVERYTHING) requirements.push((labels) => base.matches(labels));
  return fromRequirements(requirements);
}

function fromRequirements(requirements: Requirement[]): CompiledSelector {
  if (requirements.length === 0) return SELECT_EVERYTHING;
  if (requirements.length === 1) {
    const [only] = requirements;
    return { empty: false, matches: only };
  }
  return {
    empty: false,
    matches(labels) {
      for (let i = 0; i < requirements.length; i++) if (!requirements[i](labels)) return false;
      return true;
    },
  };
}

/**
 * Whether `labels` satisfy `selector` (compiled on each call; compile once with
 * {@link compileLabelSelector} where one selector meets many objects).
 *
 * @example
 * ```ts
 * labelSelectorMatches({ matchLabels: { app: "web" } }, { app: "web", tier: "front" }); // true
 * labelSelectorMatches({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["db"] }] }, { tier: "db" }); // false
 * ```
 */
export function labelSelectorMatches(selector: LabelSelector | undefined | null, labels: Labels): boolean {
  return compileLabelSelector(selector).matches(labels);
}
