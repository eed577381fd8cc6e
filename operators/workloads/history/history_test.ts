import assert from "node:assert/strict";
import { eventually, SharedInformerFactory } from "@skiff/sdk";
import type { ControllerRevision } from "../api/controller_revision.ts";
import type { PodTemplateSpec } from "../api/pod_template.ts";
import { controllerRevisionsResource } from "../resources.ts";
import { startWorkloadsCore } from "../_testing.ts";
import {
  CONTROLLER_REVISION_HASH_LABEL,
  controllerRevisionName,
  fnv32,
  goJson,
  hashControllerRevision,
} from "./hash.ts";
import {
  equalRevision,
  findEqualRevisions,
  newControllerRevision,
  nextRevision,
  sortControllerRevisions,
  templateOf,
  templatePatch,
} from "./revision.ts";
import { RevisionHistory } from "./history.ts";

// A StatefulSet's template as the API server stores it after defaulting (the nginx example of the
// StatefulSet tutorial).
const TEMPLATE: PodTemplateSpec = {
  metadata: { labels: { app: "nginx" } },
  spec: {
    containers: [{
      name: "nginx",
      image: "registry.k8s.io/nginx-slim:0.8",
      imagePullPolicy: "IfNotPresent",
      ports: [{ containerPort: 80, name: "web", protocol: "TCP" }],
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
    }],
    dnsPolicy: "ClusterFirst",
    restartPolicy: "Always",
    schedulerName: "default-scheduler",
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
};

// Go's json.Marshal of getPatch's map for TEMPLATE, and its FNV-1 sum 432881913 (with the collision
// count 1 appended: 2535278538), worked out independently of this code from Kubernetes' algorithm.
const RAW =
  '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"registry.k8s.io/nginx-slim:0.8","imagePullPolicy":"IfNotPresent","name":"nginx","ports":[{"containerPort":80,"name":"web","protocol":"TCP"}],"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}}';

const PARENT = { metadata: { name: "web", namespace: "default", uid: "u-1" } };
const KIND = { apiVersion: "apps/v1", kind: "StatefulSet" };

Deno.test("fnv32 is FNV-1, as Go's hash/fnv New32", () => {
  assert.equal(fnv32(new TextEncoder().encode("a")), 0x050c5d7e);
  assert.equal(fnv32(new TextEncoder().encode("")), 0x811c9dc5);
});

Deno.test("a template patch is written byte for byte as Kubernetes stores it", () => {
  const data = templatePatch(TEMPLATE);
  assert.equal(goJson(data), RAW);
  assert.equal(goJson({ a: "<&>" }), '{"a":"\\u003c\\u0026\\u003e"}');
  assert.deepEqual(templateOf({ revision: 1, data }), {
    ...TEMPLATE,
    spec: { ...TEMPLATE.spec!, containers: [{ ...TEMPLATE.spec!.containers[0], resources: {} }] },
  });
});

Deno.test("a revision hashes to the value Kubernetes' algorithm gives, the collision count included", () => {
  const revision = { revision: 1, data: templatePatch(TEMPLATE) };
  assert.equal(hashControllerRevision(revision), "876dd5f57");
  assert.equal(hashControllerRevision(revision, 0), hashControllerRevision(revision, 0));
  assert.equal(hashControllerRevision(revision, 1), "69796cd97d");
  const changed = templatePatch({ ...TEMPLATE, metadata: { labels: { app: "nginx", v: "2" } } });
  assert.notEqual(hashControllerRevision({ revision: 1, data: changed }), "876dd5f57");
});

Deno.test("revision names are the parent's name, cut to 223 characters, and the hash", () => {
  assert.equal(controllerRevisionName("web", "876dd5f57"), "web-876dd5f57");
  const long = "a".repeat(300);
  assert.equal(controllerRevisionName(long, "h"), `${"a".repeat(223)}-h`);
});

Deno.test("a new revision is controlled by its parent and labelled with the template's labels and hash", () => {
  const cr = newControllerRevision(PARENT, KIND, { app: "nginx" }, templatePatch(TEMPLATE), 3, 0);
  const hash = hashControllerRevision(cr, 0);
  assert.equal(cr.metadata?.name, `web-${hash}`);
  assert.deepEqual(cr.metadata?.labels, { app: "nginx", [CONTROLLER_REVISION_HASH_LABEL]: hash });
  assert.equal(cr.revision, 3);
  assert.deepEqual(cr.metadata?.ownerReferences, [{
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    name: "web",
    uid: "u-1",
    controller: true,
    blockOwnerDeletion: true,
  }]);
});

Deno.test("revisions sort by number, then age, then name, and equal data makes equal revisions", () => {
  const mk = (name: string, revision: number, at: string, data: unknown): ControllerRevision => ({
    metadata: { name, creationTimestamp: at },
    revision,
    data: data as ControllerRevision["data"],
  });
  const a = mk("b", 2, "2024-01-01T00:00:00Z", { x: 1 });
  const b = mk("a", 2, "2024-01-01T00:00:00Z", { x: 2 });
  const c = mk("c", 1, "2024-01-02T00:00:00Z", { x: 1 });
  const d = mk("d", 2, "2023-12-31T00:00:00Z", { x: 3 });
  const sorted = sortControllerRevisions([a, b, c, d]);
  assert.deepEqual(sorted.map((r) => r.metadata?.name), ["c", "d", "a", "b"]);
  assert.equal(nextRevision(sorted), 3);
  assert.equal(nextRevision([]), 1);
  assert.ok(equalRevision(a, c));
  assert.ok(!equalRevision(a, b));
  assert.ok(equalRevision(undefined, undefined));
  assert.ok(!equalRevision(a, undefined));
  assert.deepEqual(findEqualRevisions(sorted, mk("n", 9, "", { x: 1 })).map((r) => r.metadata?.name), [
    "c",
    "b",
  ]);
});

Deno.test("the history creates, finds, renumbers, adopts, releases and deletes revisions against a real core", async () => {
  const w = await startWorkloadsCore();
  const factory = new SharedInformerFactory(w.client);
  try {
    const informer = factory.informerFor(controllerRevisionsResource);
    factory.start();
    await factory.waitForSync(AbortSignal.timeout(5000));
    const history = new RevisionHistory(w.client, informer);
    const api = w.client.resource(controllerRevisionsResource).namespace("default");
    const data = templatePatch(TEMPLATE);
    const cr = newControllerRevision(PARENT, KIND, { app: "nginx" }, data, 1, 0);

    // Someone else's data already holds the name that collision count 0 gives: the count goes up.
    await api.create({
      metadata: { name: cr.metadata!.name, labels: { app: "other" } },
      data: { other: true },
      revision: 1,
    });
    const created = await history.createControllerRevision(PARENT, cr, 0);
    assert.equal(created.collisionCount, 1);
    assert.equal(created.revision.metadata?.name, `web-${hashControllerRevision(cr, 1)}`);
    assert.deepEqual(created.revision.data, data);

    // The same data again: the existing revision, no new collision.
    const again = await history.createControllerRevision(PARENT, cr, 1);
    assert.equal(again.collisionCount, 1);
    assert.equal(again.revision.metadata?.uid, created.revision.metadata?.uid);

    const renumbered = await history.updateControllerRevision(created.revision, 5);
    assert.equal(renumbered.revision, 5);

    // An orphan matching the selector is listed (it may be adopted); one controlled by another parent is not.
    const orphan = await api.create({
      metadata: { name: "orphan", labels: { app: "nginx" } },
      data: {},
      revision: 2,
    });
    await api.create({
      metadata: {
        name: "theirs",
        labels: { app: "nginx" },
        ownerReferences: [{
          apiVersion: "apps/v1",
          kind: "StatefulSet",
          name: "db",
          uid: "u-2",
          controller: true,
        }],
      },
      data: {},
      revision: 2,
    });
    // The list comes from the informer's cache: wait until it holds the last revision made (events come
    // in order, so it holds the others too) rather than for a fixed time a loaded machine can outlast.
    await eventually("the cache holds every revision", () => informer.store.get("default/theirs"));
    const names = history.listControllerRevisions(PARENT, { matchLabels: { app: "nginx" } })
      .map((r) => r.metadata?.name).sort();
    assert.deepEqual(names, [created.revision.metadata!.name, "orphan"].sort());

    const adopted = await history.adoptControllerRevision(PARENT, KIND, orphan);
    assert.equal(adopted.metadata?.ownerReferences?.[0].uid, "u-1");
    await assert.rejects(history.adoptControllerRevision(PARENT, KIND, adopted), /attempt to adopt/);
    const released = await history.releaseControllerRevision(PARENT, adopted);
    assert.deepEqual(released?.metadata?.ownerReferences ?? [], []);

    await history.deleteControllerRevision(renumbered);
    await assert.rejects(api.get(renumbered.metadata!.name!));
  } finally {
    await factory.stop();
    await w.close();
  }
});
