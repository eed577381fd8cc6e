import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { Etcd3, GRPCDeadlineExceededError, GRPCOutOfRangeError, GRPCUnavailableError } from "etcd3";
import { freePort, startEtcd } from "@skiff/test-harness";
import { EtcdClient, withRetry } from "./_etcd_client.ts";
import { GrpcMember } from "./_etcd_grpc.ts";
import { decodeRangeResponse, encodeRangeRequest, type WatchResponse } from "./_etcd_proto.ts";
import { InvalidEntryError } from "./errors.ts";

// The unary transport against a real etcd (and, for failures etcd does not make on demand, against real
// sockets that refuse or never answer).
const etcd = await startEtcd();
Deno.test.afterAll(() => etcd.stop());
// etcd3 (only the reference client in the first test) keeps grpc-js timers and sockets of its own.
const unsanitized = { sanitizeOps: false, sanitizeResources: false };
const ctx = () => ({ signal: new AbortController().signal, endpoints: etcd.endpoints });

Deno.test({
  name: "unary calls read back what etcd3 wrote: keys, values, revisions and 64-bit lease ids",
  ...unsanitized,
  async fn() {
    const raw = new Etcd3({ hosts: etcd.endpoints });
    const client = new EtcdClient(etcd.endpoints);
    try {
      const lease = raw.lease(60, { autoKeepAlive: false });
      await lease.put("/grpc-test/leased").value("ü".repeat(100));
      const id = await lease.grant();
      const res = await client.range({ key: Buffer.from("/grpc-test/leased") });
      assert.equal(res.kvs.length, 1);
      assert.equal(res.kvs[0].value.toString(), "ü".repeat(100));
      assert.equal(res.kvs[0].lease, id, "the lease id survives all 64 bits");
      assert.equal(res.kvs[0].version, "1");
      assert.equal(res.kvs[0].mod_revision, res.header.revision);
      const granted = await client.leaseGrant(30);
      const ttl = await raw.leaseClient.leaseTimeToLive({ ID: granted });
      assert.ok(Number(ttl.TTL) > 25, `a lease granted by the transport is etcd's: TTL ${ttl.TTL}`);
      await lease.revoke();
    } finally {
      raw.close();
      client.close();
    }
  },
});

Deno.test({
  name: "a range reply over 4 MiB arrives whole in one call",
  async fn() {
    const client = new EtcdClient(etcd.endpoints);
    try {
      const big = "x".repeat(1024 * 1024);
      for (let i = 0; i < 6; i++) {
        await client.txn({
          success: [{ request_put: { key: Buffer.from(`/grpc-big/${i}`), value: Buffer.from(big) } }],
        });
      }
      const res = await client.range({
        key: Buffer.from("/grpc-big/"),
        range_end: Buffer.from("/grpc-big0"),
      });
      assert.equal(res.kvs.length, 6);
      assert.ok(res.kvs.every((kv) => kv.value.length === big.length));
    } finally {
      client.close();
    }
  },
});

Deno.test({
  name: "etcd's refusals come back with grpc-js's codes and etcd's message",
  async fn() {
    const client = new EtcdClient(etcd.endpoints);
    try {
      const err = await client.range({ key: Buffer.from("/a"), revision: 1_000_000_000 }).catch((e) => e);
      assert.ok(err instanceof GRPCOutOfRangeError, String(err));
      assert.match(
        err.message,
        /^11 OUT_OF_RANGE: etcdserver: mvcc: required revision is a future revision$/,
      );
      // Too large a write is the request's fault, not the member's: no retries, the store's own error.
      const huge = Buffer.alloc(3 * 1024 * 1024, "y");
      const tooLarge = await withRetry(
        ctx(),
        "idempotent",
        () => client.txn({ success: [{ request_put: { key: Buffer.from("/huge"), value: huge } }] }),
      ).catch((e) => e);
      assert.ok(tooLarge instanceof InvalidEntryError, String(tooLarge));
      assert.equal(await client.range({ key: Buffer.from("/a") }).then(() => "answers"), "answers");
    } finally {
      client.close();
    }
  },
});

