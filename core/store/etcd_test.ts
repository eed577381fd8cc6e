import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { Etcd3 } from "etcd3";
import { startEtcd } from "@skiff/test-harness";
import { defineStoreContract, take } from "./contract.ts";
import { InvalidEntryError, RevisionCompactedError, StoreUnavailableError } from "./errors.ts";
import { openEtcdStore } from "./etcd.ts";
import { KeyCodec } from "./_etcd_keys.ts";
import { LeaseCache } from "./_etcd_lease.ts";
import type { Mutation } from "./_etcd_atomic.ts";
import { landedRevision } from "./_etcd_commit.ts";
import type { Store } from "./types.ts";

// One etcd for the whole file (a container through the test harness, or its child-process fallback),
// started before the tests so no test is blamed for it, and stopped after the last; every store gets its
// own prefix. Clusters and member failures are in etcd_faults_test.ts.
const shared = await startEtcd();
Deno.test.afterAll(() => shared.stop());
const freshPrefix = () => `/test-${crypto.randomUUID()}`;
async function openShared(prefix = freshPrefix(), groupCommits = false): Promise<Store> {
  return await openEtcdStore({ endpoints: shared.endpoints, prefix, groupCommits });
}
const etcdContract = { readOnlyPrevIsWritten: true };
defineStoreContract("etcd", async () => ({ store: await openShared() }), etcdContract);
defineStoreContract(
  "etcd (grouped commits)",
  async () => ({ store: await openShared(undefined, true) }),
  etcdContract,
);

Deno.test("etcd keys are the prefix and the URI-encoded parts joined by slashes", () => {
  const codec = new KeyCodec("/skiff/");
  assert.equal(
    codec.encode(["registry", "pods", "a/b", "ü"]).toString(),
    "/skiff/registry/pods/a%2Fb/%C3%BC",
  );
  assert.deepEqual(codec.decode(codec.encode(["registry", "a/b", "%", "ü"])), ["registry", "a/b", "%", "ü"]);
  const range = codec.range(["a", "b"]);
  assert.equal(range.start.toString(), "/skiff/a/b/");
  assert.equal(range.end.toString(), "/skiff/a/b0");
  assert.equal(codec.range([]).start.toString(), "/skiff/");
  assert.throws(() => codec.encode([]), InvalidEntryError);
  assert.throws(() => codec.encode(["a", ""]), InvalidEntryError);
  assert.throws(() => codec.range(["a", ""]), InvalidEntryError);
  assert.throws(() => codec.encode(["a", 1 as unknown as string]), InvalidEntryError);
});

Deno.test("etcd leases are shared within the reuse window and granted with the window added", async () => {
  const grants: number[] = [];
  const leases = new LeaseCache((ttl) => {
    grants.push(ttl);
    return Promise.resolve(String(grants.length));
  });
  const [a, b] = await Promise.all([leases.get(1500), leases.get(2000)]);
  assert.equal(a, b, "concurrent writes with the same TTL share one grant");
  assert.deepEqual(grants, [3], "2 s + a 1 s window");
  assert.equal(await leases.get(60_000), "2");
  assert.deepEqual(grants, [3, 63], "60 s + 5 %");
  leases.forget("1");
  assert.equal(await leases.get(2000), "3", "a forgotten lease is not handed out again");
});

Deno.test("etcd commits whose outcome was unknown are recognised by their own bytes", () => {
  const mine: Mutation[] = [
    { key: Buffer.from("/a"), id: "/a", value: Buffer.from("1") },
    { key: Buffer.from("/b"), id: "/b" },
  ];
  const reads = (kvs: { value: string; rev: string }[][]) =>
    kvs.map((list) => ({
      response_range: { kvs: list.map((kv) => ({ value: Buffer.from(kv.value), mod_revision: kv.rev })) },
    })) as unknown as Parameters<typeof landedRevision>[1];
  assert.equal(landedRevision(mine, reads([[{ value: "1", rev: "7" }], []]), "9"), "7");
  assert.equal(landedRevision(mine, reads([[{ value: "2", rev: "7" }], []]), "9"), undefined);
  assert.equal(
    landedRevision(mine, reads([[{ value: "1", rev: "7" }], [{ value: "x", rev: "3" }]]), "9"),
    undefined,
  );
  assert.equal(landedRevision([mine[1]], reads([[]]), "9"), "9", "a delete-only commit: the key is gone");
  assert.equal(landedRevision([], reads([]), "9"), undefined);
});

Deno.test({
  name: "etcd store lays keys out under its prefix where etcdctl users expect them",
  async fn() {
    const prefix = freshPrefix();
    const store = await openShared(prefix);
    const raw = new Etcd3({ hosts: shared.endpoints });
    try {
      const { versionstamp } = await store.set(["registry", "pods", "default/x"], { a: 1 });
      const kv = await raw.get(`${prefix}/registry/pods/default%2Fx`).exec();
      assert.equal(kv.kvs[0].value.toString(), '{"a":1}');
      assert.equal(kv.kvs[0].mod_revision, versionstamp);
    } finally {
      raw.close();
      await store.close();
    }
  },
});

Deno.test({
  name: "etcd store refuses to open when no member answers, naming the endpoints",
  async fn() {
    const started = Date.now();
    const err = await openEtcdStore({ endpoints: ["http://127.0.0.1:9"], dialTimeoutMs: 1000 }).then(
      () => assert.fail("opened"),
      (e) => e,
    );
    assert.ok(err instanceof StoreUnavailableError, String(err));
    assert.match(err.message, /127\.0\.0\.1:9/);
    assert.doesNotMatch(err.message, /\n/);
    assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
  },
});

