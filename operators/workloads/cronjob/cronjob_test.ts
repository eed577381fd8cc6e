import assert from "node:assert/strict";
import { type Client, eventsResource, eventually } from "@skiff/sdk";
import type { CronJob } from "../api/cron_job.ts";
import type { Job } from "../api/job.ts";
import { startWorkloadsCore } from "../_testing.ts";
import { cronJobsResource, jobsResource } from "../resources.ts";
import { CronJobController } from "./controller.ts";

const MINUTE = 60_000;

/** A core with only the CronJob controller, on a clock the test moves. */
async function start() {
  let now = Date.now();
  const w = await startWorkloadsCore([() => new CronJobController({ now: () => new Date(now) })]);
  const cronJobs = w.client.resource(cronJobsResource).namespace("default");
  let ticks = 0;
  return {
    ...w,
    cronJobs,
    jobs: w.client.resource(jobsResource).namespace("default"),
    /** Moves the clock, then touches the CronJob so it syncs now rather than at its real-time requeue. */
    async tick(to: number, name: string) {
      now = to;
      await cronJobs.patch(name, { metadata: { annotations: { tick: String(++ticks) } } }, { type: "merge" });
    },
  };
}

function cronJob(name: string, spec: Partial<NonNullable<CronJob["spec"]>> = {}): CronJob {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name, namespace: "default" },
    spec: {
      schedule: "* * * * *",
      jobTemplate: {
        metadata: { labels: { app: name } },
        spec: {
          template: {
            spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox:1.36" }] },
          },
        },
      },
      ...spec,
    },
  } as CronJob;
}

/** The k-th whole minute after the CronJob's creation, plus 5 s. */
function slot(cj: CronJob, k: number): number {
  const created = Date.parse(cj.metadata!.creationTimestamp!);
  return (Math.floor(created / MINUTE) + 1 + k) * MINUTE + 5000;
}

const nameAt = (cj: CronJob, t: number) => `${cj.metadata!.name}-${Math.floor(t / MINUTE)}`;

async function jobNames(client: Client): Promise<string[]> {
  const list = await client.resource(jobsResource).namespace("default").list();
  return list.items.filter((j) => !j.metadata?.deletionTimestamp).map((j) => j.metadata!.name!).sort();
}

async function waitForJobs(client: Client, want: string[]): Promise<void> {
  const sorted = [...want].sort();
  await eventually(
    `jobs are ${sorted.join(",")}`,
    async () => JSON.stringify(await jobNames(client)) === JSON.stringify(sorted),
  );
}

async function finishJob(
  client: Client,
  name: string,
  type: "Complete" | "Failed",
  startedAt: number,
): Promise<void> {
  const api = client.resource(jobsResource).namespace("default");
  const job = await api.get(name);
  const t = new Date(startedAt).toISOString().replace(/\.\d+Z$/, "Z");
  const cond = (type: string, reason: string) => ({
    type,
    status: "True",
    lastTransitionTime: t,
    reason,
    message: "",
  });
  await api.updateStatus({
    ...job,
    status: type === "Complete"
      ? {
        startTime: t,
        completionTime: t,
        succeeded: 1,
        conditions: [
          cond("SuccessCriteriaMet", "CompletionsReached"),
          cond("Complete", "CompletionsReached"),
        ],
      }
      : {
        startTime: t,
        failed: 1,
        conditions: [cond("FailureTarget", "BackoffLimitExceeded"), cond("Failed", "BackoffLimitExceeded")],
      },
  } as Job);
}

async function eventMessages(client: Client, name: string): Promise<string[]> {
  const list = await client.resource(eventsResource).namespace("default").list();
  // deno-lint-ignore no-explicit-any
  return (list.items as any[]).filter((e) =>
    e.involvedObject?.kind === "CronJob" && e.involvedObject?.name === name
  )
    .map((e) => `${e.reason} ${e.message}`);
}

