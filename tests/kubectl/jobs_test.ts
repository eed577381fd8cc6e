// End-to-end: Jobs and CronJobs on `skiff up --simulated-nodes 2`, driven by the real kubectl: create job,
// `kubectl get jobs` columns as the pod runs and completes, create cronjob, `kubectl get cronjobs` columns,
// create job --from=cronjob, and deletes that take the children with them. Simulated nodes run pods but
// never finish them, so the test plays the kubelet's last word: it patches the pod's status to Succeeded
// through pods/status (`kubectl patch --subresource=status`).
import assert from "node:assert/strict";
import { BACKENDS, kubectlWith, ok } from "./_kubectl.ts";
import type { SkiffProcess } from "../harness/skiff.ts";

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const jsonpath = (skiff: SkiffProcess, path: string, ...what: string[]) =>
  ok(skiff, "get", ...what, "-o", `jsonpath=${path}`);

/** Reports a pod's containers exited 0 and the pod Succeeded, as a kubelet would. */
async function succeed(skiff: SkiffProcess, pod: string, container: string): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const status = {
    status: {
      phase: "Succeeded",
      conditions: [{ type: "Ready", status: "False", reason: "PodCompleted", lastTransitionTime: now }],
      containerStatuses: [{
        name: container,
        image: "perl",
        imageID: "",
        ready: false,
        restartCount: 0,
        started: false,
        state: { terminated: { exitCode: 0, reason: "Completed", startedAt: now, finishedAt: now } },
      }],
    },
  };
  await ok(skiff, "patch", "pod", pod, "--subresource=status", "--type=merge", "-p", JSON.stringify(status));
}

