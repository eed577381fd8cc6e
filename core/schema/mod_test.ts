import assert from "node:assert/strict";
import { parse } from "yaml";
import {
  applyDefaults,
  type JSONSchemaProps,
  prune,
  strictDecodingMessage,
  validate,
  validateObjectMeta,
} from "./mod.ts";

/** A tiny Pod-ish schema: just enough of core/v1 Pod to check a manifest's containers. */
const podSchema: JSONSchemaProps = {
  type: "object",
  properties: {
    apiVersion: { type: "string" },
    kind: { type: "string" },
    metadata: { type: "object" },
    spec: {
      type: "object",
      required: ["containers"],
      properties: {
        containers: {
          type: "array",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
          items: {
            type: "object",
            required: ["name", "image"],
            properties: {
              name: { type: "string" },
              image: { type: "string" },
              imagePullPolicy: {
                type: "string",
                enum: ["Always", "IfNotPresent", "Never"],
                default: "IfNotPresent",
              },
            },
          },
        },
        restartPolicy: { type: "string", default: "Always" },
      },
    },
  },
};

const manifest = new URL("../../tests/manifests/000-01.yaml", import.meta.url);

Deno.test("the Pod manifest with images: instead of image: is pruned and then refused for the missing image", async () => {
  const pod = parse(await Deno.readTextFile(manifest));
  const unknown = prune(pod, podSchema);
  assert.deepEqual(unknown, ["spec.containers[0].images"]);
  assert.equal(
    strictDecodingMessage(unknown),
    'strict decoding error: unknown field "spec.containers[0].images"',
  );
  applyDefaults(pod, podSchema);
  assert.equal(pod.spec.restartPolicy, "Always");
  assert.equal(pod.spec.containers[0].imagePullPolicy, "IfNotPresent");
  assert.deepEqual(validate(pod, podSchema), [
    { reason: "FieldValueRequired", field: "spec.containers[0].image", message: "Required value" },
  ]);
  assert.deepEqual(validateObjectMeta(pod.metadata, { namespaced: true }), [
    { reason: "FieldValueRequired", field: "metadata.namespace", message: "Required value" },
  ]);
});

Deno.test("the corrected Pod manifest passes every check", async () => {
  const pod = parse((await Deno.readTextFile(manifest)).replace("images:", "image:"));
  pod.metadata.namespace = "default";
  assert.deepEqual(prune(pod, podSchema), []);
  applyDefaults(pod, podSchema);
  assert.deepEqual(validate(pod, podSchema), []);
  assert.deepEqual(validateObjectMeta(pod.metadata, { namespaced: true }), []);
});
