import assert from "node:assert/strict";
import { apiFixture, pod } from "./testing/api_fixture.ts";
import { readLines } from "./testing/lines.ts";

const PODS = "/api/v1/namespaces/default/pods";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("creating a pod fills uid, timestamps, resourceVersion, generation and a Pending status", async () => {
  const f = await apiFixture();
  const { status, body } = await f.req("POST", PODS, pod("web"));
  assert.equal(status, 201);
  assert.match(body.metadata.uid, /^[0-9a-f-]{36}$/);
  assert.match(body.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(body.metadata.resourceVersion, /^\d+$/);
  assert.equal(body.metadata.generation, 1);
  assert.equal(body.metadata.namespace, "default");
  assert.equal(body.status.phase, "Pending");
  assert.equal(body.spec.restartPolicy, "Always");
  const got = await f.req("GET", `${PODS}/web`);
  assert.deepEqual(got.body, body);
  await f.close();
});

Deno.test("a created object's JSON starts apiVersion, kind, metadata whatever order the body had", async () => {
  const f = await apiFixture();
  const { apiVersion, kind, ...rest } = pod("web");
  const res = await f.api.app.request(PODS, {
    method: "POST",
    body: JSON.stringify({ ...rest, kind, apiVersion }),
    headers: { "content-type": "application/json" },
  });
  assert.equal(res.status, 201);
  // The answer is spliced from the JSON stored, resourceVersion first in metadata (see storedJsonAt).
  assert.match(
    await res.text(),
    /^\{"apiVersion":"v1","kind":"Pod","metadata":\{"resourceVersion":"\d+","name":"web",/,
  );
  await f.close();
});

Deno.test("generateName gives a name with five random characters", async () => {
  const f = await apiFixture();
  const { body } = await f.req("POST", PODS, { ...pod(""), metadata: { generateName: "web-" } });
  assert.match(body.metadata.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  await f.close();
});

Deno.test("a create into a missing namespace is 404 and a duplicate is 409 AlreadyExists", async () => {
  const f = await apiFixture();
  const missing = await f.req("POST", "/api/v1/namespaces/nope/pods", pod("web"));
  assert.equal(missing.status, 404);
  assert.equal(missing.body.message, 'namespaces "nope" not found');
  assert.equal((await f.req("POST", PODS, pod("web"))).status, 201);
  const dup = await f.req("POST", PODS, pod("web"));
  assert.equal(dup.status, 409);
  assert.equal(dup.body.reason, "AlreadyExists");
  assert.equal(dup.body.message, 'pods "web" already exists');
  assert.deepEqual(dup.body.details, { name: "web", kind: "pods" });
  await f.close();
});

Deno.test("the 000-01 pod with images: is refused with 422 naming image, and images under Strict", async () => {
  const f = await apiFixture();
  const yaml = await Deno.readTextFile(new URL("../../tests/manifests/000-01.yaml", import.meta.url));
  const before = await f.api.objects.store.revision();
  const strict = await f.req("POST", `${PODS}?fieldValidation=Strict`, yaml, "application/yaml");
  assert.equal(strict.status, 422);
  assert.equal(strict.body.reason, "Invalid");
  const causes = strict.body.details.causes.map((c: { field: string; reason: string }) =>
    `${c.reason} ${c.field}`
  );
  assert.ok(causes.includes("FieldValueRequired spec.containers[0].image"), causes.join());
  assert.ok(causes.includes("FieldValueUnknown spec.containers[0].images"), causes.join());
  const warn = await f.req("POST", PODS, yaml, "application/yaml");
  assert.equal(warn.status, 422);
  assert.deepEqual(
    warn.body.details.causes.map((c: { field: string }) => c.field),
    ["spec.containers[0].image"],
  );
  assert.equal(await f.api.objects.store.revision(), before, "a refused request changes nothing");
  await f.close();
});

Deno.test("unknown fields warn by default and are dropped, or pass silently with Ignore", async () => {
  const f = await apiFixture();
  const body = { ...pod("a"), spec: { containers: [{ name: "c", image: "nginx", colour: "red" }] } };
  const warn = await f.req("POST", PODS, body);
  assert.equal(warn.status, 201);
  assert.equal(warn.headers.get("warning"), '299 - "unknown field \\"spec.containers[0].colour\\""');
  assert.equal(warn.body.spec.containers[0].colour, undefined);
  const ignore = await f.req("POST", `${PODS}?fieldValidation=Ignore`, { ...body, metadata: { name: "b" } });
  assert.equal(ignore.status, 201);
  assert.equal(ignore.headers.get("warning"), null);
  await f.close();
});

Deno.test("bad input gets the right code and Status, and changes nothing", async () => {
  const f = await apiFixture();
  const before = await f.api.objects.store.revision();
  const cases: [string, string, unknown, string, number, RegExp][] = [
    ["POST", PODS, "{not json", "application/json", 400, /json parse error/],
    ["POST", PODS, "a: [b", "application/yaml", 400, /^yaml: /],
    ["POST", PODS, "x", "text/plain", 415, /unknown format/],
    [
      "POST",
      PODS,
      JSON.stringify({
        ...pod("big"),
        metadata: { name: "big", annotations: { a: "x".repeat(3.1 * 1024 * 1024) } },
      }),
      "application/json",
      413,
      /Request entity too large: limit is 3145728/,
    ],
    [
      "POST",
      PODS,
      { ...pod("Bad_Name") },
      "application/json",
      422,
      /metadata.name: Invalid value: "Bad_Name"/,
    ],
    [
      "POST",
      PODS,
      { ...pod("l", { labels: { "bad key!": "x" } }) },
      "application/json",
      422,
      /metadata.labels: Invalid value: "bad key!"/,
    ],
    [
      "POST",
      PODS,
      { ...pod("t"), spec: { containers: "nope" } },
      "application/json",
      422,
      /spec.containers: Invalid value: "string"/,
    ],
    [
      "POST",
      PODS,
      { ...pod("k"), apiVersion: "apps/v1" },
      "application/json",
      400,
      /does not match the expected API version/,
    ],
    [
      "GET",
      "/api/v1/namespaces/default/widgets",
      undefined,
      "application/json",
      404,
      /the server could not find the requested resource/,
    ],
    ["GET", "/apis/nope.example.com/v1/things", undefined, "application/json", 404, /could not find/],
    ["GET", `${PODS}/missing`, undefined, "application/json", 404, /pods "missing" not found/],
    ["PUT", `${PODS}/missing`, pod("missing"), "application/json", 404, /pods "missing" not found/],
    [
      "GET",
      `${PODS}?labelSelector=a%20in%20(`,
      undefined,
      "application/json",
      400,
      /unable to parse requirement/,
    ],
    [
      "GET",
      `${PODS}?fieldSelector=spec.foo%3Dx`,
      undefined,
      "application/json",
      400,
      /field label not supported: spec.foo/,
    ],
    ["GET", `${PODS}?continue=garbage`, undefined, "application/json", 400, /continue/],
    ["POST", `${PODS}?dryRun=Some`, pod("d"), "application/json", 400, /Invalid dry run value/],
  ];
  for (const [method, path, body, type, code, message] of cases) {
    const res = await f.req(method, path, body, type);
    assert.equal(res.status, code, `${method} ${path}: ${JSON.stringify(res.body).slice(0, 300)}`);
    assert.equal(res.body.kind, "Status");
    assert.equal(res.body.code, code);
    assert.match(res.body.message, message);
  }
  assert.equal(await f.api.objects.store.revision(), before);
  await f.close();
});

Deno.test("an update with a stale resourceVersion is 409 and generation moves only with the spec", async () => {
  const f = await apiFixture();
  const created = (await f.req("POST", PODS, pod("web"))).body;
  const labelled = await f.req("PUT", `${PODS}/web`, {
    ...created,
    metadata: { ...created.metadata, labels: { a: "b" } },
  });
  assert.equal(labelled.status, 200);
  assert.equal(labelled.body.metadata.generation, 1);
  const stale = await f.req("PUT", `${PODS}/web`, created);
  assert.equal(stale.status, 409);
  assert.equal(
    stale.body.message,
    'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
  );
  const cur = labelled.body;
  cur.spec.containers[0].image = "nginx:2";
  cur.status = { phase: "Running" };
  const imaged = await f.req("PUT", `${PODS}/web`, cur);
  assert.equal(imaged.body.metadata.generation, 2);
  assert.equal(imaged.body.status.phase, "Pending", "the main resource ignores status");
  const status = await f.req("PUT", `${PODS}/web/status`, {
    ...imaged.body,
    metadata: { ...imaged.body.metadata, labels: { changed: "no" } },
    status: { phase: "Running" },
  });
  assert.equal(status.status, 200);
  assert.equal(status.body.status.phase, "Running");
  assert.deepEqual(status.body.metadata.labels, { a: "b" }, "the status subresource changes only status");
  assert.equal(status.body.metadata.generation, 2);
  await f.close();
});

Deno.test("json, merge and strategic merge patches apply; strategic merge on a CRD is 415", async () => {
  const f = await apiFixture();
  await f.req("POST", PODS, {
    ...pod("web"),
    spec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "y" }] },
  });
  const json = await f.req("PATCH", `${PODS}/web`, [{
    op: "add",
    path: "/metadata/labels",
    value: { j: "1" },
  }], "application/json-patch+json");
  assert.deepEqual(json.body.metadata.labels, { j: "1" });
  const merge = await f.req(
    "PATCH",
    `${PODS}/web`,
    { metadata: { labels: { j: null, m: "2" } } },
    "application/merge-patch+json",
  );
  assert.deepEqual(merge.body.metadata.labels, { m: "2" });
  const smp = await f.req(
    "PATCH",
    `${PODS}/web`,
    { spec: { containers: [{ name: "b", image: "z" }] } },
    "application/strategic-merge-patch+json",
  );
  assert.deepEqual(
    smp.body.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`),
    ["a=x", "b=z"],
  );
  const failing = await f.req("PATCH", `${PODS}/web`, [{
    op: "test",
    path: "/metadata/name",
    value: "other",
  }], "application/json-patch+json");
  assert.equal(failing.status, 422);
  await createWidgetCrd(f);
  await f.req("POST", "/apis/example.com/v1/namespaces/default/widgets", widget("w1"));
  const crdSmp = await f.req("PATCH", "/apis/example.com/v1/namespaces/default/widgets/w1", {
    spec: { size: 4 },
  }, "application/strategic-merge-patch+json");
  assert.equal(crdSmp.status, 415);
  assert.equal(crdSmp.body.reason, "UnsupportedMediaType");
  await f.close();
});

Deno.test("lists page with limit and continue at one revision and filter by label and field", async () => {
  const f = await apiFixture();
  for (let i = 0; i < 7; i++) {
    await f.req("POST", PODS, pod(`p${i}`, { labels: { even: String(i % 2 === 0) } }));
  }
  const first = await f.req("GET", `${PODS}?limit=3`);
  assert.equal(first.body.items.length, 3);
  assert.ok(first.body.metadata.continue);
  await f.req("DELETE", `${PODS}/p5`);
  const names: string[] = first.body.items.map((p: { metadata: { name: string } }) => p.metadata.name);
  let token = first.body.metadata.continue;
  while (token) {
    const page = await f.req("GET", `${PODS}?limit=3&continue=${encodeURIComponent(token)}`);
    assert.equal(page.body.metadata.resourceVersion, first.body.metadata.resourceVersion);
    names.push(...page.body.items.map((p: { metadata: { name: string } }) => p.metadata.name));
    token = page.body.metadata.continue;
  }
  assert.deepEqual(names, ["p0", "p1", "p2", "p3", "p4", "p5", "p6"]);
  const even = await f.req("GET", `${PODS}?labelSelector=even%3Dtrue&limit=2`);
  assert.deepEqual(even.body.items.map((p: { metadata: { name: string } }) => p.metadata.name), ["p0", "p2"]);
  const rest = await f.req(
    "GET",
    `${PODS}?labelSelector=even%3Dtrue&continue=${encodeURIComponent(even.body.metadata.continue)}`,
  );
  assert.deepEqual(rest.body.items.map((p: { metadata: { name: string } }) => p.metadata.name), ["p4", "p6"]);
  const byName = await f.req("GET", `/api/v1/pods?fieldSelector=metadata.name%3Dp3`);
  assert.deepEqual(byName.body.items.map((p: { metadata: { name: string } }) => p.metadata.name), ["p3"]);
  const phase = await f.req("GET", `${PODS}?fieldSelector=status.phase!%3DPending`);
  assert.equal(phase.body.items.length, 0);
  await f.close();
});

Deno.test("finalizers hold a deleted object until they are removed, and preconditions are checked", async () => {
  const f = await apiFixture();
  const created = (await f.req("POST", PODS, pod("web", { finalizers: ["example.com/hold"] }))).body;
  const wrongUid = await f.req("DELETE", `${PODS}/web`, { preconditions: { uid: "nope" } });
  assert.equal(wrongUid.status, 409);
  assert.match(wrongUid.body.message, /Precondition failed: UID in precondition: nope, UID in object meta: /);
  const deleting = await f.req("DELETE", `${PODS}/web`, { propagationPolicy: "Foreground" });
  assert.equal(deleting.status, 200);
  assert.ok(deleting.body.metadata.deletionTimestamp);
  assert.deepEqual(deleting.body.metadata.finalizers, ["example.com/hold", "foregroundDeletion"]);
  const still = await f.req("GET", `${PODS}/web`);
  assert.equal(still.status, 200);
  const released = await f.req(
    "PATCH",
    `${PODS}/web`,
    { metadata: { finalizers: null } },
    "application/merge-patch+json",
  );
  assert.equal(released.status, 200);
  assert.equal((await f.req("GET", `${PODS}/web`)).status, 404);
  assert.ok(created);
  await f.close();
});

Deno.test("dryRun=All runs every check and stores nothing", async () => {
  const f = await apiFixture();
  const before = await f.api.objects.store.revision();
  const dry = await f.req("POST", `${PODS}?dryRun=All`, pod("web"));
  assert.equal(dry.status, 201);
  assert.equal(dry.body.metadata.name, "web");
  assert.equal((await f.req("POST", `${PODS}?dryRun=All`, pod("Bad"))).status, 422);
  assert.equal((await f.req("GET", `${PODS}/web`)).status, 404);
  await f.req("POST", PODS, pod("web"));
  const mid = await f.api.objects.store.revision();
  await f.req("DELETE", `${PODS}/web?dryRun=All`);
  await f.req(
    "PATCH",
    `${PODS}/web?dryRun=All`,
    { metadata: { labels: { a: "b" } } },
    "application/merge-patch+json",
  );
  assert.equal(await f.api.objects.store.revision(), mid);
  assert.ok(mid > before);
  await f.close();
});

Deno.test("a watch streams ADDED, MODIFIED and DELETED from a resourceVersion, and selectors turn leaving into DELETED", async () => {
  const f = await apiFixture();
  const start = (await f.req("GET", PODS)).body.metadata.resourceVersion;
  const res = await f.api.app.request(`${PODS}?watch=1&resourceVersion=${start}&labelSelector=app%3Dweb`);
  const lines = readLines(res.body!);
  await f.req("POST", PODS, pod("a", { labels: { app: "web" } }));
  await f.req("POST", PODS, pod("b", { labels: { app: "db" } }));
  await f.req(
    "PATCH",
    `${PODS}/a`,
    { metadata: { annotations: { x: "1" } } },
    "application/merge-patch+json",
  );
  await f.req("PATCH", `${PODS}/b`, { metadata: { labels: { app: "web" } } }, "application/merge-patch+json");
  await f.req(
    "PATCH",
    `${PODS}/a`,
    { metadata: { labels: { app: "other" } } },
    "application/merge-patch+json",
  );
  await f.req("DELETE", `${PODS}/b`);
  const events = [];
  for (let i = 0; i < 5; i++) events.push(JSON.parse((await lines.next()).value!));
  assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), [
    "ADDED a",
    "MODIFIED a",
    "ADDED b",
    "DELETED a",
    "DELETED b",
  ]);
  for (const e of events) assert.equal(e.object.kind, "Pod");
  await lines.return(undefined);
  await f.close();
});

Deno.test("a watch asked for Tables sends one-row Tables with the columns on the first event only", async () => {
  const f = await apiFixture();
  await f.req("POST", PODS, pod("a"));
  const res = await f.api.app.request(`${PODS}?watch=1`, {
    headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" },
  });
  const lines = readLines(res.body!);
  const first = JSON.parse((await lines.next()).value!);
  await f.req("POST", PODS, pod("b"));
  const second = JSON.parse((await lines.next()).value!);
  assert.equal(first.type, "ADDED");
  assert.equal(first.object.kind, "Table");
  assert.deepEqual(first.object.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5), [
    "Name",
    "Ready",
    "Status",
    "Restarts",
    "Age",
  ]);
  assert.equal(first.object.rows[0].cells[0], "a");
  assert.equal(second.type, "ADDED");
  assert.equal(second.object.columnDefinitions, null);
  assert.equal(second.object.rows[0].cells[0], "b");
  assert.equal(second.object.rows[0].object.kind, "PartialObjectMetadata");
  await lines.return(undefined);
  await f.close();
});

Deno.test("an Event expires after its strategy's time to live and watchers see it deleted", async () => {
  const f = await apiFixture();
  assert.equal(f.api.strategies.get("v1", "Event").ttlSeconds, 3600);
  f.api.strategies.set("v1", "Event", { ttlSeconds: 1 });
  const EVENTS = "/api/v1/namespaces/default/events";
  const created = await f.req("POST", EVENTS, {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "web.1" },
    involvedObject: { kind: "Pod", name: "web", namespace: "default" },
    reason: "Scheduled",
    message: "Successfully assigned default/web to node-1",
    type: "Normal",
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const res = await f.api.app.request(
    `${EVENTS}?watch=1&resourceVersion=${created.body.metadata.resourceVersion}`,
  );
  const lines = readLines(res.body!);
  const gone = JSON.parse((await lines.next()).value!);
  assert.equal(gone.type, "DELETED");
  assert.equal(gone.object.metadata.name, "web.1");
  assert.equal((await f.req("GET", `${EVENTS}/web.1`)).status, 404);
  await lines.return(undefined);
  await f.close();
});

Deno.test("every namespace gets a default service account, again after it is deleted, and pods run as it", async () => {
  const f = await apiFixture();
  const SA = "/api/v1/namespaces/team/serviceaccounts/default";
  await f.req("POST", "/api/v1/namespaces", {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "team" },
  });
  await eventually(async () => (await f.req("GET", SA)).status === 200);
  const first = await f.req("GET", SA);
  assert.equal(first.status, 200);
  assert.equal((await f.req("DELETE", SA)).status, 200);
  await eventually(async () => {
    const now = await f.req("GET", SA);
    return now.status === 200 && now.body.metadata.uid !== first.body.metadata.uid;
  });
  const second = await f.req("GET", SA);
  assert.equal(second.status, 200);
  assert.notEqual(second.body.metadata.uid, first.body.metadata.uid);

  const created = await f.req("POST", "/api/v1/namespaces/team/pods", pod("web"));
  assert.equal(created.body.spec.serviceAccountName, "default");
  assert.equal(created.body.spec.serviceAccount, "default");
  assert.equal(created.body.spec.priority, 0);
  assert.equal(created.body.spec.preemptionPolicy, "PreemptLowerPriority");
  const legacy = await f.req("POST", "/api/v1/namespaces/team/pods", {
    ...pod("old"),
    spec: { ...pod("old").spec, serviceAccount: "builder" },
  });
  assert.equal(legacy.body.spec.serviceAccountName, "builder");
  await f.close();
});

Deno.test("binding assigns a pod to a node once; a second binding is a 409 naming the node", async () => {
  const f = await apiFixture();
  const made = (await f.req("POST", PODS, pod("web"))).body;
  const created = { manager: made.metadata.managedFields[0].manager, generation: made.metadata.generation };
  const binding = (node: string) => ({
    apiVersion: "v1",
    kind: "Binding",
    metadata: { name: "web", annotations: { "scheduler.example/score": "7" } },
    target: { apiVersion: "v1", kind: "Node", name: node },
  });
  const bound = await f.req("POST", `${PODS}/web/binding`, binding("node-1"));
  assert.equal(bound.status, 201);
  assert.deepEqual(bound.body, {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    code: 201,
  });
  const got = (await f.req("GET", `${PODS}/web`)).body;
  assert.equal(got.spec.nodeName, "node-1");
  assert.equal(got.metadata.annotations["scheduler.example/score"], "7");
  const scheduled = got.status.conditions.find((c: { type: string }) => c.type === "PodScheduled");
  assert.equal(scheduled.status, "True");
  // Kubernetes writes a binding straight to storage: no managedFields entry (nobody owns spec.nodeName)
  // and no new generation.
  assert.deepEqual(got.metadata.managedFields.map((m: { manager: string }) => m.manager), [created.manager]);
  assert.equal(got.metadata.generation, created.generation);

  const again = await f.req("POST", `${PODS}/web/binding`, binding("node-2"));
  assert.equal(again.status, 409);
  assert.equal(
    again.body.message,
    'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-1"',
  );
  const noTarget = await f.req("POST", `${PODS}/web/binding`, { metadata: { name: "web" }, target: {} });
  assert.equal(noTarget.status, 422);
  assert.equal(noTarget.body.details.causes[0].field, "target.name");
  const wrongName = await f.req("POST", `${PODS}/web/binding`, { ...binding("n"), metadata: { name: "db" } });
  assert.equal(wrongName.status, 400);
  assert.equal(
    (await f.req("POST", `${PODS}/missing/binding`, { ...binding("n"), metadata: { name: "missing" } }))
      .status,
    404,
  );
  await f.close();
});

Deno.test("a watch from a compacted resourceVersion ends with a 410 Expired ERROR event", async () => {
  const f = await apiFixture();
  await f.req("POST", PODS, pod("a"));
  const old = (await f.req("GET", PODS)).body.metadata.resourceVersion;
  await f.req("POST", PODS, pod("b"));
  await f.api.objects.store.compact(await f.api.objects.store.revision());
  const res = await f.api.app.request(`${PODS}?watch=1&resourceVersion=${Number(old) - 1}`);
  const lines = readLines(res.body!);
  const event = JSON.parse((await lines.next()).value!);
  assert.equal(event.type, "ERROR");
  assert.equal(event.object.code, 410);
  assert.equal(event.object.reason, "Expired");
  assert.equal((await lines.next()).done, true);
  await f.close();
});

Deno.test("sendInitialEvents lists what exists and then marks the end with a bookmark", async () => {
  const f = await apiFixture();
  await f.req("POST", PODS, pod("a"));
  await f.req("POST", PODS, pod("b"));
  const res = await f.api.app.request(
    `${PODS}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
  );
  const lines = readLines(res.body!);
  const events = [];
  for (let i = 0; i < 3; i++) events.push(JSON.parse((await lines.next()).value!));
  assert.deepEqual(events.map((e) => e.type), ["ADDED", "ADDED", "BOOKMARK"]);
  assert.equal(events[2].object.metadata.annotations["k8s.io/initial-events-end"], "true");
  await lines.return(undefined);
  await f.close();
});

Deno.test("a CRD is served within a second of its creation and its objects go with it", async () => {
  const f = await apiFixture();
  const started = Date.now();
  await createWidgetCrd(f);
  assert.ok(Date.now() - started < 1000);
  const crd = await f.req(
    "GET",
    "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com",
  );
  assert.ok(
    crd.body.status.conditions.some((c: { type: string; status: string }) =>
      c.type === "Established" && c.status === "True"
    ),
  );
  const w = await f.req("POST", "/apis/example.com/v1/namespaces/default/widgets", widget("w1"));
  assert.equal(w.status, 201);
  assert.equal(w.body.spec.size, 3, "defaults from the schema");
  const bad = await f.req("POST", "/apis/example.com/v1/namespaces/default/widgets", {
    ...widget("w2"),
    spec: { size: "big" },
  });
  assert.equal(bad.status, 422);
  assert.match(
    bad.body.message,
    /spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"/,
  );
  const noRv = await f.req("PUT", "/apis/example.com/v1/namespaces/default/widgets/w1", widget("w1"));
  assert.equal(noRv.status, 422);
  await f.req("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
  await eventually(async () =>
    (await f.req("GET", "/apis/example.com/v1/namespaces/default/widgets")).status === 404
  );
  assert.equal(
    (await f.req("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com"))
      .status,
    404,
  );
  assert.equal((await f.api.objects.store.list({ prefix: ["registry", "example.com"] })).entries.length, 0);
  await f.close();
});

Deno.test("a deleted namespace is Terminating, refuses new objects, is emptied and disappears", async () => {
  const f = await apiFixture();
  await f.req("POST", "/api/v1/namespaces", {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "team" },
  });
  await f.req("POST", "/api/v1/namespaces/team/pods", pod("a", { finalizers: ["example.com/hold"] }));
  await f.req("POST", "/api/v1/namespaces/team/pods", pod("b"));
  await createWidgetCrd(f);
  await f.req("POST", "/apis/example.com/v1/namespaces/team/widgets", widget("w"));
  const deleting = await f.req("DELETE", "/api/v1/namespaces/team");
  assert.equal(deleting.body.status.phase, "Terminating");
  const refused = await f.req("POST", "/api/v1/namespaces/team/pods", pod("c"));
  assert.equal(refused.status, 403);
  assert.match(
    refused.body.message,
    /unable to create new content in namespace team because it is being terminated/,
  );
  await eventually(async () => (await f.req("GET", "/api/v1/namespaces/team/pods/b")).status === 404);
  await eventually(async () =>
    (await f.req("GET", "/apis/example.com/v1/namespaces/team/widgets/w")).status === 404
  );
  assert.equal((await f.req("GET", "/api/v1/namespaces/team")).status, 200, "held by pod a's finalizer");
  await f.req(
    "PATCH",
    "/api/v1/namespaces/team/pods/a",
    { metadata: { finalizers: null } },
    "application/merge-patch+json",
  );
  await eventually(async () => (await f.req("GET", "/api/v1/namespaces/team")).status === 404);
  await f.close();
});

Deno.test("the system namespaces exist after start", async () => {
  const f = await apiFixture();
  const { body } = await f.req("GET", "/api/v1/namespaces");
  assert.deepEqual(
    body.items.map((n: { metadata: { name: string } }) => n.metadata.name).sort(),
    ["default", "kube-node-lease", "kube-public", "kube-system"],
  );
  await f.close();
});

Deno.test("the scale subresource reads and writes the definition's replica paths", async () => {
  const f = await apiFixture();
  const crd = widgetCrd();
  crd.spec.versions[0].subresources = {
    status: {},
    scale: { specReplicasPath: ".spec.size", statusReplicasPath: ".status.size" },
  };
  await f.req("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
  await eventually(async () =>
    (await f.req("GET", "/apis/example.com/v1/namespaces/default/widgets")).status === 200
  );
  await f.req("POST", "/apis/example.com/v1/namespaces/default/widgets", widget("w"));
  const scale = await f.req("GET", "/apis/example.com/v1/namespaces/default/widgets/w/scale");
  assert.equal(scale.body.kind, "Scale");
  assert.equal(scale.body.spec.replicas, 3);
  const patched = await f.req("PATCH", "/apis/example.com/v1/namespaces/default/widgets/w/scale", {
    spec: { replicas: 5 },
  }, "application/merge-patch+json");
  assert.equal(patched.body.spec.replicas, 5);
  assert.equal((await f.req("GET", "/apis/example.com/v1/namespaces/default/widgets/w")).body.spec.size, 5);
  const negative = await f.req("PATCH", "/apis/example.com/v1/namespaces/default/widgets/w/scale", {
    spec: { replicas: -1 },
  }, "application/merge-patch+json");
  assert.equal(negative.status, 422);
  await f.close();
});

// ---- helpers ---------------------------------------------------------------------------------------

function widgetCrd() {
  return {
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
        subresources: {} as Record<string, unknown>,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: { type: "object", properties: { size: { type: "integer", default: 3 } } },
              status: { type: "object", properties: { size: { type: "integer" } } },
            },
          },
        },
      }],
    },
  };
}

