import assert from "node:assert/strict";
import { type ApiFixture, apiFixture } from "../../../core/api/testing/api_fixture.ts";
import { createInProcessClient, eventsResource, leasesResource } from "../client/mod.ts";
import { EventRecorder, eventSinkFrom } from "../helpers/event_recorder.ts";
import { ManagerMetrics } from "../metrics/manager_metrics.ts";
import { LeaderElector } from "./leader_elector.ts";
import { type Lease, type LeaseApi, LeaseLock, leaseSpecToRecord, recordToLeaseSpec } from "./lease_lock.ts";

const BASE = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
const FAST = { leaseDurationMs: 1000, renewDeadlineMs: 600, retryPeriodMs: 200 };

/**
 * Leases over the real API server's HTTP handlers; `cut()` makes every later request fail as a broken
 * network would, and `conflicts` counts 409 answers.
 */
function leaseApi(f: ApiFixture) {
  const state = { cut: false, conflicts: 0 };
  async function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Lease> {
    if (state.cut) throw new TypeError("connection refused");
    const res = await f.api.app.request(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { "content-type": "application/json" },
      signal,
    });
    const json = await res.json();
    if (res.status === 409) state.conflicts++;
    if (!res.ok) throw Object.assign(new Error(json.message), { code: res.status });
    return json;
  }
  const api: LeaseApi = {
    get: (name, o) => send("GET", `${BASE}/${name}`, undefined, o?.signal),
    create: (lease, o) => send("POST", BASE, lease, o?.signal),
    update: (lease, o) => send("PUT", `${BASE}/${lease.metadata!.name}`, lease, o?.signal),
  };
  return { api, state, cut: () => state.cut = true };
}

