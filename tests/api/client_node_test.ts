// End-to-end: the real `skiff up` on each store backend, driven by @kubernetes/client-node over HTTPS with
// the admin kubeconfig Skiff writes (no TLS shortcuts).
import assert from "node:assert/strict";
import {
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from "@kubernetes/client-node";
import { startEtcd } from "../harness/etcd.ts";
import { type SkiffProcess, startSkiff } from "../harness/skiff.ts";

const backends: { name: string; start: () => Promise<{ skiff: SkiffProcess; stop: () => Promise<void> }> }[] =
  [
    {
      name: "embedded",
      async start() {
        // The API alone: no scheduler writing pod status behind the test's back.
        const skiff = await startSkiff(["--operators", "none"]);
        return { skiff, stop: async () => void await skiff.stop() };
      },
    },
    {
      name: "etcd",
      async start() {
        const etcd = await startEtcd();
        const skiff = await startSkiff(["--etcd", etcd.endpoints.join(","), "--operators", "none"]);
        return { skiff, stop: async () => (await skiff.stop(), await etcd.stop()) };
      },
    },
  ];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// deno-lint-ignore no-explicit-any
const code = (e: any) => e?.code ?? e?.statusCode ?? e?.response?.statusCode;

for (const backend of backends) {
  Deno.test({
    name:
      `client-node drives skiff on the ${backend.name} store: CRUD, pages, watch, patches, conflicts, CRDs, namespaces`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn(t) {
      const { skiff, stop } = await backend.start();
      const kc = new KubeConfig();
      kc.loadFromFile(skiff.kubeconfig);
      const core = kc.makeApiClient(CoreV1Api);
      const objects = KubernetesObjectApi.makeApiClient(kc);
      try {
        await t.step("creates, reads and lists pods page by page", async () => {
          for (let i = 0; i < 5; i++) {
            await core.createNamespacedPod({
              namespace: "default",
              body: {
                metadata: { name: `p${i}`, labels: { app: "web" } },
                spec: { containers: [{ name: "c", image: "nginx" }] },
              },
            });
          }
          const one = await core.readNamespacedPod({ namespace: "default", name: "p0" });
          assert.equal(one.status?.phase, "Pending");
          const names: string[] = [];
          let cont: string | undefined;
          do {
            const page = await core.listNamespacedPod({ namespace: "default", limit: 2, _continue: cont });
            names.push(...page.items.map((p) => p.metadata!.name!));
            cont = page.metadata?._continue;
          } while (cont);
          assert.deepEqual(names, ["p0", "p1", "p2", "p3", "p4"]);
        });

        await t.step("watches from a resourceVersion and resumes after the last event seen", async () => {
          const rv = (await core.listNamespacedPod({ namespace: "default" })).metadata!.resourceVersion!;
          const seen: string[] = [];
          let last = rv;
          const watch = new Watch(kc);
          const ac = await watch.watch(
            "/api/v1/namespaces/default/pods",
            { resourceVersion: rv },
            (type, obj) => {
              seen.push(`${type} ${obj.metadata.name}`);
              last = obj.metadata.resourceVersion;
            },
            () => {},
          );
          await core.createNamespacedPod({
            namespace: "default",
            body: { metadata: { name: "w1" }, spec: { containers: [{ name: "c", image: "x" }] } },
          });
          while (seen.length < 1) await sleep(20);
          ac.abort();
          await core.deleteNamespacedPod({ namespace: "default", name: "w1" });
          const resumed: string[] = [];
          const ac2 = await watch.watch(
            "/api/v1/namespaces/default/pods",
            { resourceVersion: last },
            (type, obj) => {
              resumed.push(`${type} ${obj.metadata.name}`);
            },
            () => {},
          );
          while (resumed.length < 1) await sleep(20);
          ac2.abort();
          assert.deepEqual(seen, ["ADDED w1"]);
          assert.deepEqual(resumed, ["DELETED w1"]);
        });

        await t.step("applies json, merge and strategic merge patches", async () => {
          const base = { apiVersion: "v1", kind: "Pod", metadata: { name: "p0", namespace: "default" } };
          await core.patchNamespacedPod(
            {
              namespace: "default",
              name: "p0",
              body: [{ op: "add", path: "/metadata/annotations", value: { a: "1" } }],
            },
            setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
          );
          await objects.patch(
            { ...base, metadata: { ...base.metadata, labels: { merged: "yes" } } },
            undefined,
            undefined,
            undefined,
            undefined,
            PatchStrategy.MergePatch,
          );
          await objects.patch(
            { ...base, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } },
            undefined,
            undefined,
            undefined,
            undefined,
            PatchStrategy.StrategicMergePatch,
          );
          const pod = await core.readNamespacedPod({ namespace: "default", name: "p0" });
          assert.equal(pod.metadata?.annotations?.a, "1");
          assert.equal(pod.metadata?.labels?.merged, "yes");
          assert.equal(pod.spec?.containers[0].image, "nginx:1.27");
        });

        await t.step("refuses a stale replace with 409 Conflict", async () => {
          const pod = await core.readNamespacedPod({ namespace: "default", name: "p1" });
          await core.replaceNamespacedPod({
            namespace: "default",
            name: "p1",
            body: { ...pod, metadata: { ...pod.metadata, labels: { v: "2" } } },
          });
          await assert.rejects(
            core.replaceNamespacedPod({
              namespace: "default",
              name: "p1",
              body: { ...pod, metadata: { ...pod.metadata, labels: { v: "3" } } },
            }),
            (e) => code(e) === 409,
          );
        });

        await t.step("keeps an object with a finalizer until the finalizer goes", async () => {
          await core.createNamespacedPod({
            namespace: "default",
            body: {
              metadata: { name: "held", finalizers: ["example.com/hold"] },
              spec: { containers: [{ name: "c", image: "x" }] },
            },
          });
          await core.deleteNamespacedPod({ namespace: "default", name: "held" });
          const held = await core.readNamespacedPod({ namespace: "default", name: "held" });
          assert.ok(held.metadata?.deletionTimestamp);
          await core.patchNamespacedPod(
            { namespace: "default", name: "held", body: [{ op: "remove", path: "/metadata/finalizers" }] },
            setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
          );
          await assert.rejects(
            core.readNamespacedPod({ namespace: "default", name: "held" }),
            (e) => code(e) === 404,
          );
        });

        await t.step("serves a CRD's kind once created and stops when it is deleted", async () => {
          const ext = kc.makeApiClient(ApiextensionsV1Api);
          const custom = kc.makeApiClient(CustomObjectsApi);
          await ext.createCustomResourceDefinition({
            body: {
              metadata: { name: "widgets.example.com" },
              spec: {
                group: "example.com",
                scope: "Namespaced",
                names: { plural: "widgets", singular: "widget", kind: "Widget" },
                versions: [{
                  name: "v1",
                  served: true,
                  storage: true,
                  schema: {
                    openAPIV3Schema: {
                      type: "object",
                      properties: { spec: { type: "object", properties: { size: { type: "integer" } } } },
                    },
                  },
                }],
              },
            },
          });
          const args = { group: "example.com", version: "v1", namespace: "default", plural: "widgets" };
          let created = false;
          for (let i = 0; i < 50 && !created; i++) {
            created = await custom.createNamespacedCustomObject({
              ...args,
              body: {
                apiVersion: "example.com/v1",
                kind: "Widget",
                metadata: { name: "w" },
                spec: { size: 2 },
              },
            })
              .then(() => true, () => sleep(20).then(() => false));
          }
          assert.ok(created, "the CRD's kind was served within a second");
          const w = await custom.getNamespacedCustomObject({ ...args, name: "w" });
          assert.equal(w.spec.size, 2);
          await ext.deleteCustomResourceDefinition({ name: "widgets.example.com" });
          let gone = false;
          for (let i = 0; i < 100 && !gone; i++) {
            gone = await custom.listNamespacedCustomObject(args).then(() => false, (e) => code(e) === 404);
            if (!gone) await sleep(50);
          }
          assert.ok(gone, "the kind stopped being served");
        });

        await t.step("deletes a namespace with what is in it", async () => {
          await core.createNamespace({ body: { metadata: { name: "team" } } });
          await core.createNamespacedPod({
            namespace: "team",
            body: { metadata: { name: "a" }, spec: { containers: [{ name: "c", image: "x" }] } },
          });
          const ns = await core.deleteNamespace({ name: "team" });
          assert.equal((ns as { status?: { phase?: string } }).status?.phase, "Terminating");
          let gone = false;
          for (let i = 0; i < 100 && !gone; i++) {
            gone = await core.readNamespace({ name: "team" }).then(() => false, (e) => code(e) === 404);
            if (!gone) await sleep(50);
          }
          assert.ok(gone);
        });

        await t.step("answers bad input with a Status and changes nothing", async () => {
          // The pods as they are, not the list's resourceVersion: that is the store's revision, which
          // leader-election leases move every few seconds.
          const podsNow = async () =>
            (await core.listNamespacedPod({ namespace: "default" })).items.map((p) =>
              `${p.metadata!.name}@${p.metadata!.resourceVersion}`
            );
          const before = await podsNow();
          for (
            const [body, type, status] of [
              ["{oops", "application/json", 400],
              ["kind: [", "application/yaml", 400],
              [
                JSON.stringify({
                  metadata: { name: "x" },
                  spec: { containers: [{ name: "c", images: "nginx" }] },
                }),
                "application/json",
                422,
              ],
            ] as const
          ) {
            const res = await skiff.fetch("/api/v1/namespaces/default/pods?fieldValidation=Strict", {
              method: "POST",
              body,
              headers: { "content-type": type },
            });
            const s = await res.json();
            assert.equal(res.status, status);
            assert.equal(s.kind, "Status");
          }
          const wrongToken = await skiff.fetch("/api/v1/pods", { headers: { authorization: "Bearer nope" } });
          assert.equal(wrongToken.status, 401);
          await wrongToken.body?.cancel();
          assert.deepEqual(await podsNow(), before);
        });
      } finally {
        await stop();
        await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
      }
    },
  });
}
