import assert from "node:assert/strict";
import { openEmbeddedStore } from "@skiff/store";
import { storedJsonAt } from "./_stored_json.ts";
import type { KubeObject } from "./admission.ts";

async function withStore(fn: (set: (obj: KubeObject) => Promise<void>) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-stored-json-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  try {
    await fn(async (obj) => {
      assert.ok((await store.set(["pods", obj.metadata.name ?? "x"], obj)).ok);
    });
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("storedJsonAt answers the JSON the store wrote with the resourceVersion added to its metadata", async () => {
  await withStore(async (set) => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web", uid: "u-1" }, spec: { a: [1] } };
    await set(pod);
    const json = storedJsonAt(pod, "42");
    assert.ok(json);
    assert.deepEqual(JSON.parse(json), { ...pod, metadata: { ...pod.metadata, resourceVersion: "42" } });
  });
});

Deno.test("storedJsonAt leaves to the caller an object the store did not write, or whose JSON it cannot splice", async () => {
  await withStore(async (set) => {
    assert.equal(
      storedJsonAt({ apiVersion: "v1", kind: "Pod", metadata: { name: "never-written" } }, "1"),
      undefined,
    );
    // metadata not third: the first "metadata":{ might be a nested one.
    const specFirst = {
      spec: { template: { metadata: { name: "t" } } },
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "a" },
    };
    await set(specFirst as unknown as KubeObject);
    assert.equal(storedJsonAt(specFirst as unknown as KubeObject, "1"), undefined);
    // Something in it already says resourceVersion: no second key.
    const named = { apiVersion: "x/v1", kind: "X", metadata: { name: "b" }, spec: { resourceVersion: "7" } };
    await set(named);
    assert.equal(storedJsonAt(named, "1"), undefined);
    // Empty metadata has nothing to put a comma after.
    const empty = { apiVersion: "x/v1", kind: "X", metadata: {} };
    await set(empty);
    assert.equal(storedJsonAt(empty, "1"), undefined);
  });
});