Deno.test("a member that refuses connections fails the call as never sent", async () => {
  const member = new GrpcMember(`http://127.0.0.1:${freePort()}`);
  try {
    const err = await member.unary(
      "/etcdserverpb.KV/Range",
      encodeRangeRequest({ key: Buffer.from("/a") }),
      Date.now() + 5000,
    )
      .catch((e) => e);
    assert.equal(err.code, 14);
    assert.match(err.message, /^14 UNAVAILABLE: No connection established\. Last error: .*/);
  } finally {
    member.close();
  }
});

Deno.test({
  name: "a call to a member that accepts but never answers fails at its deadline, and the store keeps " +
    "retrying it as a connection failure",
  async fn() {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const held: Deno.Conn[] = [];
    const accepting = (async () => {
      for await (const conn of listener) held.push(conn);
    })();
    const url = `http://127.0.0.1:${listener.addr.port}`;
    const client = new EtcdClient([url]);
    try {
      const started = Date.now();
      const err = await client.range({ key: Buffer.from("/a") }, Date.now() + 300).catch((e) => e);
      assert.ok(err instanceof GRPCDeadlineExceededError, String(err));
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
      const retried = await withRetry(
        { ...ctx(), endpoints: [url] },
        "read",
        () => client.range({ key: Buffer.from("/a") }, Date.now() + 100),
        700,
      ).catch((e) => e);
      assert.match(retried.message, /did not answer within 1 s \(4 DEADLINE_EXCEEDED/);
    } finally {
      client.close();
      listener.close();
      for (const conn of held) conn.close();
      await accepting.catch(() => {});
    }
  },
});

Deno.test({
  name: "calls after close fail at once without connecting",
  async fn() {
    const member = new GrpcMember(etcd.endpoints[0]);
    const reply = await member.unary(
      "/etcdserverpb.KV/Range",
      encodeRangeRequest({ key: Buffer.from("/a") }),
      Date.now() + 5000,
    );
    assert.ok(Number(decodeRangeResponse(reply).header.revision) >= 1);
    member.close();
    const err = await member.unary(
      "/etcdserverpb.KV/Range",
      encodeRangeRequest({ key: Buffer.from("/a") }),
      Date.now() + 5000,
    )
      .catch((e) => e);
    assert.ok(err instanceof Error && err.message.includes("UNAVAILABLE"), String(err));
    assert.ok(!(err instanceof GRPCUnavailableError), "a raw transport error is not cast yet");
    await new Promise((r) => setTimeout(r, 50));
  },
});

Deno.test({
  name: "a watch stream delivers etcd's events with previous values and ends quietly when cancelled",
  async fn() {
    const client = new EtcdClient(etcd.endpoints);
    try {
      const start = Number(
        (await client.range({ key: Buffer.from("/w"), count_only: true })).header.revision,
      );
      const responses: WatchResponse[] = [];
      const closed: Error[] = [];
      let created!: () => void;
      const ready = new Promise<void>((resolve) => created = resolve);
      const stream = await client.watch({
        response: (res) => res.created ? created() : responses.push(res),
        closed: (e) => closed.push(e),
      });
      stream.create({
        key: Buffer.from("/w/"),
        range_end: Buffer.from("/w0"),
        start_revision: start + 1,
        prev_kv: true,
      });
      await ready;
      const put = (key: string, value: string) =>
        client.txn({ success: [{ request_put: { key: Buffer.from(key), value: Buffer.from(value) } }] });
      await put("/w/a", "1");
      await put("/w/a", "2");
      await client.txn({ success: [{ request_delete_range: { key: Buffer.from("/w/a") } }] });
      await put("/x/outside", "3");
      const deadline = Date.now() + 5000;
      while (responses.flatMap((r) => r.events).length < 3 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const events = responses.flatMap((r) => r.events);
      assert.deepEqual(
        events.map((e) => [e.type, e.kv.key.toString(), e.kv.value.toString(), e.prev_kv?.value.toString()]),
        [["PUT", "/w/a", "1", undefined], ["PUT", "/w/a", "2", "1"], ["DELETE", "/w/a", "", "2"]],
      );
      stream.cancel();
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(closed, [], "a cancelled stream reports nothing");
    } finally {
      client.close();
    }
  },
});
