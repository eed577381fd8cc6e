import assert from "node:assert/strict";
import type { Node, Pod } from "@skiff/kinds";
import { type Client, eventsResource, eventually, nodesResource, podsResource } from "@skiff/sdk";
import type { ControllerRevision } from "../api/controller_revision.ts";
import type { DaemonSet } from "../api/daemon_set.ts";
import { livePods, markReady, startWorkloadsCore } from "../_testing.ts";
import { controllerRevisionsResource, daemonSetsResource } from "../resources.ts";
import { targetNodeName } from "./util.ts";

function daemonSet(name: string, spec: Partial<NonNullable<DaemonSet["spec"]>> = {}): DaemonSet {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace: "default" },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "agent", image: "agent:1" }] },
      },
      ...spec,
    },
  } as DaemonSet;
}

async function addNode(client: Client, name: string, extra: Partial<Node> = {}): Promise<Node> {
  return await client.resource(nodesResource).create({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, ...extra.metadata },
    spec: { ...extra.spec },
  } as Node);
}

/** The DaemonSet's live pods by target node. */
async function podsByNode(client: Client, app: string): Promise<Map<string, Pod[]>> {
  const out = new Map<string, Pod[]>();
  for (const pod of await livePods(client)) {
    if (pod.metadata?.labels?.app !== app) continue;
    const node = targetNodeName(pod) ?? "";
    out.set(node, [...(out.get(node) ?? []), pod]);
  }
  return out;
}

const nodeNames = async (client: Client, app: string) => [...(await podsByNode(client, app)).keys()].sort();

const dsApi = (client: Client) => client.resource(daemonSetsResource).namespace("default");

async function setImage(client: Client, name: string, image: string): Promise<void> {
  await dsApi(client).patch(name, {
    spec: { template: { spec: { containers: [{ name: "agent", image }] } } },
  }, { type: "strategic" });
}

async function reasons(client: Client, name: string): Promise<string[]> {
  const events = await client.resource(eventsResource).namespace("default").list();
  return events.items.filter((e) => e.involvedObject?.name === name).map((e) => `${e.reason}: ${e.message}`);
}

const image = (pod: Pod) => pod.spec?.containers?.[0]?.image;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("a DaemonSet runs one pinned pod per node, skipping a tainted node unless it tolerates the taint", async () => {
  const w = await startWorkloadsCore();
  try {
    await addNode(w.client, "n1");
    await addNode(w.client, "n2");
    await addNode(w.client, "n3", {
      spec: { taints: [{ key: "dedicated", value: "infra", effect: "NoSchedule" }] },
    });
    await dsApi(w.client).create(daemonSet("agent"));
    await eventually(
      "agent runs on n1 and n2",
      async () => (await nodeNames(w.client, "agent")).join() === "n1,n2",
    );

    const [pod] = (await podsByNode(w.client, "agent")).get("n1")!;
    const ds = await dsApi(w.client).get("agent");
    assert.equal(pod.metadata?.generateName, "agent-");
    assert.deepEqual(pod.metadata?.ownerReferences, [{
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      name: "agent",
      uid: ds.metadata?.uid,
      controller: true,
      blockOwnerDeletion: true,
    }]);
    assert.deepEqual(pod.spec?.affinity, {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["n1"] }] }],
        },
      },
    });
    assert.equal(pod.spec?.nodeName, undefined, "the scheduler binds it, not the controller");
    assert.deepEqual(
      pod.spec?.tolerations?.map((t) => `${t.key}:${t.operator}:${t.effect}`),
      [
        "node.kubernetes.io/not-ready:Exists:NoExecute",
        "node.kubernetes.io/unreachable:Exists:NoExecute",
        "node.kubernetes.io/disk-pressure:Exists:NoSchedule",
        "node.kubernetes.io/memory-pressure:Exists:NoSchedule",
        "node.kubernetes.io/pid-pressure:Exists:NoSchedule",
        "node.kubernetes.io/unschedulable:Exists:NoSchedule",
      ],
    );
    assert.equal(ds.metadata?.annotations?.["deprecated.daemonset.template.generation"], "1");
    assert.equal(pod.metadata?.labels?.["pod-template-generation"], "1");
    const [revision] =
      (await w.client.resource(controllerRevisionsResource).namespace("default").list()).items;
    assert.equal(
      pod.metadata?.labels?.["controller-revision-hash"],
      revision.metadata?.labels?.["controller-revision-hash"],
    );
    assert.equal(revision.metadata?.name, `agent-${revision.metadata?.labels?.["controller-revision-hash"]}`);
    assert.equal(revision.revision, 1);

    const status = await eventually("the status counts two nodes", async () => {
      const s = (await dsApi(w.client).get("agent")).status;
      return s?.desiredNumberScheduled === 2 && s.currentNumberScheduled === 2 && s.observedGeneration === 1
        ? s
        : undefined;
    });
    assert.deepEqual(
      { ...status, observedGeneration: undefined },
      {
        currentNumberScheduled: 2,
        desiredNumberScheduled: 2,
        numberMisscheduled: 0,
        numberReady: 0,
        numberAvailable: 0,
        numberUnavailable: 2,
        updatedNumberScheduled: 2,
        observedGeneration: undefined,
      },
    );
    assert.equal(
      (await reasons(w.client, "agent")).filter((r) => r.startsWith("SuccessfulCreate: Created pod: agent-"))
        .length,
      2,
    );

    // A toleration lets the same template onto the tainted node.
    const tolerant = daemonSet("tolerant");
    tolerant.spec!.template.spec!.tolerations = [{
      key: "dedicated",
      operator: "Equal",
      value: "infra",
      effect: "NoSchedule",
    }];
    await dsApi(w.client).create(tolerant);
    await eventually(
      "tolerant runs on all three nodes",
      async () => (await nodeNames(w.client, "tolerant")).join() === "n1,n2,n3",
    );

    // Ready pods are counted as ready and (minReadySeconds 0) available.
    for (const pods of (await podsByNode(w.client, "agent")).values()) await markReady(w.client, pods[0]);
    await eventually("agent reports two available pods", async () => {
      const s = (await dsApi(w.client).get("agent")).status;
      return s?.numberReady === 2 && s.numberAvailable === 2 && s.numberUnavailable === 0;
    });
  } finally {
    await w.close();
  }
});

