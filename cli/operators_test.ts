import * as assert from "node:assert/strict";
import { startTestCore } from "@skiff/sdk";
import { UsageError } from "./args.ts";
import { ModuleHost, startModuleController } from "./modules.ts";
import { operators, parseOperatorsArgs } from "./operators.ts";
import { toys } from "./testdata/toys_module.ts";

Deno.test("skiff operators takes list, install NAME and uninstall NAME, and nothing else", () => {
  assert.equal(parseOperatorsArgs(["list"]).action, "list");
  assert.deepEqual(parseOperatorsArgs(["install", "toys", "--kubeconfig", "k", "--timeout", "5"]), {
    action: "install",
    name: "toys",
    kubeconfig: "k",
    timeoutSeconds: 5,
    help: false,
  });
  assert.throws(() => parseOperatorsArgs(["install"]), UsageError);
  assert.throws(
    () => parseOperatorsArgs(["remove", "toys"]),
    /"remove toys" is not list, install NAME or uninstall NAME/,
  );
  assert.throws(() => parseOperatorsArgs(["list", "--color"]), /Unknown option '--color'/);
});

Deno.test("skiff operators installs, lists and uninstalls a module of a running cluster", async () => {
  const core = await startTestCore();
  const host = new ModuleHost(core.api, () => core.inProcessClient, () => {}, {
    toys: () => Promise.resolve(toys),
  });
  const modules = await startModuleController(host, []);
  const out: string[] = [];
  const run = (...args: string[]) =>
    operators(
      parseOperatorsArgs([...args, "--kubeconfig", core.kubeconfig, "--timeout", "10"]),
      (l) => out.push(l),
      () => {},
    );
  try {
    await run("install", "toys");
    assert.equal(out.pop(), "module toys installed");
    await run("list");
    assert.match(out[0], /^NAME\s+ENABLED\s+PHASE\s+KINDS$/);
    assert.match(
      out[1],
      /^toys\s+true\s+Installed\s+gizmos\.toys\.example\.com,gadgets\.toys\.example\.com$/,
    );
    out.length = 0;
    await run("uninstall", "toys");
    assert.equal(out.pop(), "module toys uninstalled");
    await assert.rejects(run("install", "nope"), /no module "nope" is bundled \(bundled: toys\)/);
  } finally {
    await modules.stop();
    await core.close();
  }
});
