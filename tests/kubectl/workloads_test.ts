/**
 * The workloads module seen through the real kubectl: the shared manifests' Deployments roll out, and
 * `get`, `scale`, `rollout status|history|undo|pause|resume|restart` and `set image` behave as on
 * Kubernetes. The core runs in-process with the module installed as `skiff up` installs it; a stand-in
 * kubelet marks pods Ready.
 */
import assert from "node:assert/strict";
import type { SkiffProcess } from "../harness/skiff.ts";
import { eventually } from "@skiff/sdk";
import { readyLoop, startWorkloadsCore } from "../../operators/workloads/_testing.ts";
import { kubectl, kubectlWith, MANIFESTS, ok } from "./_kubectl.ts";

Deno.test("kubectl rolls Deployments out, scales, sets images, pauses, restarts and undoes them", async () => {
  const w = await startWorkloadsCore();
  const stopKubelet = readyLoop(w.client, { periodMs: 100 });
  // kubectl needs only the kubeconfig and a home for its cache.
  const skiff = { kubeconfig: w.core.kubeconfig, dataDir: w.core.dataDir } as SkiffProcess;
  try {
    assert.match(
      await ok(skiff, "apply", "-f", `${MANIFESTS}000-02.yaml`, "-f", `${MANIFESTS}002-18.yaml`),
      /deployment.apps\/test-k8s created\ndeployment.apps\/multi-container created/,
    );
    assert.match(
      await ok(skiff, "rollout", "status", "deployment/test-k8s", "--timeout=30s"),
      /deployment "test-k8s" successfully rolled out/,
    );
    await ok(skiff, "rollout", "status", "deployment/multi-container", "--timeout=30s");
    const table = (await ok(skiff, "get", "deployments")).trim().split("\n");
    assert.match(table[0], /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    assert.match(table[1], /^multi-container\s+1\/1\s+1\s+1\s+\d+s$/);
    assert.match(table[2], /^test-k8s\s+2\/2\s+2\s+2\s+\d+s$/);
    assert.match(await ok(skiff, "get", "rs", "-l", "app=test-k8s"), /test-k8s-[a-z0-9]+\s+2\s+2\s+2\s+/);
    await eventually("describe shows the controller's events and the new ReplicaSet", async () => {
      const text = await ok(skiff, "describe", "deployment", "test-k8s");
      return /NewReplicaSet:\s+test-k8s-[a-z0-9]+ \(2\/2 replicas created\)/.test(text) &&
        /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set test-k8s-[a-z0-9]+ from 0 to 2/
          .test(text);
    });

    assert.match(
      await ok(skiff, "scale", "deployment", "test-k8s", "--replicas=3"),
      /deployment.apps\/test-k8s scaled/,
    );
    await ok(skiff, "rollout", "status", "deployment/test-k8s", "--timeout=30s");
    await eventually(
      "three test-k8s pods are ready",
      async () => /test-k8s\s+3\/3\s+3\s+3/.test(await ok(skiff, "get", "deployment", "test-k8s")),
    );

    assert.match(
      await ok(
        skiff,
        "set",
        "image",
        "deployment/test-k8s",
        "test-k8s=ccr.ccs.tencentyun.com/k8s-tutorial/test-k8s:v2",
      ),
      /deployment.apps\/test-k8s image updated/,
    );
    await ok(skiff, "rollout", "status", "deployment/test-k8s", "--timeout=30s");
    const images = async () =>
      (await ok(
        skiff,
        "get",
        "pods",
        "-l",
        "app=test-k8s",
        "-o",
        "jsonpath={.items[*].spec.containers[0].image}",
      ))
        .split(" ").filter((s) => s);
    await eventually("every pod runs v2", async () => {
      const all = await images();
      return all.length === 3 && all.every((i) => i.endsWith(":v2"));
    });
    const history = await ok(skiff, "rollout", "history", "deployment/test-k8s");
    assert.match(history, /deployment.apps\/test-k8s\s*\nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);

    assert.match(
      await ok(skiff, "rollout", "undo", "deployment/test-k8s"),
      /deployment.apps\/test-k8s rolled back/,
    );
    await ok(skiff, "rollout", "status", "deployment/test-k8s", "--timeout=30s");
    await eventually("every pod runs v1 again", async () => {
      const all = await images();
      return all.length === 3 && all.every((i) => i.endsWith(":v1"));
    });
    assert.match(await ok(skiff, "rollout", "history", "deployment/test-k8s"), /\n2\s+<none>\n3\s+<none>/);

    assert.match(
      await ok(skiff, "rollout", "pause", "deployment/test-k8s"),
      /deployment.apps\/test-k8s paused/,
    );
    const paused = await kubectl(skiff, "rollout", "restart", "deployment/test-k8s");
    assert.notEqual(paused.code, 0, "a paused deployment cannot be restarted");
    assert.match(paused.stderr, /can't restart paused deployment \(run rollout resume first\)/);
    assert.match(
      await ok(skiff, "rollout", "resume", "deployment/test-k8s"),
      /deployment.apps\/test-k8s resumed/,
    );
    assert.match(
      await ok(skiff, "rollout", "restart", "deployment/test-k8s"),
      /deployment.apps\/test-k8s restarted/,
    );
    await ok(skiff, "rollout", "status", "deployment/test-k8s", "--timeout=30s");
    assert.match(await ok(skiff, "rollout", "history", "deployment/test-k8s"), /\n3\s+<none>\n4\s+<none>/);
    assert.match(
      await ok(
        skiff,
        "get",
        "deployment",
        "test-k8s",
        "-o",
        "jsonpath={.spec.template.metadata.annotations}",
      ),
      /kubectl.kubernetes.io\/restartedAt/,
    );
  } finally {
    await stopKubelet();
    await w.close();
  }
});

Deno.test("kubectl rollout status fails once a rollout exceeds its progress deadline", async () => {
  const w = await startWorkloadsCore();
  // This kubelet never gets the "broken" image's pods ready.
  const stopKubelet = readyLoop(w.client, {
    periodMs: 100,
    accept: (p) => p.spec?.containers[0].image !== "broken:1",
  });
  const skiff = { kubeconfig: w.core.kubeconfig, dataDir: w.core.dataDir } as SkiffProcess;
  try {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: 1
  progressDeadlineSeconds: 1
  selector:
    matchLabels: { app: broken }
  template:
    metadata:
      labels: { app: broken }
    spec:
      containers:
      - { name: app, image: "broken:1" }
`;
    const applied = await kubectlWith(skiff, { stdin: manifest }, "apply", "-f", "-");
    assert.equal(applied.code, 0, applied.stderr);
    const status = await kubectl(skiff, "rollout", "status", "deployment/broken", "--timeout=20s");
    assert.equal(status.code, 1);
    assert.match(status.stderr, /error: deployment "broken" exceeded its progress deadline/);
  } finally {
    await stopKubelet();
    await w.close();
  }
});
