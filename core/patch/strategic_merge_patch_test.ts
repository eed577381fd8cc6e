/**
 * Strategic merge patch on Pod- and Deployment-shaped objects, with the patch tags Kubernetes' Go types
 * carry. The cases follow Kubernetes' own (strategicpatch/patch_test.go) and what `kubectl apply` and
 * `kubectl patch` send.
 */
import assert from "node:assert/strict";
import type { JSONSchemaProps } from "../schema/types.ts";
import { PANIC_MESSAGE, PatchError, REJECTED_MESSAGE } from "./errors.ts";
import { applyStrategicMergePatch } from "./strategic_merge_patch.ts";

const str: JSONSchemaProps = { type: "string" };
const int: JSONSchemaProps = { type: "integer" };
const stringMap: JSONSchemaProps = { type: "object", additionalProperties: str };
const merge = (key?: string): JSONSchemaProps => ({
  "x-kubernetes-patch-strategy": "merge",
  ...(key ? { "x-kubernetes-patch-merge-key": key } : {}),
});
const object = (properties: Record<string, JSONSchemaProps>): JSONSchemaProps => ({
  type: "object",
  properties,
});
const list = (items: JSONSchemaProps, tags: JSONSchemaProps = {}): JSONSchemaProps => ({
  type: "array",
  items,
  ...tags,
});

const container = object({
  name: str,
  image: str,
  args: list(str),
  ports: list(object({ containerPort: int, protocol: str, name: str }), merge("containerPort")),
  env: list(
    object({ name: str, value: str, valueFrom: object({ fieldRef: object({ fieldPath: str }) }) }),
    merge("name"),
  ),
  resources: object({ limits: stringMap, requests: stringMap }),
  volumeMounts: list(object({ name: str, mountPath: str }), merge("mountPath")),
});
const volume = object({
  name: str,
  emptyDir: object({ medium: str, sizeLimit: str }),
  hostPath: object({ path: str, type: str }),
  configMap: object({ name: str }),
});
const podSpec = object({
  containers: list(container, merge("name")),
  initContainers: list(container, merge("name")),
  volumes: list(volume, {
    "x-kubernetes-patch-strategy": "merge,retainKeys",
    "x-kubernetes-patch-merge-key": "name",
  }),
  tolerations: list(object({ key: str, operator: str, effect: str })),
  nodeSelector: stringMap,
});
const objectMeta = object({
  name: str,
  namespace: str,
  labels: stringMap,
  annotations: stringMap,
  finalizers: list(str, merge()),
  ownerReferences: list(object({ uid: str, kind: str, name: str }), merge("uid")),
});

/** A Pod, its metadata declared with ObjectMeta's tags. */
const podSchema = object({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: podSpec,
  status: object({ conditions: list(object({ type: str, status: str }), merge("type")) }),
});

/** A Deployment whose schema leaves metadata opaque, as many generated schemas do. */
const deploymentSchema = object({
  apiVersion: str,
  kind: str,
  metadata: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  spec: object({
    replicas: int,
    strategy: {
      ...object({
        type: str,
        rollingUpdate: object({
          maxSurge: { "x-kubernetes-int-or-string": true },
          maxUnavailable: { "x-kubernetes-int-or-string": true },
        }),
      }),
      "x-kubernetes-patch-strategy": "retainKeys",
    },
    template: object({ metadata: { type: "object" }, spec: podSpec }),
    extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  }),
});

type Json = Record<string, unknown>;

interface Case {
  name: string;
  schema?: JSONSchemaProps;
  live: Json;
  patch: unknown;
  want: Json;
}

const c = (name: string, image?: string, more: Json = {}): Json => ({
  name,
  ...(image ? { image } : {}),
  ...more,
});
const pod = (spec: Json, metadata: Json = { name: "web" }): Json => ({ metadata, spec });

