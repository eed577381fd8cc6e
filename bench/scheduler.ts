/**
 * Scheduler benchmark (`deno task bench:scheduler`): `skiff up` on the embedded store with no modules (a
 * child process) as the API server, and the scheduler in this process over HTTPS, as kube-scheduler runs
 * beside kube-apiserver.
 *
 * For each cluster size (BENCH_NODES, default 1,000; then BENCH_LARGE_NODES, default 5,000, 0 to skip):
 * 1. create the Nodes through the API (create + status: allocatable, Ready; three zones, disk and pool
 *    labels, one in ten tainted dedicated=gpu:NoSchedule);
 * 2. start the scheduler and wait for its caches;
 * 3. create BENCH_PODS pods (default 10,000; 64 creates in flight) with a mix of plain requests,
 *    nodeSelector, required node affinity, tolerations, preferred and required pod anti-affinity and
 *    topology spread, while the scheduler binds them; pods bound per second from the first create to the
 *    last binding, and the p99 from a pod's create request to its binding's answer;
 * 4. stop the scheduler, create a backlog of BENCH_PODS / 5 pods, start a new scheduler: pods bound per
 *    second from its start (caches synced, 10,000 bound pods in its snapshot) to the last binding, the
 *    scheduler's own pace when pod creation does not hold it back.
 *
 * Then (BENCH_SCALE_REPLICAS, default 10,000, 0 to skip) a Deployment scaled from 0 to that many replicas
 * on BENCH_SCALE_NODES simulated nodes (default 100, 110 pods each) in one `skiff up` with the workloads
 * and scheduler modules: seconds until every replica is Running (bench/_scale_deployment.ts).
 *
 * Progress goes to stderr; the last stdout line is one JSON object.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import {
  createClient,
  loadKubeconfig,
  Manager,
  namespacesResource,
  nodesResource,
  podsResource,
  silentLogger,
} from "@skiff/sdk";
import { SchedulerController } from "@skiff/scheduler";
import { startSkiff } from "../tests/harness/skiff.ts";
import { scaleDeployment } from "./_scale_deployment.ts";
import { cpuMs } from "./_cpu.ts";

const NODES = Number(Deno.env.get("BENCH_NODES") ?? 1_000);
const LARGE_NODES = Number(Deno.env.get("BENCH_LARGE_NODES") ?? 5_000);
const PODS = Number(Deno.env.get("BENCH_PODS") ?? 10_000);
const SCALE_REPLICAS = Number(Deno.env.get("BENCH_SCALE_REPLICAS") ?? 10_000);
const SCALE_NODES = Number(Deno.env.get("BENCH_SCALE_NODES") ?? 100);
const IN_FLIGHT = 64;
const ZONES = ["zone-a", "zone-b", "zone-c"];
const log = (line: string) => console.error(`bench:scheduler: ${line}`);
const seconds = (ms: number) => Math.round(ms / 10) / 100;

async function inPool<T>(count: number, fn: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) await fn(next++);
  }));
}

function node(i: number) {
  const tainted = i % 10 === 9;
  return {
    metadata: {
      name: `node-${i}`,
      labels: {
        "kubernetes.io/hostname": `node-${i}`,
        "topology.kubernetes.io/zone": ZONES[i % 3],
        disk: i % 2 === 0 ? "ssd" : "hdd",
        pool: i % 4 < 2 ? "a" : "b",
      },
    },
    spec: tainted ? { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" as const }] } : {},
  };
}

const ALLOCATABLE = { cpu: "32", memory: "128Gi", pods: "110" };

/** Ten kinds of pod, by i % 10. */
function pod(i: number): Pod {
  const kind = i % 10;
  const spec: NonNullable<Pod["spec"]> = {
    containers: [{ name: "app", image: "app:1", resources: { requests: { cpu: "100m", memory: "128Mi" } } }],
  };
  const labels: Record<string, string> = { bench: "yes" };
  if (kind === 4) spec.nodeSelector = { disk: "ssd" };
  if (kind === 5) {
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{
            matchExpressions: [{
              key: "topology.kubernetes.io/zone",
              operator: "In",
              values: ["zone-a", "zone-b"],
            }],
          }],
        },
      },
    };
  }
  if (kind === 6) {
    spec.tolerations = [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }];
    spec.nodeSelector = { pool: "b" };
  }
  if (kind === 7) {
    labels.app = `web-${i % 50}`;
    spec.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: {
            labelSelector: { matchLabels: { app: labels.app } },
            topologyKey: "kubernetes.io/hostname",
          },
        }],
      },
    };
  }
  if (kind === 8) {
    labels.spread = `s-${i % 20}`;
    spec.topologySpreadConstraints = [{
      maxSkew: 1,
      topologyKey: "topology.kubernetes.io/zone",
      whenUnsatisfiable: "DoNotSchedule",
      labelSelector: { matchLabels: { spread: labels.spread } },
    }];
  }
  if (kind === 9) {
    labels.replicaset = `rs-${Math.floor(i / 50)}`;
    spec.affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: { replicaset: labels.replicaset } },
          topologyKey: "kubernetes.io/hostname",
        }],
      },
    };
  }
  return { metadata: { name: `pod-${i}`, labels }, spec };
}

