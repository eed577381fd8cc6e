import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import { type Client, eventsResource, eventually, podsResource } from "@skiff/sdk";
import type { Job } from "../api/job.ts";
import { markReady, startWorkloadsCore } from "../_testing.ts";
import { jobsResource } from "../resources.ts";
import { finishPod } from "./_testing.ts";
import { JobController } from "./controller.ts";
import { TtlAfterFinishedController } from "./ttl.ts";

const fast = () =>
  new JobController({ podFailureBackoffMs: 50, maxPodFailureBackoffMs: 400, syncBatchPeriodMs: 10 });

function job(name: string, spec: Partial<NonNullable<Job["spec"]>> = {}): Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "default" },
    spec: {
      template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] } },
      ...spec,
    },
  } as Job;
}

async function podsOf(client: Client, name: string): Promise<Pod[]> {
  const list = await client.resource(podsResource).namespace("default").list({
    labelSelector: `batch.kubernetes.io/job-name=${name}`,
  });
  return list.items;
}

async function activePodsOf(client: Client, name: string): Promise<Pod[]> {
  return (await podsOf(client, name)).filter((p) =>
    !p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed"
  );
}

async function jobWith(client: Client, name: string, what: string, ok: (j: Job) => boolean): Promise<Job> {
  const api = client.resource(jobsResource).namespace("default");
  return await eventually(`job ${name} ${what}`, async () => {
    const j = await api.get(name);
    return ok(j) ? j : undefined;
  }, 20_000);
}

const hasCondition = (type: string) => (j: Job) =>
  j.status?.conditions?.some((c) => c.type === type && c.status === "True") ?? false;

async function eventsOf(client: Client, name: string): Promise<string[]> {
  const list = await client.resource(eventsResource).namespace("default").list();
  // deno-lint-ignore no-explicit-any
  return (list.items as any[]).filter((e) =>
    e.involvedObject?.name === name && e.involvedObject?.kind === "Job"
  )
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

Deno.test("a Job with completions 3 and parallelism 2 runs at most two pods and completes after three successes", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    const created = await w.client.resource(jobsResource).namespace("default").create(
      job("pi", { completions: 3, parallelism: 2 }),
    );
    const uid = created.metadata!.uid!;
    let finished = 0;
    while (finished < 3) {
      const active = await eventually("pods are running", async () => {
        const pods = await activePodsOf(w.client, "pi");
        return pods.length > 0 ? pods : undefined;
      });
      assert.ok(active.length <= 2, `at most parallelism pods run, saw ${active.length}`);
      const pod = active[0];
      assert.deepEqual(pod.metadata?.finalizers, ["batch.kubernetes.io/job-tracking"]);
      assert.equal(pod.metadata?.labels?.["job-name"], "pi");
      assert.equal(pod.metadata?.labels?.["batch.kubernetes.io/controller-uid"], uid);
      assert.equal(pod.metadata?.generateName, "pi-");
      assert.deepEqual(pod.metadata?.ownerReferences, [{
        apiVersion: "batch/v1",
        kind: "Job",
        name: "pi",
        uid,
        controller: true,
        blockOwnerDeletion: true,
      }]);
      await finishPod(w.client, pod);
      finished++;
      await jobWith(
        w.client,
        "pi",
        `counts ${finished} successes`,
        (j) => (j.status?.succeeded ?? 0) >= finished,
      );
    }
    const done = await jobWith(w.client, "pi", "is complete", hasCondition("Complete"));
    assert.equal(done.status?.succeeded, 3);
    assert.equal(done.status?.active, undefined);
    assert.equal(done.status?.ready, 0);
    assert.equal(done.status?.terminating, 0);
    assert.deepEqual(done.status?.uncountedTerminatedPods, {});
    assert.ok(done.status?.startTime && done.status?.completionTime);
    assert.deepEqual(
      done.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message]),
      [
        ["SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods"],
        ["Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods"],
      ],
    );
    // Every pod was counted, so none keeps the tracking finalizer.
    for (const p of await podsOf(w.client, "pi")) assert.deepEqual(p.metadata?.finalizers ?? [], []);
    const events = await eventually("the Completed event is recorded", async () => {
      const e = await eventsOf(w.client, "pi");
      return e.includes("Normal Completed Job completed") ? e : undefined;
    });
    assert.equal(
      events.filter((e) => /^Normal SuccessfulCreate Created pod: pi-[a-z0-9]{5}$/.test(e)).length,
      3,
    );
  } finally {
    await w.close();
  }
});