const cases: Case[] = [
  {
    name: "a patched container keeps its other fields and the other containers stay",
    live: pod({ containers: [c("app", "app:1", { args: ["-v"] }), c("sidecar", "s:1")] }),
    patch: { spec: { containers: [c("app", "app:2")] } },
    want: pod({ containers: [c("app", "app:2", { args: ["-v"] }), c("sidecar", "s:1")] }),
  },
  {
    // Kubernetes cannot place an item the server does not know, so patch items go first.
    name: "a new container without $setElementOrder goes before the live ones",
    live: pod({ containers: [c("a", "a"), c("b", "b")] }),
    patch: { spec: { containers: [c("c", "c")] } },
    want: pod({ containers: [c("c", "c"), c("a", "a"), c("b", "b")] }),
  },
  {
    name: "$setElementOrder places a new container where kubectl apply asks",
    live: pod({ containers: [c("a", "a"), c("b", "b")] }),
    patch: {
      spec: {
        "$setElementOrder/containers": [{ name: "a" }, { name: "c" }, { name: "b" }],
        containers: [c("c", "c")],
      },
    },
    want: pod({ containers: [c("a", "a"), c("c", "c"), c("b", "b")] }),
  },
  {
    name: "the patch's order wins over the live order for the containers it names",
    live: pod({ containers: [c("a"), c("b"), c("c")] }),
    patch: { spec: { containers: [c("c", "c"), c("a", "a")] } },
    want: pod({ containers: [c("b"), c("c", "c"), c("a", "a")] }),
  },
  {
    name: "ports merge by containerPort inside a container merged by name",
    live: pod({
      containers: [c("app", "app", { ports: [{ containerPort: 80, name: "http" }, { containerPort: 443 }] })],
    }),
    patch: {
      spec: { containers: [c("app", undefined, { ports: [{ containerPort: 80, protocol: "TCP" }] })] },
    },
    want: pod({
      containers: [
        c("app", "app", {
          ports: [{ containerPort: 80, name: "http", protocol: "TCP" }, { containerPort: 443 }],
        }),
      ],
    }),
  },
  {
    name: "env merges by name and a null inside an env item deletes that field",
    live: pod({
      containers: [
        c("app", "app", {
          env: [{ name: "A", value: "1" }, { name: "B", valueFrom: { fieldRef: { fieldPath: "x" } } }],
        }),
      ],
    }),
    patch: {
      spec: { containers: [c("app", undefined, { env: [{ name: "B", value: "2", valueFrom: null }] })] },
    },
    want: pod({
      containers: [c("app", "app", { env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] })],
    }),
  },
  {
    name: "$patch: delete on a container removes it",
    live: pod({ containers: [c("app", "app"), c("sidecar", "s")] }),
    patch: { spec: { containers: [{ name: "sidecar", $patch: "delete" }] } },
    want: pod({ containers: [c("app", "app")] }),
  },
  {
    name: "$patch: delete on a container that is not there changes nothing",
    live: pod({ containers: [c("app", "app")] }),
    patch: { spec: { containers: [{ name: "gone", $patch: "delete" }] } },
    want: pod({ containers: [c("app", "app")] }),
  },
  {
    name: "kubectl apply's deletion with $setElementOrder removes a container and keeps the order",
    live: pod({ containers: [c("a", "a"), c("b", "b"), c("c", "c")] }),
    patch: {
      spec: {
        "$setElementOrder/containers": [{ name: "c" }, { name: "a" }],
        containers: [{ name: "b", $patch: "delete" }],
      },
    },
    want: pod({ containers: [c("c", "c"), c("a", "a")] }),
  },
  {
    name: "a {$patch: replace} item makes the rest of the patch list the whole list",
    live: pod({ containers: [c("a", "a"), c("b", "b")] }),
    patch: { spec: { containers: [{ $patch: "replace" }, c("z", "z")] } },
    want: pod({ containers: [c("z", "z")] }),
  },
  {
    name: "$patch: replace on a map replaces the whole map",
    live: pod({ containers: [c("app", "app", { resources: { limits: { cpu: "1", memory: "1Gi" } } })] }),
    patch: {
      spec: {
        containers: [c("app", undefined, { resources: { $patch: "replace", requests: { cpu: "2" } } })],
      },
    },
    want: pod({ containers: [c("app", "app", { resources: { requests: { cpu: "2" } } })] }),
  },
  {
    name: "$patch: delete on a map leaves it empty",
    live: pod({ nodeSelector: { disk: "ssd", zone: "a" } }),
    patch: { spec: { nodeSelector: { $patch: "delete" } } },
    want: pod({ nodeSelector: {} }),
  },
  {
    name: "$patch: replace at the top replaces the whole object",
    live: pod({ nodeSelector: { disk: "ssd" } }),
    patch: { $patch: "replace", metadata: { name: "other" } },
    want: { metadata: { name: "other" } },
  },
  {
    name: "labels merge key by key and a null deletes one",
    live: pod({}, { name: "web", labels: { app: "web", tier: "front" } }),
    patch: { metadata: { labels: { tier: null, track: "stable" } } },
    want: pod({}, { name: "web", labels: { app: "web", track: "stable" } }),
  },
  {
    name: "finalizers merge as a set, the patch's new ones first",
    live: pod({}, { name: "web", finalizers: ["a", "b"] }),
    patch: { metadata: { finalizers: ["c", "a"] } },
    want: pod({}, { name: "web", finalizers: ["c", "a", "b"] }),
  },
  {
    name: "$deleteFromPrimitiveList/finalizers removes finalizers",
    live: pod({}, { name: "web", finalizers: ["a", "b", "c"] }),
    patch: { metadata: { "$deleteFromPrimitiveList/finalizers": ["b", "x"] } },
    want: pod({}, { name: "web", finalizers: ["a", "c"] }),
  },
  {
    name: "$deleteFromPrimitiveList and $setElementOrder together reorder what remains",
    live: pod({}, { name: "web", finalizers: ["a", "b", "c"] }),
    patch: {
      metadata: { "$setElementOrder/finalizers": ["c", "a"], "$deleteFromPrimitiveList/finalizers": ["b"] },
    },
    want: pod({}, { name: "web", finalizers: ["c", "a"] }),
  },
  {
    name: "a list without a merge strategy is replaced",
    live: pod({ containers: [c("app", "app", { args: ["-a", "-b"] })], tolerations: [{ key: "x" }] }),
    patch: { spec: { containers: [c("app", undefined, { args: ["-c"] })], tolerations: [{ key: "y" }] } },
    want: pod({ containers: [c("app", "app", { args: ["-c"] })], tolerations: [{ key: "y" }] }),
  },
  {
    name: "$retainKeys on a volume switches it from emptyDir to hostPath",
    live: pod({ volumes: [{ name: "data", emptyDir: {} }, { name: "cfg", configMap: { name: "c" } }] }),
    patch: {
      spec: {
        volumes: [{ name: "data", $retainKeys: ["hostPath", "name"], hostPath: { path: "/srv" } }],
      },
    },
    want: pod({
      volumes: [{ name: "data", hostPath: { path: "/srv" } }, { name: "cfg", configMap: { name: "c" } }],
    }),
  },
  {
    name: "$retainKeys on a Deployment strategy clears rollingUpdate when switching to Recreate",
    schema: deploymentSchema,
    live: { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } },
    patch: { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } },
    want: { spec: { strategy: { type: "Recreate" } } },
  },
  {
    name: "a retainKeys map without $retainKeys merges as usual",
    schema: deploymentSchema,
    live: { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } },
    patch: { spec: { strategy: { rollingUpdate: { maxUnavailable: "25%" } } } },
    want: {
      spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: "25%" } } },
    },
  },
  {
    name: "containers of a Deployment's pod template merge by name too",
    schema: deploymentSchema,
    live: {
      spec: { replicas: 1, template: { spec: { containers: [c("app", "app:1"), c("log", "log:1")] } } },
    },
    patch: { spec: { replicas: 3, template: { spec: { containers: [c("app", "app:2")] } } } },
    want: {
      spec: { replicas: 3, template: { spec: { containers: [c("app", "app:2"), c("log", "log:1")] } } },
    },
  },
  {
    name: "finalizers and ownerReferences merge even when the schema leaves metadata opaque",
    schema: deploymentSchema,
    live: { metadata: { finalizers: ["a"], ownerReferences: [{ uid: "1", name: "x" }] } },
    patch: {
      metadata: { finalizers: ["b"], ownerReferences: [{ uid: "2", name: "y" }, { uid: "1", kind: "K" }] },
    },
    want: {
      metadata: {
        finalizers: ["b", "a"],
        ownerReferences: [{ uid: "2", name: "y" }, { uid: "1", name: "x", kind: "K" }],
      },
    },
  },
  {
    name: "an undeclared field merges like a merge patch: maps merge, lists are replaced",
    schema: deploymentSchema,
    live: { spec: { extra: { a: 1, list: [{ name: "x", v: 1 }], keep: true } } },
    patch: { spec: { extra: { a: 2, list: [{ name: "x", w: 2 }], keep: null } } },
    want: { spec: { extra: { a: 2, list: [{ name: "x", w: 2 }] } } },
  },
  {
    name: "a field the schema does not know still takes $patch directives",
    schema: deploymentSchema,
    live: { spec: { extra: { m: { a: 1, b: 2 } } } },
    patch: { spec: { extra: { m: { $patch: "replace", c: 3 } } } },
    want: { spec: { extra: { m: { c: 3 } } } },
  },
  {
    name: "a value taken over from the patch loses its nulls and directive items",
    live: pod({}),
    patch: {
      spec: {
        containers: [c("app", "app", { args: null }), { name: "x", $patch: "delete" }],
        nodeSelector: { a: "1", b: null },
      },
    },
    want: pod({ containers: [c("app", "app")], nodeSelector: { a: "1" } }),
  },
  {
    name: "a value of another type replaces the live one",
    live: pod({ nodeSelector: { a: "1" } }),
    patch: { spec: { nodeSelector: "none", containers: { name: "odd" } } },
    want: pod({ nodeSelector: "none", containers: { name: "odd" } }),
  },
  {
    name: "a status condition merges by type",
    live: {
      status: { conditions: [{ type: "Ready", status: "False" }, { type: "Scheduled", status: "True" }] },
    },
    patch: { status: { conditions: [{ type: "Ready", status: "True" }] } },
    want: {
      status: { conditions: [{ type: "Ready", status: "True" }, { type: "Scheduled", status: "True" }] },
    },
  },
  {
    name: "a key that only looks like a directive is kept as a field",
    live: pod({}),
    patch: { spec: { $unknown: 1 } },
    want: pod({ $unknown: 1 }),
  },
  {
    name: "a null patch changes nothing",
    live: pod({ nodeSelector: { a: "1" } }),
    patch: null,
    want: pod({ nodeSelector: { a: "1" } }),
  },
];