Deno.test("nodes that gain the selected label get a pod, and nodes that lose it or are deleted lose theirs", async () => {
  const w = await startWorkloadsCore();
  try {
    const nodes = w.client.resource(nodesResource);
    await addNode(w.client, "n1", { metadata: { labels: { disk: "ssd" } } });
    await addNode(w.client, "n2");
    const ds = daemonSet("ssd");
    ds.spec!.template.spec!.nodeSelector = { disk: "ssd" };
    await dsApi(w.client).create(ds);
    await eventually("ssd runs on n1 only", async () => (await nodeNames(w.client, "ssd")).join() === "n1");

    await nodes.patch("n2", { metadata: { labels: { disk: "ssd" } } });
    await eventually(
      "n2 gets a pod once labelled",
      async () => (await nodeNames(w.client, "ssd")).join() === "n1,n2",
    );

    await addNode(w.client, "n3", { metadata: { labels: { disk: "ssd" } } });
    await eventually(
      "a new node gets a pod",
      async () => (await nodeNames(w.client, "ssd")).join() === "n1,n2,n3",
    );

    await nodes.patch("n2", { metadata: { labels: { disk: null } } });
    await eventually(
      "n2 loses its pod with its label",
      async () => (await nodeNames(w.client, "ssd")).join() === "n1,n3",
    );

    await nodes.delete("n1");
    await eventually(
      "a deleted node loses its pod",
      async () => (await nodeNames(w.client, "ssd")).join() === "n3",
    );
    await eventually("the status follows", async () => {
      const s = (await dsApi(w.client).get("ssd")).status;
      return s?.desiredNumberScheduled === 1 && s.currentNumberScheduled === 1 && s.numberMisscheduled === 0;
    });
  } finally {
    await w.close();
  }
});

Deno.test("a failed daemon pod is deleted with a FailedDaemonPod event and replaced", async () => {
  const w = await startWorkloadsCore();
  try {
    await addNode(w.client, "n1");
    await dsApi(w.client).create(daemonSet("agent"));
    const [first] = await eventually(
      "a pod runs",
      async () => (await podsByNode(w.client, "agent")).get("n1"),
    );
    const pods = w.client.resource(podsResource).namespace("default");
    const fresh = await pods.get(first.metadata!.name!);
    await pods.updateStatus({ ...fresh, status: { ...fresh.status, phase: "Failed" } });
    const [second] = await eventually("a new pod replaces it", async () => {
      const now = (await podsByNode(w.client, "agent")).get("n1") ?? [];
      return now.length === 1 && now[0].metadata?.name !== first.metadata?.name ? now : undefined;
    });
    assert.equal(targetNodeName(second), "n1");
    assert.ok(
      (await reasons(w.client, "agent")).includes(
        `FailedDaemonPod: Found failed daemon pod default/${first.metadata?.name} on node n1, will try to kill it`,
      ),
    );
  } finally {
    await w.close();
  }
});

