/**
 * JSON merge patch cases: RFC 7386's examples (Appendix A) and where Kubernetes departs from them.
 */
import assert from "node:assert/strict";
import { PatchError } from "./errors.ts";
import { applyMergePatch } from "./merge_patch.ts";
import type { FieldValidation } from "./types.ts";

interface Case {
  name: string;
  doc: unknown;
  patch: unknown;
  want: unknown;
  fieldValidation?: FieldValidation;
}

const cases: Case[] = [
  { name: "a member is replaced (RFC 7386 A.1)", doc: { a: "b" }, patch: { a: "c" }, want: { a: "c" } },
  { name: "a member is added (RFC 7386 A.2)", doc: { a: "b" }, patch: { b: "c" }, want: { a: "b", b: "c" } },
  { name: "null removes a member (RFC 7386 A.3)", doc: { a: "b" }, patch: { a: null }, want: {} },
  {
    name: "null removes only that member (RFC 7386 A.4)",
    doc: { a: "b", b: "c" },
    patch: { a: null },
    want: { b: "c" },
  },
  {
    name: "a scalar replaces an array (RFC 7386 A.5)",
    doc: { a: ["b"] },
    patch: { a: "c" },
    want: { a: "c" },
  },
  {
    name: "an array replaces a scalar (RFC 7386 A.6)",
    doc: { a: "c" },
    patch: { a: ["b"] },
    want: { a: ["b"] },
  },
  {
    name: "objects merge recursively (RFC 7386 A.7)",
    doc: { a: { b: "c" } },
    patch: { a: { b: "d", c: null } },
    want: { a: { b: "d" } },
  },
  {
    name: "arrays are replaced, not merged (RFC 7386 A.8)",
    doc: { a: [{ b: "c" }] },
    patch: { a: [1] },
    want: { a: [1] },
  },
  {
    name: "a null already in the document stays (RFC 7386 A.13)",
    doc: { e: null },
    patch: { a: 1 },
    want: { e: null, a: 1 },
  },
  {
    name: "an added object loses its nulls (RFC 7386 A.15)",
    doc: {},
    patch: { a: { bb: { ccc: null } } },
    want: { a: { bb: {} } },
  },
  {
    name: "Kubernetes' library keeps the nulls of an array that replaces an object",
    doc: { a: { x: 1 } },
    patch: { a: [{ k: null }] },
    want: { a: [{ k: null }] },
  },
  {
    name: "an array added where there was nothing loses the nulls of its objects",
    doc: {},
    patch: { a: [{ k: null, j: 1 }, null] },
    want: { a: [{ j: 1 }, null] },
  },
  {
    name: "labels merge and a null label is removed",
    doc: { metadata: { name: "web", labels: { app: "web", tier: "front" } }, spec: { replicas: 1 } },
    patch: { metadata: { labels: { tier: null, track: "canary" } }, spec: { replicas: 3 } },
    want: { metadata: { name: "web", labels: { app: "web", track: "canary" } }, spec: { replicas: 3 } },
  },
  {
    name: "under fieldValidation=Ignore an array patch replaces the document (RFC 7386 A.10)",
    doc: { a: "b" },
    patch: ["c", { d: null }],
    want: ["c", {}],
    fieldValidation: "Ignore",
  },
  {
    name: "a patch for a document that is not an object replaces it (RFC 7386 A.14)",
    doc: [1, 2],
    patch: { a: "b", c: null },
    want: { a: "b" },
  },
];

for (const c of cases) {
  Deno.test(`merge patch: ${c.name}`, () => {
    const doc = structuredClone(c.doc);
    const patch = structuredClone(c.patch);
    assert.deepStrictEqual(applyMergePatch(doc, patch, { fieldValidation: c.fieldValidation }), c.want);
    assert.deepStrictEqual(doc, c.doc, "the document is not changed");
    assert.deepStrictEqual(patch, c.patch, "the patch is not changed");
  });
}

interface ErrorCase {
  name: string;
  patch: unknown;
  fieldValidation?: FieldValidation;
  message: string;
}

const errorCases: ErrorCase[] = [
  {
    name: "an array patch is a 400 under the default fieldValidation",
    patch: ["c"],
    message:
      "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}",
  },
  {
    name: "a string patch is a 400, where RFC 7386 A.12 would replace the document",
    patch: "bar",
    message:
      "error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}",
  },
  {
    name: "a null patch is a 400, where RFC 7386 A.11 would give null",
    patch: null,
    message: "Invalid JSON Patch",
  },
  {
    name: "under fieldValidation=Ignore a scalar patch is an invalid JSON patch",
    patch: 5,
    fieldValidation: "Ignore",
    message: "Invalid JSON Patch",
  },
];

for (const c of errorCases) {
  Deno.test(`merge patch: ${c.name}`, () => {
    assert.throws(
      () => applyMergePatch({ a: "foo" }, c.patch, { fieldValidation: c.fieldValidation }),
      (e) =>
        e instanceof PatchError && e.code === 400 && e.reason === "BadRequest" && e.message === c.message,
    );
  });
}
