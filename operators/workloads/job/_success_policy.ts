/**
 * matchSuccessPolicy (pkg/controller/job/success_policy.go): an Indexed Job succeeds early once a rule
 * of its successPolicy holds: every index of `succeededIndexes` succeeded (or `succeededCount` of them),
 * or `succeededCount` indexes succeeded in all. Completions 10, succeeded {0,1,2,4}, rule "0-2" → met.
 *
 * @module
 */
import type { Job } from "./_types.ts";
import { parseIndexes } from "./_indexed.ts";

/** The SuccessCriteriaMet message of the first rule that holds ("Matched rules at index N"), if any. */
export function matchSuccessPolicy(
  policy: NonNullable<Job["spec"]>["successPolicy"],
  completions: number,
  succeeded: Set<number>,
): string | undefined {
  if (!policy || succeeded.size === 0) return undefined;
  for (const [index, rule] of policy.rules.entries()) {
    const count = rule.succeededCount ?? undefined;
    if (rule.succeededIndexes !== undefined) {
      const required = parseIndexes(rule.succeededIndexes, completions);
      // A rule whose indexes do not parse is skipped.
      if (required.size === 0) continue;
      const matched = [...required].filter((i) => succeeded.has(i)).length;
      if (count === undefined ? matched === required.size : matched >= count) {
        return `Matched rules at index ${index}`;
      }
    } else if (count !== undefined && succeeded.size >= count) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}
