import assert from "node:assert/strict";
import { GarbageCollector } from "@skiff/gc";
import {
  eventsResource,
  eventually,
  isInvalid,
  isNotFound,
  jsonLogger,
  namespacesResource,
  podsResource,
  runOperator,
  startTestCore,
  type TestCore,
} from "@skiff/sdk";
import { type Website, websiteDefinition, websitesResource } from "./api.ts";
import { DIRECTORY_ANNOTATION, FINALIZER, WEBSITE_LABEL } from "./controller.ts";
import { websitesOperator } from "./operator.ts";

/** The names of the Pods a Website named `site` has in "default", sorted. */
async function podsOf(core: TestCore, site: string): Promise<string[]> {
  const list = await core.client.resource(podsResource).namespace("default")
    .list({ labelSelector: `${WEBSITE_LABEL}=${site}` });
  return list.items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata!.name!).sort();
}

/** Marks a Pod Ready, as the node agent would once its containers run. */
async function markReady(core: TestCore, name: string) {
  await core.client.resource(podsResource).namespace("default").patchStatus(name, {
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: "True", lastTransitionTime: new Date().toISOString() }],
    },
  });
}

Deno.test("the Website CRD has defaults, validation, a status subresource and printer columns from its schema", () => {
  const version = websiteDefinition.versions[0];
  const spec = version.schema!.openAPIV3Schema.properties!.spec;
  assert.deepEqual(spec.default, {});
  assert.equal(spec.properties!.replicas.default, 1);
  assert.equal(spec.properties!.replicas.minimum, 0);
  assert.equal(spec.properties!.replicas.maximum, 10);
  assert.equal(spec.properties!.image.default, "nginx:1.27");
  assert.ok(spec.properties!.image.pattern);
  assert.deepEqual(version.subresources, { status: {} });
  assert.deepEqual(version.additionalPrinterColumns!.map((c) => c.name), [
    "Ready",
    "Replicas",
    "Available",
    "Image",
    "Age",
  ]);
});

