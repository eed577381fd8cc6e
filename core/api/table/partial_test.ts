import assert from "node:assert/strict";
import { builtinDefinitions } from "@skiff/kinds";
import type { KubeObject } from "../admission.ts";
import { ApiError } from "../errors.ts";
import { Registry } from "../registry.ts";
import { apiFixture, pod } from "../testing/api_fixture.ts";
import { readLines } from "../testing/lines.ts";
import { asPartialObjectMetadata, goTypeOf, partialList, partialObject } from "./partial.ts";

const registry = new Registry();
for (const def of builtinDefinitions) registry.add(def, { builtin: true });
const pods = registry.lookup("", "v1", "pods")!;
const leases = registry.lookup("coordination.k8s.io", "v1", "leases")!;

const PODS = "/api/v1/namespaces/default/pods";
const META_V1 = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
const META_LIST_V1 = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
// What client-go's metadata client sends (k8s.io/client-go/metadata): protobuf first, JSON as the fallback.
const METADATA_CLIENT = (as: string) =>
  `application/vnd.kubernetes.protobuf;as=${as};g=meta.k8s.io;v=v1,application/json;as=${as};g=meta.k8s.io;v=v1,application/json`;

const web: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default", resourceVersion: "7", labels: { app: "web" } },
  spec: { containers: [{ name: "c", image: "nginx" }] },
};

async function get(f: Awaited<ReturnType<typeof apiFixture>>, path: string, accept: string) {
  const res = await f.api.app.request(path, { headers: { accept } });
  return { status: res.status, body: await res.json() };
}

