import assert from "node:assert/strict";
import { startEtcdCluster } from "@skiff/test-harness";
import { take } from "./contract.ts";
import { openEtcdStore } from "./etcd.ts";
import type { KvKey, Store } from "./types.ts";

// Member failures of a real 3-member cluster (child processes through the test harness). Sanitizers are
// off: a killed member's connection may still be closing when a test ends; the store's own cleanup is
// tested with sanitizers on in etcd_test.ts.
const unsanitized = { sanitizeOps: false, sanitizeResources: false };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Creates `key` holding `value` with a conditional create (the key must be absent) and returns the
 * revision it landed at. A commit that fails is retried until `deadline`, as its outcome is unknown; as
 * the store does after an ambiguous failure, a conflict after such a failure counts as success when the
 * key holds exactly this value (the earlier attempt landed: nobody else writes this key).
 */
async function createOnce(store: Store, key: KvKey, value: string, deadline: number): Promise<number> {
  let unknown = false;
  for (;;) {
    let result;
    try {
      result = await store.atomic().check({ key, versionstamp: null }).set(key, value).commit();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      unknown = true;
      await sleep(100);
      continue;
    }
    if (result.ok) return Number(result.versionstamp);
    const entry = await store.get<string>(key);
    if (unknown && entry.value === value) return Number(entry.versionstamp);
    throw new Error(`the create of ${key.join("/")} conflicted with ${JSON.stringify(entry)}`);
  }
}

Deno.test({
  name: "a 3-member etcd cluster whose leader is killed during a stream of writes: every acknowledged " +
    "write is readable afterwards, and a watcher sees every write exactly once, in order",
  ...unsanitized,
  async fn() {
    const writers = 4;
    const perWriter = 100;
    const killAfter = 100; // acknowledged writes before the leader dies
    const cluster = await startEtcdCluster(3);
    const stores: Store[] = [];
    try {
      const store = await openEtcdStore({ endpoints: cluster.endpoints, prefix: "/faults" });
      stores.push(store);
      const stream = store.watch<string>({ prefix: ["stream"] }, { after: await store.revision() });

      const acked = new Map<string, { key: KvKey; value: string; revision: number }>();
      let inFlight = 0;
      let killed = -1;
      let inFlightAtKill = 0;
      let ackedAtKill = 0;
      let kill: Promise<void> | undefined;
      const killLeader = async () => {
        killed = await cluster.leader();
        inFlightAtKill = inFlight;
        await cluster.members[killed].kill();
        ackedAtKill = acked.size;
      };
      const deadline = Date.now() + 60_000;
      const writer = async (w: number) => {
        for (let seq = 0; seq < perWriter; seq++) {
          const key = ["stream", `w${w}`, String(seq).padStart(4, "0")];
          const value = `${w}/${seq}`;
          inFlight++;
          const revision = await createOnce(store, key, value, deadline).finally(() => inFlight--);
          acked.set(key.join("/"), { key, value, revision });
          if (acked.size >= killAfter) kill ??= killLeader();
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
      await kill;
      assert.ok(inFlightAtKill > 0, "writes were in flight when the leader died");
      assert.ok(acked.size - ackedAtKill >= 100, `only ${acked.size - ackedAtKill} writes after the kill`);
      assert.notEqual(await cluster.leader(), killed, "a surviving member leads");
      assert.equal(acked.size, writers * perWriter);
      const expected = [...acked.values()].sort((a, b) => a.revision - b.revision);
      assert.equal(new Set(expected.map((a) => a.revision)).size, expected.length, "one revision per write");

      // Every acknowledged write, read through the surviving members alone (and nothing else).
      const survivors = cluster.members.filter((_, i) => i !== killed).map((m) => m.clientUrl);
      const survivor = await openEtcdStore({ endpoints: survivors, prefix: "/faults" });
      stores.push(survivor);
      const listed = await survivor.list<string>({ prefix: ["stream"] });
      assert.deepEqual(
        listed.entries.map((e) => ({ key: e.key, value: e.value, revision: Number(e.versionstamp) }))
          .sort((a, b) => a.revision - b.revision),
        expected,
      );

      // The watcher saw each write once, in revision order; a write after the last shows up next, so
      // nothing was delivered twice at the end either.
      const events = await take(stream, expected.length, 30_000);
      assert.deepEqual(
        events.map((e) => ({ key: e.key, value: e.value, revision: e.revision })),
        expected,
      );
      assert.ok(events.every((e) => e.type === "put" && e.prevValue === null), "every event is a create");
      const last = await survivor.set(["stream", "zz-last"], "last");
      const [next] = await take(stream, 1);
      assert.deepEqual([next.key, next.revision], [["stream", "zz-last"], Number(last.versionstamp)]);
      await stream.cancel();
    } finally {
      for (const s of stores) await s.close();
      await cluster.stop();
    }
  },
});

Deno.test({
  name: "etcd store keeps writing and watching without gaps while cluster members die and come back",
  ...unsanitized,
  async fn() {
    const cluster = await startEtcdCluster(3);
    const store = await openEtcdStore({ endpoints: cluster.endpoints });
    try {
      const start = await store.revision();
      const stream = store.watch<number>({ prefix: ["chaos"] }, { after: start });
      const total = 300;
      let next = 0;
      let failed = 0;
      const writer = async () => {
        while (next < total) {
          const i = next++;
          const res = await store.atomic().check({ key: ["chaos", String(i)], versionstamp: null })
            .set(["chaos", String(i)], i).commit().catch(() => ({ ok: false }));
          if (!res.ok) failed++;
          await sleep(5);
        }
      };
      const chaos = async () => {
        for (const member of cluster.members) {
          await sleep(300);
          await member.kill();
          await sleep(500);
          await member.restart();
        }
      };
      await Promise.all([writer(), writer(), writer(), writer(), chaos()]);
      assert.equal(failed, 0, "every conditional create succeeded");
      const events = await take(stream, total, 30_000);
      await stream.cancel();
      assert.deepEqual(
        events.map((e) => e.value).sort((a, b) => a! - b!),
        Array.from({ length: total }, (_, i) => i),
      );
      // Grouped commits share a revision, so revisions only never go back.
      for (let i = 1; i < events.length; i++) assert.ok(events[i].revision >= events[i - 1].revision);
      const listed = await store.list({ prefix: ["chaos"] });
      assert.equal(listed.entries.length, total);
    } finally {
      await store.close();
      await cluster.stop();
    }
  },
});