Deno.test("a Website gets its Pods, a Ready condition, printer columns, scales, and is cleaned up on deletion", async () => {
  const core = await startTestCore();
  const stop = new AbortController();
  const operator = runOperator(websitesOperator, {
    client: core.client,
    log: jsonLogger(() => {}),
    signal: stop.signal,
  });
  let gc: Promise<void> | undefined;
  try {
    const websites = core.client.resource(websitesResource).namespace("default");
    await eventually("the operator installed the Website CRD", async () => {
      try {
        await websites.create({ metadata: { name: "blog" } });
        return true;
      } catch (e) {
        if (isNotFound(e)) return false;
        throw e;
      }
    });
    // The collector reads discovery when it starts, so it starts once the Website kind is served.
    gc = new GarbageCollector({ client: core.client, log: jsonLogger(() => {}), discoveryPeriodMs: 500 })
      .start(stop.signal);

    // Defaults come from the schema, and so does validation.
    const created = await websites.get("blog");
    assert.deepEqual(created.spec, { image: "nginx:1.27", replicas: 1 });
    for (const spec of [{ replicas: 11 }, { replicas: -1 }, { image: "Not An Image!" }]) {
      await assert.rejects(
        websites.create({ metadata: { name: "bad" }, spec }),
        (e) => isInvalid(e),
        JSON.stringify(spec),
      );
    }

    await eventually("the first Pod exists", async () => (await podsOf(core, "blog")).length === 1);
    const pod = await core.client.resource(podsResource).namespace("default").get("blog-0");
    assert.equal(pod.spec?.containers[0].image, "nginx:1.27");
    const owner = pod.metadata?.ownerReferences?.[0];
    assert.deepEqual(
      { kind: owner?.kind, name: owner?.name, uid: owner?.uid, controller: owner?.controller },
      { kind: "Website", name: "blog", uid: created.metadata?.uid, controller: true },
    );

    let site: Website = await websites.get("blog");
    assert.deepEqual(site.metadata?.finalizers, [FINALIZER]);
    const ns = await core.client.resource(namespacesResource).get("default");
    assert.equal(ns.metadata?.annotations?.[DIRECTORY_ANNOTATION], "blog");
    await eventually("the status says the Pod is not ready", async () => {
      site = await websites.get("blog");
      return site.status?.conditions?.[0]?.reason === "PodsNotReady";
    });
    assert.equal(site.status?.conditions?.[0].status, "False");
    assert.equal(site.status?.conditions?.[0].observedGeneration, site.metadata?.generation);

    await markReady(core, "blog-0");
    await eventually("the Website is Ready", async () => {
      site = await websites.get("blog");
      return site.status?.conditions?.[0]?.status === "True";
    });
    assert.equal(site.status?.readyReplicas, 1);
    assert.equal(site.status?.conditions?.[0].message, "1/1 pods ready");

    // kubectl get websites asks for a Table: the CRD's printer columns.
    const response = await core.api.app.request("/apis/example.skiff.dev/v1/namespaces/default/websites", {
      headers: {
        authorization: `Bearer ${core.token}`,
        accept: "application/json;as=Table;v=v1;g=meta.k8s.io",
      },
    });
    assert.equal(response.status, 200);
    const table = await response.json();
    assert.deepEqual(
      table.columnDefinitions.map((c: { name: string }) => c.name),
      ["Name", "Ready", "Replicas", "Available", "Image", "Age"],
    );
    assert.deepEqual(table.rows[0].cells.slice(0, 5), ["blog", "True", 1, 1, "nginx:1.27"]);

    // Scale up: two more Pods, not ready yet, so the Website is not Ready for generation 2.
    await websites.patch("blog", { spec: { replicas: 3 } });
    await eventually(
      "three Pods exist",
      async () => (await podsOf(core, "blog")).join() === "blog-0,blog-1,blog-2",
    );
    await eventually("the status catches up with generation 2", async () => {
      site = await websites.get("blog");
      return site.status?.observedGeneration === 2 && site.status.replicas === 3;
    });
    assert.equal(site.status?.conditions?.[0].status, "False");
    assert.equal(site.status?.conditions?.[0].message, "1/3 pods ready");

    // A new image replaces the Pods; scaling down removes the extra ones.
    await websites.patch("blog", { spec: { replicas: 1, image: "nginx:1.28" } });
    await eventually("one Pod of the new image is left", async () => {
      const names = await podsOf(core, "blog");
      if (names.join() !== "blog-0") return false;
      const p = await core.client.resource(podsResource).namespace("default").get("blog-0");
      return p.spec?.containers[0].image === "nginx:1.28";
    });

    // A second Website shares the namespace's directory.
    await websites.create({ metadata: { name: "shop" }, spec: { replicas: 0 } });
    await eventually("the directory lists both Websites", async () => {
      const ns = await core.client.resource(namespacesResource).get("default");
      return ns.metadata?.annotations?.[DIRECTORY_ANNOTATION] === "blog,shop";
    });

    const events = await core.client.resource(eventsResource).namespace("default").list();
    const reasons = new Set(
      events.items.filter((e) => e.involvedObject?.name === "blog").map((e) => e.reason),
    );
    for (const reason of ["Listed", "CreatedPod", "DeletedPod"]) assert.ok(reasons.has(reason), reason);

    // Deleting waits for the finalizer: the directory entry goes, then the Website, then (the collector) its Pods.
    await websites.delete("blog");
    await eventually("the Website is gone", async () => {
      try {
        await websites.get("blog");
        return false;
      } catch (e) {
        if (isNotFound(e)) return true;
        throw e;
      }
    });
    const after = await core.client.resource(namespacesResource).get("default");
    assert.equal(after.metadata?.annotations?.[DIRECTORY_ANNOTATION], "shop");
    await eventually(
      "the garbage collector deleted the Pods",
      async () => (await podsOf(core, "blog")).length === 0,
      15_000,
    );
  } finally {
    stop.abort();
    await operator.catch(() => {});
    await gc?.catch(() => {});
    await core.close();
  }
});
