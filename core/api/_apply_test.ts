// Server-side apply and managedFields through the real API server (app.request()).
import assert from "node:assert/strict";
import { apiFixture } from "./testing/api_fixture.ts";

const APPLY = "application/apply-patch+yaml";
const PODS = "/api/v1/namespaces/default/pods";

function podYaml(image: string, labels: Record<string, string> = { app: "web" }): string {
  return [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: web",
    "  labels:",
    ...Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`),
    "spec:",
    "  containers:",
    "  - name: c",
    `    image: ${image}`,
  ].join("\n");
}

// deno-lint-ignore no-explicit-any
function entry(obj: any, manager: string, operation = "Apply") {
  // deno-lint-ignore no-explicit-any
  return obj.metadata.managedFields?.find((e: any) => e.manager === manager && e.operation === operation);
}

Deno.test("apply creates a missing object with 201 and an Apply entry for its field manager", async () => {
  const f = await apiFixture();
  try {
    const r = await f.req("PATCH", `${PODS}/web?fieldManager=first`, podYaml("nginx"), APPLY);
    assert.equal(r.status, 201);
    assert.equal(r.body.spec.containers[0].image, "nginx");
    const e = entry(r.body, "first");
    assert.equal(e.apiVersion, "v1");
    assert.equal(e.fieldsType, "FieldsV1");
    assert.match(e.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(e.fieldsV1, {
      "f:metadata": { "f:labels": { "f:app": {} } },
      "f:spec": { "f:containers": { 'k:{"name":"c"}': { ".": {}, "f:image": {}, "f:name": {} } } },
    });
    const again = await f.req("PATCH", `${PODS}/web?fieldManager=first`, podYaml("nginx"), APPLY);
    assert.equal(again.status, 200);
    assert.equal(
      again.body.metadata.resourceVersion,
      r.body.metadata.resourceVersion,
      "an unchanged apply writes nothing",
    );
  } finally {
    await f.close();
  }
});

Deno.test("re-applying without a field the manager applied before removes it", async () => {
  const f = await apiFixture();
  try {
    await f.req(
      "PATCH",
      `${PODS}/web?fieldManager=first`,
      podYaml("nginx", { app: "web", tier: "front" }),
      APPLY,
    );
    const r = await f.req("PATCH", `${PODS}/web?fieldManager=first`, podYaml("nginx", { app: "web" }), APPLY);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.metadata.labels, { app: "web" });
    assert.deepEqual(entry(r.body, "first").fieldsV1["f:metadata"], { "f:labels": { "f:app": {} } });
  } finally {
    await f.close();
  }
});

Deno.test("a field another manager also set stays when one manager stops applying it", async () => {
  const f = await apiFixture();
  try {
    await f.req(
      "PATCH",
      `${PODS}/web?fieldManager=first`,
      podYaml("nginx", { app: "web", tier: "front" }),
      APPLY,
    );
    // The same value from a second applier: shared ownership, no conflict.
    const shared = [
      "apiVersion: v1",
      "kind: Pod",
      "metadata: {name: web, labels: {tier: front}}",
    ].join("\n");
    assert.equal((await f.req("PATCH", `${PODS}/web?fieldManager=second`, shared, APPLY)).status, 200);
    const r = await f.req("PATCH", `${PODS}/web?fieldManager=first`, podYaml("nginx", { app: "web" }), APPLY);
    assert.deepEqual(r.body.metadata.labels, { app: "web", tier: "front" });
  } finally {
    await f.close();
  }
});

Deno.test("two appliers changing one field conflict with 409 naming the field, and force takes it over", async () => {
  const f = await apiFixture();
  try {
    await f.req("PATCH", `${PODS}/web?fieldManager=first`, podYaml("nginx"), APPLY);
    const conflict = await f.req("PATCH", `${PODS}/web?fieldManager=second`, podYaml("nginx:2"), APPLY);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.reason, "Conflict");
    assert.equal(
      conflict.body.message,
      'Apply failed with 1 conflict: conflict with "first": .spec.containers[name="c"].image',
    );
    assert.deepEqual(conflict.body.details.causes, [{
      reason: "FieldManagerConflict",
      message: 'conflict with "first"',
      field: '.spec.containers[name="c"].image',
    }]);
    const forced = await f.req(
      "PATCH",
      `${PODS}/web?fieldManager=second&force=true`,
      podYaml("nginx:2"),
      APPLY,
    );
    assert.equal(forced.status, 200);
    assert.equal(forced.body.spec.containers[0].image, "nginx:2");
    const first = entry(forced.body, "first").fieldsV1["f:spec"]["f:containers"]['k:{"name":"c"}'];
    assert.equal(first["f:image"], undefined, "the first applier lost the image");
    assert.ok(entry(forced.body, "second").fieldsV1["f:spec"]["f:containers"]['k:{"name":"c"}']["f:image"]);
  } finally {
    await f.close();
  }
});

Deno.test("an Update by another manager shows in managedFields and conflicts with a later apply", async () => {
  const f = await apiFixture();
  try {
    await f.req("PATCH", `${PODS}/web?fieldManager=first`, podYaml("nginx"), APPLY);
    const patched = await f.req(
      "PATCH",
      `${PODS}/web?fieldManager=editor`,
      { spec: { activeDeadlineSeconds: 30 }, metadata: { labels: { app: "api" } } },
      "application/merge-patch+json",
    );
    assert.equal(patched.status, 200);
    const e = entry(patched.body, "editor", "Update");
    assert.equal(e.apiVersion, "v1");
    assert.deepEqual(e.fieldsV1, {
      "f:metadata": { "f:labels": { "f:app": {} } },
      "f:spec": { "f:activeDeadlineSeconds": {} },
    });
    assert.equal(entry(patched.body, "first").fieldsV1["f:metadata"], undefined, "the label moved to editor");
    const conflict = await f.req("PATCH", `${PODS}/web?fieldManager=first`, podYaml("nginx"), APPLY);
    assert.equal(conflict.status, 409);
    assert.equal(
      conflict.body.message,
      'Apply failed with 1 conflict: conflict with "editor" using v1: .metadata.labels.app',
    );
  } finally {
    await f.close();
  }
});

Deno.test("a create records an Update entry for the User-Agent's product when no fieldManager is given", async () => {
  const f = await apiFixture();
  try {
    const res = await f.api.app.request(PODS, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "kubectl/v1.32.0 (linux/amd64) kubernetes/abc",
      },
      body: JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "web" },
        spec: { containers: [{ name: "c", image: "nginx" }] },
      }),
    });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.equal(body.metadata.managedFields.length, 1);
    const e = entry(body, "kubectl", "Update");
    // As in Kubernetes, the creator owns what defaulting filled in too (imagePullPolicy, dnsPolicy, ...).
    assert.deepEqual(e.fieldsV1["f:spec"]["f:containers"], {
      ".": {},
      'k:{"name":"c"}': {
        ".": {},
        "f:image": {},
        "f:imagePullPolicy": {},
        "f:name": {},
        "f:resources": {},
        "f:terminationMessagePath": {},
        "f:terminationMessagePolicy": {},
      },
    });
    assert.ok(e.fieldsV1["f:spec"]["f:dnsPolicy"]);
    assert.equal(e.fieldsV1["f:status"], undefined, "status is not the creator's on a kind with /status");
    const cleared = await f.req(
      "PATCH",
      `${PODS}/web`,
      [{ op: "replace", path: "/metadata/managedFields", value: [{}] }],
      "application/json-patch+json",
    );
    assert.equal(cleared.body.metadata.managedFields, undefined, "[{}] clears managedFields");
  } finally {
    await f.close();
  }
});

Deno.test("apply refuses a missing fieldManager, a body without apiVersion, and a name unlike the URL's", async () => {
  const f = await apiFixture();
  try {
    const noManager = await f.req("PATCH", `${PODS}/web`, podYaml("nginx"), APPLY);
    assert.equal(noManager.status, 422);
    assert.equal(
      noManager.body.message,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    const noVersion = await f.req(
      "PATCH",
      `${PODS}/web?fieldManager=a`,
      podYaml("nginx").replace("apiVersion: v1\n", ""),
      APPLY,
    );
    assert.equal(noVersion.status, 400);
    assert.equal(noVersion.body.message, "invalid object type: /, Kind=Pod");
    const noKind = await f.req(
      "PATCH",
      `${PODS}/web?fieldManager=a`,
      podYaml("nginx").replace("kind: Pod\n", ""),
      APPLY,
    );
    assert.equal(noKind.status, 400);
    assert.equal(noKind.body.message, "invalid object type: /v1, Kind=");
    const renamed = await f.req("PATCH", `${PODS}/other?fieldManager=a`, podYaml("nginx"), APPLY);
    assert.equal(renamed.status, 400);
    assert.equal(
      renamed.body.message,
      "the name of the object (web) does not match the name on the URL (other)",
    );
    const typo = await f.req(
      "PATCH",
      `${PODS}/web?fieldManager=a`,
      podYaml("nginx").replace("image:", "imagee:"),
      APPLY,
    );
    assert.equal(typo.status, 500);
    assert.equal(
      typo.body.message,
      'failed to create typed patch object (/web; /v1, Kind=Pod): .spec.containers[name="c"].imagee: field not declared in schema',
    );
    const bad = await f.req("PATCH", `${PODS}/web?fieldManager=a`, "a: [", APPLY);
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /^error decoding patch: /);
  } finally {
    await f.close();
  }
});

Deno.test("apply works on a custom resource, whose strategic merge patch is refused with 415", async () => {
  const f = await apiFixture();
  try {
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget" },
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  properties: {
                    size: { type: "integer" },
                    ports: {
                      type: "array",
                      "x-kubernetes-list-type": "map",
                      "x-kubernetes-list-map-keys": ["name"],
                      items: {
                        type: "object",
                        required: ["name"],
                        properties: { name: { type: "string" }, port: { type: "integer" } },
                      },
                    },
                  },
                },
              },
            },
          },
        }],
      },
    };
    assert.equal(
      (await f.req("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)).status,
      201,
    );
    const url = "/apis/example.com/v1/namespaces/default/widgets/w";
    for (
      let i = 0;
      (await f.req("GET", "/apis/example.com/v1/namespaces/default/widgets")).status !== 200;
      i++
    ) {
      assert.ok(i < 750, "the CRD is served");
      await new Promise((r) => setTimeout(r, 20));
    }
    const w = (ports: string) =>
      `{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1,"ports":${ports}}}`;
    const created = await f.req("PATCH", `${url}?fieldManager=a`, w('[{"name":"http","port":80}]'), APPLY);
    assert.equal(created.status, 201);
    const other = await f.req(
      "PATCH",
      `${url}?fieldManager=b`,
      '{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"ports":[{"name":"grpc","port":90}]}}',
      APPLY,
    );
    assert.equal(other.status, 200);
    assert.deepEqual(
      other.body.spec.ports,
      [{ name: "http", port: 80 }, { name: "grpc", port: 90 }],
      "merged by key",
    );
    const removed = await f.req("PATCH", `${url}?fieldManager=a`, w("[]"), APPLY);
    assert.deepEqual(removed.body.spec.ports, [{ name: "grpc", port: 90 }], "a's port goes, b's stays");
    const smp = await f.req("PATCH", url, { spec: { size: 2 } }, "application/strategic-merge-patch+json");
    assert.equal(smp.status, 415);
  } finally {
    await f.close();
  }
});