async function hasEvent(client: Client, name: string, message: string): Promise<void> {
  await eventually(`event "${message}"`, async () => (await eventMessages(client, name)).includes(message));
}

Deno.test("a CronJob creates its Job at the scheduled time, named after the scheduled minute", async () => {
  const w = await start();
  try {
    const cj = await w.cronJobs.create(cronJob("hello"));
    // Before the first scheduled time nothing runs.
    await w.tick(slot(cj, 0) - 10_000, "hello");
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await jobNames(w.client), []);

    const t = slot(cj, 0);
    await w.tick(t, "hello");
    const name = nameAt(cj, t);
    await waitForJobs(w.client, [name]);
    const job = await w.jobs.get(name);
    const scheduled = new Date(Math.floor(t / MINUTE) * MINUTE).toISOString().replace(/\.\d+Z$/, "Z");
    assert.equal(job.metadata?.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"], scheduled);
    assert.equal(job.metadata?.labels?.app, "hello");
    assert.deepEqual(job.metadata?.ownerReferences, [{
      apiVersion: "batch/v1",
      kind: "CronJob",
      name: "hello",
      uid: cj.metadata!.uid,
      controller: true,
      blockOwnerDeletion: true,
    }]);
    const active = await eventually("the Job is active", async () => {
      const c = await w.cronJobs.get("hello");
      return c.status?.active?.length ? c : undefined;
    });
    assert.equal(active.status?.lastScheduleTime, scheduled);
    assert.deepEqual(
      { ...active.status!.active![0], resourceVersion: undefined },
      {
        kind: "Job",
        namespace: "default",
        name,
        uid: job.metadata!.uid,
        apiVersion: "batch/v1",
        resourceVersion: undefined,
      },
    );
    await hasEvent(w.client, "hello", `SuccessfulCreate Created job ${name}`);

    await finishJob(w.client, name, "Complete", t);
    const done = await eventually("the Job leaves the active list", async () => {
      const c = await w.cronJobs.get("hello");
      return !c.status?.active && c.status?.lastSuccessfulTime ? c : undefined;
    });
    assert.equal(done.status?.lastSuccessfulTime, new Date(t).toISOString().replace(/\.\d+Z$/, "Z"));
    await hasEvent(w.client, "hello", `SawCompletedJob Saw completed job: ${name}, status: Complete`);
  } finally {
    await w.close();
  }
});

Deno.test("concurrencyPolicy Forbid skips a run while the previous Job is still running", async () => {
  const w = await start();
  try {
    const cj = await w.cronJobs.create(cronJob("once", { concurrencyPolicy: "Forbid" }));
    await w.tick(slot(cj, 0), "once");
    await waitForJobs(w.client, [nameAt(cj, slot(cj, 0))]);
    await eventually(
      "the first Job is active",
      async () => (await w.cronJobs.get("once")).status?.active?.length,
    );
    await w.tick(slot(cj, 1), "once");
    await hasEvent(
      w.client,
      "once",
      "JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid",
    );
    assert.deepEqual(await jobNames(w.client), [nameAt(cj, slot(cj, 0))]);

    // The skipped run is still the most recent unmet one, so it starts late once the first is done.
    await finishJob(w.client, nameAt(cj, slot(cj, 0)), "Complete", slot(cj, 0));
    await waitForJobs(w.client, [nameAt(cj, slot(cj, 0)), nameAt(cj, slot(cj, 1))]);
    // As in Kubernetes, the pass that drops the finished Job from `active` records lastSuccessfulTime
    // only on the next pass (syncCronJob's third branch), so wait for both.
    const c = await eventually(
      "the late Job is the only active one and the first one's success is recorded",
      async () => {
        const c = await w.cronJobs.get("once");
        return c.status?.active?.length === 1 && c.status.active[0].name === nameAt(cj, slot(cj, 1)) &&
            c.status.lastSuccessfulTime
          ? c
          : undefined;
      },
    );
    assert.ok(c.status?.lastSuccessfulTime);
  } finally {
    await w.close();
  }
});

