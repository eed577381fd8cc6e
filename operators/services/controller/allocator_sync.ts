/**
 * Keeps an allocator in line with the stored Services: it reads them all when the module starts (so a
 * restarted Skiff knows every ClusterIP and node port in use before it hands out one) and then, every
 * minute, repairs the holds as Kubernetes' ClusterIP and NodePort repair controllers do. It runs in
 * every process that serves the admission steps, leader or not.
 *
 * @module
 */
import { type Client, isNotFound, type OperatorContext, type Runnable } from "@skiff/sdk";
import type { ServiceAllocator } from "../allocation/allocator.ts";
import type { Service } from "../api/service.ts";
import { servicesResource } from "../resources.ts";
import { sleep } from "./_sleep.ts";

/**
 * Options of {@link allocatorSync}.
 *
 * @example
 * ```ts
 * const options: AllocatorSyncOptions = { repairEveryMs: 60_000 };
 * ```
 */
export interface AllocatorSyncOptions {
  /** How often the holds are repaired from a list of the Services; 60 s when absent. */
  repairEveryMs?: number;
}

/**
 * The runnable that attaches `allocator` to the store and repairs it.
 *
 * @example
 * ```ts
 * import { allocatorSync, ServiceAllocator } from "@skiff/services";
 *
 * const allocator = new ServiceAllocator();
 * manager.add(allocatorSync(allocator)(manager));
 * ```
 */
export function allocatorSync(
  allocator: ServiceAllocator,
  options: AllocatorSyncOptions = {},
): (ctx: OperatorContext) => Runnable {
  return (ctx) => ({
    name: "service-allocator",
    needsLeaderElection: false,
    async start(signal) {
      const services = ctx.client.resource(servicesResource);
      const listAll = async () => (await services.listAll()).items;
      // The API may still be coming up: keep trying until the first list answers.
      for (let delay = 100; !signal.aborted; delay = Math.min(delay * 2, 5_000)) {
        try {
          allocator.attach(lookupWith(ctx.client), await listAll());
          ctx.log.info("service allocators initialized", allocator.used);
          break;
        } catch (error) {
          ctx.log.error("listing services for the allocators failed, retrying", { error });
          await sleep(delay, signal);
        }
      }
      while (!signal.aborted) {
        await sleep(options.repairEveryMs ?? 60_000, signal);
        if (signal.aborted) break;
        try {
          await allocator.repair(await listAll());
        } catch (error) {
          ctx.log.error("repairing the service allocators failed", { error });
        }
      }
    },
  });
}

function lookupWith(client: Client) {
  const services = client.resource(servicesResource);
  return async (namespace: string, name: string): Promise<Service | undefined> => {
    try {
      return await services.namespace(namespace).get(name);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  };
}