Deno.test("a failing pod is retried until backoffLimit, then the Job fails with BackoffLimitExceeded", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    await w.client.resource(jobsResource).namespace("default").create(job("flaky", { backoffLimit: 2 }));
    const seen = new Set<string>();
    for (let failures = 1; failures <= 3; failures++) {
      const pod = await eventually(`a pod runs for attempt ${failures}`, async () => {
        const pods = await activePodsOf(w.client, "flaky");
        return pods.find((p) => !seen.has(p.metadata!.uid!));
      });
      seen.add(pod.metadata!.uid!);
      await finishPod(w.client, pod, 1);
      await jobWith(
        w.client,
        "flaky",
        `counts ${failures} failures`,
        (j) => (j.status?.failed ?? 0) >= failures,
      );
    }
    const failed = await jobWith(w.client, "flaky", "has failed", hasCondition("Failed"));
    assert.equal(failed.status?.failed, 3);
    assert.equal(failed.status?.succeeded, undefined);
    assert.equal(failed.status?.completionTime, undefined);
    assert.deepEqual(
      failed.status?.conditions?.map((c) => [c.type, c.reason, c.message]),
      [
        ["FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit"],
        ["Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit"],
      ],
    );
    assert.equal(seen.size, 3, "no pod is created after the third failure");
    assert.deepEqual(await activePodsOf(w.client, "flaky"), []);
    await eventually(
      "the BackoffLimitExceeded warning is recorded",
      async () =>
        (await eventsOf(w.client, "flaky")).includes(
          "Warning BackoffLimitExceeded Job has reached the specified backoff limit",
        ),
    );
  } finally {
    await w.close();
  }
});

Deno.test("a Job running past activeDeadlineSeconds has its pods deleted and fails with DeadlineExceeded", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    await w.client.resource(jobsResource).namespace("default").create(
      job("slow", { activeDeadlineSeconds: 1, parallelism: 2, completions: 2 }),
    );
    // No wait for the two pods to run: on a loaded box the one-second deadline can pass before a poll sees them.
    // status.failed of 2 shows both were created and then deleted at the deadline.
    const failed = await jobWith(w.client, "slow", "has failed", hasCondition("Failed"));
    assert.equal(failed.status?.conditions?.find((c) => c.type === "Failed")?.reason, "DeadlineExceeded");
    assert.equal(failed.status?.failed, 2, "the deleted pods count as failed");
    assert.equal(failed.status?.active, undefined);
    await eventually("its pods are gone", async () => (await podsOf(w.client, "slow")).length === 0);
  } finally {
    await w.close();
  }
});

Deno.test("an Indexed Job gives each pod its completion index and lists the completed ones", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    await w.client.resource(jobsResource).namespace("default").create(
      job("idx", { completions: 3, parallelism: 3, completionMode: "Indexed" }),
    );
    const pods = await eventually("three pods run", async () => {
      const p = await activePodsOf(w.client, "idx");
      return p.length === 3 ? p : undefined;
    });
    const byIndex = new Map(
      pods.map((p) => [p.metadata!.annotations!["batch.kubernetes.io/job-completion-index"], p]),
    );
    assert.deepEqual([...byIndex.keys()].sort(), ["0", "1", "2"]);
    const one = byIndex.get("1")!;
    assert.equal(one.metadata?.labels?.["batch.kubernetes.io/job-completion-index"], "1");
    assert.equal(one.metadata?.generateName, "idx-1-");
    assert.match(one.metadata!.name!, /^idx-1-[a-z0-9]{5}$/);
    assert.equal(one.spec?.hostname, "idx-1");
    assert.deepEqual(one.spec?.containers[0].env?.find((e) => e.name === "JOB_COMPLETION_INDEX")?.valueFrom, {
      fieldRef: {
        apiVersion: "v1",
        fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']",
      },
    });

    await finishPod(w.client, one);
    let j = await jobWith(w.client, "idx", "lists index 1", (j) => j.status?.completedIndexes === "1");
    assert.equal(j.status?.succeeded, 1);
    // A failed index gets a new pod with the same index.
    await finishPod(w.client, byIndex.get("2")!, 1);
    const replacement = await eventually(
      "index 2 runs again",
      async () =>
        (await activePodsOf(w.client, "idx")).find((p) =>
          p.metadata?.annotations?.["batch.kubernetes.io/job-completion-index"] === "2" &&
          p.metadata.uid !== byIndex.get("2")!.metadata!.uid
        ),
    );
    await finishPod(w.client, byIndex.get("0")!);
    await finishPod(w.client, replacement);
    j = await jobWith(w.client, "idx", "is complete", hasCondition("Complete"));
    assert.equal(j.status?.completedIndexes, "0-2");
    assert.equal(j.status?.succeeded, 3);
    assert.equal(j.status?.failed, 1);
  } finally {
    await w.close();
  }
});