/** Marks every live pod of the app Ready (a stand-in kubelet, step by step). */
async function readyAll(client: Client, app: string): Promise<void> {
  for (const pods of (await podsByNode(client, app)).values()) {
    for (const pod of pods) {
      if (!pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) {
        await markReady(client, pod);
      }
    }
  }
}

Deno.test("a RollingUpdate with maxUnavailable 1 replaces one node's pod at a time", async () => {
  const w = await startWorkloadsCore();
  try {
    for (const n of ["n1", "n2", "n3"]) await addNode(w.client, n);
    await dsApi(w.client).create(daemonSet("agent"));
    await eventually("three pods", async () => (await nodeNames(w.client, "agent")).length === 3);
    await readyAll(w.client, "agent");
    await eventually(
      "all available",
      async () => (await dsApi(w.client).get("agent")).status?.numberAvailable === 3,
    );

    await setImage(w.client, "agent", "agent:2");
    for (let step = 1; step <= 3; step++) {
      // One node at a time: an old pod goes, a new one comes, and nothing else moves until it is ready.
      const byNode = await eventually(`step ${step}: ${step} new pods`, async () => {
        const m = await podsByNode(w.client, "agent");
        const all = [...m.values()].flat();
        return all.filter((p) => image(p) === "agent:2").length === step && all.length === 3 ? m : undefined;
      });
      await sleep(300);
      const all = [...(await podsByNode(w.client, "agent")).values()].flat();
      assert.equal(
        all.filter((p) => image(p) === "agent:2").length,
        step,
        "no further pod replaced before ready",
      );
      assert.equal([...byNode.values()].every((pods) => pods.length === 1), true);
      await readyAll(w.client, "agent");
    }
    const ds = await eventually("the rollout is complete", async () => {
      const d = await dsApi(w.client).get("agent");
      const s = d.status;
      return s?.updatedNumberScheduled === 3 && s.numberAvailable === 3 && s.observedGeneration === 2
        ? d
        : undefined;
    });
    assert.equal(ds.metadata?.annotations?.["deprecated.daemonset.template.generation"], "2");
    const pods = [...(await podsByNode(w.client, "agent")).values()].flat();
    assert.deepEqual(pods.map((p) => p.metadata?.labels?.["pod-template-generation"]), ["2", "2", "2"]);
    const revisions = (await w.client.resource(controllerRevisionsResource).namespace("default").list()).items
      .sort((a, b) => a.revision - b.revision);
    assert.deepEqual(revisions.map((r) => r.revision), [1, 2]);
    assert.equal(
      pods[0].metadata?.labels?.["controller-revision-hash"],
      revisions[1].metadata?.labels?.["controller-revision-hash"],
    );
  } finally {
    await w.close();
  }
});

Deno.test("a RollingUpdate with maxSurge 1 starts each new pod beside the old one and deletes the old once it is ready", async () => {
  const w = await startWorkloadsCore();
  try {
    for (const n of ["n1", "n2"]) await addNode(w.client, n);
    await dsApi(w.client).create(daemonSet("agent", {
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    }));
    await eventually("two pods", async () => (await nodeNames(w.client, "agent")).length === 2);
    await readyAll(w.client, "agent");
    await eventually(
      "all available",
      async () => (await dsApi(w.client).get("agent")).status?.numberAvailable === 2,
    );

    await setImage(w.client, "agent", "agent:2");
    for (let step = 1; step <= 2; step++) {
      const surged = await eventually(`step ${step}: a node runs an old and a new pod`, async () => {
        for (const [node, pods] of await podsByNode(w.client, "agent")) {
          if (pods.length === 2 && pods.some((p) => image(p) === "agent:2")) return node;
        }
      });
      await sleep(300);
      const byNode = await podsByNode(w.client, "agent");
      assert.equal(byNode.get(surged)?.length, 2, "the old pod stays until the new one is available");
      assert.equal([...byNode.values()].filter((pods) => pods.length === 2).length, 1, "one surge at a time");
      await readyAll(w.client, "agent");
      await eventually(`step ${step}: the old pod on ${surged} goes`, async () => {
        const pods = (await podsByNode(w.client, "agent")).get(surged) ?? [];
        return pods.length === 1 && image(pods[0]) === "agent:2";
      });
    }
    await eventually("the rollout is complete", async () => {
      const s = (await dsApi(w.client).get("agent")).status;
      return s?.updatedNumberScheduled === 2 && s.numberAvailable === 2 && s.numberUnavailable === 0;
    });
  } finally {
    await w.close();
  }
});

