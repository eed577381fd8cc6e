import * as assert from "node:assert/strict";
import { apiFixture } from "./testing/api_fixture.ts";
import { acceptsAggregatedDiscovery } from "./_aggregated_discovery.ts";

const KUBECTL_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," +
  "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

Deno.test("the Accept header picks the first aggregated discovery version the client lists", () => {
  assert.equal(acceptsAggregatedDiscovery(KUBECTL_ACCEPT), "v2");
  assert.equal(
    acceptsAggregatedDiscovery("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"),
    "v2beta1",
  );
  assert.equal(
    acceptsAggregatedDiscovery("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList"),
    undefined,
  );
  assert.equal(acceptsAggregatedDiscovery("application/json, */*"), undefined);
  assert.equal(acceptsAggregatedDiscovery(undefined), undefined);
});

Deno.test("/api answers kubectl's aggregated discovery request with the core group's resources and subresources", async () => {
  const f = await apiFixture();
  const res = await f.api.app.request("/api", { headers: { accept: KUBECTL_ACCEPT } });
  assert.equal(res.status, 200);
  assert.equal(
    res.headers.get("content-type"),
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
  );
  const body = await res.json();
  assert.equal(body.kind, "APIGroupDiscoveryList");
  assert.equal(body.apiVersion, "apidiscovery.k8s.io/v2");
  assert.equal(body.items.length, 1);
  assert.equal(body.items[0].metadata.name, undefined);
  const v1 = body.items[0].versions[0];
  assert.equal(v1.version, "v1");
  assert.equal(v1.freshness, "Current");
  const pods = v1.resources.find((r: { resource: string }) => r.resource === "pods");
  assert.deepEqual(pods.responseKind, { group: "", version: "v1", kind: "Pod" });
  assert.equal(pods.scope, "Namespaced");
  assert.equal(pods.singularResource, "pod");
  assert.deepEqual(pods.shortNames, ["po"]);
  assert.deepEqual(pods.categories, ["all"]);
  assert.ok(pods.verbs.includes("watch"));
  assert.deepEqual(pods.subresources[0], {
    subresource: "binding",
    responseKind: { group: "", version: "v1", kind: "Binding" },
    verbs: ["create"],
  });
  assert.deepEqual(pods.subresources[1], {
    subresource: "status",
    responseKind: { group: "", version: "v1", kind: "Pod" },
    verbs: ["get", "patch", "update"],
  });
  const nodes = v1.resources.find((r: { resource: string }) => r.resource === "nodes");
  assert.equal(nodes.scope, "Cluster");
  await f.close();
});

Deno.test("/apis lists every named group in aggregated form, answers 304 to its own ETag, and still serves the legacy list", async () => {
  const f = await apiFixture();
  const res = await f.api.app.request("/apis", { headers: { accept: KUBECTL_ACCEPT } });
  const body = await res.json();
  const names = body.items.map((g: { metadata: { name: string } }) => g.metadata.name);
  assert.ok(names.includes("coordination.k8s.io"));
  assert.ok(names.includes("apiextensions.k8s.io"));
  const leases =
    body.items.find((g: { metadata: { name: string } }) => g.metadata.name === "coordination.k8s.io")
      .versions[0].resources[0];
  assert.equal(leases.resource, "leases");
  assert.deepEqual(leases.responseKind, { group: "coordination.k8s.io", version: "v1", kind: "Lease" });

  const etag = res.headers.get("etag")!;
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  const again = await f.api.app.request("/apis", {
    headers: { accept: KUBECTL_ACCEPT, "if-none-match": etag },
  });
  assert.equal(again.status, 304);
  await again.body?.cancel();

  const legacy = await f.api.app.request("/apis", { headers: { accept: "application/json" } });
  assert.equal((await legacy.json()).kind, "APIGroupList");
  assert.equal(legacy.headers.get("vary"), "Accept");
  await f.close();
});

Deno.test("a new CRD changes the aggregated document and its ETag", async () => {
  const f = await apiFixture();
  const before = await f.api.app.request("/apis", { headers: { accept: KUBECTL_ACCEPT } });
  await before.body?.cancel();
  const crd = await f.req("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "gadgets.example.com" },
    spec: {
      group: "example.com",
      names: { plural: "gadgets", singular: "gadget", kind: "Gadget" },
      scope: "Namespaced",
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: "object" } },
      }],
    },
  });
  assert.equal(crd.status, 201);
  let body;
  for (let i = 0; i < 750; i++) {
    const res = await f.api.app.request("/apis", { headers: { accept: KUBECTL_ACCEPT } });
    body = await res.json();
    if (res.headers.get("etag") !== before.headers.get("etag")) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const group = body.items.find((g: { metadata: { name: string } }) => g.metadata.name === "example.com");
  assert.equal(group.versions[0].resources[0].resource, "gadgets");
  await f.close();
});
