/**
 * Simulated-node benchmark (`deno task bench:sim`): `skiff up` on the embedded store (a child process),
 * and the simulator joined to it over HTTPS from this process, as `skiff sim` is; the pods are created
 * from this process too.
 *
 * 1. register BENCH_SIM_NODES nodes (default 1,000): seconds until every one is listed Ready with a lease;
 * 2. create BENCH_SIM_PODS pods (default 2,000) and bind each through pods/NAME/binding round-robin
 *    over the nodes, 64 in flight: seconds from the first create until every pod is Running.
 *
 * Progress goes to stderr; the last stdout line is one JSON object.
 *
 * @module
 */
import {
  createClient,
  Informer,
  leasesResource,
  loadKubeconfig,
  namespacesResource,
  nodesResource,
  podsResource,
} from "@skiff/sdk";
import { startSimulator } from "@skiff/sim";
import { startSkiff } from "../tests/harness/skiff.ts";

const NODES = Number(Deno.env.get("BENCH_SIM_NODES") ?? 1_000);
const PODS = Number(Deno.env.get("BENCH_SIM_PODS") ?? 2_000);
const IN_FLIGHT = 64;
const log = (line: string) => console.error(`bench:sim: ${line}`);
const seconds = (since: number) => Math.round((performance.now() - since) / 10) / 100;

const skiff = await startSkiff(["--operators", "none", "--no-node-agent"]);
const config = await loadKubeconfig(skiff.kubeconfig);
const simClient = createClient(config);
const load = createClient(config);
try {
  // 1. Nodes.
  let started = performance.now();
  const sim = await startSimulator(simClient, { count: NODES, log });
  const registered = seconds(started);
  log(`${NODES} nodes registered in ${registered}s`);
  const nodes = (await load.resource(nodesResource).listAll()).items;
  const ready = nodes.filter((n) =>
    n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")
  );
  const leases = (await load.resource(leasesResource).namespace("kube-node-lease").listAll()).items;
  if (ready.length !== NODES || leases.length !== NODES) {
    throw new Error(`expected ${NODES} Ready nodes and leases, found ${ready.length} and ${leases.length}`);
  }
  const nodesReady = seconds(started);
  log(`${NODES} nodes Ready with leases after ${nodesReady}s`);

  // 2. Pods.
  await load.resource(namespacesResource).create({ metadata: { name: "bench" } });
  const pods = load.resource(podsResource).namespace("bench");
  const running = new Set<string>();
  const allRunning = Promise.withResolvers<void>();
  const informer = new Informer(pods);
  const seen = (pod: { metadata?: { name?: string }; status?: { phase?: string } }) => {
    if (pod.status?.phase !== "Running") return;
    running.add(pod.metadata!.name!);
    if (running.size === PODS) allRunning.resolve();
  };
  informer.addEventHandler({ onAdd: seen, onUpdate: (_old, pod) => seen(pod) });
  const stopInformer = new AbortController();
  const informing = informer.run(stopInformer.signal);
  await informer.waitForSync();

  started = performance.now();
  let next = 0;
  const progress = setInterval(() => log(`pods: ${next} created and bound, ${running.size} Running`), 2000);
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < PODS) {
      const i = next++;
      const name = `p-${i}`;
      await pods.create({
        metadata: { name },
        spec: {
          containers: [{ name: "web", image: "nginx:1.27", resources: { requests: { cpu: "100m" } } }],
        },
      });
      await load.request("POST", pods.path(name, "binding"), {
        body: {
          apiVersion: "v1",
          kind: "Binding",
          metadata: { name },
          target: { apiVersion: "v1", kind: "Node", name: `sim-node-${i % NODES}` },
        },
      });
    }
  }));
  const bound = seconds(started);
  log(`${PODS} pods created and bound in ${bound}s`);
  await allRunning.promise;
  clearInterval(progress);
  const podsRunning = seconds(started);
  log(`${PODS} pods Running after ${podsRunning}s`);
  stopInformer.abort();
  await informing;
  await sim.stop();

  console.log(JSON.stringify({
    bench: "sim",
    nodes: NODES,
    nodes_registered_s: registered,
    nodes_ready_s: nodesReady,
    pods: PODS,
    pods_created_and_bound_s: bound,
    pods_running_s: podsRunning,
    pods_running_per_s: Math.round(PODS / podsRunning),
  }));
} finally {
  load.close();
  simClient.close();
  await skiff.stop();
  await Deno.remove(skiff.dataDir, { recursive: true });
}