Deno.test("OnDelete leaves old pods alone until they are deleted, and their replacements run the new template", async () => {
  const w = await startWorkloadsCore();
  try {
    for (const n of ["n1", "n2"]) await addNode(w.client, n);
    await dsApi(w.client).create(daemonSet("agent", { updateStrategy: { type: "OnDelete" } }));
    await eventually("two pods", async () => (await nodeNames(w.client, "agent")).length === 2);
    await readyAll(w.client, "agent");
    await setImage(w.client, "agent", "agent:2");
    await eventually("the new generation is observed", async () => {
      const d = await dsApi(w.client).get("agent");
      return d.status?.observedGeneration === 2 && d.status.updatedNumberScheduled === 0;
    });
    await sleep(300);
    const before = [...(await podsByNode(w.client, "agent")).values()].flat();
    assert.deepEqual(before.map(image), ["agent:1", "agent:1"]);

    const victim = (await podsByNode(w.client, "agent")).get("n1")![0];
    await w.client.resource(podsResource).namespace("default").delete(victim.metadata!.name!);
    await eventually("n1's replacement runs agent:2", async () => {
      const pods = (await podsByNode(w.client, "agent")).get("n1") ?? [];
      return pods.length === 1 && image(pods[0]) === "agent:2";
    });
    assert.equal(image((await podsByNode(w.client, "agent")).get("n2")![0]), "agent:1");
    await eventually(
      "one pod is up to date",
      async () => (await dsApi(w.client).get("agent")).status?.updatedNumberScheduled === 1,
    );
  } finally {
    await w.close();
  }
});

Deno.test("going back to an earlier template reuses its ControllerRevision under the next revision number", async () => {
  const w = await startWorkloadsCore();
  try {
    await addNode(w.client, "n1");
    await dsApi(w.client).create(daemonSet("agent", { updateStrategy: { type: "OnDelete" } }));
    const revisions = w.client.resource(controllerRevisionsResource).namespace("default");
    const list = async () => (await revisions.list()).items.sort((a, b) => a.revision - b.revision);
    const [first] = await eventually("revision 1", async () => (await list()).length === 1 && await list());
    // What kubectl rollout undo applies: a strategic merge patch replacing the whole template, written
    // as Go writes a PodTemplateSpec.
    const template = (first.data as { spec: { template: Record<string, unknown> } }).spec.template;
    assert.deepEqual(Object.keys(first.data as object), ["spec"]);
    assert.equal(template.$patch, "replace");
    assert.deepEqual(template.metadata, { creationTimestamp: null, labels: { app: "agent" } });
    const containers = (template.spec as { containers: Record<string, unknown>[] }).containers;
    assert.equal(containers[0].image, "agent:1");
    assert.deepEqual(containers[0].resources, {});
    assert.deepEqual(first.metadata?.labels, {
      app: "agent",
      "controller-revision-hash": first.metadata?.name?.slice("agent-".length),
    });
    assert.equal(
      first.metadata?.annotations?.["deprecated.daemonset.template.generation"],
      "1",
      "a revision carries the DaemonSet's annotations",
    );

    await setImage(w.client, "agent", "agent:2");
    await eventually("revision 2", async () => (await list()).length === 2);
    await setImage(w.client, "agent", "agent:1");
    const back = await eventually("revision 1 renumbered 3", async () => {
      const all: ControllerRevision[] = await list();
      return all.length === 2 && all[1].metadata?.name === first.metadata?.name && all[1].revision === 3
        ? all
        : undefined;
    });
    assert.equal(back[0].revision, 2);
    assert.equal(
      (await dsApi(w.client).get("agent")).metadata?.annotations
        ?.["deprecated.daemonset.template.generation"],
      "3",
    );
  } finally {
    await w.close();
  }
});
