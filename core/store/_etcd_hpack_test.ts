import assert from "node:assert/strict";
import { encodeHeaders, HpackDecoder, HpackError, huffmanDecode } from "./_etcd_hpack.ts";

const hex = (text: string) =>
  new Uint8Array(text.replace(/\s+/g, "").match(/../g)!.map((b) => parseInt(b, 16)));

Deno.test("hpack decodes the Huffman-coded requests of RFC 7541 C.4 with one table across them", () => {
  const decoder = new HpackDecoder();
  assert.deepEqual(decoder.decode(hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff")), [
    [":method", "GET"],
    [":scheme", "http"],
    [":path", "/"],
    [":authority", "www.example.com"],
  ]);
  assert.deepEqual(decoder.decode(hex("8286 84be 5886 a8eb 1064 9cbf")), [
    [":method", "GET"],
    [":scheme", "http"],
    [":path", "/"],
    [":authority", "www.example.com"],
    ["cache-control", "no-cache"],
  ]);
  assert.deepEqual(decoder.decode(hex("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf")), [
    [":method", "GET"],
    [":scheme", "https"],
    [":path", "/index.html"],
    [":authority", "www.example.com"],
    ["custom-key", "custom-value"],
  ]);
});

Deno.test("hpack evicts the oldest entries when the table shrinks or fills", () => {
  const decoder = new HpackDecoder();
  const literal = (
    name: string,
    value: string,
  ) => [
    0x40,
    name.length,
    ...new TextEncoder().encode(name),
    value.length,
    ...new TextEncoder().encode(value),
  ];
  // abc: xyz takes 3 + 3 + 32 = 38 bytes of the table.
  assert.deepEqual(decoder.decode(new Uint8Array([...literal("abc", "xyz"), 0xbe])), [["abc", "xyz"], [
    "abc",
    "xyz",
  ]]);
  // A size update to 40 (0x3f, then 40 - 31 = 9) keeps it; d: e (34 bytes) then pushes it out.
  assert.deepEqual(decoder.decode(new Uint8Array([0x3f, 0x09, ...literal("d", "e"), 0xbe])), [["d", "e"], [
    "d",
    "e",
  ]]);
  assert.throws(() => decoder.decode(new Uint8Array([0xbf])), HpackError);
  assert.throws(
    () => decoder.decode(new Uint8Array([0x3f, 0xe2, 0x1f])),
    HpackError,
    "a size over the announced 4096",
  );
});

Deno.test("hpack refuses Huffman strings with EOS or padding that is not a prefix of EOS", () => {
  assert.equal(huffmanDecode(hex("a8eb 1064 9cbf")), "no-cache");
  assert.throws(() => huffmanDecode(hex("a8eb 1064 9cbe")), HpackError);
  assert.throws(() => huffmanDecode(hex("ffff ffff")), HpackError);
});

Deno.test("hpack literals this client writes decode to the same fields", () => {
  const fields: [string, string][] = [
    [":method", "POST"],
    [":path", "/etcdserverpb.KV/Txn"],
    ["content-type", "application/grpc"],
    ["te", "trailers"],
    ["grpc-timeout", "9999m"],
    ["x-long", "v".repeat(300)],
  ];
  assert.deepEqual(new HpackDecoder().decode(encodeHeaders(fields)), fields);
});