Deno.test("concurrencyPolicy Replace deletes the running Job and starts the next one", async () => {
  const w = await start();
  try {
    const cj = await w.cronJobs.create(cronJob("swap", { concurrencyPolicy: "Replace" }));
    const first = nameAt(cj, slot(cj, 0)), second = nameAt(cj, slot(cj, 1));
    await w.tick(slot(cj, 0), "swap");
    await waitForJobs(w.client, [first]);
    await eventually(
      "the first Job is active",
      async () => (await w.cronJobs.get("swap")).status?.active?.length,
    );
    await w.tick(slot(cj, 1), "swap");
    await waitForJobs(w.client, [second]);
    const c = await eventually("only the second Job is active", async () => {
      const c = await w.cronJobs.get("swap");
      return c.status?.active?.length === 1 && c.status.active[0].name === second ? c : undefined;
    });
    assert.ok(c);
    await hasEvent(w.client, "swap", `SuccessfulDelete Deleted job ${first}`);
  } finally {
    await w.close();
  }
});

Deno.test("finished Jobs beyond the history limits are deleted, oldest first", async () => {
  const w = await start();
  try {
    const cj = await w.cronJobs.create(
      cronJob("hist", { successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1 }),
    );
    const names = [0, 1, 2, 3].map((k) => nameAt(cj, slot(cj, k)));
    for (let k = 0; k < 4; k++) {
      await w.tick(slot(cj, k), "hist");
      await waitForJobs(w.client, names.slice(0, k + 1));
    }
    await finishJob(w.client, names[0], "Complete", slot(cj, 0));
    await finishJob(w.client, names[1], "Complete", slot(cj, 1));
    await finishJob(w.client, names[2], "Failed", slot(cj, 2));
    // One Complete (the newer) and one Failed stay; the running one is never pruned.
    await waitForJobs(w.client, [names[1], names[2], names[3]]);
    await hasEvent(w.client, "hist", `SuccessfulDelete Deleted job ${names[0]}`);
    await finishJob(w.client, names[3], "Failed", slot(cj, 3));
    await waitForJobs(w.client, [names[1], names[3]]);
  } finally {
    await w.close();
  }
});

Deno.test("a suspended CronJob starts no Jobs until it is resumed", async () => {
  const w = await start();
  try {
    const cj = await w.cronJobs.create(cronJob("paused", { suspend: true }));
    await w.tick(slot(cj, 0), "paused");
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await jobNames(w.client), []);
    await w.cronJobs.patch("paused", { spec: { suspend: false } }, { type: "merge" });
    // The missed run is still within reach (no startingDeadlineSeconds), so it starts now.
    await waitForJobs(w.client, [nameAt(cj, slot(cj, 0))]);
  } finally {
    await w.close();
  }
});

Deno.test("a run missed by more than startingDeadlineSeconds is skipped and the next one starts on time", async () => {
  const w = await start();
  try {
    const cj = await w.cronJobs.create(
      cronJob("late", { schedule: "*/5 * * * *", startingDeadlineSeconds: 10 }),
    );
    const created = Date.parse(cj.metadata!.creationTimestamp!);
    const scheduled = (Math.floor(created / (5 * MINUTE)) + 1) * 5 * MINUTE;
    // 30 s late: counting starts at now - 10 s, after the scheduled time, so that run is gone.
    await w.tick(scheduled + 30_000, "late");
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await jobNames(w.client), []);
    assert.equal((await w.cronJobs.get("late")).status?.lastScheduleTime, undefined);
    await w.tick(scheduled + 5 * MINUTE + 5_000, "late");
    await waitForJobs(w.client, [nameAt(cj, scheduled + 5 * MINUTE)]);
  } finally {
    await w.close();
  }
});
