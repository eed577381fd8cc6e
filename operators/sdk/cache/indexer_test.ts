import assert from "node:assert/strict";
import type { KubeObject } from "../client/types.ts";
import { indexByLabel, indexByOwnerUid, Indexer } from "./indexer.ts";

const obj = (ns: string, name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  metadata: { namespace: ns, name, ...extra },
});

Deno.test("an indexer files objects by namespace, owner uid and label, and refiles them when they change", () => {
  const indexer = new Indexer({ owner: indexByOwnerUid, app: indexByLabel("app") });
  const owner = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u1" };
  indexer.set(obj("a", "p1", { labels: { app: "web" }, ownerReferences: [owner] }));
  indexer.set(obj("a", "p2", { labels: { app: "db" } }));
  indexer.set(obj("b", "p3", { labels: { app: "web" }, ownerReferences: [owner] }));
  const names = (list: KubeObject[]) => list.map((o) => o.metadata?.name).sort();

  assert.deepEqual(names(indexer.byIndex("namespace", "a")), ["p1", "p2"]);
  assert.deepEqual(names(indexer.byIndex("owner", "u1")), ["p1", "p3"]);
  assert.deepEqual(names(indexer.byIndex("app", "web")), ["p1", "p3"]);

  indexer.set(obj("a", "p1", { labels: { app: "db" } }));
  assert.deepEqual(names(indexer.byIndex("app", "web")), ["p3"]);
  assert.deepEqual(names(indexer.byIndex("app", "db")), ["p1", "p2"]);
  assert.deepEqual(names(indexer.byIndex("owner", "u1")), ["p3"]);

  indexer.delete("b/p3");
  assert.deepEqual(indexer.byIndex("owner", "u1"), []);
  assert.deepEqual(indexer.indexKeys("namespace", "a").sort(), ["a/p1", "a/p2"]);
  assert.equal(indexer.size, 2);
});

Deno.test("an index added later files the objects already stored; a clashing name is refused", () => {
  const indexer = new Indexer();
  indexer.set(obj("a", "p1", { labels: { tier: "front" } }));
  indexer.addIndexers({ tier: indexByLabel("tier") });
  assert.deepEqual(indexer.indexKeys("tier", "front"), ["a/p1"]);
  assert.throws(() => indexer.addIndexers({ tier: indexByLabel("other") }), /already exists/);
  assert.throws(() => indexer.byIndex("nope", "x"), /no index named "nope"/);
});

Deno.test("stored objects are frozen all the way down", () => {
  const indexer = new Indexer();
  indexer.set(obj("a", "p1", { labels: { x: "1" } }));
  const stored = indexer.get("a/p1")!;
  assert.ok(Object.isFrozen(stored));
  assert.ok(Object.isFrozen(stored.metadata?.labels));
  assert.throws(() => {
    stored.metadata!.labels!.x = "2";
  }, TypeError);
});