Deno.test("an Indexed Job whose success policy holds completes early and deletes its other pods", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    await w.client.resource(jobsResource).namespace("default").create(job("leader", {
      completions: 3,
      parallelism: 3,
      completionMode: "Indexed",
      successPolicy: { rules: [{ succeededIndexes: "0" }] },
    }));
    const pods = await eventually("three pods run", async () => {
      const p = await activePodsOf(w.client, "leader");
      return p.length === 3 ? p : undefined;
    });
    const zero = pods.find((p) =>
      p.metadata?.annotations?.["batch.kubernetes.io/job-completion-index"] === "0"
    )!;
    await finishPod(w.client, zero);
    const j = await jobWith(w.client, "leader", "is complete", hasCondition("Complete"));
    assert.deepEqual(
      j.status?.conditions?.map((c) => [c.type, c.reason, c.message]),
      [
        ["SuccessCriteriaMet", "SuccessPolicy", "Matched rules at index 0"],
        ["Complete", "SuccessPolicy", "Matched rules at index 0"],
      ],
    );
    assert.equal(j.status?.completedIndexes, "0");
    assert.equal(j.status?.succeeded, 1);
    assert.equal(j.status?.failed, undefined, "pods deleted for the success policy are not failures");
    await eventually(
      "the other pods are gone",
      async () => (await activePodsOf(w.client, "leader")).length === 0,
    );
  } finally {
    await w.close();
  }
});

Deno.test("with backoffLimitPerIndex an index fails on its own and the Job fails with FailedIndexes", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    await w.client.resource(jobsResource).namespace("default").create(job("per", {
      completions: 3,
      parallelism: 3,
      completionMode: "Indexed",
      backoffLimitPerIndex: 1,
    }));
    const at = (pods: Pod[], ix: string) =>
      pods.find((p) => p.metadata?.annotations?.["batch.kubernetes.io/job-completion-index"] === ix);
    const pods = await eventually("three pods run", async () => {
      const p = await activePodsOf(w.client, "per");
      return p.length === 3 ? p : undefined;
    });
    assert.equal(at(pods, "1")!.metadata?.annotations?.["batch.kubernetes.io/job-index-failure-count"], "0");
    await finishPod(w.client, at(pods, "1")!, 1);
    const retry = await eventually("index 1 is retried", async () => {
      const p = at(await activePodsOf(w.client, "per"), "1");
      return p && p.metadata!.uid !== at(pods, "1")!.metadata!.uid ? p : undefined;
    });
    assert.equal(retry.metadata?.annotations?.["batch.kubernetes.io/job-index-failure-count"], "1");
    await finishPod(w.client, retry, 1);
    // The second failure is first listed in uncountedTerminatedPods, then counted.
    let j = await jobWith(
      w.client,
      "per",
      "lists index 1 as failed and counts both failures",
      (j) => j.status?.failedIndexes === "1" && j.status?.failed === 2,
    );
    assert.equal(hasCondition("Failed")(j), false, "the other indexes still run");

    await finishPod(w.client, at(pods, "0")!);
    await finishPod(w.client, at(pods, "2")!);
    j = await jobWith(w.client, "per", "has failed", hasCondition("Failed"));
    assert.deepEqual(
      [j.status?.completedIndexes, j.status?.failedIndexes, j.status?.succeeded, j.status?.failed],
      ["0,2", "1", 2, 2],
    );
    assert.deepEqual(
      j.status?.conditions?.map((c) => [c.type, c.reason, c.message]),
      [["FailureTarget", "FailedIndexes", "Job has failed indexes"], [
        "Failed",
        "FailedIndexes",
        "Job has failed indexes",
      ]],
    );
    assert.equal(at(await activePodsOf(w.client, "per"), "1"), undefined, "a failed index gets no new pod");
  } finally {
    await w.close();
  }
});

