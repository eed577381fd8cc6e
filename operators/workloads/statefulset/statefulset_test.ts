import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import { toDefinition } from "@skiff/kinds";
import {
  type Client,
  defineOperator,
  type DefinitionSpec,
  eventsResource,
  eventually,
  podsResource,
} from "@skiff/sdk";
import { startModuleCore } from "../../../cli/module_core.ts";
import { PersistentVolumeClaimSchema } from "../api/persistent_volume_claim.ts";
import { workloadsOperator } from "../operator.ts";
import type { StatefulSet } from "../api/stateful_set.ts";
import { livePods, markReady, readyLoop, recordChanges, startWorkloadsCore } from "../_testing.ts";
import { controllerRevisionsResource, statefulSetsResource } from "../resources.ts";
import { templatePatch } from "../history/revision.ts";
import { CLAIM_KIND_MISSING } from "./pod_control.ts";
import { CLAIMS_CONDITION } from "./control.ts";

function statefulSet(name: string, spec: Partial<NonNullable<StatefulSet["spec"]>> = {}): StatefulSet {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace: "default" },
    spec: {
      replicas: 3,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
      ...spec,
    },
  } as StatefulSet;
}

const setImage = (image: string) => ({
  spec: { template: { spec: { containers: [{ name: "web", image }] } } },
});

const names = (pods: Pod[]) => pods.map((p) => p.metadata?.name).sort();
const isReady = (p: Pod) =>
  p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
const revisionOf = (p: Pod | undefined) => p?.metadata?.labels?.["controller-revision-hash"];

function sets(client: Client) {
  return client.resource(statefulSetsResource).namespace("default");
}

async function byName(client: Client): Promise<Map<string, Pod>> {
  return new Map((await livePods(client)).map((p) => [p.metadata!.name!, p]));
}

async function eventMessages(client: Client): Promise<string[]> {
  return (await client.resource(eventsResource).namespace("default").list()).items.map((e) =>
    e.message ?? ""
  );
}

/** Waits until the set reports every replica ready at one revision, its status current. */
async function rolledOut(client: Client, name: string, timeoutMs = 20_000): Promise<StatefulSet> {
  return await eventually(`statefulset ${name} is rolled out`, async () => {
    const s = await sets(client).get(name);
    const want = s.spec?.replicas ?? 1;
    const st = s.status;
    return (st?.observedGeneration ?? 0) >= (s.metadata?.generation ?? 0) && st?.replicas === want &&
        (st?.readyReplicas ?? 0) === want && (st?.updatedReplicas ?? 0) === want &&
        st?.currentRevision === st?.updateRevision
      ? s
      : undefined;
  }, timeoutMs);
}

