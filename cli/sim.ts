/**
 * `skiff sim`: joins a running cluster with simulated nodes (see operators/sim) until stopped.
 *
 * @module
 */
import { type Client, createClient, loadConfig, loadKubeconfig } from "@skiff/sdk";
import { type Simulator, startSimulator } from "@skiff/sim";
import type { SimOptions } from "./args.ts";

/**
 * Connects with the kubeconfig, registers the nodes and starts their kubelets; `log` receives one line
 * per step. Stopping leaves the nodes and pods in place (their leases then expire, as for a stopped kubelet).
 *
 * @example
 * ```ts
 * const simulator = await sim(parseSimArgs(["--nodes", "3", "--kubeconfig", ".skiff/kubeconfig"]), console.error);
 * await simulator.stop();
 * ```
 */
export async function sim(options: SimOptions, log: (line: string) => void): Promise<Simulator> {
  const config = options.kubeconfig ? await loadKubeconfig(options.kubeconfig) : await loadConfig();
  log(`simulated nodes: registering ${options.nodes} (${options.prefix}-0 …) with ${config.server}`);
  const client = createClient(config);
  const started = performance.now();
  try {
    const simulator = await startSimulator(client, {
      count: options.nodes,
      prefix: options.prefix,
      log: (line) => log(`sim: ${line}`),
    });
    log(
      `simulated nodes: ${options.nodes} registered in ${((performance.now() - started) / 1000).toFixed(1)}s`,
    );
    return {
      get nodeNames() {
        return simulator.nodeNames;
      },
      fleet: simulator.fleet,
      stop: async () => {
        await simulator.stop();
        client.close();
      },
    };
  } catch (e) {
    client.close();
    throw e;
  }
}

/**
 * Runs the simulator inside `skiff up`, over its in-process client.
 *
 * @example
 * ```ts
 * const simulator = await simulateInProcess(client, 3, console.error);
 * ```
 */
export async function simulateInProcess(
  client: Client,
  nodes: number,
  log: (line: string) => void,
): Promise<Simulator> {
  log(`simulated nodes: registering ${nodes} (sim-node-0 …)`);
  const started = performance.now();
  const simulator = await startSimulator(client, { count: nodes, log: (line) => log(`sim: ${line}`) });
  log(`simulated nodes: ${nodes} registered in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  return simulator;
}
