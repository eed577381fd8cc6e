import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { testRegistry, widgetDefinition } from "./_testing.ts";
import { OpenAPIDocuments } from "./documents.ts";

Deno.test("the index lists every served group-version at a URL whose hash is its document's ETag", () => {
  const docs = new OpenAPIDocuments(testRegistry());
  const index = JSON.parse(docs.index().body);
  assert.deepEqual(Object.keys(index.paths), [
    "api/v1",
    "apis/admissionregistration.k8s.io/v1",
    "apis/apiextensions.k8s.io/v1",
    "apis/coordination.k8s.io/v1",
    "apis/events.k8s.io/v1",
    "apis/rbac.authorization.k8s.io/v1",
  ]);
  for (const [path, { serverRelativeURL }] of Object.entries<{ serverRelativeURL: string }>(index.paths)) {
    const doc = docs.v3(path)!;
    assert.equal(serverRelativeURL, `/openapi/v3/${path}?hash=${doc.etag}`);
    assert.equal(doc.etag, createHash("sha512").update(doc.body).digest("hex").toUpperCase());
  }
  assert.equal(docs.v3("apis/apps/v1"), undefined);
  docs.close();
});

Deno.test("documents are built once and rebuilt after the registry changes, unchanged ones keeping their ETag and date", async () => {
  const registry = testRegistry();
  const docs = new OpenAPIDocuments(registry);
  const core = docs.v3("api/v1")!;
  const index = docs.index();
  const v2 = docs.v2();
  assert.equal(docs.v3("api/v1"), core);
  assert.equal(docs.index(), index);

  await new Promise((r) => setTimeout(r, 5));
  registry.add(widgetDefinition, { builtin: false });
  const widgets = docs.v3("apis/example.com/v1");
  assert.ok(widgets && JSON.parse(widgets.body).components.schemas["com.example.v1.Widget"]);
  assert.notEqual(docs.index().etag, index.etag);
  assert.ok(JSON.parse(docs.index().body).paths["apis/example.com/v1"]);
  assert.notEqual(docs.v2().etag, v2.etag);
  const rebuilt = docs.v3("api/v1")!;
  assert.equal(rebuilt.etag, core.etag);
  assert.equal(rebuilt.lastModified, core.lastModified);

  registry.remove("example.com", "widgets");
  assert.equal(docs.v3("apis/example.com/v1"), undefined);
  assert.equal(docs.index().etag, index.etag);
  docs.close();
});
