/**
 * JSON patch cases: RFC 6902's own examples (Appendix A), the leniencies of Kubernetes' library
 * (evanphx/json-patch v4), and the errors and codes Kubernetes answers with.
 */
import assert from "node:assert/strict";
import { PatchError, REJECTED_MESSAGE } from "./errors.ts";
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from "./json_patch.ts";
import type { FieldValidation } from "./types.ts";

interface Case {
  name: string;
  doc: unknown;
  ops: unknown;
  want: unknown;
}

const cases: Case[] = [
  {
    name: "add sets an object member (RFC 6902 A.1)",
    doc: { foo: "bar" },
    ops: [{ op: "add", path: "/baz", value: "qux" }],
    want: { foo: "bar", baz: "qux" },
  },
  {
    name: "add inserts an array element (RFC 6902 A.2)",
    doc: { foo: ["bar", "baz"] },
    ops: [{ op: "add", path: "/foo/1", value: "qux" }],
    want: { foo: ["bar", "qux", "baz"] },
  },
  {
    name: "remove deletes an object member (RFC 6902 A.3)",
    doc: { baz: "qux", foo: "bar" },
    ops: [{ op: "remove", path: "/baz" }],
    want: { foo: "bar" },
  },
  {
    name: "remove deletes an array element (RFC 6902 A.4)",
    doc: { foo: ["bar", "qux", "baz"] },
    ops: [{ op: "remove", path: "/foo/1" }],
    want: { foo: ["bar", "baz"] },
  },
  {
    name: "replace changes a value (RFC 6902 A.5)",
    doc: { baz: "qux", foo: "bar" },
    ops: [{ op: "replace", path: "/baz", value: "boo" }],
    want: { baz: "boo", foo: "bar" },
  },
  {
    name: "move moves a value between objects (RFC 6902 A.6)",
    doc: { foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } },
    ops: [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }],
    want: { foo: { bar: "baz" }, qux: { corge: "grault", thud: "fred" } },
  },
  {
    name: "move moves an array element (RFC 6902 A.7)",
    doc: { foo: ["all", "grass", "cows", "eat"] },
    ops: [{ op: "move", from: "/foo/1", path: "/foo/3" }],
    want: { foo: ["all", "cows", "eat", "grass"] },
  },
  {
    name: "test passes on equal values and changes nothing (RFC 6902 A.8)",
    doc: { baz: "qux", foo: ["a", 2, "c"] },
    ops: [{ op: "test", path: "/baz", value: "qux" }, { op: "test", path: "/foo/1", value: 2 }],
    want: { baz: "qux", foo: ["a", 2, "c"] },
  },
  {
    name: "add creates a nested member (RFC 6902 A.10)",
    doc: { foo: "bar" },
    ops: [{ op: "add", path: "/child", value: { grandchild: {} } }],
    want: { foo: "bar", child: { grandchild: {} } },
  },
  {
    name: "unknown members of an operation are ignored (RFC 6902 A.11)",
    doc: { foo: "bar" },
    ops: [{ op: "add", path: "/baz", value: "qux", xyz: 123 }],
    want: { foo: "bar", baz: "qux" },
  },
  {
    name: "~1 and ~0 escape / and ~ in paths (RFC 6902 A.14)",
    doc: { "/": 9, "~1": 10 },
    ops: [{ op: "test", path: "/~01", value: 10 }, { op: "add", path: "/a~1b", value: 1 }],
    want: { "/": 9, "~1": 10, "a/b": 1 },
  },
  {
    name: "add can append an array with - (RFC 6902 A.16)",
    doc: { foo: ["bar"] },
    ops: [{ op: "add", path: "/foo/-", value: ["abc", "def"] }],
    want: { foo: ["bar", ["abc", "def"]] },
  },
  {
    name: "an annotation key with a slash is reached through ~1",
    doc: { metadata: { annotations: { "example.com/a": "1" } } },
    ops: [{ op: "replace", path: "/metadata/annotations/example.com~1a", value: "2" }],
    want: { metadata: { annotations: { "example.com/a": "2" } } },
  },
  {
    name: "copy duplicates a value",
    doc: { a: { b: [1] } },
    ops: [{ op: "copy", from: "/a", path: "/c" }, { op: "add", path: "/c/b/-", value: 2 }],
    want: { a: { b: [1] }, c: { b: [1, 2] } },
  },
  {
    name: "a negative index counts from the end, as Kubernetes' library allows",
    doc: { a: [1, 2, 3] },
    ops: [{ op: "remove", path: "/a/-1" }, { op: "add", path: "/a/-1", value: 9 }],
    want: { a: [1, 2, 9] },
  },
  {
    name: "replace of an object key that does not exist adds it, as Kubernetes' library does",
    doc: { spec: {} },
    ops: [{ op: "replace", path: "/spec/replicas", value: 3 }],
    want: { spec: { replicas: 3 } },
  },
  {
    name: "test of a missing value against null passes, as Kubernetes' library does",
    doc: { a: null },
    ops: [{ op: "test", path: "/a", value: null }, { op: "test", path: "/missing", value: null }],
    want: { a: null },
  },
  {
    name: "copy from a missing key copies null, as Kubernetes' library does",
    doc: { a: {} },
    ops: [{ op: "copy", from: "/a/nope", path: "/b" }],
    want: { a: {}, b: null },
  },
  {
    name: "add without a value adds null",
    doc: {},
    ops: [{ op: "add", path: "/a" }],
    want: { a: null },
  },
  {
    name: "replace of the root swaps the whole document",
    doc: { a: 1 },
    ops: [{ op: "replace", path: "", value: { b: 2 } }, { op: "test", path: "", value: { b: 2 } }],
    want: { b: 2 },
  },
  {
    name: "test compares objects regardless of key order",
    doc: { a: { x: 1, y: [1, { z: true }] } },
    ops: [{ op: "test", path: "/a", value: { y: [1, { z: true }], x: 1 } }],
    want: { a: { x: 1, y: [1, { z: true }] } },
  },
  {
    name: "a null patch changes nothing",
    doc: { a: 1 },
    ops: null,
    want: { a: 1 },
  },
];

