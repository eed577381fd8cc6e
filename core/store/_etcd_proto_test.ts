import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { CompareTarget, encodeTxnRequest, encodeWatchCreateRequest } from "./_etcd_proto.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

Deno.test("a transaction encodes its compares, puts (a lease beyond 2^53 included) and ranges as etcd's protobuf", () => {
  const bytes = encodeTxnRequest({
    compare: [
      { key: Buffer.from("/s/a"), target: CompareTarget.Version, result: 0, version: 0 },
      { key: Buffer.from("/s/ns"), target: CompareTarget.Mod, result: 0, mod_revision: "300" },
    ],
    success: [{
      request_put: { key: Buffer.from("/s/a"), value: Buffer.from('{"a":1}'), lease: "9007199254740993" },
    }],
    failure: [{ request_range: { key: Buffer.from("/s/a") } }],
  });
  // The bytes the growing-buffer encoder before this one wrote (and etcd took) for the same request.
  assert.equal(
    hex(bytes),
    "0a081a042f732f6120000a0c10021a052f732f6e7330ac02121a12180a042f732f6112077b2261223a317d1881808080808080101a080a060a042f732f61",
  );
  assert.equal(bytes.byteLength, bytes.buffer.byteLength, "one buffer of the exact size");
});

Deno.test("a watch create request encodes its range, start revision and prev_kv", () => {
  const bytes = encodeWatchCreateRequest({
    key: Buffer.from("/s/"),
    range_end: Buffer.from("/s0"),
    start_revision: 128,
    prev_kv: true,
  });
  assert.equal(hex(bytes), "0a0f0a032f732f12032f73301880013001");
});
