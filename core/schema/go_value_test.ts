import assert from "node:assert/strict";
import { goBadValue } from "./_gofmt.ts";
import { goLabelSelector, goStringMap, goStrings, GoValue } from "./go_value.ts";

Deno.test("a GoValue prints as it is where a bad value is printed", () => {
  assert.equal(goBadValue(new GoValue("rbac.RoleRef{}")), "rbac.RoleRef{}");
});

Deno.test("string slices print as Go's %#v of a []string", () => {
  assert.equal(goStrings(["10.96.0.10", "fd00::a"]).text, '[]string{"10.96.0.10", "fd00::a"}');
  assert.equal(goStrings([]).text, "[]string{}");
  assert.equal(goStrings(undefined).text, "[]string(nil)");
  assert.equal(goStrings(["a\u0001"]).text, '[]string{"a\\x01"}');
});

Deno.test("string maps print as Go's %#v of a map[string]string with sorted keys", () => {
  assert.equal(goStringMap({ b: "2", a: "1" }).text, 'map[string]string{"a":"1", "b":"2"}');
  assert.equal(goStringMap({}).text, "map[string]string{}");
  assert.equal(goStringMap(undefined).text, "map[string]string(nil)");
});

Deno.test("label selectors print as Go's %#v of a metav1.LabelSelector", () => {
  assert.equal(
    goLabelSelector({ matchExpressions: [{ key: "tier", operator: "In", values: ["web"] }] }).text,
    'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"web"}}}}',
  );
  assert.equal(
    goLabelSelector({ matchLabels: { app: "web" } }).text,
    'v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
  );
  assert.equal(goLabelSelector(undefined).text, "<nil>");
});
