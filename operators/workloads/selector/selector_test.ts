import assert from "node:assert/strict";
import {
  formatSelector,
  isEmptySelector,
  matchesSelector,
  selectorString,
  setSelectorString,
} from "./selector.ts";

Deno.test("a selector matches labels by equality and by each expression operator", () => {
  const cases: [Parameters<typeof matchesSelector>[0], Record<string, string>, boolean][] = [
    [{ matchLabels: { app: "web" } }, { app: "web", x: "y" }, true],
    [{ matchLabels: { app: "web" } }, { app: "db" }, false],
    [{ matchExpressions: [{ key: "env", operator: "In", values: ["a", "b"] }] }, { env: "b" }, true],
    [{ matchExpressions: [{ key: "env", operator: "In", values: ["a"] }] }, {}, false],
    [{ matchExpressions: [{ key: "env", operator: "NotIn", values: ["a"] }] }, {}, true],
    [{ matchExpressions: [{ key: "env", operator: "Exists" }] }, { env: "" }, true],
    [{ matchExpressions: [{ key: "env", operator: "DoesNotExist" }] }, { env: "" }, false],
    [{}, { anything: "goes" }, true],
    [undefined, { app: "web" }, false],
  ];
  for (const [selector, labels, want] of cases) {
    assert.equal(matchesSelector(selector, labels), want, JSON.stringify([selector, labels]));
  }
});

Deno.test("selectors print as Kubernetes prints them, sorted by key", () => {
  assert.equal(
    selectorString({
      matchLabels: { tier: "web" },
      matchExpressions: [
        { key: "env", operator: "NotIn", values: ["qa", "dev"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "app", operator: "Exists" },
      ],
    }),
    "app,!canary,env notin (dev,qa),tier=web",
  );
  assert.equal(formatSelector({ matchLabels: {} }), "<none>");
  assert.equal(formatSelector(undefined), "<none>");
  assert.equal(setSelectorString({ b: "2", a: "1" }), "a=1,b=2");
  assert.equal(isEmptySelector({}), true);
  assert.equal(isEmptySelector(undefined), false);
});
