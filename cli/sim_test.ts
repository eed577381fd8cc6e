import assert from "node:assert/strict";
import { nodesResource, startTestCore } from "@skiff/sdk";
import { parseSimArgs, parseUpArgs, UsageError } from "./args.ts";
import { sim } from "./sim.ts";

Deno.test("skiff sim takes a node count, a kubeconfig and a name prefix", () => {
  assert.deepEqual(parseSimArgs(["--nodes", "10", "--kubeconfig", "/k", "--prefix", "fake"]), {
    nodes: 10,
    kubeconfig: "/k",
    prefix: "fake",
    help: false,
  });
  assert.deepEqual(parseSimArgs(["--nodes=3"]), { nodes: 3, prefix: "sim-node", help: false });
  assert.equal(parseSimArgs(["-h"]).help, true);
});

Deno.test("skiff sim refuses a missing or bad node count and a prefix that cannot name a node", () => {
  assert.throws(
    () => parseSimArgs([]),
    (e) => e instanceof UsageError && /--nodes is required/.test(e.message),
  );
  assert.throws(() => parseSimArgs(["--nodes", "many"]), /--nodes must be a number from 0 to/);
  assert.throws(() => parseSimArgs(["--nodes", "1", "--prefix", "Sim_Node"]), /--prefix must be lower-case/);
  assert.throws(() => parseSimArgs(["--nodes", "1", "--bogus"]), /Unknown option '--bogus'/);
});

Deno.test("skiff up takes --simulated-nodes and leaves it out unless given", () => {
  assert.equal(parseUpArgs(["--simulated-nodes", "5"]).simulatedNodes, 5);
  assert.equal("simulatedNodes" in parseUpArgs([]), false);
  assert.throws(() => parseUpArgs(["--simulated-nodes", "-1"]), UsageError);
});

Deno.test("sim registers prefixed nodes with the cluster its kubeconfig names and logs each step", async () => {
  const core = await startTestCore();
  const lines: string[] = [];
  const simulator = await sim(
    { nodes: 2, kubeconfig: core.kubeconfig, prefix: "fake", help: false },
    (l) => lines.push(l),
  );
  try {
    const names = (await core.client.resource(nodesResource).list()).items.map((n) => n.metadata?.name)
      .sort();
    assert.deepEqual(names, ["fake-0", "fake-1"]);
    assert.match(lines[0], /^simulated nodes: registering 2 \(fake-0 …\) with https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(lines[1], /^simulated nodes: 2 registered in \d+\.\ds$/);
  } finally {
    await simulator.stop();
    await core.close();
  }
});
