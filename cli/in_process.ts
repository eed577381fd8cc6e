/**
 * What `skiff up` runs inside its own process next to the API server, each over the in-process client:
 * the garbage collector, the operator modules (see modules.ts) and, when asked, simulated nodes.
 *
 * @module
 */
import type { ApiServer } from "@skiff/api";
import { GarbageCollector } from "@skiff/gc";
import { type Client, Manager } from "@skiff/sdk";
import type { Simulator } from "@skiff/sim";
import { ModuleHost, startModuleController } from "./modules.ts";
import { simulateInProcess } from "./sim.ts";
import { lineLogger } from "./_line_logger.ts";

/** What to run. */
export interface InProcessOptions {
  /** Modules to install (OperatorModule objects of the others say disabled). */
  operators: readonly string[];
  /** Simulated nodes to register (0: none). */
  simulatedNodes?: number;
}

/** The running controllers. */
export interface InProcess {
  stop(): Promise<void>;
}

/**
 * Starts the garbage collector, installs the chosen modules (before it returns, so their kinds are served
 * when `skiff up` says ready) and registers simulated nodes.
 *
 * @example
 * ```ts
 * const running = await startInProcess(api, (component) => client, { operators: ["workloads"] }, console.error);
 * await running.stop();
 * ```
 */
export async function startInProcess(
  api: ApiServer,
  clientFor: (component: string) => Client,
  options: InProcessOptions,
  log: (line: string) => void,
): Promise<InProcess> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    // The garbage collector is a core controller, always on; leader-elected like kube-controller-manager,
    // so several Skiffs over one etcd collect once.
    const logger = lineLogger(log);
    const client = clientFor("skiff-garbage-collector");
    const gc = new Manager({
      client,
      log: logger,
      leaderElection: { namespace: "kube-system", name: "skiff-garbage-collector" },
    });
    gc.add(new GarbageCollector({ client, log: logger }));
    const abort = new AbortController();
    const gcRunning = gc.start(abort.signal).catch((e) => log(`garbage collector: ${e?.message ?? e}`));
    stops.push(async () => {
      abort.abort();
      await gcRunning;
    });
    log("garbage collector: running");

    const host = new ModuleHost(api, clientFor, log);
    const modules = await startModuleController(host, options.operators);
    stops.push(() => modules.stop());
    log(`operators: ${options.operators.length ? options.operators.join(", ") : "none"} installed`);

    if (options.simulatedNodes) {
      const simulator: Simulator = await simulateInProcess(
        clientFor("skiff-sim"),
        options.simulatedNodes,
        log,
      );
      stops.push(() => simulator.stop());
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { stop };
}
