import assert from "node:assert/strict";
import {
  aggregateMessage,
  duplicate,
  fieldErrorString,
  forbidden,
  internalError,
  invalid,
  invalidMessage,
  invalidNoValue,
  nonNegative,
  notFound,
  notSupported,
  required,
  tooLong,
  tooLongCharacters,
  tooMany,
  typeInvalid,
} from "./field_error.ts";
import { FieldPath } from "./field_path.ts";
import { GoValue } from "./go_value.ts";

const cases: [string, ReturnType<typeof required>, string, string][] = [
  ["required without detail", required("a"), "FieldValueRequired", "Required value"],
  ["required with detail", required("a", "must be set"), "FieldValueRequired", "Required value: must be set"],
  ["invalid with a string", invalid("a", "x", "bad"), "FieldValueInvalid", 'Invalid value: "x": bad'],
  ["invalid with an integer", invalid("a", 3, "bad"), "FieldValueInvalid", "Invalid value: 3: bad"],
  ["invalid with a float", invalid("a", 2.5, "bad"), "FieldValueInvalid", "Invalid value: 2.5: bad"],
  [
    "invalid with an object",
    invalid("a", { k: "v" }, "bad"),
    "FieldValueInvalid",
    'Invalid value: {"k":"v"}: bad',
  ],
  [
    "invalid with a value printed the Go way",
    invalid("a", new GoValue("[]string(nil)"), "bad"),
    "FieldValueInvalid",
    "Invalid value: []string(nil): bad",
  ],
  ["invalid with the value left out", invalidNoValue("a", "bad"), "FieldValueInvalid", "Invalid value: bad"],
  [
    "invalid with a control character",
    invalid("a", "x\u0001", "bad"),
    "FieldValueInvalid",
    'Invalid value: "x\\x01": bad',
  ],
  ["invalid with null", invalid("a", null, "bad"), "FieldValueInvalid", "Invalid value: null: bad"],
  ["type invalid", typeInvalid("a", "string", "d"), "FieldValueTypeInvalid", 'Invalid value: "string": d'],
  [
    "not supported",
    notSupported("a", "c", ["a", "b"]),
    "FieldValueNotSupported",
    'Unsupported value: "c": supported values: "a", "b"',
  ],
  [
    "not supported without values",
    notSupported("a", "c", []),
    "FieldValueNotSupported",
    'Unsupported value: "c"',
  ],
  ["duplicate", duplicate("a", "x"), "FieldValueDuplicate", 'Duplicate value: "x"'],
  ["forbidden", forbidden("a", "no"), "FieldValueForbidden", "Forbidden: no"],
  ["too long", tooLong("a", 5), "FieldValueTooLong", "Too long: may not be more than 5 bytes"],
  ["too long by one byte", tooLong("a", 1), "FieldValueTooLong", "Too long: may not be more than 1 byte"],
  ["too long without a limit", tooLong("a", -1), "FieldValueTooLong", "Too long: value is too long"],
  [
    "too long in characters",
    tooLongCharacters("a", 5),
    "FieldValueTooLong",
    "Too long: may not be more than 5 characters",
  ],
  ["too many", tooMany("a", 4, 3), "FieldValueTooMany", "Too many: 4: must have at most 3 items"],
  [
    "too many with the count left out",
    tooMany("a", -1, 3),
    "FieldValueTooMany",
    "Too many: must have at most 3 items",
  ],
  ["not found", notFound("a", "x"), "FieldValueNotFound", 'Not found: "x"'],
  ["internal error", internalError("a", "boom"), "InternalError", "Internal error: boom"],
];

for (const [name, e, reason, message] of cases) {
  Deno.test(`field errors word ${name} as Kubernetes does`, () => {
    assert.equal(e.reason, reason);
    assert.equal(e.message, message);
    assert.equal(e.field, "a");
  });
}

Deno.test("fieldErrorString joins the field and the message", () => {
  assert.equal(fieldErrorString(required("spec.x")), "spec.x: Required value");
});

Deno.test("aggregateMessage shows one error bare and several in brackets without repeats", () => {
  assert.equal(aggregateMessage([required("a")]), "a: Required value");
  assert.equal(
    aggregateMessage([required("a"), required("b"), required("a")]),
    "[a: Required value, b: Required value]",
  );
});

Deno.test("invalidMessage reads like an Invalid Status", () => {
  assert.equal(
    invalidMessage("Widget.example.com", "w", [required("spec.size")]),
    'Widget.example.com "w" is invalid: spec.size: Required value',
  );
  assert.equal(invalidMessage("Pod", "p", []), 'Pod "p" is invalid');
});

Deno.test("field errors take a FieldPath wherever they take a field", () => {
  const at = FieldPath.root("spec").child("containers").index(0).child("image");
  assert.deepEqual(required(at), {
    reason: "FieldValueRequired",
    field: "spec.containers[0].image",
    message: "Required value",
  });
  assert.equal(invalid(at, "x", "bad").field, "spec.containers[0].image");
});

Deno.test("nonNegative refuses only numbers below zero", () => {
  assert.deepEqual(nonNegative(-1, "spec.replicas"), [
    invalid("spec.replicas", -1, "must be greater than or equal to 0"),
  ]);
  assert.deepEqual(nonNegative(0, "spec.replicas"), []);
  assert.deepEqual(nonNegative(undefined, "spec.replicas"), []);
});
