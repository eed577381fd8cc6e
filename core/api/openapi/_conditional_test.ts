import assert from "node:assert/strict";
import { serveDocument } from "./_conditional.ts";

const doc = { body: '{"a":1}', etag: "ABC", lastModified: new Date("2026-01-02T03:04:05.678Z") };
const get = (headers: Record<string, string> = {}) =>
  serveDocument(new Request("http://x/openapi/v2", { headers }), doc, { "content-type": "application/json" });

Deno.test("a document is served with its ETag and Last-Modified", async () => {
  const res = get();
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("etag"), '"ABC"');
  assert.equal(res.headers.get("last-modified"), "Fri, 02 Jan 2026 03:04:05 GMT");
  assert.equal(await res.text(), '{"a":1}');
});

Deno.test("If-None-Match with the ETag, weak or in a list, answers 304 without a body", async () => {
  for (const inm of ['"ABC"', 'W/"ABC"', '"X", "ABC"', "*"]) {
    const res = get({ "if-none-match": inm });
    assert.equal(res.status, 304, inm);
    assert.equal(res.headers.get("content-type"), null);
    assert.equal(await res.text(), "");
  }
  assert.equal(get({ "if-none-match": '"OTHER"' }).status, 200);
});

Deno.test("If-Modified-Since counts whole seconds and yields to If-None-Match", () => {
  assert.equal(get({ "if-modified-since": "Fri, 02 Jan 2026 03:04:05 GMT" }).status, 304);
  assert.equal(get({ "if-modified-since": "Fri, 02 Jan 2026 03:04:04 GMT" }).status, 200);
  assert.equal(
    get({ "if-modified-since": "Fri, 02 Jan 2026 03:04:05 GMT", "if-none-match": '"OTHER"' }).status,
    200,
  );
});