Deno.test({
  name: "kubectl creates, lists, completes and deletes Jobs and CronJobs on simulated nodes",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { skiff, stop } = await BACKENDS[0].start(["--simulated-nodes", "2"]);
    try {
      let pod = "";
      await t.step("create job runs one pod, tracked by the Job's finalizer", async () => {
        assert.equal(
          await ok(skiff, "create", "job", "pi", "--image=perl", "--", "echo", "hi"),
          "job.batch/pi created\n",
        );
        await until(
          "the pod runs on a node",
          async () =>
            (await jsonpath(skiff, "{.items[*].status.phase}", "pods", "-l", "job-name=pi")) === "Running",
        );
        pod = await jsonpath(skiff, "{.items[0].metadata.name}", "pods", "-l", "job-name=pi");
        assert.match(pod, /^pi-[a-z0-9]{5}$/);
        assert.equal(
          await jsonpath(skiff, "{.metadata.finalizers}", "pod", pod),
          '["batch.kubernetes.io/job-tracking"]',
        );
        await until(
          "the Job counts it active",
          async () => (await jsonpath(skiff, "{.status.active}", "job", "pi")) === "1",
        );
        assert.match(
          await ok(skiff, "get", "jobs"),
          /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Running\s+0\/1\s+\d+s\s+\d+s\n$/,
        );
      });

      await t.step("the pod succeeding completes the Job", async () => {
        await succeed(skiff, pod, "pi");
        assert.equal(
          await ok(skiff, "wait", "--for=condition=complete", "job/pi", "--timeout=60s"),
          "job.batch/pi condition met\n",
        );
        assert.match(
          await ok(skiff, "get", "jobs"),
          /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Complete\s+1\/1\s+\d+s\s+\d+s\n$/,
        );
        const uid = await jsonpath(skiff, "{.metadata.uid}", "job", "pi");
        const wide = await ok(skiff, "get", "jobs", "-o", "wide");
        assert.match(
          wide,
          /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\npi\s+Complete\s+1\/1\s+\d+s\s+\d+s\s+pi\s+perl\s+(\S+)\n$/,
        );
        assert.equal(wide.trim().split(/\s+/).at(-1), `batch.kubernetes.io/controller-uid=${uid}`);
        assert.equal(
          await jsonpath(skiff, "{.status.succeeded} {.status.ready} {.status.terminating}", "job", "pi"),
          "1 0 0",
        );
        assert.equal(await jsonpath(skiff, "{.metadata.finalizers[*]}", "pod", pod), "");
        const events = await jsonpath(
          skiff,
          "{range .items[?(@.involvedObject.kind=='Job')]}{.source.component} {.reason} {.message}{'\\n'}{end}",
          "events",
        );
        assert.ok(events.includes(`job-controller SuccessfulCreate Created pod: ${pod}\n`), events);
        assert.ok(events.includes("job-controller Completed Job completed\n"), events);
      });

      await t.step(
        "a Job with ttlSecondsAfterFinished is deleted, pod and all, once it completes",
        async () => {
          const manifest = JSON.stringify({
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: { name: "brief" },
            spec: {
              ttlSecondsAfterFinished: 0,
              template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl" }] } },
            },
          });
          const applied = await kubectlWith(skiff, { stdin: manifest }, "apply", "-f", "-");
          assert.equal(applied.stdout, "job.batch/brief created\n", applied.stderr);
          await until(
            "its pod runs",
            async () =>
              (await jsonpath(skiff, "{.items[*].status.phase}", "pods", "-l", "job-name=brief")) ===
                "Running",
          );
          await succeed(
            skiff,
            await jsonpath(skiff, "{.items[0].metadata.name}", "pods", "-l", "job-name=brief"),
            "pi",
          );
          await until(
            "the Job and its pod are gone",
            async () =>
              !(await jsonpath(skiff, "{.items[*].metadata.name}", "jobs")).includes("brief") &&
              (await jsonpath(skiff, "{.items[*].metadata.name}", "pods", "-l", "job-name=brief")) === "",
            60_000,
          );
        },
      );

      await t.step("create cronjob and kubectl get cronjobs print Kubernetes' columns", async () => {
        assert.equal(
          await ok(
            skiff,
            "create",
            "cronjob",
            "hello",
            "--image=busybox",
            "--schedule=0 0 1 1 *",
            "--",
            "echo",
            "hi",
          ),
          "cronjob.batch/hello created\n",
        );
        assert.match(
          await ok(skiff, "get", "cronjobs"),
          /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\nhello\s+0 0 1 1 \*\s+<none>\s+False\s+0\s+<none>\s+\d+s\n$/,
        );
        assert.match(
          await ok(skiff, "get", "cronjobs", "-o", "wide"),
          /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nhello\s+0 0 1 1 \*\s+<none>\s+False\s+0\s+<none>\s+\d+s\s+hello\s+busybox\s+<none>\n$/,
        );
      });

      await t.step("create job --from=cronjob makes a Job the CronJob owns", async () => {
        assert.equal(
          await ok(skiff, "create", "job", "manual", "--from=cronjob/hello"),
          "job.batch/manual created\n",
        );
        assert.equal(
          await jsonpath(
            skiff,
            "{.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}",
            "job",
            "manual",
          ),
          "manual CronJob/hello",
        );
        await until(
          "its pod runs",
          async () =>
            (await jsonpath(skiff, "{.items[*].status.phase}", "pods", "-l", "job-name=manual")) ===
              "Running",
        );
      });

      await t.step("deleting the CronJob and the Job takes their Jobs and pods with them", async () => {
        assert.equal(await ok(skiff, "delete", "cronjob", "hello"), 'cronjob.batch "hello" deleted\n');
        await until(
          "the manual Job is collected",
          async () => (await jsonpath(skiff, "{.items[*].metadata.name}", "jobs")) === "pi",
          60_000,
        );
        assert.equal(await ok(skiff, "delete", "job", "pi"), 'job.batch "pi" deleted\n');
        await until(
          "no Job and no pod is left",
          async () =>
            (await jsonpath(skiff, "{.items[*].metadata.name}", "jobs")) === "" &&
            (await jsonpath(skiff, "{.items[*].metadata.name}", "pods")) === "",
          60_000,
        );
      });
    } finally {
      await skiff.stop();
      await stop();
    }
  },
});
