import assert from "node:assert/strict";
import { defineStoreContract, take } from "./contract.ts";
import { openEmbeddedStore } from "./embedded.ts";
import { dataKey, type DataRecord, REV_KEY } from "./_embedded_layout.ts";
import type { Store } from "./types.ts";

defineStoreContract("embedded", async () => {
  const dir = await Deno.makeTempDir({ prefix: "skiff-store-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  return { store, cleanup: () => Deno.remove(dir, { recursive: true }) };
}, { ttlWaitMs: 4000 });

async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-store-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  try {
    await fn(store);
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("embedded commits that queue up leave together yet each gets its own revision, checks and history", async () => {
  await withStore(async (store) => {
    const before = await store.revision();
    const watch = store.watch<{ n: number }>({ prefix: ["g"] }, { after: before });
    // 40 commits at once: the first goes alone, the rest queue behind it and are grouped.
    const creates = await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          store.atomic().check({ key: ["g", "same"], versionstamp: null }).set(["g", "same"], { n: i })
            .commit(),
      ),
    );
    const sets = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.set(["g", `k${i % 5}`], { n: i })),
    );
    assert.equal(creates.filter((r) => r.ok).length, 1, "one create of a key wins, the others see it");
    const revisions = [...creates.filter((r) => r.ok), ...sets].map((r) =>
      Number((r as { versionstamp: string }).versionstamp)
    );
    assert.deepEqual(
      revisions.toSorted((a, b) => a - b),
      Array.from({ length: 21 }, (_, i) => before + 1 + i),
      "one revision each",
    );
    const events = await take(watch, 21);
    assert.deepEqual(events.map((e) => e.revision), revisions.toSorted((a, b) => a - b));
    // Each key's events chain: every update's previous value is the value before it.
    for (let k = 0; k < 5; k++) {
      const mine = events.filter((e) => e.key[1] === `k${k}`);
      assert.equal(mine.length, 4);
      assert.equal(mine[0].prevValue, null);
      for (let i = 1; i < mine.length; i++) assert.deepEqual(mine[i].prevValue, mine[i - 1].value);
      // Values superseded within one group stay readable at their own revision.
      for (const e of mine) {
        const page = await store.list<{ n: number }>({ prefix: ["g"] }, { revision: e.revision });
        assert.deepEqual(page.entries.find((x) => x.key[1] === `k${k}`)?.value, e.value);
      }
    }
    await watch.cancel();
  });
});

Deno.test("an embedded commit whose check fails inside a group changes nothing and does not hold up the others", async () => {
  await withStore(async (store) => {
    const { versionstamp } = await store.set(["c", "a"], 1);
    const results = await Promise.all([
      store.set(["c", "slow"], "x".repeat(1000)),
      store.atomic().check({ key: ["c", "a"], versionstamp }).set(["c", "a"], 2).commit(),
      store.atomic().check({ key: ["c", "a"], versionstamp }).set(["c", "a"], 3).set(["c", "b"], 3).commit(),
      store.atomic().delete(["c", "missing"]).commit(),
      store.set(["c", "b"], 4),
    ]);
    assert.deepEqual(results.map((r) => r.ok), [true, true, false, true, true]);
    assert.equal((await store.get(["c", "a"])).value, 2);
    assert.equal((await store.get(["c", "b"])).value, 4);
    assert.equal(await store.revision(), Number(results[4].ok && results[4].versionstamp));
  });
});

Deno.test("embedded commits made before close land, queued ones included", async () => {
  const dir = await Deno.makeTempDir({ prefix: "skiff-store-" });
  try {
    const path = `${dir}/store.sqlite`;
    const store = await openEmbeddedStore({ path });
    const writes = Array.from({ length: 20 }, (_, i) => store.set(["z", `k${i}`], i));
    await store.close();
    assert.ok((await Promise.all(writes)).every((r) => r.ok));
    const again = await openEmbeddedStore({ path });
    try {
      assert.equal((await again.list({ prefix: ["z"] })).entries.length, 20);
    } finally {
      await again.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an embedded store that finds another writer's commit reads the data again before its own", async () => {
  const dir = await Deno.makeTempDir({ prefix: "skiff-store-" });
  const path = `${dir}/store.sqlite`;
  const store = await openEmbeddedStore({ path });
  // The lock file keeps a second Skiff out; a process that ignores it writes straight to the SQLite file.
  const intruder = await Deno.openKv(path);
  try {
    await store.set(["a"], 1);
    const rev = (await intruder.get<number>(REV_KEY)).value!;
    const record: DataRecord = { m: rev + 1, j: 0, n: 0, s: "2" };
    assert.ok((await intruder.atomic().set(dataKey(["b"]), record).set(REV_KEY, rev + 1).commit()).ok);

    // Its create-if-absent of "b" sees the intruder's "b", fails, and changes nothing.
    const created = await store.atomic().check({ key: ["b"], versionstamp: null }).set(["b"], 3).commit();
    assert.equal(created.ok, false);
    assert.deepEqual(await store.get(["b"]), { key: ["b"], value: 2, versionstamp: String(rev + 1) });
    const next = await store.set(["a"], 4);
    assert.deepEqual(next, { ok: true, versionstamp: String(rev + 2) });
  } finally {
    intruder.close();
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
});
