/**
 * The Deployment phase of bench:scheduler: `skiff up --simulated-nodes N` with the workloads and scheduler
 * modules (one process, as a user runs it), a Deployment created at 0 replicas and scaled to `replicas`;
 * seconds from the scale request until every replica is Running on a simulated node. Every layer takes
 * part: the deployment and ReplicaSet controllers (slow-start batches of pod creates), the scheduler,
 * and the simulated kubelets.
 *
 * @module
 */
import { createClient, Informer, loadKubeconfig, podsResource } from "@skiff/sdk";
import { deploymentsResource } from "@skiff/workloads";
import { startSkiff } from "../tests/harness/skiff.ts";

/** What the phase measured. */
export interface ScaleResult {
  replicas: number;
  nodes: number;
  /** From the scale request to the last pod Running. */
  scaleS: number;
}

/**
 * Scales a Deployment from 0 to `replicas` on `nodes` simulated nodes (110 pods each) and times it.
 *
 * @example
 * ```ts
 * const { scaleS } = await scaleDeployment({ replicas: 10_000, nodes: 100, log: console.error });
 * ```
 */
export async function scaleDeployment(
  options: { replicas: number; nodes: number; log: (line: string) => void },
): Promise<ScaleResult> {
  const { replicas, nodes, log } = options;
  const skiff = await startSkiff([
    "--operators",
    "workloads,scheduler",
    "--simulated-nodes",
    String(nodes),
    "--no-node-agent",
  ], { timeoutMs: 120_000 });
  const client = createClient(await loadKubeconfig(skiff.kubeconfig));
  const stop = new AbortController();
  try {
    const running = new Set<string>();
    const done = Promise.withResolvers<void>();
    const informer = new Informer(client.resource(podsResource).namespace("default"));
    const seen = (pod: { metadata?: { name?: string }; status?: { phase?: string } }) => {
      if (pod.status?.phase !== "Running") return;
      running.add(pod.metadata!.name!);
      if (running.size >= replicas) done.resolve();
    };
    informer.addEventHandler({ onAdd: seen, onUpdate: (_old, pod) => seen(pod) });
    const informing = informer.run(stop.signal);
    await informer.waitForSync();

    const deployments = client.resource(deploymentsResource).namespace("default");
    await deployments.create({
      metadata: { name: "scale" },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "scale" } },
        template: {
          metadata: { labels: { app: "scale" } },
          spec: {
            containers: [{ name: "web", image: "nginx:1.27", resources: { requests: { cpu: "10m" } } }],
          },
        },
      },
    });
    const started = performance.now();
    await deployments.patch("scale", { spec: { replicas } });
    const progress = setInterval(() => log(`scale: ${running.size}/${replicas} Running`), 5000);
    await done.promise;
    clearInterval(progress);
    const scaleS = Math.round((performance.now() - started) / 10) / 100;
    log(`scale: ${replicas} replicas Running on ${nodes} simulated nodes ${scaleS}s after the scale`);
    stop.abort();
    await informing;
    return { replicas, nodes, scaleS };
  } finally {
    stop.abort();
    client.close();
    await skiff.stop();
    await Deno.remove(skiff.dataDir, { recursive: true });
  }
}