Deno.test("a suspended Job runs no pods until it is resumed", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    const api = w.client.resource(jobsResource).namespace("default");
    await api.create(job("later", { suspend: true }));
    const suspended = await jobWith(w.client, "later", "is suspended", hasCondition("Suspended"));
    const cond = suspended.status?.conditions?.find((c) => c.type === "Suspended");
    assert.deepEqual([cond?.reason, cond?.message], ["JobSuspended", "Job suspended"]);
    assert.equal(suspended.status?.startTime, undefined);
    assert.deepEqual(await podsOf(w.client, "later"), []);

    await api.patch("later", { spec: { suspend: false } }, { type: "merge" });
    const resumed = await jobWith(
      w.client,
      "later",
      "is resumed",
      (j) => j.status?.conditions?.some((c) => c.type === "Suspended" && c.status === "False") ?? false,
    );
    assert.equal(resumed.status?.conditions?.find((c) => c.type === "Suspended")?.reason, "JobResumed");
    assert.ok(resumed.status?.startTime);
    await eventually("a pod runs", async () => (await activePodsOf(w.client, "later")).length === 1);
    const events = await eventsOf(w.client, "later");
    assert.ok(
      events.includes("Normal Suspended Job suspended") && events.includes("Normal Resumed Job resumed"),
    );
  } finally {
    await w.close();
  }
});

Deno.test("a finished Job with ttlSecondsAfterFinished is deleted in the foreground once its TTL expires", async () => {
  const w = await startWorkloadsCore([fast, () => new TtlAfterFinishedController()]);
  try {
    const api = w.client.resource(jobsResource).namespace("default");
    await api.create(job("short", { ttlSecondsAfterFinished: 1 }));
    const pod = await eventually("a pod runs", async () => (await activePodsOf(w.client, "short"))[0]);
    await finishPod(w.client, pod);
    // No check that the Job first shows Complete undeleted: a poll can land after the one-second TTL.
    // The deletion time, at least 1 s after the completion, shows the TTL was waited for.
    const done = await jobWith(w.client, "short", "is complete", hasCondition("Complete"));
    // No garbage collector runs here, so the foreground deletion leaves the Job terminating.
    const deleting = await jobWith(
      w.client,
      "short",
      "is being deleted",
      (j) => !!j.metadata?.deletionTimestamp,
    );
    assert.ok(deleting.metadata?.finalizers?.includes("foregroundDeletion"));
    const completedAt = Date.parse(
      done.status!.conditions!.find((c) => c.type === "Complete")!.lastTransitionTime!,
    );
    assert.ok(Date.parse(deleting.metadata!.deletionTimestamp!) >= completedAt + 1000);
  } finally {
    await w.close();
  }
});

Deno.test("a pod failure policy ignores some exit codes and fails the Job at once on others", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    await w.client.resource(jobsResource).namespace("default").create(job("policy", {
      backoffLimit: 0,
      podFailurePolicy: {
        rules: [
          { action: "FailJob", onExitCodes: { operator: "In", values: [42] } },
          { action: "Ignore", onExitCodes: { operator: "In", values: [3] } },
        ],
      },
    }));
    const first = await eventually("a pod runs", async () => (await activePodsOf(w.client, "policy"))[0]);
    await finishPod(w.client, first, 3);
    // Ignored: not counted against backoffLimit 0, and replaced.
    const second = await eventually(
      "a replacement runs",
      async () =>
        (await activePodsOf(w.client, "policy")).find((p) => p.metadata!.uid !== first.metadata!.uid),
    );
    let j = await w.client.resource(jobsResource).namespace("default").get("policy");
    assert.equal(j.status?.failed, undefined);
    assert.equal(hasCondition("Failed")(j), false);

    await finishPod(w.client, second, 42);
    j = await jobWith(w.client, "policy", "has failed", hasCondition("Failed"));
    const message = `Container pi for pod default/${
      second.metadata!.name
    } failed with exit code 42 matching FailJob rule at index 0`;
    assert.deepEqual(
      j.status?.conditions?.map((c) => [c.type, c.reason, c.message]),
      [["FailureTarget", "PodFailurePolicy", message], ["Failed", "PodFailurePolicy", message]],
    );
    assert.equal(j.status?.failed, 1);
  } finally {
    await w.close();
  }
});

