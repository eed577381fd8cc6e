import assert from "node:assert/strict";
import { makeNode, makePod } from "../_testing.ts";
import { Snapshot } from "../snapshot.ts";
import { AssumeCache } from "./cache.ts";

function setup() {
  let t = 0;
  const snapshot = Snapshot.from({ nodes: [makeNode("n1"), makeNode("n2")] });
  const cache = new AssumeCache(snapshot, { ttlMs: 1000, now: () => t });
  return { snapshot, cache, advance: (ms: number) => (t += ms) };
}

Deno.test("an assumed pod counts on its node at once and goes when its binding fails", () => {
  const { snapshot, cache } = setup();
  cache.assume(makePod("p", { nodeName: "n1" }));
  assert.equal(snapshot.get("n1")!.pods.length, 1);
  assert.equal(cache.forget("default/p"), true);
  assert.equal(snapshot.get("n1")!.pods.length, 0);
  assert.equal(cache.forget("default/p"), false);
});

Deno.test("the informer's bound pod confirms an assumed one, even on another node", () => {
  const { snapshot, cache, advance } = setup();
  cache.assume(makePod("p", { nodeName: "n1" }));
  cache.finishBinding("default/p");
  assert.equal(cache.confirm(makePod("p", { nodeName: "n2" })), true);
  assert.equal(snapshot.get("n1")!.pods.length, 0);
  assert.equal(snapshot.get("n2")!.pods.length, 1);
  advance(5000);
  assert.equal(cache.cleanupExpired(), 0, "a confirmed pod does not expire");
  assert.equal(snapshot.get("n2")!.pods.length, 1);
});

Deno.test("an assumed pod whose binding finished expires after the TTL unless confirmed; one still binding never does", () => {
  const { snapshot, cache, advance } = setup();
  cache.assume(makePod("bound", { nodeName: "n1" }));
  cache.assume(makePod("binding", { nodeName: "n1" }));
  cache.finishBinding("default/bound");
  advance(999);
  assert.equal(cache.cleanupExpired(), 0);
  advance(1);
  assert.equal(cache.cleanupExpired(), 1);
  assert.deepEqual(snapshot.get("n1")!.pods.map((p) => p.key), ["default/binding"]);
  assert.equal(cache.size, 1);
});
