import assert from "node:assert/strict";
import { type Client, eventually, podsResource } from "@skiff/sdk";
import type { Deployment } from "../api/deployment.ts";
import type { ReplicaSet } from "../api/replica_set.ts";
import { livePods, readyLoop, recordChanges, startWorkloadsCore } from "../_testing.ts";
import { deploymentsResource, replicaSetsResource } from "../resources.ts";

function deployment(name: string, image: string, spec: Partial<Deployment["spec"]> = {}): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "web", image }] },
      },
      ...spec,
    },
  } as Deployment;
}

const setImage = (image: string) => ({
  spec: { template: { spec: { containers: [{ name: "web", image }] } } },
});

function isReady(p: { status?: { conditions?: { type: string; status: string }[] } }): boolean {
  return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** Waits until the deployment says every replica runs its current template and is available. */
async function rolledOut(client: Client, name: string): Promise<Deployment> {
  const api = client.resource(deploymentsResource).namespace("default");
  return await eventually(`deployment ${name} is rolled out`, async () => {
    const d = await api.get(name);
    const want = d.spec?.replicas ?? 1;
    const progressing = d.status?.conditions?.find((c) => c.type === "Progressing");
    return (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
        (d.status?.updatedReplicas ?? 0) === want && (d.status?.availableReplicas ?? 0) === want &&
        (d.status?.replicas ?? 0) === want && progressing?.reason === "NewReplicaSetAvailable"
      ? d
      : undefined;
  }, 30_000);
}

async function replicaSetsOf(client: Client): Promise<ReplicaSet[]> {
  return (await client.resource(replicaSetsResource).namespace("default").list()).items
    .sort((a, b) => revision(a) - revision(b));
}

function revision(rs: ReplicaSet): number {
  return Number(rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
}

Deno.test("a rolling update of 4 replicas with maxSurge 1 and maxUnavailable 1 keeps 3 to 5 pods, 3 available", async () => {
  const w = await startWorkloadsCore();
  const stopKubelet = readyLoop(w.client, { periodMs: 150 });
  try {
    const api = w.client.resource(deploymentsResource).namespace("default");
    const created = await api.create(deployment("web", "nginx:1.26", {
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
    }));
    assert.deepEqual(created.status, {});
    let d = await rolledOut(w.client, "web");
    assert.equal(d.metadata?.annotations?.["deployment.kubernetes.io/revision"], "1");
    assert.equal(
      d.status?.conditions?.find((c) => c.type === "Available")?.reason,
      "MinimumReplicasAvailable",
    );
    const [first] = await replicaSetsOf(w.client);
    const hash = first.metadata?.labels?.["pod-template-hash"];
    assert.ok(hash);
    assert.equal(first.metadata?.name, `web-${hash}`);
    assert.equal(first.spec?.selector.matchLabels?.["pod-template-hash"], hash);
    assert.equal(first.metadata?.annotations?.["deployment.kubernetes.io/revision"], "1");
    assert.equal(first.metadata?.annotations?.["deployment.kubernetes.io/desired-replicas"], "4");
    assert.equal(first.metadata?.annotations?.["deployment.kubernetes.io/max-replicas"], "5");

    // The ReplicaSets' every change through the rollout: the surge is a moment in their sizes that a
    // poll of the pods can step over when the old pod goes just after the new one comes.
    const setChanges = await recordChanges(w.client, replicaSetsResource);
    // Poll the pods through the rollout, for what must hold at every moment.
    let watching = true;
    let most = 0;
    let fewestReady = Infinity;
    let mixed = false;
    const watcher = (async () => {
      while (watching) {
        const pods = await livePods(w.client);
        most = Math.max(most, pods.length);
        fewestReady = Math.min(fewestReady, pods.filter(isReady).length);
        const images = new Set(pods.map((p) => p.spec?.containers[0].image));
        if (images.size > 1) mixed = true;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await api.patch("web", setImage("nginx:1.27"), { type: "strategic" });
    d = await eventually("the new template is observed", async () => {
      const d = await api.get("web");
      return d.metadata?.generation === 2 ? d : undefined;
    });
    d = await rolledOut(w.client, "web");
    watching = false;
    await watcher;
    await setChanges.stop();
    assert.ok(mixed, "old and new pods ran side by side");
    assert.ok(most <= 5, `at most replicas + maxSurge pods (saw ${most})`);
    // Replay the sizes from the first ReplicaSet's 4 there were before the patch.
    const sizes = new Map(setChanges.initial.map((rs) => [rs.metadata!.uid!, rs.spec?.replicas ?? 0]));
    let mostWanted = 0;
    for (const { object: rs } of setChanges.events) {
      sizes.set(rs.metadata!.uid!, rs.spec?.replicas ?? 0);
      mostWanted = Math.max(mostWanted, [...sizes.values()].reduce((a, b) => a + b, 0));
    }
    assert.equal(mostWanted, 5, "the surge was used: the ReplicaSets asked for replicas + maxSurge pods");
    assert.ok(fewestReady >= 3, `at least replicas - maxUnavailable available (saw ${fewestReady})`);

    const pods = await livePods(w.client);
    assert.equal(pods.length, 4);
    assert.ok(pods.every((p) => p.spec?.containers[0].image === "nginx:1.27"));
    const [old, next] = await replicaSetsOf(w.client);
    assert.equal(old.metadata?.uid, first.metadata?.uid);
    assert.equal(old.spec?.replicas, 0);
    assert.equal(next.spec?.replicas, 4);
    assert.equal(next.metadata?.annotations?.["deployment.kubernetes.io/revision"], "2");
    assert.equal(d.metadata?.annotations?.["deployment.kubernetes.io/revision"], "2");
    assert.equal(
      d.status?.conditions?.find((c) => c.type === "Progressing")?.message,
      `ReplicaSet "${next.metadata?.name}" has successfully progressed.`,
    );
    assert.equal(d.status?.unavailableReplicas, undefined);
  } finally {
    await stopKubelet();
    await w.close();
  }
});

Deno.test("a Recreate deployment removes every old pod before it starts a new one", async () => {
  const w = await startWorkloadsCore();
  const stopKubelet = readyLoop(w.client, { periodMs: 100 });
  try {
    const api = w.client.resource(deploymentsResource).namespace("default");
    await api.create(deployment("web", "nginx:1.26", { replicas: 3, strategy: { type: "Recreate" } }));
    await rolledOut(w.client, "web");
    // Every pod change through the rollout, in order: the moment with no pod at all is short, and a
    // poll on a loaded machine can step over it.
    const podChanges = await recordChanges(w.client, podsResource);
    await api.patch("web", setImage("nginx:1.27"), { type: "strategic" });
    await eventually(
      "the new template is observed",
      async () => (await api.get("web")).metadata?.generation === 2,
    );
    await rolledOut(w.client, "web");
    await podChanges.stop();
    // Replay the changes from the three old pods there were before the patch.
    const live = new Map(
      podChanges.initial.filter((p) => !p.metadata?.deletionTimestamp).map((p) => [p.metadata!.uid!, p]),
    );
    let mixed = false;
    let empty = false;
    for (const { type, object: pod } of podChanges.events) {
      if (type === "DELETED" || pod.metadata?.deletionTimestamp) live.delete(pod.metadata!.uid!);
      else live.set(pod.metadata!.uid!, pod);
      if (new Set([...live.values()].map((p) => p.spec?.containers[0].image)).size > 1) mixed = true;
      if (live.size === 0) empty = true;
    }
    assert.ok(!mixed, "old and new pods never ran together");
    assert.ok(empty, "every old pod was gone first");
    const pods = await livePods(w.client);
    assert.equal(pods.length, 3);
    assert.ok(pods.every((p) => p.spec?.containers[0].image === "nginx:1.27"));
  } finally {
    await stopKubelet();
    await w.close();
  }
});

Deno.test("rolling back to an earlier template reuses its ReplicaSet under a new revision", async () => {
  const w = await startWorkloadsCore();
  const stopKubelet = readyLoop(w.client, { periodMs: 50 });
  try {
    const api = w.client.resource(deploymentsResource).namespace("default");
    await api.create(deployment("web", "nginx:1.26", { replicas: 2 }));
    await rolledOut(w.client, "web");
    await api.patch("web", setImage("nginx:1.27"), { type: "strategic" });
    await eventually("generation 2", async () => (await api.get("web")).metadata?.generation === 2);
    await rolledOut(w.client, "web");
    const [first, second] = await replicaSetsOf(w.client);
    // What kubectl rollout undo sends: the old ReplicaSet's template without its pod-template-hash.
    const template = structuredClone(first.spec!.template!);
    delete template.metadata!.labels!["pod-template-hash"];
    await api.patch("web", [{ op: "replace", path: "/spec/template", value: template }], { type: "json" });
    await eventually("generation 3", async () => (await api.get("web")).metadata?.generation === 3);
    const d = await rolledOut(w.client, "web");
    const sets = await w.client.resource(replicaSetsResource).namespace("default").list().then((l) =>
      l.items
    );
    assert.equal(sets.length, 2, "no third ReplicaSet");
    const back = sets.find((rs) => rs.metadata?.uid === first.metadata?.uid)!;
    assert.equal(back.spec?.replicas, 2);
    assert.equal(back.metadata?.annotations?.["deployment.kubernetes.io/revision"], "3");
    assert.equal(back.metadata?.annotations?.["deployment.kubernetes.io/revision-history"], "1");
    assert.equal(sets.find((rs) => rs.metadata?.uid === second.metadata?.uid)?.spec?.replicas, 0);
    assert.equal(d.metadata?.annotations?.["deployment.kubernetes.io/revision"], "3");
  } finally {
    await stopKubelet();
    await w.close();
  }
});

Deno.test("a paused deployment scales but does not roll out until it is resumed", async () => {
  const w = await startWorkloadsCore();
  const stopKubelet = readyLoop(w.client, { periodMs: 50 });
  try {
    const api = w.client.resource(deploymentsResource).namespace("default");
    await api.create(deployment("web", "nginx:1.26", { replicas: 2 }));
    await rolledOut(w.client, "web");
    await api.patch("web", { spec: { paused: true } });
    await eventually("the paused condition shows", async () => {
      const c = (await api.get("web")).status?.conditions?.find((c) => c.type === "Progressing");
      return c?.reason === "DeploymentPaused" && c.status === "Unknown" &&
        c.message === "Deployment is paused";
    });
    await api.patch("web", setImage("nginx:1.27"), { type: "strategic" });
    await api.patch("web", { spec: { replicas: 3 } });
    await eventually("the old ReplicaSet is scaled to 3", async () => {
      const sets = await replicaSetsOf(w.client);
      return sets.length === 1 && sets[0].spec?.replicas === 3;
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await replicaSetsOf(w.client)).length, 1, "no new ReplicaSet while paused");

    await api.patch("web", { spec: { paused: false } });
    const d = await rolledOut(w.client, "web");
    assert.equal(d.status?.availableReplicas, 3);
    const pods = await livePods(w.client);
    assert.ok(pods.length === 3 && pods.every((p) => p.spec?.containers[0].image === "nginx:1.27"));
  } finally {
    await stopKubelet();
    await w.close();
  }
});

Deno.test("old ReplicaSets beyond revisionHistoryLimit are deleted", async () => {
  const w = await startWorkloadsCore();
  const stopKubelet = readyLoop(w.client, { periodMs: 50 });
  try {
    const api = w.client.resource(deploymentsResource).namespace("default");
    await api.create(deployment("web", "nginx:1.25", { replicas: 1, revisionHistoryLimit: 1 }));
    await rolledOut(w.client, "web");
    for (const [i, image] of ["nginx:1.26", "nginx:1.27"].entries()) {
      await api.patch("web", setImage(image), { type: "strategic" });
      await eventually(
        "the change is observed",
        async () => (await api.get("web")).metadata?.generation === i + 2,
      );
      await rolledOut(w.client, "web");
    }
    const sets = await eventually("two ReplicaSets are left", async () => {
      const sets = await replicaSetsOf(w.client);
      return sets.length === 2 ? sets : undefined;
    });
    assert.deepEqual(sets.map((rs) => rs.metadata?.annotations?.["deployment.kubernetes.io/revision"]), [
      "2",
      "3",
    ]);
  } finally {
    await stopKubelet();
    await w.close();
  }
});

Deno.test("a rollout whose pods never become ready is reported ProgressDeadlineExceeded", async () => {
  const w = await startWorkloadsCore();
  try {
    const api = w.client.resource(deploymentsResource).namespace("default");
    await api.create(deployment("web", "nginx:1.27", { replicas: 2, progressDeadlineSeconds: 1 }));
    const d = await eventually("the deadline passes", async () => {
      const d = await api.get("web");
      const c = d.status?.conditions?.find((c) => c.type === "Progressing");
      return c?.reason === "ProgressDeadlineExceeded" ? d : undefined;
    }, 10_000);
    const rs = (await replicaSetsOf(w.client))[0];
    const progressing = d.status?.conditions?.find((c) => c.type === "Progressing");
    assert.equal(progressing?.status, "False");
    assert.equal(progressing?.message, `ReplicaSet "${rs.metadata?.name}" has timed out progressing.`);
    const available = d.status?.conditions?.find((c) => c.type === "Available");
    assert.equal(available?.status, "False");
    assert.equal(available?.reason, "MinimumReplicasUnavailable");
    assert.equal(d.status?.unavailableReplicas, 2);
  } finally {
    await w.close();
  }
});

Deno.test("a deployment's scale subresource carries its selector as a string", async () => {
  const w = await startWorkloadsCore();
  try {
    await w.client.resource(deploymentsResource).namespace("default").create(deployment("web", "nginx:1.27"));
    const res = await fetch(`${w.core.url}/apis/apps/v1/namespaces/default/deployments/web/scale`, {
      headers: { authorization: `Bearer ${w.core.token}` },
      client: Deno.createHttpClient({ caCerts: [w.core.caPem] }),
    });
    const scale = await res.json();
    assert.equal(scale.kind, "Scale");
    assert.equal(scale.spec.replicas, 4);
    assert.equal(scale.status.selector, "app=web");
  } finally {
    await w.close();
  }
});

Deno.test("resizing a deployment mid-rollout shares the new replicas among its ReplicaSets in proportion", async () => {
  const w = await startWorkloadsCore();
  // Only the first template's pods become ready: the rollout to the second stalls half way.
  const stopKubelet = readyLoop(w.client, {
    periodMs: 50,
    accept: (p) => p.spec?.containers[0].image === "nginx:1.26",
  });
  try {
    const api = w.client.resource(deploymentsResource).namespace("default");
    await api.create(deployment("web", "nginx:1.26", {
      replicas: 10,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
    }));
    await rolledOut(w.client, "web");
    await api.patch("web", setImage("nginx:1.27"), { type: "strategic" });
    // 13 pods at most, 8 available at least: old 8, new 5 and stuck there.
    const stalled = await eventually("the rollout stalls at old 8, new 5", async () => {
      const sets = await replicaSetsOf(w.client);
      const sizes = sets.map((rs) => rs.spec?.replicas);
      return sizes.join() === "8,5" ? sets : undefined;
    });
    assert.equal(stalled.length, 2);
    await new Promise((r) => setTimeout(r, 200));
    await api.patch("web", { spec: { replicas: 20 } });
    // allowed 23, 10 to add: old 8·23/13 = 14.2 → 14 (+6), new 5·23/13 = 8.8 → 9 (+4).
    await eventually("both ReplicaSets grew in proportion", async () => {
      const sizes = (await replicaSetsOf(w.client)).map((rs) => rs.spec?.replicas);
      return sizes.join() === "14,9";
    });
  } finally {
    await stopKubelet();
    await w.close();
  }
});

Deno.test("the deprecated rollback annotation puts an earlier revision's template back and is cleared", async () => {
  const w = await startWorkloadsCore();
  const stopKubelet = readyLoop(w.client, { periodMs: 50 });
  try {
    const api = w.client.resource(deploymentsResource).namespace("default");
    await api.create(deployment("web", "nginx:1.26", { replicas: 1 }));
    await rolledOut(w.client, "web");
    await api.patch("web", setImage("nginx:1.27"), { type: "strategic" });
    await eventually("generation 2", async () => (await api.get("web")).metadata?.generation === 2);
    await rolledOut(w.client, "web");
    await api.patch("web", { metadata: { annotations: { "deprecated.deployment.rollback.to": "1" } } });
    const d = await eventually("the template is back and the request cleared", async () => {
      const d = await api.get("web");
      return d.spec?.template.spec?.containers[0].image === "nginx:1.26" &&
          !d.metadata?.annotations?.["deprecated.deployment.rollback.to"]
        ? d
        : undefined;
    });
    assert.equal(d.spec?.template.metadata?.labels?.["pod-template-hash"], undefined);
    await rolledOut(w.client, "web");
    assert.equal((await api.get("web")).metadata?.annotations?.["deployment.kubernetes.io/revision"], "3");
  } finally {
    await stopKubelet();
    await w.close();
  }
});
