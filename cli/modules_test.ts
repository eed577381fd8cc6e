import * as assert from "node:assert/strict";
import { startTestCore } from "@skiff/sdk";
import { gadgets, toys } from "./testdata/toys_module.ts";
import { ModuleHost, operatorModulesResource, startModuleController } from "./modules.ts";

async function eventually(check: () => Promise<boolean>) {
  // 15 s: installing a module serves kinds and starts controllers, slow on a loaded machine.
  for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("condition not met within 15 s");
}

Deno.test("a module's objects install it: kinds served, controllers running; uninstalling takes the kinds away", async () => {
  const core = await startTestCore();
  const host = new ModuleHost(core.api, () => core.inProcessClient, () => {}, {
    toys: () => Promise.resolve(toys),
  });
  const modules = await startModuleController(host, []);
  try {
    const om = core.client.resource(operatorModulesResource);
    await eventually(async () => (await om.get("toys")).status?.phase === "NotInstalled");
    assert.equal(core.api.registry.lookup("toys.example.com", "v1", "gizmos"), undefined);

    await om.patch("toys", { spec: { enabled: true } });
    await eventually(async () => (await om.get("toys")).status?.phase === "Installed");
    assert.deepEqual((await om.get("toys")).status?.kinds, [
      "gizmos.toys.example.com",
      "gadgets.toys.example.com",
    ]);
    assert.ok(core.api.registry.lookup("toys.example.com", "v1", "gizmos")?.builtin);
    await eventually(() => Promise.resolve(!!core.api.registry.lookup("toys.example.com", "v1", "gadgets")));
    const g = core.client.resource(gadgets).namespace("default");
    await g.create({ apiVersion: "toys.example.com/v1", kind: "Gadget", metadata: { name: "g" } });
    await eventually(async () => (await g.get("g")).metadata?.labels?.seen === "yes");

    await om.patch("toys", { spec: { enabled: false } });
    await eventually(async () => (await om.get("toys")).status?.phase === "NotInstalled");
    assert.equal(core.api.registry.lookup("toys.example.com", "v1", "gizmos"), undefined);
    await eventually(() => Promise.resolve(!core.api.registry.lookup("toys.example.com", "v1", "gadgets")));
  } finally {
    await modules.stop();
    await core.close();
  }
});

Deno.test("installing a module that is not bundled names the bundled ones", async () => {
  const core = await startTestCore();
  try {
    const host = new ModuleHost(core.api, () => core.inProcessClient, () => {}, {
      toys: () => Promise.resolve(toys),
    });
    await assert.rejects(host.install("nope"), /no module "nope" is bundled \(bundled: toys\)/);
  } finally {
    await core.close();
  }
});