/** Polls the pods until `done`, failing at once when `invariant` is broken. */
async function watchInvariant(
  client: Client,
  invariant: (pods: Map<string, Pod>) => string | undefined,
  done: (pods: Map<string, Pod>) => boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pods = await byName(client);
    const broken = invariant(pods);
    if (broken) throw new Error(broken);
    if (done(pods)) return;
    if (Date.now() > deadline) throw new Error(`timed out; pods: ${[...pods.keys()]}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

Deno.test("OrderedReady creates web-0, web-1, web-2 one at a time, each after the one before is Ready", async () => {
  const w = await startWorkloadsCore();
  try {
    await sets(w.client).create(statefulSet("web"));
    const pod0 = await eventually("web-0 exists", async () => (await byName(w.client)).get("web-0"));
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual([...(await byName(w.client)).keys()], ["web-0"], "web-1 waits for web-0 to be Ready");

    // The pod's identity: stable name, hostname and subdomain, and the labels Kubernetes sets.
    assert.equal(pod0.metadata?.generateName, "web-");
    assert.equal(pod0.spec?.hostname, "web-0");
    assert.equal(pod0.spec?.subdomain, "web");
    assert.equal(pod0.metadata?.labels?.["statefulset.kubernetes.io/pod-name"], "web-0");
    assert.equal(pod0.metadata?.labels?.["apps.kubernetes.io/pod-index"], "0");
    assert.match(revisionOf(pod0) ?? "", /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    assert.deepEqual(pod0.metadata?.ownerReferences?.map((r) => [r.kind, r.name, r.controller]), [
      ["StatefulSet", "web", true],
    ]);

    await markReady(w.client, pod0);
    const pod1 = await eventually("web-1 exists", async () => (await byName(w.client)).get("web-1"));
    assert.ok(!(await byName(w.client)).has("web-2"));
    await markReady(w.client, pod1);
    const pod2 = await eventually("web-2 exists", async () => (await byName(w.client)).get("web-2"));
    await markReady(w.client, pod2);

    const s = await rolledOut(w.client, "web");
    assert.equal(s.status?.replicas, 3);
    assert.equal(s.status?.availableReplicas, 3);
    assert.equal(s.status?.currentReplicas, 3);
    assert.equal(s.status?.collisionCount, 0);
    assert.equal(s.status?.currentRevision, revisionOf(pod0));
    await eventually("creations are recorded as Kubernetes words them", async () => {
      const messages = await eventMessages(w.client);
      return ["web-0", "web-1", "web-2"].every((p) =>
        messages.includes(`create Pod ${p} in StatefulSet web successful`)
      );
    });
  } finally {
    await w.close();
  }
});

Deno.test("with minReadySeconds the next pod waits until the one before has been Ready that long", async () => {
  const w = await startWorkloadsCore();
  // Every state the set and its pods go through, in order: the ready-but-not-available one lasts only
  // about minReadySeconds, which a poll on a loaded machine can miss.
  const setChanges = await recordChanges(w.client, statefulSetsResource);
  const podChanges = await recordChanges(w.client, podsResource);
  try {
    await sets(w.client).create(statefulSet("web", { replicas: 2, minReadySeconds: 2 }));
    const web0 = await eventually("web-0 exists", async () => (await byName(w.client)).get("web-0"));
    // Condition times have whole seconds: mark Ready at the start of one so the full 2 s are counted.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
    await markReady(w.client, web0);
    const web1 = await eventually("web-1 exists", async () => (await byName(w.client)).get("web-1"));
    await markReady(w.client, web1);
    const done = await eventually("both replicas are available", async () => {
      const s = await sets(w.client).get("web");
      return s.status?.availableReplicas === 2 ? s : undefined;
    }, 20_000);
    assert.equal(done.status?.readyReplicas, 2);

    const statuses = setChanges.events.map((e) => e.object.status);
    assert.ok(
      statuses.some((st) => st?.readyReplicas === 1 && (st.availableReplicas ?? 0) === 0),
      "web-0 was counted ready before it was counted available",
    );
    // web-1 is made only once web-0 has been Ready for 2 s; both times are whole seconds, rounded down.
    const ready = (await byName(w.client)).get("web-0")!.status!.conditions!.find((c) => c.type === "Ready")!;
    const readyAt = Date.parse(ready.lastTransitionTime!);
    const added = podChanges.events.find((e) => e.type === "ADDED" && e.object.metadata?.name === "web-1")!;
    const web1At = Date.parse(added.object.metadata!.creationTimestamp!);
    assert.ok(web1At >= readyAt + 2000, `web-1 made ${web1At - readyAt} ms after web-0 was Ready`);
  } finally {
    await setChanges.stop();
    await podChanges.stop();
    await w.close();
  }
});

Deno.test("a failed pod is deleted and made again under the same name", async () => {
  const w = await startWorkloadsCore();
  const stop = readyLoop(w.client, { periodMs: 50, accept: (p) => p.status?.phase !== "Failed" });
  try {
    await sets(w.client).create(statefulSet("web", { replicas: 2 }));
    await rolledOut(w.client, "web");
    const failed = (await byName(w.client)).get("web-1")!;
    const pods = w.client.resource(podsResource).namespace("default");
    await pods.updateStatus({ ...failed, status: { ...failed.status, phase: "Failed" } });
    const fresh = await eventually("web-1 is made again", async () => {
      const p = (await byName(w.client)).get("web-1");
      return p && p.metadata?.uid !== failed.metadata?.uid ? p : undefined;
    });
    assert.equal(fresh.spec?.hostname, "web-1");
    await rolledOut(w.client, "web");
    assert.ok(
      (await eventMessages(w.client)).includes("StatefulSet default/web is recreating failed Pod web-1"),
    );
  } finally {
    await stop();
    await w.close();
  }
});

Deno.test("a new set adopts orphan pods named for it and orphan revisions its selector matches, and no others", async () => {
  const w = await startWorkloadsCore();
  const stop = readyLoop(w.client, { periodMs: 50 });
  try {
    const pods = w.client.resource(podsResource).namespace("default");
    const spec = { containers: [{ name: "web", image: "nginx:1.27" }] };
    await pods.create({ metadata: { name: "web-0", labels: { app: "web" } }, spec });
    await pods.create({ metadata: { name: "cache-0", labels: { app: "web" } }, spec });
    await w.client.resource(controllerRevisionsResource).namespace("default").create({
      metadata: { name: "web-orphan", labels: { app: "web" } },
      data: {},
      revision: 7,
    });
    await sets(w.client).create(statefulSet("web", { replicas: 2 }));
    const s = await eventually("the set has two ready replicas", async () => {
      const s = await sets(w.client).get("web");
      return s.status?.readyReplicas === 2 ? s : undefined;
    });
    const all = await byName(w.client);
    assert.deepEqual([...all.keys()].sort(), ["cache-0", "web-0", "web-1"]);
    assert.equal(all.get("web-0")?.metadata?.ownerReferences?.[0].uid, s.metadata?.uid);
    assert.equal(all.get("cache-0")?.metadata?.ownerReferences, undefined);
    const orphan = await w.client.resource(controllerRevisionsResource).namespace("default").get(
      "web-orphan",
    );
    assert.equal(orphan.metadata?.ownerReferences?.[0].uid, s.metadata?.uid);
    // The adopted revision is the newest number, so the set's own revision came after it.
    assert.equal(
      (await w.client.resource(controllerRevisionsResource).namespace("default").get(
        s.status!.updateRevision!,
      )).revision,
      8,
    );
  } finally {
    await stop();
    await w.close();
  }
});

Deno.test("scaling down removes pods from the highest ordinal down, one at a time", async () => {
  const w = await startWorkloadsCore();
  const stop = readyLoop(w.client, { periodMs: 50 });
  try {
    await sets(w.client).create(statefulSet("web", { replicas: 4 }));
    await rolledOut(w.client, "web");
    await sets(w.client).patch("web", { spec: { replicas: 1 } });
    await watchInvariant(
      w.client,
      (pods) => {
        for (let i = 1; i < 3; i++) {
          if (!pods.has(`web-${i}`) && pods.has(`web-${i + 1}`)) return `web-${i} went before web-${i + 1}`;
        }
      },
      (pods) => pods.size === 1 && pods.has("web-0"),
    );
    const s = await rolledOut(w.client, "web");
    assert.equal(s.status?.replicas, 1);
    await eventually(
      "deletions are recorded",
      async () => (await eventMessages(w.client)).includes("delete Pod web-3 in StatefulSet web successful"),
    );
  } finally {
    await stop();
    await w.close();
  }
});

Deno.test("Parallel creates every pod at once, and a set without serviceName gives its pods no subdomain", async () => {
  const w = await startWorkloadsCore();
  try {
    const s = statefulSet("db", { podManagementPolicy: "Parallel" });
    delete s.spec!.serviceName;
    await sets(w.client).create(s);
    const pods = await eventually("three pods exist without any being ready", async () => {
      const pods = await livePods(w.client);
      return pods.length === 3 ? pods : undefined;
    });
    assert.deepEqual(names(pods), ["db-0", "db-1", "db-2"]);
    assert.ok(pods.every((p) => !isReady(p)));
    assert.ok(pods.every((p) => p.spec?.subdomain === undefined && p.spec?.hostname === p.metadata?.name));

    // Parallel scale-down does not wait either.
    await sets(w.client).patch("db", { spec: { replicas: 0 } });
    await eventually("every pod is gone", async () => (await livePods(w.client)).length === 0);
  } finally {
    await w.close();
  }
});

Deno.test("a RollingUpdate with partition 1 updates web-2 then web-1, and leaves web-0 until the partition drops", async () => {
  const w = await startWorkloadsCore();
  const stop = readyLoop(w.client, { periodMs: 50 });
  try {
    await sets(w.client).create(statefulSet("web"));
    const before = await rolledOut(w.client, "web");
    const oldRevision = before.status!.currentRevision!;
    await sets(w.client).patch("web", {
      spec: {
        ...setImage("nginx:1.28").spec,
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } },
      },
    });
    const updated = await eventually("the update revision is known", async () => {
      const s = await sets(w.client).get("web");
      return s.status?.updateRevision !== oldRevision ? s.status?.updateRevision : undefined;
    });
    await watchInvariant(
      w.client,
      (pods) => {
        if (revisionOf(pods.get("web-1")) === updated && revisionOf(pods.get("web-2")) !== updated) {
          return "web-1 was updated before web-2";
        }
        if (revisionOf(pods.get("web-0")) === updated) return "web-0 was updated below the partition";
      },
      (pods) =>
        revisionOf(pods.get("web-1")) === updated && revisionOf(pods.get("web-2")) === updated &&
        isReady(pods.get("web-1")!) && isReady(pods.get("web-2")!),
    );
    const partial = await eventually("the status counts two updated replicas", async () => {
      const s = await sets(w.client).get("web");
      return s.status?.updatedReplicas === 2 && s.status?.readyReplicas === 3 ? s : undefined;
    });
    assert.equal(partial.status?.currentRevision, oldRevision);
    assert.equal(partial.status?.currentReplicas, 1);
    assert.equal((await byName(w.client)).get("web-2")?.spec?.containers[0].image, "nginx:1.28");

    await sets(w.client).patch("web", { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } });
    const done = await rolledOut(w.client, "web");
    assert.equal(done.status?.currentRevision, updated);
    assert.ok([...(await byName(w.client)).values()].every((p) => revisionOf(p) === updated));
  } finally {
    await stop();
    await w.close();
  }
});

Deno.test("OnDelete leaves pods at the old revision until they are deleted", async () => {
  const w = await startWorkloadsCore();
  const stop = readyLoop(w.client, { periodMs: 50 });
  try {
    await sets(w.client).create(statefulSet("web", { updateStrategy: { type: "OnDelete" } }));
    const before = await rolledOut(w.client, "web");
    await sets(w.client).patch("web", setImage("nginx:1.28"));
    const s = await eventually("the new template is observed", async () => {
      const s = await sets(w.client).get("web");
      return s.status?.updateRevision !== before.status?.currentRevision ? s : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(
      [...(await byName(w.client)).values()].every((p) => revisionOf(p) === before.status?.currentRevision),
    );
    assert.equal(s.status?.updatedReplicas ?? 0, 0);

    const old = (await byName(w.client)).get("web-1")!;
    await w.client.resource(podsResource).namespace("default").delete("web-1", { gracePeriodSeconds: 0 });
    const fresh = await eventually("web-1 comes back at the new revision", async () => {
      const p = (await byName(w.client)).get("web-1");
      return p && p.metadata?.uid !== old.metadata?.uid ? p : undefined;
    });
    assert.equal(revisionOf(fresh), s.status?.updateRevision);
    assert.equal(fresh.spec?.containers[0].image, "nginx:1.28");
    assert.equal(revisionOf((await byName(w.client)).get("web-0")), before.status?.currentRevision);
  } finally {
    await stop();
    await w.close();
  }
});

Deno.test("each template gets a ControllerRevision, a rollback renumbers the old one, and history keeps revisionHistoryLimit", async () => {
  const w = await startWorkloadsCore();
  const stop = readyLoop(w.client, { periodMs: 50 });
  const revisions = w.client.resource(controllerRevisionsResource).namespace("default");
  try {
    await sets(w.client).create(statefulSet("web", { replicas: 2, revisionHistoryLimit: 1 }));
    const v1 = await rolledOut(w.client, "web");
    const first = await revisions.get(v1.status!.currentRevision!);
    assert.equal(first.revision, 1);
    assert.deepEqual(first.data, templatePatch(v1.spec!.template));
    assert.equal(first.metadata?.labels?.app, "web");
    assert.equal(first.metadata?.labels?.["controller.kubernetes.io/hash"], first.metadata!.name!.slice(4));
    assert.deepEqual(first.metadata?.ownerReferences?.map((r) => [r.kind, r.name, r.controller]), [
      ["StatefulSet", "web", true],
    ]);

    await sets(w.client).patch("web", setImage("nginx:1.28"));
    const v2 = await rolledOut(w.client, "web");
    await sets(w.client).patch("web", setImage("nginx:1.29"));
    const v3 = await rolledOut(w.client, "web");
    const third = await revisions.get(v3.status!.currentRevision!);
    assert.equal(third.revision, 3);
    // Not live and beyond the limit of 1: revision 1 goes, revision 2 stays.
    await eventually("revision 1 is truncated", async () => {
      const list = (await revisions.list()).items;
      return list.length === 2 && list.every((r) => r.revision !== 1);
    });

    // Patching the template back to v2's reuses revision 2, renumbered 4.
    await sets(w.client).patch("web", setImage("nginx:1.28"));
    const back = await rolledOut(w.client, "web");
    assert.equal(back.status?.currentRevision, v2.status?.currentRevision);
    assert.equal((await revisions.get(v2.status!.currentRevision!)).revision, 4);
    assert.ok(
      [...(await byName(w.client)).values()].every((p) => p.spec?.containers[0].image === "nginx:1.28"),
    );
  } finally {
    await stop();
    await w.close();
  }
});

Deno.test("without a served PersistentVolumeClaim kind, a set with volumeClaimTemplates creates no pod and says why", async () => {
  const w = await startWorkloadsCore();
  try {
    await sets(w.client).create(statefulSet("data", {
      volumeClaimTemplates: [{
        metadata: { name: "www" },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      }],
      template: {
        metadata: { labels: { app: "data" } },
        spec: {
          containers: [{
            name: "web",
            image: "nginx:1.27",
            volumeMounts: [{ name: "www", mountPath: "/data" }],
          }],
        },
      },
    }));
    const messages = await eventually("the failure is recorded", async () => {
      const messages = await eventMessages(w.client);
      return messages.some((m) => m.startsWith("create Pod data-0 in StatefulSet data failed"))
        ? messages
        : undefined;
    });
    assert.ok(
      messages.includes(
        `create Claim www-data-0 for Pod data-0 in StatefulSet data failed error: failed to create PVC www-data-0: ${CLAIM_KIND_MISSING}`,
      ),
      messages.join("\n"),
    );
    assert.equal((await livePods(w.client)).length, 0);
    const condition = await eventually(
      "the set says why",
      async () =>
        (await sets(w.client).get("data")).status?.conditions?.find((c) => c.type === CLAIMS_CONDITION),
    );
    assert.equal(condition.status, "False");
    assert.equal(condition.reason, "KindNotServed");
    assert.equal(condition.message, CLAIM_KIND_MISSING);
  } finally {
    await w.close();
  }
});

/** A core serving PersistentVolumeClaims (a stand-in for the storage module: the kind, no controller) and the workloads module. */
async function startWithClaims() {
  const claimsOnly = defineOperator({
    name: "claims",
    crds: [],
    builtinKinds: {
      definitions: [toDefinition({
        group: "",
        version: "v1",
        kind: "PersistentVolumeClaim",
        plural: "persistentvolumeclaims",
        scope: "Namespaced",
        schema: PersistentVolumeClaimSchema,
        status: true,
      }) as unknown as DefinitionSpec],
    },
    controllers: [],
  });
  return await startModuleCore({
    claims: () => Promise.resolve(claimsOnly),
    workloads: () => Promise.resolve(workloadsOperator),
  });
}

interface Claim {
  metadata: {
    name: string;
    labels: Record<string, string>;
    ownerReferences?: { kind: string; name: string; controller?: boolean }[];
  };
}

async function claims(client: Client): Promise<Map<string, Claim>> {
  const list = await client.json<{ items: Claim[] }>(
    "GET",
    "/api/v1/namespaces/default/persistentvolumeclaims",
  );
  return new Map(list.items.map((c) => [c.metadata.name, c]));
}

const owners = (c: Claim | undefined) =>
  (c?.metadata.ownerReferences ?? []).map((r) => `${r.kind}/${r.name}${r.controller ? " (controller)" : ""}`);

const withClaims = (name: string, spec: Partial<NonNullable<StatefulSet["spec"]>> = {}) =>
  statefulSet(name, {
    replicas: 2,
    volumeClaimTemplates: [{
      metadata: { name: "www", labels: { tier: "data" } },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    }],
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [{
          name: "web",
          image: "nginx:1.27",
          volumeMounts: [{ name: "www", mountPath: "/data" }],
        }],
        volumes: [{ name: "www", emptyDir: {} }, { name: "cache", emptyDir: {} }],
      },
    },
    ...spec,
  });

Deno.test("where PersistentVolumeClaims are served, each pod's claims are made before it, labelled with the selector", async () => {
  const w = await startWithClaims();
  const client = w.client;
  const stop = readyLoop(client, { periodMs: 50 });
  try {
    await sets(client).create(withClaims("web"));
    await rolledOut(client, "web");
    const made = await claims(client);
    assert.deepEqual([...made.keys()].sort(), ["www-web-0", "www-web-1"]);
    assert.deepEqual(made.get("www-web-0")?.metadata.labels, { tier: "data", app: "web" });
    // Retain, the default: the claims outlive the set.
    assert.deepEqual(owners(made.get("www-web-0")), []);
    // The claim replaces the template's volume of the same name; other volumes stay.
    const web1 = (await byName(client)).get("web-1")!;
    assert.deepEqual(web1.spec?.volumes?.map((v) => [v.name, v.persistentVolumeClaim?.claimName]), [
      ["www", "www-web-1"],
      ["cache", undefined],
    ]);
    assert.ok(
      (await eventMessages(client)).includes("create Claim www-web-0 Pod web-0 in StatefulSet web success"),
    );
  } finally {
    await stop();
    await w.close();
  }
});

Deno.test("the claim retention policy makes claims owned by the set, by a pod scaled away, or by nobody", async () => {
  const w = await startWithClaims();
  const client = w.client;
  const stop = readyLoop(client, { periodMs: 50 });
  try {
    await sets(client).create(withClaims("web", {
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Delete" },
    }));
    await rolledOut(client, "web");
    await eventually("both claims are controlled by the set", async () => {
      const c = await claims(client);
      return ["www-web-0", "www-web-1"].every((n) =>
        owners(c.get(n)).join() === "StatefulSet/web (controller)"
      );
    });

    // Scaled away: web-1's claim passes to web-1 (the garbage collector takes it once the pod is gone).
    await sets(client).patch("web", { spec: { replicas: 1 } });
    await eventually("web-1's claim is controlled by the pod", async () => {
      const c = await claims(client);
      return owners(c.get("www-web-1")).join() === "Pod/web-1 (controller)" &&
        owners(c.get("www-web-0")).join() === "StatefulSet/web (controller)";
    });

    // Back to Retain: the set lets go of the claims it keeps.
    await sets(client).patch("web", {
      spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" } },
    });
    await eventually(
      "web-0's claim has no owner",
      async () => owners((await claims(client)).get("www-web-0")).length === 0,
    );
  } finally {
    await stop();
    await w.close();
  }
});