for (const c of cases) {
  Deno.test(`json patch: ${c.name}`, () => {
    const doc = structuredClone(c.doc);
    const ops = structuredClone(c.ops);
    assert.deepStrictEqual(applyJsonPatch(doc, ops), c.want);
    assert.deepStrictEqual(doc, c.doc, "the document is not changed");
    assert.deepStrictEqual(ops, c.ops, "the operations are not changed");
  });
}

Deno.test("json patch: a value added twice is two copies, not one shared object", () => {
  const value = { n: 1 };
  const out = applyJsonPatch({}, [
    { op: "add", path: "/a", value },
    { op: "add", path: "/b", value },
    { op: "replace", path: "/a/n", value: 2 },
  ]);
  assert.deepStrictEqual(out, { a: { n: 2 }, b: { n: 1 } });
  assert.deepStrictEqual(value, { n: 1 });
});

interface ErrorCase {
  name: string;
  doc?: unknown;
  ops: unknown;
  fieldValidation?: FieldValidation;
  code: number;
  message: string;
  detail?: string;
}

/** 422s: Kubernetes shows only REJECTED_MESSAGE; the library's words are the detail. */
const rejected = (name: string, doc: unknown, ops: unknown, detail: string): ErrorCase => ({
  name,
  doc,
  ops,
  code: 422,
  message: REJECTED_MESSAGE,
  detail,
});

