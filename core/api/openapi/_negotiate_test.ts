import assert from "node:assert/strict";
import { negotiate, parseAccept } from "./_negotiate.ts";

const JSON_OFFER = { type: "application", subtype: "json" };

Deno.test("a client asking only for protobuf is not served JSON", () => {
  assert.equal(
    negotiate("application/com.github.proto-openapi.spec.v2@v1.0+protobuf", [JSON_OFFER]),
    undefined,
  );
  assert.equal(negotiate("application/json;q=0", [JSON_OFFER]), undefined);
});

Deno.test("JSON is served to clients that accept it, a wildcard, or say nothing", () => {
  for (const accept of [undefined, "", "application/json", "*/*", "application/*", "application/json, */*"]) {
    assert.equal(negotiate(accept, [JSON_OFFER]), JSON_OFFER, String(accept));
  }
  assert.equal(
    negotiate("application/com.github.proto-openapi.spec.v3@v1.0+protobuf, application/json;q=0.9", [
      JSON_OFFER,
    ]),
    JSON_OFFER,
  );
});

Deno.test("clauses are ordered by quality, then specific before wildcard, then as written", () => {
  assert.deepEqual(
    parseAccept("*/*;q=0.8, text/*, application/json;as=Table;g=meta.k8s.io, text/plain").map((c) =>
      `${c.type}/${c.subtype};${c.q}`
    ),
    ["application/json;1", "text/plain;1", "text/*;1", "*/*;0.8"],
  );
});
