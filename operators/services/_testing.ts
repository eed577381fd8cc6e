/**
 * Test helpers: a real core with the services module installed the way `skiff up` installs it.
 *
 * @module
 */
import { type ModuleCore, startModuleCore } from "../../cli/module_core.ts";
import { createServicesOperator, type ServicesOperatorOptions } from "./operator.ts";
import type { ServiceAllocator } from "./allocation/allocator.ts";

/** A core serving the services module, with its runnables going. */
export interface ServicesCore extends ModuleCore {
  /** The allocator of the module installed last. */
  allocator(): ServiceAllocator;
}

/** Starts a core and installs the services module in it (allocators ready when this returns). */
export async function startServicesCore(options: ServicesOperatorOptions = {}): Promise<ServicesCore> {
  let current = createServicesOperator(options);
  const m = await startModuleCore({
    services: () => Promise.resolve(current = createServicesOperator(options)),
  });
  try {
    await current.allocator.waitReady(10_000);
  } catch (e) {
    await m.close();
    throw e;
  }
  return { ...m, allocator: () => current.allocator };
}
