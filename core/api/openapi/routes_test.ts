import assert from "node:assert/strict";
import { Hono } from "hono";
import { apiFixture } from "../testing/api_fixture.ts";
import { testRegistry, widgetDefinition } from "./_testing.ts";
import { openapiRoutes } from "./routes.ts";

const V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

Deno.test("/openapi/v3 answers the index with an ETag, and 304 to a client that has it", async () => {
  const app = openapiRoutes(testRegistry());
  const res = await app.request("/openapi/v3");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  const etag = res.headers.get("etag")!;
  assert.match(etag, /^"[0-9A-F]{128}"$/);
  assert.ok(res.headers.get("last-modified"));
  const index = await res.json();
  assert.match(index.paths["api/v1"].serverRelativeURL, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);

  const again = await app.request("/openapi/v3", { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get("etag"), etag);
  assert.equal(await again.text(), "");
  const stale = await app.request("/openapi/v3", { headers: { "if-none-match": '"0BAD"' } });
  assert.equal(stale.status, 200);
});

Deno.test("a group-version document at its current hash may be cached for a year; an old hash redirects", async () => {
  const app = openapiRoutes(testRegistry());
  const { paths } = await (await app.request("/openapi/v3")).json();
  const url: string = paths["api/v1"].serverRelativeURL;
  const res = await app.request(url, { headers: { accept: "application/json" } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "public, immutable");
  assert.equal(res.headers.get("vary"), "Accept");
  const expires = Date.parse(res.headers.get("expires")!);
  assert.ok(expires > Date.now() + 364 * 24 * 3600 * 1000);
  assert.equal(res.headers.get("etag"), `"${new URL(url, "http://x").searchParams.get("hash")}"`);
  const doc = await res.json();
  assert.equal(doc.openapi, "3.0.0");
  assert.ok(doc.components.schemas["io.k8s.api.core.v1.Pod"]);

  const old = await app.request("/openapi/v3/api/v1?hash=0BAD", { redirect: "manual" });
  assert.equal(old.status, 301);
  assert.equal(old.headers.get("location"), url);

  const plain = await app.request("/openapi/v3/api/v1");
  assert.equal(plain.status, 200);
  assert.equal(plain.headers.get("cache-control"), null);
});

Deno.test("documents follow the registry: a new CRD's group-version appears in the index and is served", async () => {
  const registry = testRegistry();
  const app = openapiRoutes(registry);
  assert.equal((await app.request("/openapi/v3/apis/example.com/v1")).status, 404);
  const before = (await app.request("/openapi/v3")).headers.get("etag")!;
  registry.add(widgetDefinition, { builtin: false });
  const after = await app.request("/openapi/v3", { headers: { "if-none-match": before } });
  assert.equal(after.status, 200);
  const { paths } = await after.json();
  const res = await app.request(paths["apis/example.com/v1"].serverRelativeURL);
  assert.equal(res.status, 200);
  assert.ok((await res.json()).components.schemas["com.example.v1.Widget"]);
});

Deno.test("/openapi/v2 serves JSON and refuses a client that asks only for protobuf with 406", async () => {
  const app = openapiRoutes(testRegistry());
  const json = await app.request("/openapi/v2", { headers: { accept: "application/json" } });
  assert.equal(json.status, 200);
  assert.equal((await json.json()).swagger, "2.0");
  const proto = await app.request("/openapi/v2", { headers: { accept: V2_PROTOBUF } });
  assert.equal(proto.status, 406);
  const v3proto = await app.request("/openapi/v3/api/v1", {
    headers: { accept: "application/com.github.proto-openapi.spec.v3@v1.0+protobuf" },
  });
  assert.equal(v3proto.status, 406);
  const head = await app.request("/openapi/v2", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), "");
});

Deno.test("mounted beside the API server, the routes serve its registry and leave its own paths alone", async () => {
  const f = await apiFixture();
  try {
    const root = new Hono();
    root.route("/", openapiRoutes(f.api.registry));
    root.route("/", f.api.app);
    const index = await (await root.request("/openapi/v3")).json();
    assert.ok(index.paths["api/v1"]);
    assert.equal((await root.request("/api/v1/namespaces")).status, 200);
    assert.equal((await root.request("/openapi/v3/apis/nope/v1")).status, 404);
    assert.equal((await (await root.request("/openapi/v3/apis/nope/v1")).json()).reason, "NotFound");
  } finally {
    await f.close();
  }
});