Deno.test({
  name: "etcd store lists and watches more than 4 MiB of 1 MiB values",
  async fn() {
    const store = await openShared();
    try {
      const stream = store.watch<string>({ prefix: ["big"] });
      const big = (i: number) => String(i).padStart(4, "0") + "x".repeat(1024 * 1024 - 100);
      for (let i = 0; i < 12; i++) await store.set(["big", String(i).padStart(2, "0")], big(i));
      const all = await store.list<string>({ prefix: ["big"] });
      assert.equal(all.entries.length, 12);
      assert.ok(all.entries.every((e, i) => e.value === big(i)));
      const back = await store.list<string>({ prefix: ["big"] }, { reverse: true, limit: 5 });
      assert.deepEqual(back.entries.map((e) => e.key[1]), ["11", "10", "09", "08", "07"]);
      const rest = await store.list<string>({ prefix: ["big"] }, { cursor: back.cursor });
      assert.equal(rest.entries.length, 7);
      assert.equal(rest.entries[6].key[1], "00");
      assert.equal(rest.cursor, "");
      const events = await take(stream, 12);
      assert.equal(events[11].value, big(11));
      await stream.cancel();
      assert.equal(await store.ping(), true, "the store still answers");
    } finally {
      await store.close();
    }
  },
});

Deno.test({
  name: "etcd store knows the compacted revision after a restart and after someone else compacts",
  async fn() {
    const prefix = freshPrefix();
    const first = await openShared(prefix);
    const old = Number((await first.set(["c", "a"], 1)).versionstamp);
    const cut = Number((await first.set(["c", "a"], 2)).versionstamp);
    await first.compact(cut);
    await first.close();
    const second = await openShared(prefix);
    const raw = new Etcd3({ hosts: shared.endpoints });
    try {
      assert.equal(await second.compactedRevision(), cut);
      await assert.rejects(second.list({ prefix: ["c"] }, { revision: old }), (e) => {
        assert.ok(e instanceof RevisionCompactedError);
        assert.equal(e.requestedRevision, old);
        assert.equal(e.compactedRevision, cut);
        return true;
      });
      const later = Number((await second.set(["c", "b"], 3)).versionstamp);
      await second.set(["c", "b"], 4);
      await raw.kv.compact({ revision: later });
      assert.equal(await second.compactedRevision(), later);
      await second.compact(later - 1);
      assert.equal(await second.compactedRevision(), later, "compacting below changes nothing");
    } finally {
      raw.close();
      await second.close();
    }
  },
});

Deno.test({
  name: "etcd store shares one lease between keys written with the same time to live",
  async fn() {
    const prefix = freshPrefix();
    const store = await openShared(prefix);
    const raw = new Etcd3({ hosts: shared.endpoints });
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.set(["l", String(i)], i, { expireIn: 30_000 })),
      );
      const res = await raw.getAll().prefix(`${prefix}/l/`).exec();
      const leases = new Set(res.kvs.map((kv) => kv.lease));
      assert.equal(res.kvs.length, 20);
      assert.equal(leases.size, 1, `leases: ${[...leases]}`);
      assert.notEqual([...leases][0], "0");
      const ttl = await raw.leaseClient.leaseTimeToLive({ ID: [...leases][0] });
      assert.ok(Number(ttl.TTL) >= 30 && Number(ttl.TTL) <= 31, `TTL ${ttl.TTL}`);
      await store.set(["l", "0"], "no ttl now");
      const plain = await raw.get(`${prefix}/l/0`).exec();
      assert.equal(plain.kvs[0].lease, "0", "a set without expireIn detaches the lease");
    } finally {
      raw.close();
      await store.close();
    }
  },
});

Deno.test({
  name: "etcd store with grouped commits groups concurrent commits without write skew",
  async fn() {
    const store = await openShared(undefined, true);
    try {
      const created = await Promise.all(
        Array.from(
          { length: 64 },
          (_, i) =>
            store.atomic().check({ key: ["g", String(i)], versionstamp: null }).set(["g", String(i)], i)
              .commit(),
        ),
      );
      assert.ok(created.every((r) => r.ok));
      const revisions = new Set(created.map((r) => r.ok && r.versionstamp));
      assert.ok(revisions.size < 64, `64 creates took ${revisions.size} revisions: they were grouped`);
      // Each pair reads what the other writes; applied one after another only one of them can succeed.
      for (let round = 0; round < 20; round++) {
        const [x, y] = await store.getMany([["g", "x"], ["g", "y"]]);
        const fill = Array.from({ length: 8 }, (_, i) => store.set(["g", "fill", String(i)], round));
        const [a, b] = await Promise.all([
          store.atomic().check(x).set(["g", "y"], `a${round}`).commit(),
          store.atomic().check(y).set(["g", "x"], `b${round}`).commit(),
          ...fill,
        ]);
        assert.ok(!(a.ok && b.ok), `round ${round}: both commits succeeded`);
      }
    } finally {
      await store.close();
    }
  },
});

Deno.test({
  name: "etcd store answers ping while etcd runs and not after close",
  async fn() {
    const store = await openShared();
    assert.equal(await store.ping(), true);
    const stream = store.watch({ prefix: ["x"] });
    await store.close();
    assert.equal(await store.ping(), false);
    await assert.rejects(store.get(["x"]), StoreUnavailableError);
    assert.equal((await stream.getReader().read()).done, true);
  },
});
