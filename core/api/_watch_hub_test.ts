import assert from "node:assert/strict";
import { openEmbeddedStore, openEtcdStore, type Store } from "@skiff/store";
import { startEtcd } from "@skiff/test-harness";
import { builtinDefinitions } from "@skiff/kinds";
import { Registry } from "./registry.ts";
import { type HubListener, REPLAY_EVENTS, type SharedEvent, watchCollection } from "./_watch_hub.ts";

/** A real store that counts its open watch streams (the hub's sharing is what these tests check). */
function counting(store: Store): Store & { open: () => number } {
  // Deno KV's and etcd's stores keep private fields, so a wrapper delegates each method.
  let open = 0;
  return {
    backend: store.backend,
    revision: () => store.revision(),
    get: (key) => store.get(key),
    getMany: (keys) => store.getMany(keys),
    list: (selector, options) => store.list(selector, options),
    set: (key, value, options) => store.set(key, value, options),
    delete: (key) => store.delete(key),
    atomic: () => store.atomic(),
    compact: (revision) => store.compact(revision),
    compactedRevision: () => store.compactedRevision(),
    ping: () => store.ping(),
    close: () => store.close(),
    // deno-lint-ignore no-explicit-any
    watch(selector: { prefix: readonly string[] }, options?: { after?: number }): ReadableStream<any> {
      const reader = store.watch(selector, options).getReader();
      open++;
      let counted = true;
      const done = () => counted && (counted = false, open--);
      return new ReadableStream({
        async pull(c) {
          try {
            const { value, done: end } = await reader.read();
            if (end) return done(), c.close();
            c.enqueue(value);
          } catch (e) {
            done();
            c.error(e);
          }
        },
        cancel() {
          done();
          return reader.cancel();
        },
      }, { highWaterMark: 0 });
    },
    open: () => open,
  };
}

/** Collects what a subscriber hears. */
function collector() {
  const seen: string[] = [];
  let wake = () => {};
  const listener: HubListener = {
    event: (e: SharedEvent) => {
      seen.push(`${e.revision} ${e.event.key.at(-1)}`);
      wake();
    },
    error: (e) => seen.push(`error ${e}`),
    end: () => seen.push("end"),
  };
  const until = async (n: number) => {
    const deadline = Date.now() + 10_000;
    while (seen.length < n) {
      if (Date.now() > deadline) throw new Error(`heard ${seen.length} of ${n} events`);
      await new Promise<void>((r) => (wake = r, setTimeout(r, 50)));
    }
    return seen.slice(0, n);
  };
  return { seen, listener, until };
}

const PREFIX = ["registry", "core", "pods", "default"];
const put = (store: Store, name: string) => store.set([...PREFIX, name], { metadata: { name } });

const etcd = await startEtcd();
Deno.test.afterAll(() => etcd.stop());
// grpc-js keeps channel timers and sockets of its own.
const unsanitized = { sanitizeOps: false, sanitizeResources: false };
const backends: { name: string; open: () => Promise<{ store: Store; close: () => Promise<void> }> }[] = [
  {
    name: "embedded",
    async open() {
      const dir = await Deno.makeTempDir({ prefix: "skiff-hub-" });
      const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
      return { store, close: async () => (await store.close(), await Deno.remove(dir, { recursive: true })) };
    },
  },
  {
    name: "etcd",
    async open() {
      const store = await openEtcdStore({ endpoints: etcd.endpoints, prefix: `/hub-${crypto.randomUUID()}` });
      return { store, close: () => store.close() };
    },
  },
];

for (const backend of backends) {
  Deno.test({
    name: `watches of one collection share one store watch on the ${backend.name} store`,
    ...unsanitized,
    async fn() {
      const { store: real, close } = await backend.open();
      const store = counting(real);
      const start = await store.revision();
      const a = collector(), b = collector();
      const subA = watchCollection(store, PREFIX, start, a.listener);
      const subB = watchCollection(store, PREFIX, start, b.listener);
      assert.equal(store.open(), 1);
      const first = (await put(store, "one")).versionstamp;
      await put(store, "two");
      const expected = await a.until(2);
      assert.deepEqual(await b.until(2), expected);
      // A third from between the two changes joins the same store watch and hears only the second.
      const c = collector();
      const subC = watchCollection(store, PREFIX, Number(first), c.listener);
      assert.equal(store.open(), 1);
      assert.deepEqual(c.seen, [expected[1]]);
      subA.cancel(), subB.cancel();
      assert.equal(store.open(), 1, "the store watch stays while a watch uses it");
      subC.cancel();
      assert.equal(store.open(), 0, "the last watch to go stops the store watch");
      await close();
    },
  });

  Deno.test({
    name:
      `a watch from before the hub's window catches up alone, then joins without repeats or gaps (${backend.name})`,
    ...unsanitized,
    async fn() {
      const { store: real, close } = await backend.open();
      const store = counting(real);
      const start = await store.revision();
      const a = collector();
      const subA = watchCollection(store, PREFIX, start, a.listener);
      // Three keys per transaction, so the join lands inside a revision's events.
      const txns = Math.ceil(REPLAY_EVENTS / 3) + 20;
      for (let i = 0; i < txns; i++) {
        const op = store.atomic();
        for (const k of ["x", "y", "z"]) op.set([...PREFIX, `${k}${i}`], { metadata: { name: `${k}${i}` } });
        await op.commit();
      }
      const all = await a.until(txns * 3);
      const b = collector();
      const subB = watchCollection(store, PREFIX, start, b.listener);
      assert.equal(store.open(), 2, "B reads the store on its own at first");
      await put(store, "after");
      const heard = await b.until(txns * 3 + 1);
      assert.deepEqual(heard, [...all, ...(await a.until(txns * 3 + 1)).slice(-1)]);
      assert.equal(store.open(), 1, "B joined the hub");
      subA.cancel(), subB.cancel();
      assert.equal(store.open(), 0);
      await close();
    },
  });

  Deno.test({
    name: `a watch that throws is ended alone and the others go on (${backend.name})`,
    ...unsanitized,
    async fn() {
      const { store, close } = await backend.open();
      const start = await store.revision();
      const good = collector();
      const errors: unknown[] = [];
      const bad: HubListener = {
        event: () => {
          throw new Error("boom");
        },
        error: (e) => errors.push(e),
        end: () => {},
      };
      const subGood = watchCollection(store, PREFIX, start, good.listener);
      watchCollection(store, PREFIX, start, bad);
      await put(store, "one");
      await put(store, "two");
      assert.equal((await good.until(2)).length, 2);
      assert.equal(errors.length, 1);
      subGood.cancel();
      await close();
    },
  });
}