const errorCases: ErrorCase[] = [
  rejected("a failing test is a 422 (RFC 6902 A.9)", { baz: "qux" }, [{
    op: "test",
    path: "/baz",
    value: "bar",
  }], "testing value /baz failed: test failed"),
  rejected(
    "adding below a missing member is a 422 (RFC 6902 A.12)",
    { foo: "bar" },
    [{ op: "add", path: "/baz/bat", value: "qux" }],
    'add operation does not apply: doc is missing path: "/baz/bat": missing value',
  ),
  rejected(
    "a test without a value fails",
    { a: 1 },
    [{ op: "test", path: "/a" }],
    "testing value /a failed: test failed",
  ),
  rejected(
    "a test of numbers compares values",
    { a: 1 },
    [{ op: "test", path: "/a", value: "1" }],
    "testing value /a failed: test failed",
  ),
  rejected(
    "a test below a missing member is a 422",
    { a: {} },
    [{ op: "test", path: "/a/b/c", value: 1 }],
    "test operation does not apply: is missing path: /a/b/c: missing value",
  ),
  rejected(
    "removing a missing key is a 422",
    { a: 1 },
    [{ op: "remove", path: "/x" }],
    "error in remove for path: '/x': Unable to remove nonexistent key: x: missing value",
  ),
  rejected(
    "removing past the end of an array is a 422",
    { a: [1] },
    [{ op: "remove", path: "/a/5" }],
    "error in remove for path: '/a/5': Unable to access invalid index: 5: invalid index referenced",
  ),
  rejected(
    "adding past the end of an array is a 422",
    { a: [1] },
    [{ op: "add", path: "/a/5", value: 2 }],
    "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced",
  ),
  rejected(
    "an array index that is not a number is a 422",
    { a: [1] },
    [{ op: "add", path: "/a/x", value: 2 }],
    `error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
  ),
  rejected(
    "replacing below a missing member is a 422",
    { spec: {} },
    [{ op: "replace", path: "/spec/foo/bar", value: 1 }],
    "replace operation does not apply: doc is missing path: /spec/foo/bar: missing value",
  ),
  rejected(
    "replacing past the end of an array is a 422",
    { a: [1] },
    [{ op: "replace", path: "/a/9", value: 1 }],
    "replace operation does not apply: doc is missing key: /a/9: missing value",
  ),
  rejected(
    "replacing the root with a scalar is a 422",
    { a: 1 },
    [{ op: "replace", path: "", value: 5 }],
    "replace operation value must be object or array: %!w(<nil>)",
  ),
  rejected(
    "moving from a missing key is a 422",
    { a: {} },
    [{ op: "move", from: "/a/x", path: "/b" }],
    "error in move for path: 'x': Unable to remove nonexistent key: x: missing value",
  ),
  rejected(
    "moving from below a missing member is a 422",
    {},
    [{ op: "move", from: "/nope/x", path: "/b" }],
    "move operation does not apply: doc is missing from path: /nope/x: missing value",
  ),
  rejected(
    "copying to below a missing member is a 422",
    { a: 1 },
    [{ op: "copy", from: "/a", path: "/b/c" }],
    "copy operation does not apply: doc is missing destination path: /b/c: missing value",
  ),
  rejected("an unknown op is a 422", {}, [{ op: "frobnicate", path: "/a" }], "Unexpected kind: frobnicate"),
  rejected("an operation without op is a 422", {}, [{ path: "/a" }], "Unexpected kind: unknown"),
  rejected(
    "an add without a path is a 422",
    {},
    [{ op: "add", value: 1 }],
    "add operation failed to decode path: missing value",
  ),
  rejected(
    "a failing operation fails the whole patch",
    { a: 1 },
    [{ op: "replace", path: "/a", value: 2 }, { op: "test", path: "/a", value: 1 }],
    "testing value /a failed: test failed",
  ),
  {
    name: "a body that is not a list is a 400",
    ops: { op: "add", path: "/a", value: 1 },
    code: 400,
    message:
      "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp",
  },
  {
    name: "an operation that is not an object is a 400",
    ops: [1],
    code: 400,
    message: "error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp",
  },
  {
    name: "a path that is not a string is a 400",
    ops: [{ op: "add", path: 5, value: 1 }],
    code: 400,
    message:
      "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string",
  },
  {
    name: "under fieldValidation=Ignore a body that is not a list is the library's 400",
    ops: { op: "add" },
    fieldValidation: "Ignore",
    code: 400,
    message: "json: cannot unmarshal object into Go value of type jsonpatch.Patch",
  },
  {
    name: "under fieldValidation=Ignore a path that is not a string is a 422",
    ops: [{ op: "replace", path: 5, value: 1 }],
    fieldValidation: "Ignore",
    code: 422,
    message: REJECTED_MESSAGE,
    detail:
      "replace operation failed to decode path: json: cannot unmarshal number into Go value of type string",
  },
  {
    name: "more than 10000 operations is a 413",
    ops: Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: "test", path: "/a", value: 1 })),
    code: 413,
    message: "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001",
  },
];

for (const c of errorCases) {
  Deno.test(`json patch: ${c.name}`, () => {
    const doc = c.doc ?? { a: 1 };
    const before = structuredClone(doc);
    assert.throws(
      () => applyJsonPatch(doc, c.ops, { fieldValidation: c.fieldValidation }),
      (e) => {
        assert.ok(e instanceof PatchError);
        assert.deepStrictEqual(
          { code: e.code, message: e.message, detail: e.detail },
          { code: c.code, message: c.message, detail: c.detail },
        );
        return true;
      },
    );
    assert.deepStrictEqual(doc, before, "the document is not changed");
  });
}
