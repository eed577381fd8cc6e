import assert from "node:assert/strict";
import { MAX_BODY_BYTES, readBody } from "./body.ts";
import { ApiError } from "./errors.ts";

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request("https://skiff.test/api/v1/namespaces", { method: "POST", body, headers });

Deno.test("a body reads the same with and without a declared length", async () => {
  const text = JSON.stringify({ kind: "Namespace", metadata: { name: "ünïcode" } });
  const length = String(new TextEncoder().encode(text).length);
  assert.equal(await readBody(post(text)), text);
  assert.equal(await readBody(post(text, { "content-length": length })), text);
});

Deno.test("a body over the limit is 413 whether its declared length says so, understates it, or is absent", async () => {
  const big = "x".repeat(MAX_BODY_BYTES + 1);
  const declared: Record<string, string>[] = [{ "content-length": String(big.length) }, {
    "content-length": "2",
  }, {}];
  for (const headers of declared) {
    await assert.rejects(
      () => readBody(post(big, headers)),
      (e: unknown) => e instanceof ApiError && e.code === 413,
    );
  }
});