/** A candidate and a log of what its callbacks saw, with times relative to `t0`. */
function candidate(
  api: LeaseApi,
  identity: string,
  opts: { releaseOnCancel?: boolean; lease?: string } = {},
) {
  const log: { event: string; at: number; leading?: AbortSignal }[] = [];
  const elector = new LeaderElector({
    ...FAST,
    lock: new LeaseLock(api, { name: opts.lease ?? "op", namespace: "default", identity }),
    releaseOnCancel: opts.releaseOnCancel,
    callbacks: {
      onStartedLeading: (leading) => void log.push({ event: "started", at: performance.now(), leading }),
      onStoppedLeading: () => void log.push({ event: "stopped", at: performance.now() }),
    },
  });
  const stop = new AbortController();
  const done = elector.run(stop.signal);
  return { identity, elector, log, stop, done, started: () => log.find((e) => e.event === "started") };
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

Deno.test("of two electors exactly one leads and the lease names it", async () => {
  const f = await apiFixture();
  const { api } = leaseApi(f);
  const a = candidate(api, "a");
  const b = candidate(api, "b");
  await until(() => a.elector.isLeader() || b.elector.isLeader(), 2000);
  await new Promise((r) => setTimeout(r, 700)); // several renewals
  const leaders = [a, b].filter((c) => c.elector.isLeader());
  assert.equal(leaders.length, 1);
  assert.equal(leaders[0].log.filter((e) => e.event === "started").length, 1);
  assert.equal([a, b].find((c) => !c.elector.isLeader())!.started(), undefined);
  assert.equal(a.elector.getLeader(), leaders[0].identity);
  assert.equal(b.elector.getLeader(), leaders[0].identity);

  const lease = await f.req("GET", `${BASE}/op`);
  assert.equal(lease.body.spec.holderIdentity, leaders[0].identity);
  assert.equal(lease.body.spec.leaseDurationSeconds, 1);
  assert.equal(lease.body.spec.leaseTransitions, 0);
  assert.match(lease.body.spec.renewTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.ok(Date.parse(lease.body.spec.renewTime) > Date.parse(lease.body.spec.acquireTime), "renewed since");

  a.stop.abort();
  b.stop.abort();
  await Promise.all([a.done, b.done]);
  await f.close();
});

Deno.test("a standby takes over within the lease duration after the leader stops without releasing", async () => {
  const f = await apiFixture();
  const { api } = leaseApi(f);
  const first = candidate(api, "first");
  await until(() => first.elector.isLeader(), 1000);
  const second = candidate(api, "second");
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(second.elector.isLeader(), false);

  const stoppedAt = performance.now();
  first.stop.abort();
  await first.done;
  assert.deepEqual(first.log.map((e) => e.event), ["started", "stopped"]);
  assert.equal(first.log[0].leading!.aborted, true, "the leading signal aborts when leadership ends");

  await until(() => second.started() !== undefined, 2500);
  const after = second.started()!.at - stoppedAt;
  // The standby counts the 1 s lease from the last renewal it saw (up to one jittered retry, 0.44 s, old).
  assert.ok(after > 400 && after < 2500, `took over ${Math.round(after)} ms after the stop`);
  const lease = await f.req("GET", `${BASE}/op`);
  assert.equal(lease.body.spec.holderIdentity, "second");
  assert.equal(lease.body.spec.leaseTransitions, 1);

  second.stop.abort();
  await second.done;
  await f.close();
});

Deno.test("releasing on cancel clears the holder and the standby takes over at its next try", async () => {
  const f = await apiFixture();
  const { api } = leaseApi(f);
  const first = candidate(api, "first", { releaseOnCancel: true });
  await until(() => first.elector.isLeader(), 1000);
  const second = candidate(api, "second");
  await new Promise((r) => setTimeout(r, 300));

  const stoppedAt = performance.now();
  first.stop.abort();
  await first.done;
  const released = await f.req("GET", `${BASE}/op`);
  if (second.started() === undefined) {
    assert.equal(released.body.spec.holderIdentity, "");
    assert.equal(released.body.spec.leaseDurationSeconds, 1);
  }
  await until(() => second.started() !== undefined, 1000);
  const after = second.started()!.at - stoppedAt;
  assert.ok(after < 900, `about one jittered retry period, took ${Math.round(after)} ms`);

  second.stop.abort();
  await second.done;
  await f.close();
});

Deno.test("a leader that cannot renew within the deadline stops leading before anyone else starts", async () => {
  const f = await apiFixture();
  const partitioned = leaseApi(f);
  const { api } = leaseApi(f);
  const first = candidate(partitioned.api, "first");
  await until(() => first.elector.isLeader(), 1000);
  const second = candidate(api, "second");
  await new Promise((r) => setTimeout(r, 300));

  const cutAt = performance.now();
  partitioned.cut();
  await first.done; // run() returns by itself: the renew deadline passed
  const stopped = first.log.find((e) => e.event === "stopped")!;
  assert.ok(stopped.at - cutAt >= 550 && stopped.at - cutAt < 1500, `stopped ${stopped.at - cutAt} ms after`);

  await until(() => second.started() !== undefined, 2500);
  assert.ok(second.started()!.at > stopped.at, "no overlap between the two leaders");
  second.stop.abort();
  await second.done;
  await f.close();
});

Deno.test("candidates racing for a released lease conflict on update and only one leads", async () => {
  const f = await apiFixture();
  const now = new Date().toISOString();
  await f.req("POST", BASE, {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: "race" },
    spec: {
      holderIdentity: "",
      leaseDurationSeconds: 1,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: 4,
    },
  });
  const { api, state } = leaseApi(f);
  const all = ["a", "b", "c", "d", "e"].map((id) => candidate(api, id, { lease: "race" }));
  await until(() => all.some((c) => c.started()), 1000);
  for (let i = 0; i < 8; i++) {
    assert.equal(all.filter((c) => c.elector.isLeader()).length, 1);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(all.filter((c) => c.started()).length, 1);
  assert.ok(state.conflicts >= 1, "the losers' writes were rejected with 409");
  const lease = await f.req("GET", `${BASE}/race`);
  assert.equal(lease.body.spec.leaseTransitions, 5);
  for (const c of all) c.stop.abort();
  await Promise.all(all.map((c) => c.done));
  await f.close();
});

Deno.test("the elector rejects a renew deadline that is not shorter than the lease duration", () => {
  const lock = new LeaseLock({} as LeaseApi, { name: "x", namespace: "default", identity: "a" });
  const callbacks = { onStartedLeading() {}, onStoppedLeading() {} };
  assert.throws(
    () => new LeaderElector({ lock, callbacks, leaseDurationMs: 1000, renewDeadlineMs: 1000 }),
    /leaseDuration must be greater than renewDeadline/,
  );
  assert.throws(
    () => new LeaderElector({ lock, callbacks, renewDeadlineMs: 2000, retryPeriodMs: 2000 }),
    /renewDeadline must be greater than retryPeriod\*JitterFactor/,
  );
});

Deno.test("with the SDK client the leader records events and reports its status in metrics", async () => {
  const f = await apiFixture();
  const client = createInProcessClient(f.api.app);
  const metrics = new ManagerMetrics();
  const recorder = new EventRecorder(eventSinkFrom(client.resource(eventsResource)), { component: "op" });
  const stop = new AbortController();
  let leading: AbortSignal | undefined;
  const elector = new LeaderElector({
    ...FAST,
    lock: new LeaseLock(client.resource(leasesResource).namespace("default"), {
      name: "sdk",
      namespace: "default",
      identity: "pod-a",
      eventRecorder: recorder,
    }),
    releaseOnCancel: true,
    metrics: metrics.leaderElectionMetrics,
    callbacks: { onStartedLeading: (s) => void (leading = s), onStoppedLeading() {} },
  });
  const done = elector.run(stop.signal);
  await until(() => leading !== undefined, 1000);
  const status = () =>
    metrics.render().then((t) => t.match(/^leader_election_master_status\{name="(.*)"\} (\d)$/m));
  assert.deepEqual((await status())?.slice(1), ["default/sdk", "1"]);
  stop.abort();
  await done;
  await recorder.flush();
  assert.deepEqual((await status())?.slice(1), ["default/sdk", "0"]);
  assert.equal((await f.req("GET", `${BASE}/sdk`)).body.spec.holderIdentity, "");
  const events = (await f.req("GET", "/api/v1/namespaces/default/events")).body.items;
  assert.deepEqual(
    events.map((e: { reason: string; message: string; involvedObject: { kind: string } }) => [
      e.reason,
      e.message,
      e.involvedObject.kind,
    ]),
    [["LeaderElection", "pod-a became leader", "Lease"], [
      "LeaderElection",
      "pod-a stopped leading",
      "Lease",
    ]],
  );
  client.close();
  await f.close();
});

Deno.test("lease specs convert to election records and back with microsecond times", () => {
  const spec = {
    holderIdentity: "a",
    leaseDurationSeconds: 15,
    acquireTime: "2024-01-02T03:04:05.678000Z",
    renewTime: "not a time",
    leaseTransitions: 3,
  };
  const record = leaseSpecToRecord(spec);
  assert.equal(record.renewTime, 0, "an unreadable time reads as zero");
  assert.deepEqual(recordToLeaseSpec(record), { ...spec, renewTime: "1970-01-01T00:00:00.000000Z" });
  assert.deepEqual(leaseSpecToRecord(undefined), {
    holderIdentity: "",
    leaseDurationSeconds: 0,
    acquireTime: 0,
    renewTime: 0,
    leaderTransitions: 0,
  });
});
