/**
 * Test helpers: a real core with the services module installed the way `skiff up` installs it.
 *
 * @module
 */
import { type Client, startTestCore, type TestCore } from "@skiff/sdk";
import { ModuleHost } from "../../cli/modules.ts";
import { createServicesOperator, type ServicesOperatorOptions } from "./operator.ts";
import type { ServiceAllocator } from "./allocation/allocator.ts";

/** A core serving the services module, with its runnables going. */
export interface ServicesCore {
  core: TestCore;
  client: Client;
  host: ModuleHost;
  /** The allocator of the module installed last. */
  allocator(): ServiceAllocator;
  close(): Promise<void>;
}

/** Starts a core and installs the services module in it (allocators ready when this returns). */
export async function startServicesCore(options: ServicesOperatorOptions = {}): Promise<ServicesCore> {
  const core = await startTestCore();
  let current = createServicesOperator(options);
  const host = new ModuleHost(core.api, () => core.inProcessClient, () => {}, {
    services: () => Promise.resolve(current = createServicesOperator(options)),
  });
  try {
    await host.install("services");
    await current.allocator.waitReady(10_000);
  } catch (e) {
    await core.close();
    throw e;
  }
  return {
    core,
    client: core.client,
    host,
    allocator: () => current.allocator,
    async close() {
      await host.stopAll();
      await core.close();
    },
  };
}
