import assert from "node:assert/strict";
import { isNotFound, podsResource, startTestCore } from "@skiff/sdk";
import { websitesResource } from "./api.ts";

Deno.test("main.ts run with --kubeconfig installs the Website CRD, makes the Pods, and stops cleanly on SIGTERM", async () => {
  const core = await startTestCore();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./main.ts", import.meta.url).pathname, "--kubeconfig", core.kubeconfig],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 20_000; !await check();) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    const websites = core.client.resource(websitesResource).namespace("default");
    await until("the operator installed the Website CRD", async () => {
      try {
        await websites.create({ metadata: { name: "docs" }, spec: { replicas: 2 } });
        return true;
      } catch (e) {
        if (isNotFound(e)) return false;
        throw e;
      }
    });
    const pods = core.client.resource(podsResource).namespace("default");
    await until("both Pods exist", async () => (await pods.list()).items.length === 2);
    await until(
      "the status counts them",
      async () => (await websites.get("docs")).status?.replicas === 2,
    );
    child.kill("SIGTERM");
    assert.equal((await child.status).code, 0, await stderr);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch { /* exited */ }
    await child.status;
    await stderr;
    await core.close();
  }
});
