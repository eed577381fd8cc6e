/**
 * A test core with operator modules installed the way `skiff up` installs them (through a ModuleHost),
 * for the modules' own tests.
 *
 * @module
 */
import { type Client, type Operator, startTestCore, type TestCore } from "@skiff/sdk";
import { ModuleHost } from "./modules.ts";

/** A core serving some modules, with their controllers running. */
export interface ModuleCore {
  core: TestCore;
  client: Client;
  host: ModuleHost;
  /** Stops the modules, then the core. */
  close(): Promise<void>;
}

/**
 * Starts a core and installs `modules` in it, in order; a failed install closes the core again.
 *
 * @example
 * ```ts
 * import { startModuleCore } from "../../cli/module_core.ts";
 *
 * const m = await startModuleCore({ workloads: () => Promise.resolve(workloadsOperator) });
 * await m.close();
 * ```
 */
export async function startModuleCore(
  modules: Readonly<Record<string, () => Promise<Operator>>>,
): Promise<ModuleCore> {
  const core = await startTestCore();
  const host = new ModuleHost(core.api, () => core.inProcessClient, () => {}, modules);
  try {
    for (const name of Object.keys(modules)) await host.install(name);
  } catch (e) {
    await host.stopAll();
    await core.close();
    throw e;
  }
  return {
    core,
    client: core.client,
    host,
    async close() {
      await host.stopAll();
      await core.close();
    },
  };
}
