import assert from "node:assert/strict";
import { duplicateFields } from "./duplicate_fields.ts";

const cases: [string, string, string[]][] = [
  ["a body without duplicates", '{"a": 1, "b": {"c": [1, {"d": 2}]}}', []],
  ["a repeated top-level key", '{"kind": "Pod", "kind": "Pod"}', ["kind"]],
  ["a repeated nested key", '{"spec": {"replicas": 1, "replicas": 2}}', ["spec.replicas"]],
  [
    "a repeated key inside an array item",
    '{"spec": {"containers": [{"name": "a"}, {"name": "b", "name": "c"}]}}',
    [
      "spec.containers[1].name",
    ],
  ],
  ["a key repeated three times, reported once", '{"a": 1, "a": 2, "a": 3}', ["a"]],
  ["keys equal only after unescaping", '{"a": 1, "\\u0061": 2}', ["a"]],
  ["the same key in different objects", '{"x": {"a": 1}, "y": {"a": 1}}', []],
  ["strings that contain braces and quotes", '{"a": "}\\"{", "b": "[", "a": 0}', ["a"]],
  ["malformed JSON after a duplicate", '{"a": 1, "a": 2, ', ["a"]],
  ["a scalar document", "42", []],
];

for (const [name, json, want] of cases) {
  Deno.test(`duplicateFields finds ${name}`, () => assert.deepEqual(duplicateFields(json), want));
}
