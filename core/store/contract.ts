/**
 * The contract every storage backend keeps, as one suite of Deno tests that each backend's test file
 * runs against its own store (as hono runs one case suite against every runtime).
 *
 * @example
 * ```ts
 * // embedded_test.ts
 * defineStoreContract("embedded", async () => {
 *   const dir = await Deno.makeTempDir();
 *   const store = await openEmbeddedStore({ path: `${dir}/db.sqlite` });
 *   return { store, cleanup: () => Deno.remove(dir, { recursive: true }) };
 * });
 * ```
 *
 * @module
 */
import assert from "node:assert/strict";
import { RevisionCompactedError } from "./errors.ts";
import { storedJson } from "./encoding.ts";
import type { KvKey, Store, WatchEvent } from "./types.ts";

/** A fresh store for one test case, and how to tidy up after it (the store is closed by the suite). */
export interface StoreFixture {
  store: Store;
  cleanup?: () => Promise<void>;
}

/** Options of {@link defineStoreContract}. */
export interface ContractOptions {
  /** Turn off Deno's op and resource sanitizers (clients with their own timers need this). */
  sanitize?: boolean;
  /** How long to wait for a key with a time to live to disappear, in ms (default 8000). */
  ttlWaitMs?: number;
  /**
   * A read-only watch gets an update's previous value as the very object written before (the etcd
   * store keeps it); otherwise that value is decoded, once for every read-only watch.
   */
  readOnlyPrevIsWritten?: boolean;
}

/**
 * Registers the contract suite as Deno tests named `<backend> store: <case>`.
 */
export function defineStoreContract(
  backend: string,
  open: () => Promise<StoreFixture>,
  options: ContractOptions = {},
): void {
  const sanitize = options.sanitize ?? true;
  const ttlWaitMs = options.ttlWaitMs ?? 8000;
  for (const [name, fn] of Object.entries(cases(ttlWaitMs, options.readOnlyPrevIsWritten ?? false))) {
    Deno.test({
      name: `${backend} store: ${name}`,
      sanitizeOps: sanitize,
      sanitizeResources: sanitize,
      async fn() {
        const { store, cleanup } = await open();
        try {
          await fn(store);
        } finally {
          await store.close();
          await cleanup?.();
        }
      },
    });
  }
}

