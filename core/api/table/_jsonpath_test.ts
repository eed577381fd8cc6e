import assert from "node:assert/strict";
import { GoFloat } from "./_go_text.ts";
import { findResults, parseJsonPath } from "./_jsonpath.ts";

const pod = {
  metadata: {
    name: "web",
    labels: { app: "web", "app.kubernetes.io/name": "shop" },
    annotations: {},
  },
  spec: {
    replicas: 3,
    ratio: 0.5,
    containers: [{ name: "app", image: "nginx", ports: [{ containerPort: 80 }] }, {
      name: "log",
      image: "fluent",
    }],
  },
  status: {
    conditions: [
      { type: "Initialized", status: "True" },
      { type: "Ready", status: "False", reason: "ContainersNotReady" },
    ],
    nothing: null,
    items: [1, 2, 3, 4, 5],
  },
};

const cases: [string, unknown[]][] = [
  [".metadata.name", ["web"]],
  ["$.metadata.name", ["web"]],
  [".metadata.labels.app", ["web"]],
  [".metadata.labels.app\\.kubernetes\\.io/name", ["shop"]],
  [".metadata.missing.deeper", []],
  [".status.nothing", [null]],
  [".spec.replicas", [3]],
  [".spec.containers[0].image", ["nginx"]],
  [".spec.containers[-1].name", ["log"]],
  [".spec.containers[*].name", ["app", "log"]],
  [".spec.containers[*].ports[0].containerPort", [80]],
  [".status.items[1:3]", [2, 3]],
  [".status.items[::2]", [1, 3, 5]],
  [".status.items[0,4]", [1, 5]],
  [".spec.containers[0]['image']", ["nginx"]],
  ['.status.conditions[?(@.type=="Ready")].status', ["False"]],
  ['.status.conditions[?(@.type == "Ready")].reason', ["ContainersNotReady"]],
  ['.status.conditions[?(@.type!="Ready")].type', ["Initialized"]],
  [".status.conditions[?(@.reason)].type", ["Ready"]],
  [".status.items[?(@ > 3)]", [4, 5]],
  [".status.items[?(@ <= 2)]", [1, 2]],
  ["..image", ["nginx", "fluent"]],
  [".metadata.labels.*", ["web", "shop"]],
  [".spec.containers.name", []],
];

for (const [expr, want] of cases) {
  Deno.test(`jsonpath {${expr}} selects ${JSON.stringify(want)}`, () => {
    assert.deepEqual(findResults(parseJsonPath(`{${expr}}`), pod), [want]);
  });
}

const failures: [string, string][] = [
  [".spec.containers[5].name", "an index past the end"],
  [".metadata.name[0]", "indexing a string"],
  ['.status.items[?(@ == "1")]', "comparing a number with a string"],
  [".status.items[?(@ > 1.5)]", "comparing an integer with a float"],
  ['.metadata[?(@.x=="y")]', "filtering an object"],
  [".spec.replicas}{range", "a range loop"],
];

for (const [expr, why] of failures) {
  Deno.test(`jsonpath {${expr}} fails to evaluate, as Kubernetes' does, for ${why}`, () => {
    assert.throws(() => findResults(parseJsonPath(`{${expr}}`), pod));
  });
}

Deno.test("jsonpath keeps a float literal a float even when it is integral", () => {
  assert.deepEqual(findResults(parseJsonPath("{1.0}"), pod), [[new GoFloat(1)]]);
  assert.deepEqual(findResults(parseJsonPath("{.spec.ratio}"), pod), [[0.5]]);
  assert.deepEqual(findResults(parseJsonPath("{.spec[?(@ < 1.0)]}"), { spec: [0.5, 2.5] }), [[0.5]]);
});

Deno.test("jsonpath splits a quoted key at its dots as client-go does", () => {
  // client-go parses ['a.b'] as .a.b, so a quoted key cannot reach a label with dots.
  assert.deepEqual(findResults(parseJsonPath("{.metadata.labels['app.kubernetes.io/name']}"), pod), [[]]);
});

Deno.test("jsonpath keeps text around actions and yields one result list per action", () => {
  assert.deepEqual(findResults(parseJsonPath("name={.metadata.name} n={.spec.replicas}"), pod), [
    ["name="],
    ["web"],
    [" n="],
    [3],
  ]);
});

for (const bad of ["{.spec", "{.spec[0}", "{.a[?(@.x==1)}", "{.a[x]}", "{#a}", "{....a}"]) {
  Deno.test(`jsonpath refuses to parse ${bad}`, () => {
    assert.throws(() => parseJsonPath(bad), SyntaxError);
  });
}
