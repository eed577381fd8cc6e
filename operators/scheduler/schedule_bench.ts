/**
 * Scheduling throughput at 1,000 nodes on one core: each iteration schedules one pod, assumes it into
 * the snapshot (as the scheduler loop does before binding) and forgets it again so every iteration sees
 * the same cluster. The target is at least 1,000 pods/s, i.e. at most 1 ms per iteration.
 *
 *   ./node_modules/deno/deno bench operators/scheduler/schedule_bench.ts
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { makeNode, makePod } from "./_testing.ts";
import { Scheduler } from "./schedule.ts";
import { Snapshot } from "./snapshot.ts";

const NODES = 1000;
const PODS_PER_NODE = 5;

function cluster(): Snapshot {
  const nodes = Array.from({ length: NODES }, (_, i) =>
    makeNode(`node-${i}`, {
      allocatable: { cpu: "32", memory: "128Gi", pods: "110", "ephemeral-storage": "500Gi" },
      labels: {
        "topology.kubernetes.io/zone": `zone-${i % 3}`,
        "node-type": i % 10 === 0 ? "gpu" : "general",
      },
      taints: i % 10 === 0 ? [{ key: "gpu", value: "yes", effect: "NoSchedule" }] : undefined,
      images: [{ names: ["registry.local/app:1"], sizeBytes: 200 * 1024 * 1024 }],
    }));
  const pods: Pod[] = [];
  for (let i = 0; i < NODES; i++) {
    for (let j = 0; j < PODS_PER_NODE; j++) {
      pods.push(makePod(`existing-${i}-${j}`, {
        nodeName: `node-${i}`,
        labels: { app: `app-${j}` },
        requests: { cpu: "500m", memory: "1Gi" },
      }));
    }
  }
  return Snapshot.from({ nodes, pods });
}

const snapshot = cluster();
const scheduler = new Scheduler();
let n = 0;

function run(build: (name: string) => Pod): void {
  const pod = build(`bench-${n++}`);
  const result = scheduler.schedule(pod, snapshot);
  if (result.fitError) throw new Error(result.fitError.message);
  const assumed = { ...pod, spec: { ...pod.spec!, nodeName: result.node } };
  snapshot.addPod(assumed);
  snapshot.removePod(assumed);
}

const plain = (name: string) =>
  makePod(name, { labels: { app: "web" }, requests: { cpu: "250m", memory: "512Mi" } });

Deno.bench("schedule a pod with requests at 1,000 nodes", { baseline: true }, () => run(plain));

Deno.bench(
  "schedule a pod with nodeSelector, tolerations and preferred node affinity at 1,000 nodes",
  () =>
    run((name) => {
      const pod = plain(name);
      pod.spec!.nodeSelector = { "node-type": "general" };
      pod.spec!.tolerations = [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }];
      pod.spec!.affinity = {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            weight: 10,
            preference: {
              matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["zone-1"] }],
            },
          }],
        },
      };
      return pod;
    }),
);

Deno.bench("schedule a pod with required pod anti-affinity at 1,000 nodes", () =>
  run((name) => {
    const pod = plain(name);
    pod.spec!.affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: { app: "web" } },
          topologyKey: "kubernetes.io/hostname",
        }],
      },
    };
    pod.spec!.tolerations = [{ key: "gpu", operator: "Exists" }];
    return pod;
  }));

Deno.bench("schedule a pod with zone topology spread at 1,000 nodes", () =>
  run((name) => {
    const pod = plain(name);
    pod.spec!.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: { app: "app-1" } },
      },
      {
        maxSkew: 1,
        topologyKey: "kubernetes.io/hostname",
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: { app: "app-1" } },
      },
    ];
    return pod;
  }));
