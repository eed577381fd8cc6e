/**
 * The simulator: a fleet of nodes with their heartbeats, and the kubelet of each for the pods bound to
 * it, against any core a client reaches (in-process for `skiff up --simulated-nodes`, over HTTPS for
 * `skiff sim`).
 *
 * @module
 */
import { type Client, type Logger, nodesResource, SharedInformerFactory } from "@skiff/sdk";
import { PodIpAllocator } from "./addresses.ts";
import { NodeFleet, type NodeFleetOptions } from "./nodes.ts";
import { simulatedPodController } from "./pods.ts";

/**
 * Options of {@link startSimulator}.
 *
 * @example
 * ```ts
 * const options: SimulatorOptions = { count: 10, log: console.error };
 * ```
 */
export interface SimulatorOptions extends NodeFleetOptions {
  /** Pods reconciled at once; default 32. */
  podWorkers?: number;
}

/**
 * A running simulator.
 *
 * @example
 * ```ts
 * const sim = await startSimulator(client, { count: 3 });
 * sim.nodeNames; // ["sim-node-0", "sim-node-1", "sim-node-2"]
 * await sim.stop();
 * ```
 */
export interface Simulator {
  /** The nodes simulated now (a node a user deletes leaves the list). */
  readonly nodeNames: string[];
  readonly fleet: NodeFleet;
  /** Stops heartbeats and the kubelet controller; the nodes and pods stay. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Registers `count` nodes, starts their lease heartbeats, and plays their kubelets until `stop()`.
 * Resolves once the nodes are registered and the pod cache has synced.
 *
 * @example
 * ```ts
 * const sim = await startSimulator(core.client, { count: 1000, log: (l) => console.error(l) });
 * // ... pods bound to sim-node-N become Running ...
 * await sim.stop();
 * ```
 */
export async function startSimulator(client: Client, options: SimulatorOptions): Promise<Simulator> {
  const log = options.log ?? (() => {});
  const fleet = new NodeFleet(client, options);
  const ips = new PodIpAllocator();
  const informers = new SharedInformerFactory(client);
  const abort = new AbortController();
  // Only deletions matter: metadata is enough.
  const nodes = informers.informerFor(nodesResource, { metadataOnly: true });
  nodes.addEventHandler({ onDelete: (node) => fleet.forget(node.metadata?.name ?? "") });
  const controller = simulatedPodController(fleet, ips, { workers: options.podWorkers, log });
  controller.setup({ client, informers, log: errorsOnly(log) });

  await fleet.register(abort.signal);
  fleet.startHeartbeats();
  informers.start(abort.signal);
  const running = controller.start(abort.signal);
  running.catch((e) => log(`simulated kubelets stopped: ${(e as Error).message ?? e}`));
  await informers.waitForSync(abort.signal);

  let stopping: Promise<void> | undefined;
  return {
    get nodeNames() {
      return fleet.names;
    },
    fleet,
    stop: () =>
      stopping ??= (async () => {
        abort.abort();
        await fleet.stop();
        await running.catch(() => {});
        await informers.stop();
      })(),
  };
}

/** The controller's logger: its errors (a failed status write, say) as one line each, the rest dropped. */
function errorsOnly(log: (line: string) => void, fields: Record<string, unknown> = {}): Logger {
  return {
    info: () => {},
    error: (msg, extra = {}) => {
      const all = { ...fields, ...extra };
      const key = all.namespace ? `${all.namespace}/${all.name}` : all.name;
      const error = all.error instanceof Error ? all.error.message : all.error;
      log(`kubelet: ${msg}${key ? ` for pod ${key}` : ""}${error ? `: ${error}` : ""}`);
    },
    with: (more) => errorsOnly(log, { ...fields, ...more }),
  };
}