interface Result {
  nodes: number;
  pods: number;
  nodesCreatedS: number;
  podsPerS: number;
  p50BindMs: number;
  p99BindMs: number;
  backlogPodsPerS: number;
  serverCpuUsPerPod: number;
  benchCpuUsPerPod: number;
}

async function run(nodeCount: number): Promise<Result> {
  const skiff = await startSkiff(["--operators", "none", "--no-node-agent"]);
  const config = await loadKubeconfig(skiff.kubeconfig);
  const load = createClient(config);
  const schedClient = createClient(config);
  try {
    // 1. Nodes.
    let started = performance.now();
    const nodes = load.resource(nodesResource);
    await inPool(nodeCount, async (i) => {
      const created = await nodes.create(node(i));
      const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
      await nodes.updateStatus({
        ...created,
        status: {
          capacity: ALLOCATABLE,
          allocatable: ALLOCATABLE,
          conditions: [{
            type: "Ready",
            status: "True",
            reason: "KubeletReady",
            lastHeartbeatTime: now,
            lastTransitionTime: now,
          }],
        },
      });
    });
    const nodesCreatedS = seconds(performance.now() - started);
    log(`${nodeCount} nodes created in ${nodesCreatedS}s`);

    // 2. The scheduler.
    const createdAt = new Map<string, number>();
    const latencies: number[] = [];
    let lastBound = 0;
    let expected = PODS;
    let bound = 0;
    let allBound = Promise.withResolvers<void>();
    const startScheduler = async () => {
      const manager = new Manager({ client: schedClient, log: silentLogger });
      manager.add(
        new SchedulerController(manager, {
          onBound: (p) => {
            const at = createdAt.get(p.metadata!.name!);
            lastBound = performance.now();
            if (at !== undefined) latencies.push(lastBound - at);
            if (++bound === expected) allBound.resolve();
          },
        }),
      );
      const stop = new AbortController();
      const running = manager.start(stop.signal);
      await manager.informers.waitForSync();
      return async () => {
        stop.abort();
        await running.catch(() => {});
      };
    };
    let stopScheduler = await startScheduler();

    // 3. Pods, created while the scheduler runs.
    await load.resource(namespacesResource).create({ metadata: { name: "bench" } });
    const pods = load.resource(podsResource).namespace("bench");
    let created = 0;
    const progress = setInterval(() => log(`pods: ${created} created, ${bound} bound`), 2000);
    started = performance.now();
    const cpuBefore = { server: await cpuMs([skiff.child.pid]), bench: await cpuMs([Deno.pid]) };
    await inPool(PODS, async (i) => {
      const p = pod(i);
      createdAt.set(p.metadata!.name!, performance.now());
      await pods.create(p);
      created++;
    });
    log(`${PODS} pods created in ${seconds(performance.now() - started)}s`);
    await allBound.promise;
    const total = lastBound - started;
    // CPU per pod created and bound: the API server (create, binding, Scheduled event, watch fan-out) and
    // this process (the scheduler and the pod creator's client), which share the box's cores.
    const serverCpuUsPerPod = Math.round((await cpuMs([skiff.child.pid]) - cpuBefore.server) * 1000 / PODS);
    const benchCpuUsPerPod = Math.round((await cpuMs([Deno.pid]) - cpuBefore.bench) * 1000 / PODS);
    latencies.sort((a, b) => a - b);
    const pct = (q: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
    const [p50BindMs, p99BindMs] = [pct(0.5), pct(0.99)];

    // 4. A backlog: pods created while no scheduler runs, then bound by a new one (the scheduler's own
    // pace, without the create rate as a limit).
    await stopScheduler();
    const BACKLOG = Math.max(1, Math.floor(PODS / 5));
    await load.resource(namespacesResource).create({ metadata: { name: "backlog" } });
    const backlogPods = load.resource(podsResource).namespace("backlog");
    await inPool(BACKLOG, (i) => backlogPods.create(pod(PODS + i)));
    bound = 0;
    expected = BACKLOG;
    allBound = Promise.withResolvers<void>();
    const backlogStarted = performance.now();
    stopScheduler = await startScheduler();
    await allBound.promise;
    clearInterval(progress);
    const backlogS = (lastBound - backlogStarted) / 1000;
    await stopScheduler();

    const result = {
      nodes: nodeCount,
      pods: PODS,
      nodesCreatedS,
      podsPerS: Math.round(PODS / (total / 1000)),
      p50BindMs,
      p99BindMs,
      backlogPodsPerS: Math.round(BACKLOG / backlogS),
      serverCpuUsPerPod,
      benchCpuUsPerPod,
    };
    log(
      `${nodeCount} nodes: ${PODS} pods bound in ${seconds(total)}s (${result.podsPerS}/s), ` +
        `p50 ${p50BindMs} ms, p99 ${p99BindMs} ms; a backlog of ${BACKLOG} bound at ${result.backlogPodsPerS}/s ` +
        `(caches synced and all bound in ${seconds(backlogS * 1000)}s); CPU per pod: API server ` +
        `${serverCpuUsPerPod} µs, scheduler and creator ${benchCpuUsPerPod} µs`,
    );
    return result;
  } finally {
    load.close();
    schedClient.close();
    await skiff.stop();
    await Deno.remove(skiff.dataDir, { recursive: true });
  }
}

const small = await run(NODES);
const large = LARGE_NODES > 0 ? await run(LARGE_NODES) : undefined;
const scale = SCALE_REPLICAS > 0
  ? await scaleDeployment({ replicas: SCALE_REPLICAS, nodes: SCALE_NODES, log })
  : undefined;
console.log(JSON.stringify({
  bench: "scheduler",
  pods: PODS,
  nodes: NODES,
  pods_per_s_1000_nodes: small.podsPerS,
  p50_bind_ms: small.p50BindMs,
  p99_bind_ms: small.p99BindMs,
  backlog_pods_per_s_1000_nodes: small.backlogPodsPerS,
  server_cpu_us_per_pod_1000_nodes: small.serverCpuUsPerPod,
  bench_cpu_us_per_pod_1000_nodes: small.benchCpuUsPerPod,
  large_nodes: large ? LARGE_NODES : null,
  pods_per_s_5000_nodes: large?.podsPerS ?? null,
  p99_bind_ms_5000_nodes: large?.p99BindMs ?? null,
  backlog_pods_per_s_5000_nodes: large?.backlogPodsPerS ?? null,
  scale_replicas: scale?.replicas ?? null,
  scale_nodes: scale?.nodes ?? null,
  scale_10k_s: scale?.scaleS ?? null,
}));
