import assert from "node:assert/strict";
import type { CronJob } from "../api/cron_job.ts";
import { parseSchedule } from "../cron/schedule.ts";
import { jobFromTemplate, nextScheduleDelay, rfc1123z, rfc3339In } from "./_utils.ts";

const cj = (spec: Partial<NonNullable<CronJob["spec"]>> = {}, status: CronJob["status"] = {}): CronJob => ({
  metadata: { name: "hello", namespace: "ns", uid: "u1", creationTimestamp: "2024-05-01T09:30:00Z" },
  spec: {
    schedule: "0 * * * *",
    jobTemplate: { metadata: { labels: { app: "a" }, annotations: { note: "n" } }, spec: { template: {} } },
    ...spec,
  },
  status,
} as CronJob);

Deno.test("a scheduled Job is named after the minute and stamped with the time in the CronJob's zone", () => {
  const t = new Date("2024-05-01T10:00:00Z");
  const job = jobFromTemplate(cj({ timeZone: "Europe/Berlin" }), t);
  assert.equal(job.metadata?.name, "hello-28575960");
  assert.deepEqual(job.metadata?.annotations, {
    note: "n",
    "batch.kubernetes.io/cronjob-scheduled-timestamp": "2024-05-01T12:00:00+02:00",
  });
  assert.deepEqual(job.metadata?.labels, { app: "a" });
  assert.deepEqual(job.metadata?.ownerReferences?.[0], {
    apiVersion: "batch/v1",
    kind: "CronJob",
    name: "hello",
    uid: "u1",
    controller: true,
    blockOwnerDeletion: true,
  });
  assert.equal(rfc3339In(t, undefined), "2024-05-01T10:00:00Z");
  assert.equal(rfc3339In(t, "America/New_York"), "2024-05-01T06:00:00-04:00");
  assert.equal(rfc1123z(t), "Wed, 01 May 2024 10:00:00 +0000");
});

// Cases after TestNextScheduleTimeDuration (utils_test.go): 100 ms past the next activation.
Deno.test("a CronJob is looked at again just after its next scheduled time", () => {
  const hourly = parseSchedule("0 * * * *");
  const now = new Date("2024-05-01T10:20:00Z");
  assert.equal(nextScheduleDelay(cj(), now, hourly), 40 * 60_000 + 100);
  const scheduled = cj({}, { lastScheduleTime: "2024-05-01T10:00:00Z" });
  assert.equal(nextScheduleDelay(scheduled, now, hourly), 40 * 60_000 + 100);
  // Runs missed since 08:00: the next one after the most recent missed one, 11:00.
  const behind = cj({}, { lastScheduleTime: "2024-05-01T08:00:00Z" });
  assert.equal(nextScheduleDelay(behind, now, hourly), 40 * 60_000 + 100);
});
