// End-to-end: a DaemonSet from a shared manifest on `skiff up --simulated-nodes 3`, driven by the real
// kubectl: one pod per node, `kubectl get ds` columns, rollout status, set image, rollout history and
// undo (which read and apply the DaemonSet's ControllerRevisions), and delete.
import assert from "node:assert/strict";
import { BACKENDS, MANIFESTS, ok } from "./_kubectl.ts";
import type { SkiffProcess } from "../harness/skiff.ts";

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ks = (skiff: SkiffProcess, ...args: string[]) => ok(skiff, ...args, "-n", "kube-system");

/** The filebeat pods as "NODE IMAGE" lines, sorted. */
async function podsOnNodes(skiff: SkiffProcess): Promise<string[]> {
  const out = await ks(
    skiff,
    "get",
    "pods",
    "-l",
    "name=filebeat",
    "-o",
    "jsonpath={range .items[?(@.metadata.deletionTimestamp)]}deleting {end}{range .items[*]}{.spec.nodeName} {.spec.containers[0].image}{'\\n'}{end}",
  );
  return out.split("\n").filter(Boolean).sort();
}

Deno.test({
  name: "a DaemonSet runs a pod on every simulated node and rolls out, back and away with kubectl",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { skiff, stop } = await BACKENDS[0].start(["--simulated-nodes", "3"]);
    try {
      await t.step("apply puts one pod on each node and rollout status waits for them", async () => {
        assert.equal(
          await ok(skiff, "apply", "-f", `${MANIFESTS}002-21.yaml`),
          "daemonset.apps/filebeat created\n",
        );
        assert.match(
          await ks(skiff, "rollout", "status", "daemonset/filebeat", "--timeout=60s"),
          /^(Waiting for daemon set .*\n)*daemon set "filebeat" successfully rolled out\n$/,
        );
        assert.deepEqual(await podsOnNodes(skiff), [
          "sim-node-0 elastic/filebeat:7.3.2",
          "sim-node-1 elastic/filebeat:7.3.2",
          "sim-node-2 elastic/filebeat:7.3.2",
        ]);
      });

      await t.step("kubectl get ds prints Kubernetes' columns", async () => {
        assert.match(
          await ks(skiff, "get", "ds"),
          /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nfilebeat\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\d+s\n$/,
        );
        assert.match(
          await ks(skiff, "get", "ds", "-o", "wide"),
          /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nfilebeat\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\d+s\s+log\s+elastic\/filebeat:7\.3\.2\s+name=filebeat\n$/,
        );
      });

      await t.step("set image rolls every node over to a second revision", async () => {
        assert.equal(
          await ks(skiff, "set", "image", "daemonset/filebeat", "log=elastic/filebeat:7.4.0"),
          "daemonset.apps/filebeat image updated\n",
        );
        assert.match(
          await ks(skiff, "rollout", "status", "daemonset/filebeat", "--timeout=60s"),
          /daemon set "filebeat" successfully rolled out\n$/,
        );
        await until("only new pods are left", async () =>
          (await podsOnNodes(skiff)).join() ===
            "sim-node-0 elastic/filebeat:7.4.0,sim-node-1 elastic/filebeat:7.4.0,sim-node-2 elastic/filebeat:7.4.0");
        assert.match(
          await ks(skiff, "rollout", "history", "daemonset/filebeat"),
          /^daemonset\.apps\/filebeat \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n\n$/,
        );
        assert.equal(
          await ks(skiff, "rollout", "undo", "daemonset/filebeat", "--to-revision=2"),
          "daemonset.apps/filebeat skipped rollback (current template already matches revision 2)\n",
        );
        assert.match(
          await ks(skiff, "rollout", "history", "daemonset/filebeat", "--revision=1"),
          /Image:\s+elastic\/filebeat:7\.3\.2/,
        );
      });

      await t.step("rollout undo goes back to the first template as revision 3", async () => {
        assert.equal(
          await ks(skiff, "rollout", "undo", "daemonset/filebeat"),
          "daemonset.apps/filebeat rolled back\n",
        );
        assert.match(
          await ks(skiff, "rollout", "status", "daemonset/filebeat", "--timeout=60s"),
          /daemon set "filebeat" successfully rolled out\n$/,
        );
        await until("only old-template pods are left", async () =>
          (await podsOnNodes(skiff)).join() ===
            "sim-node-0 elastic/filebeat:7.3.2,sim-node-1 elastic/filebeat:7.3.2,sim-node-2 elastic/filebeat:7.3.2");
        assert.match(
          await ks(skiff, "rollout", "history", "daemonset/filebeat"),
          /^daemonset\.apps\/filebeat \nREVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n\n$/,
        );
        const hashes = await ks(
          skiff,
          "get",
          "pods",
          "-l",
          "name=filebeat",
          "-o",
          "jsonpath={.items[*].metadata.labels.controller-revision-hash}",
        );
        const revisions = await ks(
          skiff,
          "get",
          "controllerrevisions",
          "-o",
          "jsonpath={range .items[?(@.revision==3)]}{.metadata.labels.controller-revision-hash}{end}",
        );
        assert.deepEqual(new Set(hashes.split(" ")), new Set([revisions]));
      });

      await t.step("delete removes the DaemonSet and its pods", async () => {
        assert.equal(
          await ks(skiff, "delete", "daemonset", "filebeat"),
          'daemonset.apps "filebeat" deleted\n',
        );
        await until(
          "the pods are gone",
          async () => (await ks(skiff, "get", "pods", "-l", "name=filebeat", "-o", "name")).trim() === "",
        );
        assert.equal((await ks(skiff, "get", "controllerrevisions", "-o", "name")).trim(), "");
      });
    } finally {
      await skiff.stop();
      await stop();
    }
  },
});
