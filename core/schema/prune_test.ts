import assert from "node:assert/strict";
import { prune } from "./prune.ts";
import type { JSONSchemaProps } from "./types.ts";

const pod: JSONSchemaProps = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        containers: {
          type: "array",
          items: { type: "object", properties: { name: { type: "string" }, image: { type: "string" } } },
        },
        nodeSelector: { type: "object", additionalProperties: { type: "string" } },
        template: {
          type: "object",
          "x-kubernetes-embedded-resource": true,
          properties: { spec: { type: "object", properties: { a: { type: "string" } } } },
        },
        raw: {
          type: "object",
          "x-kubernetes-preserve-unknown-fields": true,
          properties: { known: { type: "object", properties: { a: { type: "string" } } } },
        },
        anything: { type: "object", additionalProperties: true },
        nullable: { type: "string", nullable: true },
        defaulted: { type: "string", default: "d" },
        plain: { type: "string" },
      },
    },
  },
};

Deno.test("prune removes a misspelled container field and reports it with its index", () => {
  const obj = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: { containers: [{ name: "c", images: "x" }] },
  };
  assert.deepEqual(prune(obj, pod), ["spec.containers[0].images"]);
  assert.deepEqual(obj.spec.containers[0], { name: "c" });
});

Deno.test("prune keeps apiVersion, kind and metadata at the root although the schema omits them", () => {
  const obj = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, status: {} };
  assert.deepEqual(prune(obj, pod), ["status"]);
  assert.deepEqual(Object.keys(obj), ["apiVersion", "kind", "metadata"]);
});

Deno.test("prune drops unknown metadata fields and lists them before the rest", () => {
  const obj = {
    metadata: {
      name: "p",
      nmae: "q",
      ownerReferences: [{ kind: "X", name: "o", uid: "u", apiVersion: "v1", extra: 1 }],
    },
    spec: { zzz: 1, aaa: 2 },
  };
  assert.deepEqual(prune(obj, pod), [
    "metadata.nmae",
    "metadata.ownerReferences[0].extra",
    "spec.aaa",
    "spec.zzz",
  ]);
  assert.deepEqual(Object.keys(obj.metadata), ["name", "ownerReferences"]);
});

Deno.test("prune sorts the pruned paths as Kubernetes does", () => {
  const obj = { spec: { containers: [{ b: 1 }, { a: 1 }], c: 1 } };
  assert.deepEqual(prune(obj, pod), ["spec.c", "spec.containers[0].b", "spec.containers[1].a"]);
});

Deno.test("prune follows additionalProperties with dotted keys", () => {
  const obj = { spec: { nodeSelector: { disk: "ssd", zone: "a" }, anything: { k: { deep: 1 }, s: "kept" } } };
  // additionalProperties: true has no schema for the values, so Kubernetes empties objects under it.
  assert.deepEqual(prune(obj, pod), ["spec.anything.k.deep"]);
  assert.deepEqual(obj.spec.anything, { k: {}, s: "kept" });
});

Deno.test("prune keeps unknown fields under x-kubernetes-preserve-unknown-fields but prunes declared ones", () => {
  const obj = { spec: { raw: { free: { any: 1 }, known: { a: "x", b: "y" } } } };
  assert.deepEqual(prune(obj, pod), ["spec.raw.known.b"]);
  assert.deepEqual(obj.spec.raw, { free: { any: 1 }, known: { a: "x" } });
});

Deno.test("prune keeps an embedded resource's apiVersion, kind and metadata, reporting its metadata's unknown fields last", () => {
  const obj = {
    spec: {
      template: {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "t", bogus: 1 },
        spec: { a: "x", b: "y" },
      },
      zzz: 1,
    },
  };
  assert.deepEqual(prune(obj, pod), ["spec.template.spec.b", "spec.zzz", "spec.template.metadata.bogus"]);
  assert.deepEqual(obj.spec.template.metadata, { name: "t" });
});

Deno.test("prune drops nulls of fields that are not nullable and have no default, without reporting them", () => {
  const obj = { spec: { plain: null, nullable: null, defaulted: null } };
  assert.deepEqual(prune(obj, pod), []);
  assert.deepEqual(obj.spec, { nullable: null, defaulted: null });
});

Deno.test("prune keeps nulls when asked to", () => {
  const obj = { spec: { plain: null } };
  prune(obj, pod, { pruneNulls: false });
  assert.deepEqual(obj.spec, { plain: null });
});

Deno.test("prune of a value that is not a whole object prunes apiVersion too, silently at the root", () => {
  const obj = { apiVersion: "v1", spec: {}, other: 1 };
  assert.deepEqual(prune(obj, pod, { isResourceRoot: false }), ["other"]);
  assert.deepEqual(obj, { spec: {} });
});

Deno.test("prune without a schema keeps only apiVersion, kind and metadata", () => {
  const obj = { apiVersion: "v1", kind: "X", metadata: {}, spec: { a: 1 } };
  assert.deepEqual(prune(obj, undefined), ["spec"]);
});

Deno.test("prune removes null metadata fields as decoding into ObjectMeta does", () => {
  const obj = { metadata: { name: "a", labels: null } };
  assert.deepEqual(prune(obj, pod), []);
  assert.deepEqual(obj.metadata, { name: "a" });
});