for (const t of cases) {
  Deno.test(`strategic merge patch: ${t.name}`, () => {
    const live = structuredClone(t.live);
    const patch = structuredClone(t.patch);
    assert.deepStrictEqual(applyStrategicMergePatch(live, patch, t.schema ?? podSchema), t.want);
    assert.deepStrictEqual(live, t.live, "the live object is not changed");
    assert.deepStrictEqual(patch, t.patch, "the patch is not changed");
  });
}

interface ErrorCase {
  name: string;
  live?: Json;
  patch: unknown;
  schema?: JSONSchemaProps;
  code: number;
  reason: string;
  message: string;
  detail?: string;
}

const errorCases: ErrorCase[] = [
  {
    name: "a patch that is not an object is a 400",
    patch: [{ op: "add" }],
    code: 400,
    reason: "BadRequest",
    message: "json: cannot unmarshal array into Go value of type map[string]interface {}",
  },
  {
    name: "a container without its merge key is a 500 naming the item",
    live: pod({ containers: [c("app", "app")] }),
    patch: { spec: { containers: [{ image: "nginx" }] } },
    code: 500,
    reason: "",
    message: "map: map[image:nginx] does not contain declared merge key: name",
  },
  {
    name: "$patch: merge on a map is an unknown patch type",
    live: pod({ nodeSelector: { a: "1" } }),
    patch: { spec: { nodeSelector: { $patch: "merge", b: "2" } } },
    code: 500,
    reason: "",
    message: "unknown patch type: merge in map: map[$patch:merge b:2]",
  },
  {
    name: "$patch: merge on a list item is refused",
    live: pod({ containers: [c("app", "app")] }),
    patch: { spec: { containers: [{ name: "app", $patch: "merge" }] } },
    code: 500,
    reason: "",
    message: "merging lists cannot yet be specified in the patch",
  },
  {
    name: "an unknown $patch on a list item names it",
    live: pod({ containers: [c("app", "app")] }),
    patch: { spec: { containers: [{ name: "app", $patch: 5 }] } },
    code: 500,
    reason: "",
    message: "unknown patch type: %!s(int64=5) in map: map[$patch:5 name:app]",
  },
  {
    name: "$retainKeys that is not a list is a 400",
    schema: deploymentSchema,
    live: { spec: { strategy: { type: "Recreate" } } },
    patch: { spec: { strategy: { $retainKeys: "type" } } },
    code: 400,
    reason: "BadRequest",
    message: "invalid patch format of retainKeys",
  },
  {
    name: "a patch field missing from $retainKeys is a 400",
    schema: deploymentSchema,
    live: { spec: { strategy: { type: "Recreate" } } },
    patch: { spec: { strategy: { $retainKeys: ["type"], type: "RollingUpdate", rollingUpdate: {} } } },
    code: 400,
    reason: "BadRequest",
    message: "invalid patch format of retainKeys",
  },
  {
    name: "$deleteFromPrimitiveList without a field is a 400",
    live: pod({}, { name: "web", finalizers: ["a"] }),
    patch: { metadata: { $deleteFromPrimitiveList: ["a"] } },
    code: 400,
    reason: "BadRequest",
    message: "invalid patch format of primitive list",
  },
  {
    name: "$setElementOrder without a field is a 400",
    live: pod({}, { name: "web", finalizers: ["a"] }),
    patch: { metadata: { $setElementOrder: ["a"] } },
    code: 400,
    reason: "BadRequest",
    message: "invalid patch format of setElementOrder list",
  },
  {
    name: "$setElementOrder that is not a list is a 500",
    live: pod({}, { name: "web", finalizers: ["a"] }),
    patch: { metadata: { "$setElementOrder/finalizers": "a" } },
    code: 500,
    reason: "",
    message: "expected a []interface {}, but received a string",
  },
  {
    name: "a patch list in another order than $setElementOrder is refused",
    live: pod({ containers: [c("a"), c("b")] }),
    patch: {
      spec: { "$setElementOrder/containers": [{ name: "a" }, { name: "b" }], containers: [c("b"), c("a")] },
    },
    code: 500,
    reason: "",
    message: "The order in patch list:\n[map[name:b] map[name:a]]\n doesn't match $setElementOrder list:\n" +
      "[map[name:a] map[name:b]]\n",
  },
  {
    name: "a list of lists in a merging list is a 422",
    live: pod({}, { name: "web", finalizers: [] }),
    patch: { metadata: { finalizers: [["a"]] } },
    code: 422,
    reason: "Invalid",
    message: REJECTED_MESSAGE,
    detail: "lists of lists are not supported",
  },
  {
    name: "items of different types in a merging list are refused",
    live: pod({}, { name: "web", finalizers: ["a"] }),
    patch: { metadata: { finalizers: [1] } },
    code: 500,
    reason: "",
    message: "list element types are not identical: [[a] [1]]",
  },
  {
    name: "a null first item in a merging list is where Kubernetes panics",
    live: pod({}, { name: "web", finalizers: [] }),
    patch: { metadata: { finalizers: [null, "b"] } },
    code: 500,
    reason: "InternalError",
    message: PANIC_MESSAGE,
  },
  {
    name: "a merging list of maps without a merge key in the schema is refused",
    schema: object({ spec: object({ items: list(object({ name: str }), merge()) }) }),
    live: { spec: { items: [{ name: "a" }] } },
    patch: { spec: { items: [{ name: "b" }] } },
    code: 500,
    reason: "",
    message: "cannot merge lists without merge key for struct",
  },
  {
    name: "two patch strategies without retainKeys are refused",
    schema: object({
      spec: object({ items: list(str, { "x-kubernetes-patch-strategy": "merge,replace" }) }),
    }),
    live: { spec: { items: ["a"] } },
    patch: { spec: { items: ["b"] } },
    code: 500,
    reason: "",
    message: "unexpected patch strategy: [merge replace]",
  },
];

for (const t of errorCases) {
  Deno.test(`strategic merge patch: ${t.name}`, () => {
    assert.throws(
      () => applyStrategicMergePatch(t.live ?? pod({}), t.patch, t.schema ?? podSchema),
      (e) => {
        assert.ok(e instanceof PatchError);
        assert.deepStrictEqual(
          { code: e.code, reason: e.reason, message: e.message },
          { code: t.code, reason: t.reason, message: t.message },
        );
        if (t.detail) assert.equal(e.detail, t.detail);
        return true;
      },
    );
  });
}
