import assert from "node:assert/strict";
import { validateLabelSelector } from "./label_selector.ts";

function lines(selector: unknown, options = {}): string[] {
  return validateLabelSelector(selector, "spec.selector", options).map((e) => `${e.field}: ${e.message}`);
}

const cases: [string, unknown, string[]][] = [
  ["matchLabels alone", { matchLabels: { app: "web" } }, []],
  ["In with values", { matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }] }, []],
  ["Exists without values", { matchExpressions: [{ key: "tier", operator: "Exists" }] }, []],
  [
    "In without values",
    { matchExpressions: [{ key: "tier", operator: "In" }] },
    ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
  ],
  [
    "NotIn with an empty list",
    { matchExpressions: [{ key: "tier", operator: "NotIn", values: [] }] },
    ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
  ],
  [
    "DoesNotExist with values",
    { matchExpressions: [{ key: "tier", operator: "DoesNotExist", values: ["a"] }] },
    ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
  ],
  [
    "an unknown operator",
    { matchExpressions: [{ key: "tier", operator: "Gt", values: ["1"] }] },
    ['spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator'],
  ],
  [
    "a bad key and value",
    { matchExpressions: [{ key: "/x", operator: "In", values: ["-a"] }] },
    [
      'spec.selector.matchExpressions[0].key: Invalid value: "/x": prefix part must be non-empty',
      "spec.selector.matchExpressions[0].values[0]: Invalid value: \"-a\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ],
  [
    "a bad matchLabels value",
    { matchLabels: { app: "a b" } },
    [
      "spec.selector.matchLabels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ],
];

for (const [name, selector, want] of cases) {
  Deno.test(`validateLabelSelector judges ${name}`, () => assert.deepEqual(lines(selector), want));
}

Deno.test("validateLabelSelector relaxes operators and values when asked", () => {
  const selector = { matchExpressions: [{ key: "a", operator: "Gt", values: ["-x"] }] };
  assert.deepEqual(
    lines(selector, { allowUnknownOperatorInRequirement: true, allowInvalidLabelValueInSelector: true }),
    [],
  );
});

Deno.test("validateLabelSelector accepts a missing selector", () => {
  assert.deepEqual(lines(undefined), []);
});
