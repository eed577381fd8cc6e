import assert from "node:assert/strict";
import {
  customResourceDefinitionsResource,
  eventually,
  isNotFound,
  type KubeObject,
  type ResourceRef,
  startTestCore,
  type TestCore,
} from "@skiff/sdk";
import { GarbageCollector } from "./collector.ts";

function crd(plural: string, kind: string): KubeObject {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: "example.com",
      names: { plural, kind, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope: "Namespaced",
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
      }],
    },
  };
}

const ref = (plural: string, kind: string): ResourceRef => ({
  group: "example.com",
  version: "v1",
  plural,
  kind,
  namespaced: true,
});
const widgetsRef = ref("widgets", "Widget");
const partsRef = ref("parts", "Part");

async function withCore(fn: (core: TestCore) => Promise<void>): Promise<void> {
  const core = await startTestCore({ crds: [crd("widgets", "Widget"), crd("parts", "Part")] });
  try {
    await fn(core);
  } finally {
    await core.close();
  }
}

const quiet = { info() {}, error() {}, with: () => quiet };

/** Runs a collector until the returned function is called. */
async function runCollector(core: TestCore, discoveryPeriodMs?: number): Promise<() => Promise<void>> {
  const gc = new GarbageCollector({ client: core.client, log: quiet, discoveryPeriodMs });
  const stop = new AbortController();
  const running = gc.start(stop.signal);
  await eventually("the collector has synced", () => gc.synced);
  return async () => {
    stop.abort();
    await running;
  };
}

function owner(w: KubeObject, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "example.com/v1",
    kind: "Widget",
    name: w.metadata!.name!,
    uid: w.metadata!.uid!,
    ...extra,
  };
}

async function gone(client: { get(name: string): Promise<unknown> }, name: string): Promise<boolean> {
  try {
    await client.get(name);
    return false;
  } catch (e) {
    if (isNotFound(e)) return true;
    throw e;
  }
}

Deno.test("deleting an owner in the background deletes its parts, and a part with another living owner only loses the reference", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsRef).namespace("default");
    const parts = core.client.resource(partsRef).namespace("default");
    const stop = await runCollector(core);
    try {
      const a = await widgets.create({ metadata: { name: "a" }, spec: {} });
      const b = await widgets.create({ metadata: { name: "b" }, spec: {} });
      await parts.create({ metadata: { name: "only-a", ownerReferences: [owner(a, { controller: true })] } });
      await parts.create({ metadata: { name: "shared", ownerReferences: [owner(a), owner(b)] } });
      await parts.create({ metadata: { name: "only-b", ownerReferences: [owner(b)] } });
      await widgets.delete("a", { propagationPolicy: "Background" });
      await eventually("the part only a owned is deleted", () => gone(parts, "only-a"));
      await eventually("the shared part no longer names a", async () => {
        const refs = (await parts.get("shared")).metadata?.ownerReferences ?? [];
        return refs.length === 1 && refs[0].name === "b";
      });
      assert.equal(await gone(parts, "only-b"), false);
    } finally {
      await stop();
    }
  });
});

Deno.test("a foreground deletion keeps the owner until its blocking parts are gone, then removes its finalizer", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsRef).namespace("default");
    const parts = core.client.resource(partsRef).namespace("default");
    const stop = await runCollector(core);
    try {
      const w = await widgets.create({ metadata: { name: "w" }, spec: {} });
      // A finalizer of its own holds the blocking part, so the owner's wait can be seen.
      await parts.create({
        metadata: {
          name: "held",
          finalizers: ["example.com/hold"],
          ownerReferences: [owner(w, { blockOwnerDeletion: true })],
        },
      });
      await parts.create({ metadata: { name: "free", ownerReferences: [owner(w)] } });
      await widgets.delete("w", { propagationPolicy: "Foreground" });
      await eventually(
        "the held part is being deleted",
        async () => Boolean((await parts.get("held")).metadata?.deletionTimestamp),
      );
      await eventually("the non-blocking part is deleted", () => gone(parts, "free"));
      await new Promise((r) => setTimeout(r, 200));
      const waiting = await widgets.get("w");
      assert.deepEqual(waiting.metadata?.finalizers, ["foregroundDeletion"]);
      assert.ok(waiting.metadata?.deletionTimestamp);
      await parts.patch("held", { metadata: { finalizers: null } });
      await eventually("the held part is gone", () => gone(parts, "held"));
      await eventually("the owner is gone once nothing blocks it", () => gone(widgets, "w"));
    } finally {
      await stop();
    }
  });
});

Deno.test("an orphaning deletion removes the owner's references from its parts and leaves them living", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsRef).namespace("default");
    const parts = core.client.resource(partsRef).namespace("default");
    const stop = await runCollector(core);
    try {
      const w = await widgets.create({ metadata: { name: "w" }, spec: {} });
      await parts.create({ metadata: { name: "p", ownerReferences: [owner(w, { controller: true })] } });
      await widgets.delete("w", { propagationPolicy: "Orphan" });
      await eventually("the owner is gone", () => gone(widgets, "w"));
      const p = await parts.get("p");
      assert.equal(p.metadata?.ownerReferences, undefined);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(await gone(parts, "p"), false);
    } finally {
      await stop();
    }
  });
});

Deno.test("parts of an owner deleted while the collector was down are collected once it starts again", async () => {
  await withCore(async (core) => {
    const widgets = core.client.resource(widgetsRef).namespace("default");
    const parts = core.client.resource(partsRef).namespace("default");
    const w = await widgets.create({ metadata: { name: "w" }, spec: {} });
    const kept = await widgets.create({ metadata: { name: "kept" }, spec: {} });
    await parts.create({ metadata: { name: "orphaned", ownerReferences: [owner(w)] } });
    await parts.create({ metadata: { name: "owned", ownerReferences: [owner(kept)] } });
    // A namesake of the owner, recreated while the collector was down, does not adopt the part.
    await widgets.delete("w");
    await widgets.create({ metadata: { name: "w" }, spec: {} });
    const stop = await runCollector(core);
    try {
      await eventually("the part of the deleted owner is collected", () => gone(parts, "orphaned"));
      assert.equal(await gone(parts, "owned"), false);
    } finally {
      await stop();
    }
  });
});

Deno.test("kinds served after the collector started are watched from the next discovery on", async () => {
  await withCore(async (core) => {
    const stop = await runCollector(core, 100);
    try {
      await core.client.resource(customResourceDefinitionsResource).create(crd("gadgets", "Gadget") as never);
      const widgets = core.client.resource(widgetsRef).namespace("default");
      const gadgets = core.client.resource(ref("gadgets", "Gadget")).namespace("default");
      const w = await widgets.create({ metadata: { name: "w" }, spec: {} });
      await eventually("gadgets are served", async () => {
        try {
          await gadgets.create({ metadata: { name: "g", ownerReferences: [owner(w)] } });
          return true;
        } catch (e) {
          if (isNotFound(e)) return false;
          throw e;
        }
      });
      await widgets.delete("w");
      await eventually("the gadget of the deleted widget is collected", () => gone(gadgets, "g"));
    } finally {
      await stop();
    }
  });
});