async function createWidgetCrd(f: Awaited<ReturnType<typeof apiFixture>>) {
  assert.equal(
    (await f.req("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd())).status,
    201,
  );
  await eventually(async () =>
    (await f.req("GET", "/apis/example.com/v1/namespaces/default/widgets")).status === 200
  );
}

function widget(name: string) {
  return { apiVersion: "example.com/v1", kind: "Widget", metadata: { name }, spec: {} };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

Deno.test("empty finalizers, labels and annotations are dropped as Go's omitempty drops them", async () => {
  const f = await apiFixture();
  const created = await f.req("POST", PODS, {
    ...pod("web"),
    metadata: { name: "web", labels: {}, annotations: {}, finalizers: ["example.com/hold"] },
  });
  assert.equal(created.status, 201);
  assert.equal("labels" in created.body.metadata, false);
  assert.equal("annotations" in created.body.metadata, false);
  const patched = await f.req(
    "PATCH",
    `${PODS}/web`,
    { metadata: { "$deleteFromPrimitiveList/finalizers": ["example.com/hold"] } },
    "application/strategic-merge-patch+json",
  );
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal("finalizers" in patched.body.metadata, false);
  assert.equal("finalizers" in (await f.req("GET", `${PODS}/web`)).body.metadata, false);
  await f.close();
});
