/**
 * `skiff up --simulated-nodes N` seen through the real kubectl: Ready nodes, and a pod bound to one of
 * them Running with an IP from the node's CIDR.
 */
import assert from "node:assert/strict";
import { startSkiff } from "../harness/skiff.ts";
import { kubectlWith, ok } from "./_kubectl.ts";

async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!await probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

Deno.test("kubectl lists the simulated nodes Ready and a pod bound to one Running with its IP", async () => {
  // No scheduler: the test binds the pod itself.
  const skiff = await startSkiff(["--simulated-nodes", "3", "--operators", "none"]);
  let stopped = false;
  try {
    // The harness's log() only fills in once skiff exits, so wait on the API instead.
    let nodes = "";
    await eventually("three nodes are Ready", async () => {
      nodes = await ok(skiff, "get", "nodes");
      return (nodes.match(/ Ready /g) ?? []).length === 3;
    });
    const rows = nodes.trim().split("\n");
    assert.match(rows[0], /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    assert.equal(rows.length, 4, nodes);
    for (const [i, row] of rows.slice(1).entries()) {
      assert.match(row, new RegExp(`^sim-node-${i}\\s+Ready\\s+<none>\\s+\\S+\\s+v1\\.32\\.0-skiff-sim$`));
    }
    assert.match(
      await ok(skiff, "get", "nodes", "-l", "topology.kubernetes.io/zone=zone-b", "-o", "name"),
      /^node\/sim-node-1\n$/,
    );
    assert.equal(
      (await ok(skiff, "get", "leases", "-n", "kube-node-lease", "-o", "name")).trim().split("\n").length,
      3,
    );

    await ok(skiff, "run", "web", "--image", "nginx:1.27", "--restart", "Never");
    const binding = {
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name: "web" },
      target: { apiVersion: "v1", kind: "Node", name: "sim-node-1" },
    };
    const res = await skiff.fetch("/api/v1/namespaces/default/pods/web/binding", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(binding),
    });
    assert.equal(res.status, 201, await res.text());
    let wide = "";
    await eventually("the pod runs", async () => {
      wide = await ok(skiff, "get", "pods", "-o", "wide");
      return /\bRunning\b/.test(wide);
    });
    const [header, row] = wide.trim().split("\n");
    assert.match(
      header,
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    );
    assert.match(row, /^web\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.1\.\d+\s+sim-node-1\s+<none>\s+<none>$/);

    const deleted = await kubectlWith(skiff, {}, "delete", "pod", "web", "--wait=true", "--timeout=20s");
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(await kubectlWith(skiff, {}, "get", "pods").then((r) => r.stderr), /No resources found/);
    await skiff.stop();
    stopped = true;
    assert.match(
      await skiff.log(),
      /^skiff: simulated nodes: registering 3 \(sim-node-0 …\)\nskiff: simulated nodes: 3 registered in \d+\.\ds$/m,
    );
  } finally {
    if (!stopped) await skiff.stop();
    await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
  }
});
