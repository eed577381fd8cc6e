import assert from "node:assert/strict";
import { selectorMatches, selectsEverything } from "./_selectors.ts";

Deno.test("an empty or absent selector selects every set of labels, even none", () => {
  assert(selectsEverything({}) && selectsEverything(undefined));
  assert(selectorMatches({}, undefined));
  assert(selectorMatches(undefined, { a: "b" }));
});

Deno.test("matchLabels and matchExpressions must all hold", () => {
  const sel = {
    matchLabels: { app: "web" },
    matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }],
  };
  assert(selectorMatches(sel, { app: "web", tier: "a" }));
  assert(!selectorMatches(sel, { app: "web", tier: "c" }));
  assert(!selectorMatches(sel, { tier: "a" }));
});

Deno.test("NotIn and DoesNotExist select labels without the key; Exists needs it", () => {
  const notIn = { matchExpressions: [{ key: "runlevel", operator: "NotIn", values: ["0", "1"] }] };
  assert(selectorMatches(notIn, {}));
  assert(selectorMatches(notIn, { runlevel: "2" }));
  assert(!selectorMatches(notIn, { runlevel: "0" }));
  assert(selectorMatches({ matchExpressions: [{ key: "x", operator: "DoesNotExist" }] }, { y: "1" }));
  assert(!selectorMatches({ matchExpressions: [{ key: "x", operator: "Exists" }] }, { y: "1" }));
});
