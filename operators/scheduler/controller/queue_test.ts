import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import { SchedulingQueue } from "./queue.ts";

function pod(name: string, priority?: number, labels?: Record<string, string>): Pod {
  return {
    metadata: { name, namespace: "default", labels },
    spec: { priority, containers: [{ name: "c" }] },
  };
}

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

Deno.test("the queue pops the highest priority first, then the earliest added", async () => {
  const c = clock();
  const q = new SchedulingQueue({ now: c.now });
  q.add(pod("low", 0));
  c.advance(1);
  q.add(pod("high", 100));
  c.advance(1);
  q.add(pod("low-later", 0));
  const order = [];
  for (let i = 0; i < 3; i++) order.push((await q.pop())!.pod.metadata!.name);
  assert.deepEqual(order, ["high", "low", "low-later"]);
});

Deno.test("backoff starts at 1 s and doubles up to 10 s", () => {
  const q = new SchedulingQueue();
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => q.backoffDuration(n)), [
    1000,
    2000,
    4000,
    8000,
    10_000,
    10_000,
  ]);
});

Deno.test("an unschedulable pod waits for a cluster change, then for its backoff", async () => {
  const c = clock();
  const q = new SchedulingQueue({ now: c.now });
  q.add(pod("p"));
  const info = (await q.pop())!;
  q.addUnschedulable(info, info.cycle);
  assert.deepEqual(q.sizes, { active: 0, backoff: 0, unschedulable: 1 });
  c.advance(60_000);
  q.flush();
  assert.deepEqual(q.sizes, { active: 0, backoff: 0, unschedulable: 1 }, "nothing changed: it stays");
  q.moveAllToActiveOrBackoff();
  q.flush();
  assert.deepEqual(q.sizes, { active: 1, backoff: 0, unschedulable: 0 }, "its 1 s backoff is long over");
  const again = (await q.pop())!;
  assert.equal(again.attempts, 2);
  q.addUnschedulable(again, again.cycle);
  q.moveAllToActiveOrBackoff();
  assert.deepEqual(q.sizes, { active: 0, backoff: 1, unschedulable: 0 }, "2 s backoff after the second try");
  c.advance(2000);
  q.flush();
  assert.deepEqual(q.sizes, { active: 1, backoff: 0, unschedulable: 0 });
});

Deno.test("unschedulable pods are retried after five minutes even when nothing changes", () => {
  const c = clock();
  const q = new SchedulingQueue({ now: c.now });
  q.add(pod("p"));
  return q.pop().then((info) => {
    q.addUnschedulable(info!, info!.cycle);
    c.advance(5 * 60_000 - 1);
    q.flush();
    assert.equal(q.sizes.unschedulable, 1);
    c.advance(1);
    q.flush();
    assert.equal(q.sizes.active, 1);
  });
});

Deno.test("a pod that fails while a cluster change happened during its cycle goes to backoff, not unschedulable", async () => {
  const c = clock();
  const q = new SchedulingQueue({ now: c.now });
  q.add(pod("p"));
  const info = (await q.pop())!;
  q.moveAllToActiveOrBackoff(); // a node appeared while "p" was being scheduled
  q.addUnschedulable(info, info.cycle);
  assert.deepEqual(q.sizes, { active: 0, backoff: 1, unschedulable: 0 });
});

Deno.test("a pod deleted while being scheduled does not come back, and one updated comes back updated", async () => {
  const q = new SchedulingQueue();
  q.add(pod("gone"));
  q.add(pod("changed"));
  const gone = (await q.pop())!;
  const changed = (await q.pop())!;
  q.delete("default/gone");
  q.update(pod("changed"), pod("changed", 0, { fixed: "yes" }));
  q.addUnschedulable(gone, gone.cycle);
  q.addUnschedulable(changed, changed.cycle);
  assert.equal(q.has("default/gone"), false);
  assert.deepEqual(q.sizes, { active: 0, backoff: 1, unschedulable: 0 });
  assert.deepEqual(changed.pod.metadata?.labels, { fixed: "yes" });
});

Deno.test("an unschedulable pod whose spec changes is tried again; a status change leaves it waiting", async () => {
  const c = clock();
  const q = new SchedulingQueue({ now: c.now });
  q.add(pod("p"));
  const info = (await q.pop())!;
  q.addUnschedulable(info, info.cycle);
  c.advance(5000);
  q.update(pod("p"), { ...pod("p"), status: { phase: "Pending" } });
  assert.equal(q.sizes.unschedulable, 1);
  q.update(pod("p"), pod("p", 0, { tier: "db" }));
  assert.deepEqual(q.sizes, { active: 1, backoff: 0, unschedulable: 0 });
});

Deno.test("pop waits for a pod and wakes when one is added; a backoff ends on its own timer", async () => {
  const q = new SchedulingQueue({ initialBackoffMs: 30 });
  const waiting = q.pop();
  q.add(pod("p"));
  const info = (await waiting)!;
  q.addBackoff(info);
  const started = Date.now();
  const again = await q.pop(AbortSignal.timeout(2000));
  assert.equal(again?.key, "default/p");
  assert.ok(Date.now() - started >= 25);
  const abort = new AbortController();
  const idle = q.pop(abort.signal);
  abort.abort();
  assert.equal(await idle, undefined);
});