Deno.test("pods left behind by a deleted Job lose their tracking finalizer", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    const api = w.client.resource(jobsResource).namespace("default");
    await api.create(job("gone", { parallelism: 2, completions: 4 }));
    await eventually("two pods run", async () => (await activePodsOf(w.client, "gone")).length === 2);
    // No garbage collector runs here: the pods stay, pointing at a Job that is no more.
    await api.delete("gone", { propagationPolicy: "Background" });
    await eventually("no pod keeps the finalizer", async () => {
      const pods = await podsOf(w.client, "gone");
      return pods.length === 2 && pods.every((p) => (p.metadata?.finalizers ?? []).length === 0);
    });
  } finally {
    await w.close();
  }
});

Deno.test("a failed pod is replaced only once the pod failure backoff has passed, the others still counted active", async () => {
  const w = await startWorkloadsCore([
    () => new JobController({ podFailureBackoffMs: 2000, syncBatchPeriodMs: 10 }),
  ]);
  try {
    await w.client.resource(jobsResource).namespace("default").create(
      job("wait", { backoffLimit: 3, parallelism: 2, completions: 2 }),
    );
    const [first, other] = await eventually("two pods run", async () => {
      const p = await activePodsOf(w.client, "wait");
      return p.length === 2 ? p : undefined;
    });
    await markReady(w.client, other);
    const failedAt = Date.now();
    await finishPod(w.client, first, 1);
    const waiting = await jobWith(w.client, "wait", "counts the failure", (j) => j.status?.failed === 1);
    assert.deepEqual([waiting.status?.active, waiting.status?.ready], [1, 1], "the running pod stays active");
    await eventually("a replacement runs", async () => (await activePodsOf(w.client, "wait")).length === 2);
    // 2 s from the container's finishedAt, which has whole seconds: at least 1 s after the failure.
    assert.ok(Date.now() - failedAt >= 1000, `replaced after ${Date.now() - failedAt} ms`);
  } finally {
    await w.close();
  }
});

Deno.test("a work queue Job without completions starts no pod after the first success and completes when all are done", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    await w.client.resource(jobsResource).namespace("default").create(job("queue", { parallelism: 2 }));
    const [a, b] = await eventually("two pods run", async () => {
      const p = await activePodsOf(w.client, "queue");
      return p.length === 2 ? p : undefined;
    });
    await finishPod(w.client, a);
    let j = await jobWith(w.client, "queue", "counts the success", (j) => j.status?.succeeded === 1);
    assert.equal(j.status?.active, 1);
    assert.equal(hasCondition("Complete")(j), false, "the other worker is still running");
    assert.equal((await activePodsOf(w.client, "queue")).length, 1, "no pod replaces the one that succeeded");
    await finishPod(w.client, b);
    j = await jobWith(w.client, "queue", "is complete", hasCondition("Complete"));
    assert.equal(j.status?.succeeded, 2);
  } finally {
    await w.close();
  }
});

Deno.test("suspending a running Job deletes its pods without counting them as failed", async () => {
  const w = await startWorkloadsCore([fast]);
  try {
    const api = w.client.resource(jobsResource).namespace("default");
    await api.create(job("pause", { parallelism: 2, completions: 4 }));
    await eventually("two pods run", async () => (await activePodsOf(w.client, "pause")).length === 2);
    // The pods are made before the status that records the start is written: suspending in between
    // would make a Job that never started, as in Kubernetes.
    await jobWith(w.client, "pause", "has started", (j) => !!j.status?.startTime);
    await api.patch("pause", { spec: { suspend: true } }, { type: "merge" });
    const j = await jobWith(w.client, "pause", "is suspended", hasCondition("Suspended"));
    await eventually("its pods are gone", async () => (await podsOf(w.client, "pause")).length === 0);
    const after = await api.get("pause");
    assert.equal(after.status?.failed, undefined);
    assert.equal(after.status?.active, undefined);
    assert.ok(j.status?.startTime, "a Job suspended after it started keeps its startTime");
    // Events are written after the deletes, on their own queue: wait for them rather than read once.
    const deletions = async () =>
      (await eventsOf(w.client, "pause")).filter((e) =>
        e.startsWith("Normal SuccessfulDelete Deleted pod: ")
      );
    await eventually("both deletions are recorded", async () => (await deletions()).length >= 2);
    assert.equal((await deletions()).length, 2);
  } finally {
    await w.close();
  }
});
