import assert from "node:assert/strict";
import {
  AlreadyOwnedError,
  getControllerOf,
  isControlledBy,
  newControllerRef,
  setControllerReference,
  setOwnerReference,
} from "./owner_references.ts";
import type { MetaObject } from "./types.ts";

const rs = (name: string, uid: string, apiVersion = "apps/v1"): MetaObject => ({
  apiVersion,
  kind: "ReplicaSet",
  metadata: { name, namespace: "default", uid },
});
const pod = (): MetaObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web-x", namespace: "default" },
});

Deno.test("setControllerReference marks the owner as blocking controller", () => {
  const p = pod();
  setControllerReference(rs("web", "u1"), p);
  assert.deepEqual(p.metadata?.ownerReferences, [
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name: "web",
      uid: "u1",
      blockOwnerDeletion: true,
      controller: true,
    },
  ]);
  assert.equal(getControllerOf(p)?.name, "web");
  assert.equal(isControlledBy(p, rs("web", "u1")), true);
  assert.equal(isControlledBy(p, rs("web", "other-uid")), false);
});

Deno.test("setControllerReference again with the same owner at another version replaces the reference", () => {
  const p = pod();
  setControllerReference(rs("web", "u1"), p);
  setControllerReference(rs("web", "u1", "apps/v1beta2"), p, { blockOwnerDeletion: false });
  assert.equal(p.metadata?.ownerReferences?.length, 1);
  assert.equal(p.metadata?.ownerReferences?.[0].apiVersion, "apps/v1beta2");
  assert.equal(p.metadata?.ownerReferences?.[0].blockOwnerDeletion, false);
});

Deno.test("setControllerReference refuses when another controller owns the object", () => {
  const p = pod();
  setControllerReference(rs("web", "u1"), p);
  assert.throws(
    () => setControllerReference(rs("api", "u2"), p),
    (e: unknown) =>
      e instanceof AlreadyOwnedError && e.owner.name === "web" &&
      e.message === "Object default/web-x is already owned by another ReplicaSet controller web",
  );
  assert.equal(p.metadata?.ownerReferences?.length, 1);
});

Deno.test("owners in another namespace or namespaced owners of cluster objects are refused", () => {
  const other = { ...rs("web", "u1"), metadata: { name: "web", namespace: "other", uid: "u1" } };
  assert.throws(
    () => setControllerReference(other, pod()),
    /cross-namespace owner references are disallowed/,
  );
  const node: MetaObject = { apiVersion: "v1", kind: "Node", metadata: { name: "n1" } };
  assert.throws(() => setOwnerReference(rs("web", "u1"), node), /cluster-scoped resource must not have/);
  const ns: MetaObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "default", uid: "n" } };
  setOwnerReference(ns, pod()); // a cluster-scoped owner may own anything
});

Deno.test("setOwnerReference adds a plain owner beside the controller", () => {
  const p = pod();
  setControllerReference(rs("web", "u1"), p);
  const cm: MetaObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", namespace: "default", uid: "u3" },
  };
  setOwnerReference(cm, p);
  setOwnerReference(cm, p);
  assert.deepEqual(p.metadata?.ownerReferences?.map((r) => [r.kind, r.controller]), [
    ["ReplicaSet", true],
    ["ConfigMap", undefined],
  ]);
  assert.throws(
    () => setOwnerReference({ kind: "X", metadata: { name: "a", uid: "b" } }, p),
    /apiVersion and kind/,
  );
});

Deno.test("newControllerRef names the owner as its controller in Go's field order, with the kind given", () => {
  const ref = newControllerRef({ metadata: { name: "pi", uid: "u1" } }, {
    apiVersion: "batch/v1",
    kind: "Job",
  });
  assert.equal(
    JSON.stringify(ref),
    '{"apiVersion":"batch/v1","kind":"Job","name":"pi","uid":"u1","controller":true,"blockOwnerDeletion":true}',
  );
});
