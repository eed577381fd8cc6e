// A bundled module run on its own (operators/NAME/main.ts) next to `skiff up`: it refuses a core that does
// not serve its kinds, and beside the in-process copy it waits as the standby of the same Lease.
import assert from "node:assert/strict";
import { startSkiff } from "../harness/skiff.ts";

const MAIN = new URL("../../operators/workloads/main.ts", import.meta.url).pathname;

function standalone(kubeconfig: string) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--kubeconfig", kubeconfig, "--leader-elect"],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
}

Deno.test("the workloads module run on its own needs a core that serves its kinds", async () => {
  const skiff = await startSkiff(["--operators", "none"]);
  try {
    const out = await standalone(skiff.kubeconfig).output();
    assert.notEqual(out.code, 0);
    assert.match(
      new TextDecoder().decode(out.stderr),
      /the server does not serve apps\/v1 Deployment: start it with --operators workloads/,
    );
  } finally {
    await skiff.stop();
    await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
  }
});

Deno.test("the workloads module run on its own waits as standby while skiff up's copy holds the Lease", async () => {
  const skiff = await startSkiff(["--operators", "workloads"]);
  const child = standalone(skiff.kubeconfig);
  let stderr = "";
  const reading = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) stderr += chunk;
  })();
  try {
    const lease = async () =>
      (await (await skiff.fetch("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/workloads"))
        .json())
        .spec?.holderIdentity as string | undefined;
    let holder: string | undefined;
    for (let i = 0; i < 300 && !(holder = await lease()); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(holder, "skiff up's copy holds the Lease");
    // Wait for the standalone copy to start trying, however long a loaded machine takes to start it,
    // then give it a few tries: the holder stays skiff up's.
    const trying = /attempting to acquire leader lease kube-system\/workloads/;
    for (let i = 0; i < 600 && !trying.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(stderr, trying);
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(await lease(), holder);
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await reading;
    await skiff.stop();
    await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
  }
});
