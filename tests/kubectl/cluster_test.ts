// End-to-end: a whole cluster in one `skiff up --simulated-nodes 3` (the scheduler and workloads modules,
// the garbage collector, simulated kubelets) driven by the real kubectl: a shared manifest's Deployment
// rolls out onto the nodes, and `kubectl delete --cascade` orphans, collects in the background and in the
// foreground as Kubernetes does.
import assert from "node:assert/strict";
import { BACKENDS, MANIFESTS, ok } from "./_kubectl.ts";
import type { SkiffProcess } from "../harness/skiff.ts";

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const names = async (skiff: SkiffProcess, ...args: string[]) =>
  (await ok(skiff, "get", ...args, "-o", "name")).trim().split("\n").filter(Boolean);

Deno.test({
  name:
    "a Deployment rolls out onto simulated nodes, and kubectl delete --cascade orphans or collects its pods",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { skiff, stop } = await BACKENDS[0].start(["--simulated-nodes", "3"]);
    try {
      await t.step("the nodes are Ready and the Deployment's pods run on them", async () => {
        // The simulated nodes register just after the API is ready.
        let nodes = "";
        await until("three simulated nodes are Ready", async () => {
          nodes = await ok(skiff, "get", "nodes");
          return nodes.match(/^sim-node-\d\s+Ready\s/gm)?.length === 3;
        });
        assert.match(nodes, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
        assert.equal(nodes.match(/^sim-node-\d\s+Ready\s/gm)?.length, 3);
        assert.equal(
          await ok(skiff, "apply", "-f", `${MANIFESTS}000-02.yaml`),
          "deployment.apps/test-k8s created\n",
        );
        assert.match(
          await ok(skiff, "rollout", "status", "deployment/test-k8s", "--timeout=60s"),
          /deployment "test-k8s" successfully rolled out/,
        );
        const pods = await ok(skiff, "get", "pods", "-o", "wide", "-l", "app=test-k8s");
        assert.equal(
          pods.match(
            /^test-k8s-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+sim-node-\d\s/gm,
          )
            ?.length,
          2,
          pods,
        );
        assert.match(
          await ok(skiff, "get", "events", "--field-selector", "reason=Scheduled"),
          /Normal\s+Scheduled\s+pod\/test-k8s-\S+\s+Successfully assigned default\/test-k8s-\S+ to sim-node-\d/,
        );
      });

      await t.step("--cascade=orphan leaves the ReplicaSet, without its owner reference", async () => {
        assert.equal(
          await ok(skiff, "delete", "deployment", "test-k8s", "--cascade=orphan"),
          'deployment.apps "test-k8s" deleted\n',
        );
        await until("the ReplicaSet is orphaned", async () => {
          const owners = await ok(
            skiff,
            "get",
            "rs",
            "-l",
            "app=test-k8s",
            "-o",
            "jsonpath={.items[*].metadata.ownerReferences}",
          );
          return owners === "";
        });
        assert.equal((await names(skiff, "rs", "-l", "app=test-k8s")).length, 1);
        assert.equal((await names(skiff, "pods", "-l", "app=test-k8s")).length, 2);
      });

      await t.step("--cascade=foreground deletes the pods before the ReplicaSet", async () => {
        const [rs] = await names(skiff, "rs", "-l", "app=test-k8s");
        assert.match(
          await ok(skiff, "delete", rs, "--cascade=foreground"),
          /^replicaset\.apps "test-k8s-\S+" deleted\n$/,
        );
        assert.deepEqual(await names(skiff, "rs", "-l", "app=test-k8s"), []);
        await until(
          "the pods are gone",
          async () => (await names(skiff, "pods", "-l", "app=test-k8s")).length === 0,
        );
      });

      await t.step("a plain delete collects the ReplicaSet and its pods in the background", async () => {
        await ok(skiff, "apply", "-f", `${MANIFESTS}002-18.yaml`);
        await ok(skiff, "rollout", "status", "deployment/multi-container", "--timeout=60s");
        assert.equal(
          await ok(skiff, "delete", "deployment", "multi-container"),
          'deployment.apps "multi-container" deleted\n',
        );
        await until(
          "the ReplicaSet and pods are collected",
          async () => (await names(skiff, "rs")).length === 0 && (await names(skiff, "pods")).length === 0,
        );
      });
    } finally {
      await skiff.stop();
      await stop();
      await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
    }
  },
});
