import assert from "node:assert/strict";
import {
  compileLabelSelector,
  compileNodeSelectorTerms,
  EVERYTHING,
  mergeMatchLabels,
  NOTHING,
} from "./_selectors.ts";

Deno.test("a null label selector matches nothing and an empty one matches everything", () => {
  assert.equal(compileLabelSelector(undefined), NOTHING);
  assert.equal(compileLabelSelector(undefined).matches({ a: "b" }), false);
  assert.equal(compileLabelSelector({}), EVERYTHING);
  assert.equal(compileLabelSelector({}).empty, true);
});

Deno.test("label selector operators follow labels.Selector", () => {
  const cases: [Parameters<typeof compileLabelSelector>[0], Record<string, string> | undefined, boolean][] = [
    [{ matchLabels: { app: "web" } }, { app: "web", x: "y" }, true],
    [{ matchLabels: { app: "web" } }, { app: "db" }, false],
    [{ matchExpressions: [{ key: "app", operator: "In", values: ["web", "db"] }] }, { app: "db" }, true],
    [{ matchExpressions: [{ key: "app", operator: "In", values: ["web"] }] }, undefined, false],
    [{ matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }, undefined, true],
    [{ matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }, { app: "web" }, false],
    [{ matchExpressions: [{ key: "app", operator: "Exists" }] }, { app: "" }, true],
    [{ matchExpressions: [{ key: "app", operator: "DoesNotExist" }] }, { app: "" }, false],
    [{ matchExpressions: [{ key: "app", operator: "Bogus" }] }, { app: "" }, false],
  ];
  for (const [selector, labels, want] of cases) {
    assert.equal(compileLabelSelector(selector).matches(labels), want, JSON.stringify([selector, labels]));
  }
});

Deno.test("matchLabels merged into a selector are ANDed with it", () => {
  const merged = mergeMatchLabels(compileLabelSelector({ matchLabels: { app: "web" } }), { rev: "2" });
  assert.equal(merged.matches({ app: "web", rev: "2" }), true);
  assert.equal(merged.matches({ app: "web", rev: "1" }), false);
});

Deno.test("node selector terms are ORed and a list without valid terms matches no node", () => {
  const match = compileNodeSelectorTerms([
    { matchExpressions: [{ key: "a", operator: "In", values: ["1"] }] },
    { matchFields: [{ key: "metadata.name", operator: "In", values: ["n2"] }] },
  ]);
  assert.equal(match({ name: "n1", labels: { a: "1" } }), true);
  assert.equal(match({ name: "n2", labels: {} }), true);
  assert.equal(match({ name: "n3", labels: {} }), false);
  assert.equal(compileNodeSelectorTerms([{}])({ name: "n1", labels: {} }), false);
});