Deno.test("asPartialObjectMetadata keeps the metadata alone under meta.k8s.io's kind", () => {
  assert.deepEqual(asPartialObjectMetadata(web, "v1"), {
    kind: "PartialObjectMetadata",
    apiVersion: "meta.k8s.io/v1",
    metadata: web.metadata,
  });
  assert.equal(asPartialObjectMetadata(web, "v1beta1").apiVersion, "meta.k8s.io/v1beta1");
  // kind before apiVersion, as Go's TypeMeta encodes them.
  assert.match(
    JSON.stringify(asPartialObjectMetadata(web, "v1")),
    /^\{"kind":"PartialObjectMetadata","apiVersion"/,
  );
});

Deno.test("partialList carries the list's resourceVersion and continue token and items in the same version", () => {
  const list = partialList(pods, [web], { kind: "PartialObjectMetadataList", version: "v1beta1" }, {
    resourceVersion: "9",
    continue: "abc",
  });
  assert.deepEqual(list, {
    kind: "PartialObjectMetadataList",
    apiVersion: "meta.k8s.io/v1beta1",
    metadata: { resourceVersion: "9", continue: "abc" },
    items: [{ kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1beta1", metadata: web.metadata }],
  });
  const empty = partialList(pods, [], { kind: "PartialObjectMetadataList", version: "v1" }, {
    resourceVersion: "9",
  });
  assert.equal(JSON.stringify(empty.items), "[]");
});

Deno.test("a metadata form that does not fit the answer is Kubernetes' 406, naming the Go type read", () => {
  const is406 = (message: string) => (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 406);
    assert.equal(e.reason, "NotAcceptable");
    assert.equal(e.message, message);
    return true;
  };
  assert.throws(
    () => partialList(pods, [web], { kind: "PartialObjectMetadata", version: "v1" }),
    is406("you requested PartialObjectMetadata, but the requested object is a list (*core.PodList)"),
  );
  assert.throws(
    () => partialObject(leases, web, { kind: "PartialObjectMetadataList", version: "v1" }),
    is406(
      "you requested PartialObjectMetadataList, but the requested object is not a list (*coordination.Lease)",
    ),
  );
});

Deno.test("goTypeOf names internal types for Kubernetes' groups and unstructured ones for custom resources", () => {
  assert.equal(goTypeOf(pods, false), "*core.Pod");
  assert.equal(goTypeOf(leases, true), "*coordination.LeaseList");
  assert.equal(
    goTypeOf({ group: "events.k8s.io", kind: "Event", listKind: "EventList", builtin: true }, true),
    "*core.EventList",
  );
  assert.equal(
    goTypeOf({ group: "apps", kind: "Deployment", listKind: "DeploymentList", builtin: true }, false),
    "*apps.Deployment",
  );
  const widgets = { group: "example.com", kind: "Widget", listKind: "WidgetList", builtin: false };
  assert.equal(goTypeOf(widgets, false), "*unstructured.Unstructured");
  assert.equal(goTypeOf(widgets, true), "*unstructured.UnstructuredList");
  // A module's own group is served from a definition, as a CRD would be in Kubernetes.
  assert.equal(
    goTypeOf({ ...widgets, group: "skiff.dev", builtin: true }, true),
    "*unstructured.UnstructuredList",
  );
});

Deno.test("a get asked for PartialObjectMetadata answers the object's metadata alone, in v1 and v1beta1", async () => {
  const f = await apiFixture();
  try {
    const created = await f.req("POST", PODS, pod("web", { labels: { app: "web" } }));
    for (const version of ["v1", "v1beta1"]) {
      const { status, body } = await get(
        f,
        `${PODS}/web`,
        `application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=${version}`,
      );
      assert.equal(status, 200);
      assert.deepEqual(body, {
        kind: "PartialObjectMetadata",
        apiVersion: `meta.k8s.io/${version}`,
        metadata: created.body.metadata,
      });
    }
    const { body } = await get(f, `${PODS}/web`, METADATA_CLIENT("PartialObjectMetadata"));
    assert.equal(body.kind, "PartialObjectMetadata");
    assert.equal(body.spec, undefined);
    // The status subresource reads the same object.
    assert.equal((await get(f, `${PODS}/web/status`, META_V1)).body.kind, "PartialObjectMetadata");
  } finally {
    await f.close();
  }
});

Deno.test("a list asked for PartialObjectMetadataList answers items' metadata with the list's resourceVersion and continue", async () => {
  const f = await apiFixture();
  try {
    await f.req("POST", PODS, pod("a"));
    await f.req("POST", PODS, pod("b"));
    const full = await f.req("GET", PODS);
    const { status, body } = await get(f, PODS, METADATA_CLIENT("PartialObjectMetadataList"));
    assert.equal(status, 200);
    assert.equal(body.kind, "PartialObjectMetadataList");
    assert.equal(body.apiVersion, "meta.k8s.io/v1");
    assert.deepEqual(body.metadata, { resourceVersion: full.body.metadata.resourceVersion });
    assert.deepEqual(
      body.items,
      full.body.items.map((p: KubeObject) => ({
        kind: "PartialObjectMetadata",
        apiVersion: "meta.k8s.io/v1",
        metadata: p.metadata,
      })),
    );
    const page = await get(f, `${PODS}?limit=1`, META_LIST_V1);
    assert.equal(page.body.items.length, 1);
    assert.ok(page.body.metadata.continue);
    const rest = await get(f, `${PODS}?limit=1&continue=${page.body.metadata.continue}`, META_LIST_V1);
    assert.equal(rest.body.items[0].metadata.name, "b");
    const none = await get(f, "/api/v1/namespaces/kube-public/pods", META_LIST_V1);
    assert.deepEqual(none.body.items, []);
  } finally {
    await f.close();
  }
});

Deno.test("a form that does not fit, or only forms Skiff lacks, is answered 406 as kube-apiserver answers it", async () => {
  const f = await apiFixture();
  try {
    await f.req("POST", PODS, pod("web"));
    const listAsOne = await get(f, PODS, META_V1);
    assert.equal(listAsOne.status, 406);
    assert.equal(listAsOne.body.reason, "NotAcceptable");
    assert.equal(
      listAsOne.body.message,
      "you requested PartialObjectMetadata, but the requested object is a list (*core.PodList)",
    );
    const oneAsList = await get(f, `${PODS}/web`, META_LIST_V1);
    assert.equal(oneAsList.status, 406);
    assert.equal(
      oneAsList.body.message,
      "you requested PartialObjectMetadataList, but the requested object is not a list (*core.Pod)",
    );
    // The read comes first: a missing object is 404 whatever form was asked for.
    assert.equal((await get(f, `${PODS}/nope`, META_LIST_V1)).status, 404);
    const alpha = await get(
      f,
      `${PODS}/web`,
      "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1alpha1",
    );
    assert.equal(alpha.status, 406);
    assert.equal(alpha.body.message, "only the following media types are accepted: application/json");
    const protobufOnly = await get(
      f,
      PODS,
      "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1",
    );
    assert.equal(protobufOnly.status, 406);
  } finally {
    await f.close();
  }
});

Deno.test("a watch asked for PartialObjectMetadata sends every event's object as metadata alone, and ERRORs as they are", async () => {
  const f = await apiFixture();
  try {
    await f.req("POST", PODS, pod("a"));
    const res = await f.api.app.request(`${PODS}?watch=1&sendInitialEvents=true&allowWatchBookmarks=true`, {
      headers: { accept: METADATA_CLIENT("PartialObjectMetadata") },
    });
    assert.equal(res.status, 200);
    const lines = readLines(res.body!);
    const next = async () => JSON.parse((await lines.next()).value!);
    const added = await next();
    const bookmark = await next();
    await f.req("POST", PODS, pod("b"));
    const live = await next();
    await f.req("DELETE", `${PODS}/b`);
    const modifiedOrDeleted = [await next()];
    while (modifiedOrDeleted.at(-1)!.type !== "DELETED") modifiedOrDeleted.push(await next());
    await lines.return(undefined);

    assert.equal(added.type, "ADDED");
    assert.deepEqual(Object.keys(added.object), ["kind", "apiVersion", "metadata"]);
    assert.equal(added.object.kind, "PartialObjectMetadata");
    assert.equal(added.object.apiVersion, "meta.k8s.io/v1");
    assert.equal(added.object.metadata.name, "a");
    assert.equal(bookmark.type, "BOOKMARK");
    assert.equal(bookmark.object.kind, "PartialObjectMetadata");
    assert.equal(bookmark.object.metadata.annotations["k8s.io/initial-events-end"], "true");
    assert.equal(live.type, "ADDED");
    assert.deepEqual(Object.keys(live.object), ["kind", "apiVersion", "metadata"]);
    assert.equal(live.object.metadata.name, "b");
    assert.match(live.object.metadata.resourceVersion, /^\d+$/);
    for (const e of modifiedOrDeleted) assert.equal(e.object.kind, "PartialObjectMetadata");

    const bad = await f.api.app.request(`${PODS}?watch=1&resourceVersion=abc`, {
      headers: { accept: META_V1 },
    });
    const error = JSON.parse((await readLines(bad.body!).next()).value!);
    assert.equal(error.type, "ERROR");
    assert.equal(error.object.kind, "Status");
    assert.equal(error.object.code, 400);
  } finally {
    await f.close();
  }
});

Deno.test("a watch asked for PartialObjectMetadataList sends whole objects, as kube-apiserver falls back to them", async () => {
  const f = await apiFixture();
  try {
    await f.req("POST", PODS, pod("a"));
    const res = await f.api.app.request(`${PODS}?watch=1`, { headers: { accept: META_LIST_V1 } });
    assert.equal(res.status, 200);
    const lines = readLines(res.body!);
    const first = JSON.parse((await lines.next()).value!);
    await lines.return(undefined);
    assert.equal(first.object.kind, "Pod");
    assert.ok(first.object.spec);
  } finally {
    await f.close();
  }
});
