// The API server takes protobuf bodies where it takes JSON ones: creates, updates and DeleteOptions.
import assert from "node:assert/strict";
import { type ApiFixture, apiFixture, pod } from "../testing/api_fixture.ts";
import { PROTOBUF_MEDIA_TYPE } from "./mod.ts";
import { encodeProtobuf } from "./_testing.ts";

const PODS = "/api/v1/namespaces/default/pods";

async function send(f: ApiFixture, method: string, path: string, body: Uint8Array<ArrayBuffer>) {
  const res = await f.api.app.request(path, {
    method,
    body,
    headers: { "content-type": PROTOBUF_MEDIA_TYPE, accept: `${PROTOBUF_MEDIA_TYPE},application/json` },
  });
  return { status: res.status, type: res.headers.get("content-type"), body: await res.json() };
}

Deno.test("the API creates and updates from protobuf bodies as from their JSON forms, and answers JSON", async () => {
  const f = await apiFixture();
  try {
    const ns = await send(
      f,
      "POST",
      "/api/v1/namespaces",
      encodeProtobuf({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: "shop", labels: { team: "a" } },
      }),
    );
    assert.equal(ns.status, 201, JSON.stringify(ns.body));
    assert.match(ns.type ?? "", /^application\/json/);
    assert.equal(ns.body.metadata.labels.team, "a");

    const created = await send(f, "POST", PODS, encodeProtobuf(pod("web", { labels: { app: "web" } })));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const got = await f.req("GET", `${PODS}/web`);
    assert.equal(got.body.spec.containers[0].image, "nginx");
    assert.deepEqual(got.body.metadata.labels, { app: "web" });

    const update = structuredClone(got.body);
    update.metadata.labels.tier = "front";
    const updated = await send(f, "PUT", `${PODS}/web`, encodeProtobuf(update));
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.deepEqual(updated.body.metadata.labels, { app: "web", tier: "front" });

    // A wrong kind inside the envelope is caught as a JSON body's would be.
    const wrong = await send(
      f,
      "POST",
      PODS,
      encodeProtobuf({ apiVersion: "v1", kind: "Namespace", metadata: { name: "x" } }),
    );
    assert.equal(wrong.status, 400, JSON.stringify(wrong.body));
    const garbage = await send(f, "POST", PODS, new TextEncoder().encode("{}"));
    assert.equal(garbage.status, 400);
    assert.match(garbage.body.message, /does not appear to be a protobuf message/);
  } finally {
    await f.close();
  }
});

Deno.test("a protobuf DeleteOptions body from a typed client is obeyed: dry run keeps the pod", async () => {
  const f = await apiFixture();
  try {
    assert.equal((await f.req("POST", PODS, pod("web"))).status, 201);
    const dry = await send(
      f,
      "DELETE",
      `${PODS}/web`,
      encodeProtobuf({
        apiVersion: "v1",
        kind: "DeleteOptions",
        dryRun: ["All"],
      }),
    );
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.equal((await f.req("GET", `${PODS}/web`)).status, 200);
    const bad = await send(
      f,
      "DELETE",
      `${PODS}/web`,
      encodeProtobuf({
        apiVersion: "meta.k8s.io/v1",
        kind: "DeleteOptions",
        propagationPolicy: "Sideways",
      }),
    );
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    const gone = await send(
      f,
      "DELETE",
      `${PODS}/web`,
      encodeProtobuf({
        apiVersion: "v1",
        kind: "DeleteOptions",
        gracePeriodSeconds: 0,
      }),
    );
    assert.equal(gone.status, 200, JSON.stringify(gone.body));
    assert.equal((await f.req("GET", `${PODS}/web`)).status, 404);
  } finally {
    await f.close();
  }
});