/** Reads `n` events from a watch stream, failing after `timeoutMs`. */
export async function take<T>(
  stream: ReadableStream<WatchEvent<T>>,
  n: number,
  timeoutMs = 10_000,
): Promise<WatchEvent<T>[]> {
  const reader = stream.getReader();
  const out: WatchEvent<T>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`watch gave ${out.length} of ${n} events in ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    while (out.length < n) {
      const next = await Promise.race([reader.read(), timeout]);
      if (next.done) throw new Error(`watch ended after ${out.length} of ${n} events`);
      out.push(next.value);
    }
    return out;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

const rev = (versionstamp: string | null) => Number(versionstamp);
const keys = (entries: { key: KvKey }[]) => entries.map((e) => e.key.join("/"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cases(
  ttlWaitMs: number,
  readOnlyPrevIsWritten: boolean,
): Record<string, (store: Store) => Promise<void>> {
  return {
    "a missing key reads as nulls and a written one reads back with its revision": async (store) => {
      const missing = await store.get(["t", "missing"]);
      assert.deepEqual(missing, { key: ["t", "missing"], value: null, versionstamp: null });
      const before = await store.revision();
      const res = await store.set(["t", "a"], { n: 1, s: "x" });
      assert.ok(rev(res.versionstamp) > before);
      assert.equal(await store.revision(), rev(res.versionstamp));
      const got = await store.get<{ n: number }>(["t", "a"]);
      assert.deepEqual(got, { key: ["t", "a"], value: { n: 1, s: "x" }, versionstamp: res.versionstamp });
    },

    "every write gets a higher revision": async (store) => {
      let last = await store.revision();
      for (let i = 0; i < 5; i++) {
        const { versionstamp } = await store.set(["t", "k"], i);
        assert.ok(rev(versionstamp) > last, `${versionstamp} > ${last}`);
        last = rev(versionstamp);
      }
      await store.delete(["t", "k"]);
      assert.ok((await store.revision()) > last);
    },

    "a conditional create succeeds once and then conflicts": async (store) => {
      const first = await store.atomic().check({ key: ["t", "c"], versionstamp: null }).set(["t", "c"], 1)
        .commit();
      assert.equal(first.ok, true);
      const second = await store.atomic().check({ key: ["t", "c"], versionstamp: null }).set(["t", "c"], 2)
        .commit();
      assert.deepEqual(second, { ok: false });
      assert.equal((await store.get(["t", "c"])).value, 1);
    },

    "a conditional update or delete with a stale versionstamp changes nothing": async (store) => {
      const v1 = (await store.set(["t", "u"], "one")).versionstamp;
      const v2 = (await store.set(["t", "u"], "two")).versionstamp;
      const stale = await store.atomic().check({ key: ["t", "u"], versionstamp: v1 }).set(["t", "u"], "x")
        .commit();
      assert.equal(stale.ok, false);
      const staleDelete = await store.atomic().check({ key: ["t", "u"], versionstamp: v1 }).delete(["t", "u"])
        .commit();
      assert.equal(staleDelete.ok, false);
      assert.deepEqual(await store.get(["t", "u"]), { key: ["t", "u"], value: "two", versionstamp: v2 });
      const fresh = await store.atomic().check({ key: ["t", "u"], versionstamp: v2 }).set(["t", "u"], "three")
        .commit();
      assert.equal(fresh.ok, true);
      const del = await store.atomic().check({
        key: ["t", "u"],
        versionstamp: fresh.ok ? fresh.versionstamp : "",
      })
        .delete(["t", "u"]).commit();
      assert.equal(del.ok, true);
      assert.equal((await store.get(["t", "u"])).value, null);
      const onMissing = await store.atomic().check({ key: ["t", "u"], versionstamp: v2 }).set(["t", "u"], 1)
        .commit();
      assert.equal(onMissing.ok, false, "a check on a versionstamp fails when the key is gone");
    },

    "an atomic commit applies every mutation at one revision or none": async (store) => {
      await store.set(["t", "x"], "old");
      const res = await store.atomic()
        .check({ key: ["t", "y"], versionstamp: null })
        .set(["t", "x"], "new").set(["t", "y"], "new").delete(["t", "z"]).commit();
      assert.equal(res.ok, true);
      const [x, y] = await store.getMany([["t", "x"], ["t", "y"]]);
      assert.equal(x.value, "new");
      assert.equal(y.value, "new");
      assert.equal(x.versionstamp, y.versionstamp);
      assert.equal(res.ok && res.versionstamp, x.versionstamp);
      const failed = await store.atomic()
        .check({ key: ["t", "y"], versionstamp: null })
        .set(["t", "x"], "newer").commit();
      assert.equal(failed.ok, false);
      assert.equal((await store.get(["t", "x"])).value, "new");
    },

    "getMany returns entries in the order asked, nulls for missing keys": async (store) => {
      await store.set(["g", "1"], 1);
      await store.set(["g", "3"], 3);
      const got = await store.getMany([["g", "3"], ["g", "2"], ["g", "1"]]);
      assert.deepEqual(got.map((e) => e.value), [3, null, 1]);
    },

    "list returns keys strictly under the prefix in key order, forwards and backwards": async (store) => {
      await store.set(["p"], "the prefix itself");
      await store.set(["pa", "x"], "a sibling that shares characters");
      // Both backends order these alike; a part holding "/" must not read as two parts.
      for (const k of ["b", "x/y", "a", "c"]) await store.set(["p", k], k);
      await store.set(["p", "c", "deeper"], "deeper");
      const page = await store.list({ prefix: ["p"] });
      assert.deepEqual(keys(page.entries), ["p/a", "p/b", "p/c", "p/c/deeper", "p/x/y"]);
      assert.deepEqual(page.entries[4].key, ["p", "x/y"]);
      assert.equal(page.cursor, "");
      const back = await store.list({ prefix: ["p"] }, { reverse: true });
      assert.deepEqual(keys(back.entries), keys(page.entries).reverse());
      const under = await store.list({ prefix: ["p", "c"] });
      assert.deepEqual(keys(under.entries), ["p/c/deeper"]);
    },

    "list pages stay at the first page's revision while writes go on": async (store) => {
      for (let i = 0; i < 25; i++) await store.set(["l", String(i).padStart(2, "0")], { i });
      const first = await store.list<{ i: number }>({ prefix: ["l"] }, { limit: 10 });
      assert.equal(first.entries.length, 10);
      assert.notEqual(first.cursor, "");
      // Change the world between pages: update, delete and create on both sides of the cursor.
      await store.set(["l", "00"], { i: -1 });
      await store.set(["l", "15"], { i: -15 });
      await store.delete(["l", "20"]);
      await store.delete(["l", "05"]);
      await store.set(["l", "99"], { i: 99 });
      await store.set(["l", "12a"], { i: 12 });
      const seen = [...first.entries];
      let cursor = first.cursor;
      while (cursor) {
        const page = await store.list<{ i: number }>({ prefix: ["l"] }, { limit: 10, cursor });
        assert.equal(page.revision, first.revision);
        seen.push(...page.entries);
        cursor = page.cursor;
      }
      assert.deepEqual(seen.map((e) => e.value.i), Array.from({ length: 25 }, (_, i) => i));
      const now = await store.list<{ i: number }>({ prefix: ["l"] });
      assert.ok(now.revision > first.revision);
      assert.equal(now.entries.length, 25);
      assert.deepEqual(now.entries.find((e) => e.key[1] === "15")?.value, { i: -15 });
    },

    "list at an older revision shows the world as it was": async (store) => {
      await store.set(["o", "a"], 1);
      const at = (await store.set(["o", "b"], 1)).versionstamp;
      await store.set(["o", "a"], 2);
      await store.delete(["o", "b"]);
      await store.set(["o", "c"], 1);
      const old = await store.list({ prefix: ["o"] }, { revision: rev(at) });
      assert.equal(old.revision, rev(at));
      assert.deepEqual(old.entries.map((e) => [e.key[1], e.value]), [["a", 1], ["b", 1]]);
      assert.equal(old.entries[1].versionstamp, at);
      const paged = await store.list({ prefix: ["o"] }, { revision: rev(at), limit: 1 });
      assert.deepEqual(keys(paged.entries), ["o/a"]);
      const rest = await store.list({ prefix: ["o"] }, { cursor: paged.cursor });
      assert.deepEqual(keys(rest.entries), ["o/b"]);
    },

    "a prefix watch delivers changes in order with previous values": async (store) => {
      await store.set(["w", "a"], "before");
      const stream = store.watch<string>({ prefix: ["w"] });
      const a = await store.set(["w", "a"], "a1");
      await store.set(["elsewhere"], "not watched");
      await store.set(["w", "b"], "b1");
      await store.delete(["w", "a"]);
      await store.atomic().set(["w", "c"], "c1").set(["w", "d"], "d1").commit();
      const events = await take(stream, 5);
      await stream.cancel();
      assert.deepEqual(
        events.map((e) => [e.type, e.key.join("/"), e.value, e.prevValue]),
        [
          ["put", "w/a", "a1", "before"],
          ["put", "w/b", "b1", null],
          ["delete", "w/a", null, "a1"],
          ["put", "w/c", "c1", null],
          ["put", "w/d", "d1", null],
        ],
      );
      assert.equal(events[0].revision, rev(a.versionstamp));
      for (let i = 1; i < 4; i++) assert.ok(events[i].revision > events[i - 1].revision);
      assert.equal(events[3].revision, events[4].revision);
    },

    "a watch resumes after a given revision without gaps or repeats": async (store) => {
      const revs: number[] = [];
      for (let i = 0; i < 6; i++) revs.push(rev((await store.set(["r", String(i)], i)).versionstamp));
      const stream = store.watch<number>({ prefix: ["r"] }, { after: revs[2] });
      const events = await take(stream, 3);
      assert.deepEqual(events.map((e) => e.value), [3, 4, 5]);
      const later = await store.set(["r", "6"], 6);
      const [next] = await take(stream, 1);
      assert.equal(next.revision, rev(later.versionstamp));
      await stream.cancel();
    },

    "reads and watches below the compacted revision fail with RevisionCompactedError": async (store) => {
      await store.set(["k", "a"], 1);
      const old = rev((await store.set(["k", "b"], 2)).versionstamp);
      const page = await store.list({ prefix: ["k"] }, { limit: 1 });
      assert.notEqual(page.cursor, "");
      const cut = rev((await store.set(["k", "a"], 3)).versionstamp);
      await store.compact(cut);
      assert.equal(await store.compactedRevision(), cut);
      await assert.rejects(store.list({ prefix: ["k"] }, { revision: old }), RevisionCompactedError);
      await assert.rejects(store.list({ prefix: ["k"] }, { cursor: page.cursor }), RevisionCompactedError);
      const stream = store.watch({ prefix: ["k"] }, { after: old });
      await assert.rejects(stream.getReader().read(), RevisionCompactedError);
      // History after the compacted revision is still there.
      const after = store.watch<number>({ prefix: ["k"] }, { after: cut });
      const next = await store.set(["k", "c"], 4);
      const [event] = await take(after, 1);
      assert.equal(event.revision, rev(next.versionstamp));
      await after.cancel();
      assert.deepEqual((await store.list({ prefix: ["k"] })).entries.map((e) => e.value), [3, 2, 4]);
    },

    "values of 1 MiB are written, read, listed and watched whole": async (store) => {
      const big = "x".repeat(1024 * 1024 - 64) + "end";
      const stream = store.watch<{ big: string }>({ prefix: ["big"] });
      await store.set(["big", "one"], { big });
      await store.set(["big", "two"], { big: big + "2" });
      await store.set(["big", "one"], { big: "small now" });
      const got = await store.get<{ big: string }>(["big", "two"]);
      assert.equal(got.value?.big, big + "2");
      const listed = await store.list<{ big: string }>({ prefix: ["big"] });
      assert.deepEqual(listed.entries.map((e) => e.value.big.length), [9, big.length + 1]);
      const events = await take(stream, 3);
      assert.equal(events[0].value?.big, big);
      assert.equal(events[2].prevValue?.big, big);
      await stream.cancel();
    },

    "32 concurrent writers incrementing one counter lose no update": async (store) => {
      const key = ["counter"];
      await store.set(key, 0);
      const perWriter = 10;
      let conflicts = 0;
      const writer = async () => {
        for (let done = 0; done < perWriter;) {
          const cur = await store.get<number>(key);
          const res = await store.atomic().check(cur).set(key, (cur.value ?? 0) + 1).commit();
          if (res.ok) done++;
          else conflicts++;
        }
      };
      await Promise.all(Array.from({ length: 32 }, writer));
      assert.equal((await store.get(key)).value, 32 * perWriter, `after ${conflicts} conflicts`);
    },

    "a key with a time to live disappears with a delete event": async (store) => {
      const stream = store.watch({ prefix: ["ttl"] });
      await store.set(["ttl", "short"], "bye", { expireIn: 1000 });
      await store.set(["ttl", "long"], "stays");
      assert.equal((await store.get(["ttl", "short"])).value, "bye");
      const deadline = Date.now() + ttlWaitMs;
      while ((await store.get(["ttl", "short"])).value !== null && Date.now() < deadline) await sleep(100);
      assert.equal((await store.get(["ttl", "short"])).value, null, `still there after ${ttlWaitMs} ms`);
      assert.equal((await store.get(["ttl", "long"])).value, "stays");
      const events = await take(stream, 3);
      assert.deepEqual(events.map((e) => `${e.type} ${e.key.join("/")}`), [
        "put ttl/short",
        "put ttl/long",
        "delete ttl/short",
      ]);
      assert.equal(events[2].prevValue, "bye");
      await stream.cancel();
    },

    "a read-only watch gets the objects this store wrote, an ordinary one its own decoded copies": async (
      store,
    ) => {
      const after = await store.revision();
      const readOnly = store.watch<{ n: number }>({ prefix: ["w"] }, { after, readOnly: true });
      const alsoReadOnly = store.watch<{ n: number }>({ prefix: ["w"] }, { after, readOnly: true });
      const ordinary = store.watch<{ n: number }>({ prefix: ["w"] }, { after });
      const first = { n: 1 }, second = { n: 2 };
      await store.set(["w", "a"], first);
      await store.atomic().set(["w", "a"], second).commit();
      const [created, updated] = await take(readOnly, 2);
      assert.equal(created.value, first, "the very object written");
      // A store that says whether a change created its key says it right.
      assert.notEqual(created.created, false);
      assert.notEqual(updated.created, true);
      assert.equal(updated.value, second);
      if (readOnlyPrevIsWritten) assert.equal(updated.prevValue, first, "the previous value too");
      else assert.deepEqual(updated.prevValue, first);
      const [, again] = await take(alsoReadOnly, 2);
      assert.equal(again.prevValue, updated.prevValue, "one previous value for both read-only watches");
      const copies = await take(ordinary, 2);
      assert.deepEqual(copies.map((e) => e.value), [first, second]);
      assert.notEqual(copies[0].value, first, "a decoded copy, which its reader may change");
      assert.notEqual(copies[1].prevValue, updated.prevValue);
      await Promise.all([readOnly.cancel(), alsoReadOnly.cancel(), ordinary.cancel()]);
    },

    "storedJson answers the JSON a write stored for the very object it was given": async (store) => {
      const pod = { metadata: { name: "web" }, spec: { n: [1, 2] } };
      const other = { metadata: { name: "web" }, spec: { n: [1, 2] } };
      await store.set(["j", "a"], pod);
      await store.atomic().check({ key: ["j", "b"], versionstamp: null }).set(["j", "b"], { s: "x" })
        .commit();
      assert.equal(storedJson(pod), JSON.stringify(pod));
      assert.equal(storedJson(other), undefined, "an equal object the store never saw");
    },

    "closing the store ends open watches": async (store) => {
      const stream = store.watch({ prefix: ["c"] });
      const reader = stream.getReader();
      const pending = reader.read().then((r) => r.done, () => "errored");
      await store.close();
      let timer;
      const ended = await Promise.race([
        pending,
        new Promise((r) => timer = setTimeout(() => r("still open"), 5000)),
      ]);
      clearTimeout(timer);
      assert.ok(ended === true || ended === "errored", `watch after close: ${ended}`);
    },
  };
}