Deno.test("the store closing ends every watch of a hub", async () => {
  const dir = await Deno.makeTempDir({ prefix: "skiff-hub-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  const a = collector(), b = collector();
  const start = await store.revision();
  watchCollection(store, PREFIX, start, a.listener);
  watchCollection(store, PREFIX, start, b.listener);
  await store.close();
  assert.deepEqual(await a.until(1), ["end"]);
  assert.deepEqual(await b.until(1), ["end"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("metadata-only watchers share one encoding of each event, beside the whole object's", async () => {
  const dir = await Deno.makeTempDir({ prefix: "skiff-hub-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  const registry = new Registry();
  for (const def of builtinDefinitions) registry.add(def, { builtin: true });
  const pods = registry.lookup("", "v1", "pods")!;
  const heard: SharedEvent[] = [];
  const listener: HubListener = { event: (e) => void heard.push(e), error: () => {}, end: () => {} };
  const a = watchCollection(store, PREFIX, await store.revision(), listener);
  const b = watchCollection(store, PREFIX, await store.revision(), listener);
  await store.set([...PREFIX, "web"], {
    metadata: { name: "web", namespace: "default" },
    spec: { containers: [] },
  });
  const deadline = Date.now() + 5000;
  while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  a.cancel(), b.cancel();
  const [first, second] = heard;
  assert.equal(first, second, "both watchers hear the same shared event");
  const meta = first.line("ADDED", "value", pods, "v1");
  assert.equal(second.line("ADDED", "value", pods, "v1"), meta, "encoded once for every metadata watcher");
  const decoded = JSON.parse(new TextDecoder().decode(meta));
  assert.deepEqual(decoded, {
    type: "ADDED",
    object: {
      kind: "PartialObjectMetadata",
      apiVersion: "meta.k8s.io/v1",
      metadata: { name: "web", namespace: "default", resourceVersion: String(first.revision) },
    },
  });
  const whole = JSON.parse(new TextDecoder().decode(first.line("ADDED", "value", pods)));
  assert.equal(whole.object.kind, "Pod");
  assert.deepEqual(whole.object.spec, { containers: [] });
  const beta = JSON.parse(new TextDecoder().decode(first.line("ADDED", "value", pods, "v1beta1")));
  assert.equal(beta.object.apiVersion, "meta.k8s.io/v1beta1");
  await store.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a watch line splices the JSON the store wrote, and encodes objects stored in another shape", async () => {
  const dir = await Deno.makeTempDir({ prefix: "skiff-hub-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  const registry = new Registry();
  for (const def of builtinDefinitions) registry.add(def, { builtin: true });
  const pods = registry.lookup("", "v1", "pods")!;
  const heard: SharedEvent[] = [];
  const listener: HubListener = { event: (e) => void heard.push(e), error: () => {}, end: () => {} };
  const sub = watchCollection(store, PREFIX, await store.revision(), listener);
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default" },
    spec: { a: 1 },
  };
  await store.set([...PREFIX, "web"], pod);
  await put(store, "bare");
  const deadline = Date.now() + 5000;
  while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  sub.cancel();
  const text = (e: SharedEvent) => new TextDecoder().decode(e.line("ADDED", "value", pods));
  const rv = String(heard[0].revision);
  // Spliced: the resourceVersion comes first in metadata, where encoding the object puts it last.
  assert.equal(
    text(heard[0]),
    `{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"resourceVersion":"${rv}",` +
      `"name":"web","namespace":"default"},"spec":{"a":1}}}\n`,
  );
  // Stored without apiVersion and kind: the object is presented and encoded.
  assert.deepEqual(JSON.parse(text(heard[1])), {
    type: "ADDED",
    object: {
      metadata: { name: "bare", resourceVersion: String(heard[1].revision) },
      apiVersion: "v1",
      kind: "Pod",
    },
  });
  await store.close();
  await Deno.remove(dir, { recursive: true });
});
