import assert from "node:assert/strict";
import { startSkiff } from "../harness/skiff.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

Deno.test("skiff sim joins a running skiff with Ready nodes and stops cleanly on SIGTERM", async () => {
  const skiff = await startSkiff(["--no-node-agent"]);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "sim", "--nodes", "2", "--kubeconfig", skiff.kubeconfig],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  try {
    // Read the log until "ready", keeping what was read for the checks below.
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    let stderr = "";
    const timeout = setTimeout(() => child.kill("SIGKILL"), 20_000);
    while (!/^skiff: ready$/m.test(stderr)) {
      const { value, done } = await reader.read();
      if (done) assert.fail(`skiff sim exited before it was ready:\n${stderr}`);
      stderr += value;
    }
    clearTimeout(timeout);
    const list = await (await skiff.fetch("/api/v1/nodes")).json();
    const ready = list.items.filter((n: { status?: { conditions?: { type: string; status: string }[] } }) =>
      n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")
    );
    assert.deepEqual(ready.map((n: { metadata: { name: string } }) => n.metadata.name).sort(), [
      "sim-node-0",
      "sim-node-1",
    ]);
    child.kill("SIGTERM");
    for (let r = await reader.read(); !r.done; r = await reader.read()) stderr += r.value;
    const status = await child.status;
    assert.equal(status.code, 0, stderr);
    assert.match(
      stderr,
      /^skiff: simulated nodes: registering 2 \(sim-node-0 …\) with https:\/\/127\.0\.0\.1:\d+$/m,
    );
    assert.match(stderr, /^skiff: simulated nodes: 2 registered in \d+\.\ds\nskiff: ready$/m);
    assert.match(stderr, /^skiff: stopping on SIGTERM\nskiff: stopped\n$/m);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch { /* exited */ }
    await skiff.stop();
    await Deno.remove(skiff.dataDir, { recursive: true });
  }
});

Deno.test("skiff sim without --nodes is a usage error naming the flag", async () => {
  const out = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", MAIN, "sim"] }).output();
  assert.equal(out.code, 2);
  assert.match(
    new TextDecoder().decode(out.stderr),
    /^skiff: --nodes is required: how many nodes to simulate\. Run "skiff sim --help" for the flags\.\n$/,
  );
});
