/**
 * Incremental equals from scratch: a Snapshot driven through a few hundred random changes (pods come
 * and go, nodes are relabelled, tainted, added and removed, namespaces relabelled) answers every
 * topology plugin exactly as a fresh Snapshot built from the same objects does.
 */
import assert from "node:assert/strict";
import type { Namespace, Node, Pod, PodSpec } from "@skiff/kinds";
import { cycleFor, makeNode, makePod, runScore } from "./_testing.ts";
import type { FilterPlugin, ScorePlugin } from "./framework.ts";
import { imageLocalityScore } from "./plugins/image_locality.ts";
import { interPodAffinityFilter, interPodAffinityScore } from "./plugins/inter_pod_affinity.ts";
import { podTopologySpreadFilter, podTopologySpreadScore } from "./plugins/pod_topology_spread.ts";
import { Snapshot } from "./snapshot.ts";

const ZONE = "topology.kubernetes.io/zone";
const HOST = "kubernetes.io/hostname";

/** mulberry32: a small seeded PRNG, so a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class World {
  readonly nodes = new Map<string, Node>();
  readonly pods = new Map<string, Pod>();
  readonly namespaces = new Map<string, Namespace>();
  readonly snapshot = new Snapshot();
  private serial = 0;

  constructor(private readonly random: () => number) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  setNamespace(name: string, team: string): void {
    const ns: Namespace = { metadata: { name, labels: { team } } };
    this.namespaces.set(name, ns);
    this.snapshot.setNamespace(ns);
  }

  makeNode(name: string): Node {
    const labels: Record<string, string> = { disk: this.pick(["ssd", "hdd"]) };
    if (!this.chance(0.1)) labels[ZONE] = this.pick(["z0", "z1", "z2", "z3"]);
    return makeNode(name, {
      labels,
      taints: this.chance(0.15) ? [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] : undefined,
      images: this.chance(0.3) ? [{ names: ["app:1"], sizeBytes: 300 * 1024 * 1024 }] : undefined,
    });
  }

  setNode(node: Node): void {
    this.nodes.set(node.metadata!.name!, node);
    this.snapshot.updateNode(node);
  }

  removeNode(name: string): void {
    this.nodes.delete(name);
    this.snapshot.removeNode(name);
  }

  /** An existing pod with some chance of each kind of term that reaches out to incoming pods. */
  makePod(nodeName: string): Pod {
    const app = this.pick(["web", "db", "cache"]);
    const affinity: NonNullable<PodSpec["affinity"]> = {};
    if (this.chance(0.15)) {
      affinity.podAntiAffinity = {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: { app: this.pick(["web", "db"]) } },
          topologyKey: this.pick([HOST, ZONE]),
        }],
      };
    }
    if (this.chance(0.1)) {
      affinity.podAffinity = {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: { app: "web" } },
          topologyKey: ZONE,
          namespaceSelector: this.chance(0.5) ? { matchLabels: { team: "a" } } : undefined,
        }],
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 30,
          podAffinityTerm: { labelSelector: { matchLabels: { app: "cache" } }, topologyKey: ZONE },
        }],
      };
    }
    return makePod(`p${this.serial++}`, {
      namespace: this.chance(0.8) ? "default" : "other",
      nodeName,
      labels: { app },
      deleting: this.chance(0.05),
      spec: Object.keys(affinity).length > 0 ? { affinity } : undefined,
    });
  }

  addPod(pod: Pod): void {
    this.pods.set(`${pod.metadata!.namespace}/${pod.metadata!.name}`, pod);
    this.snapshot.addPod(pod);
  }

  removePod(key: string): void {
    const pod = this.pods.get(key)!;
    this.pods.delete(key);
    this.snapshot.removePod(pod);
  }

  /** One random change. */
  step(): void {
    const nodeNames = [...this.nodes.keys()];
    const podKeys = [...this.pods.keys()];
    const r = this.random();
    if (r < 0.35 || podKeys.length === 0) {
      // Now and then a pod is bound to a node the snapshot does not list (yet).
      const target = this.chance(0.05) ? "ghost" : this.pick(nodeNames);
      this.addPod(this.makePod(target));
    } else if (r < 0.55) {
      this.removePod(this.pick(podKeys));
    } else if (r < 0.62) {
      // A pod is relabelled, or finishes (and leaves the snapshot).
      const key = this.pick(podKeys);
      const pod = this.pods.get(key)!;
      const next: Pod = this.chance(0.5)
        ? { ...pod, metadata: { ...pod.metadata, labels: { app: this.pick(["web", "db", "cache"]) } } }
        : { ...pod, status: { phase: "Succeeded" } };
      if (next.status?.phase === "Succeeded") this.pods.delete(key);
      else this.pods.set(key, next);
      this.snapshot.updatePod(next);
    } else if (r < 0.8) {
      // A node's labels, taints or images change (a fresh object, as an informer delivers).
      const name = this.pick(nodeNames);
      this.setNode(this.makeNode(name));
    } else if (r < 0.88) {
      this.setNode(this.makeNode(this.chance(0.3) ? "ghost" : `extra${this.serial++}`));
    } else if (r < 0.95) {
      if (nodeNames.length > 10) this.removeNode(this.pick(nodeNames));
    } else if (r < 0.97) {
      this.setNamespace(this.pick(["default", "other"]), this.pick(["a", "b"]));
    } else {
      // A burst: a quarter of the nodes relabelled at once, so the sums are rebuilt.
      for (let i = 0; i < nodeNames.length / 4 + 1; i++) this.setNode(this.makeNode(this.pick(nodeNames)));
    }
  }

  fresh(): Snapshot {
    return Snapshot.from({
      nodes: [...this.nodes.values()],
      pods: [...this.pods.values()],
      namespaces: [...this.namespaces.values()],
    });
  }
}

/** Incoming pods asking every kind of topology question. */
const INCOMING: Pod[] = [
  makePod("anti-web", {
    labels: { app: "web" },
    spec: {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: "web" } }, topologyKey: HOST },
            { labelSelector: { matchLabels: { app: "db" } }, topologyKey: ZONE },
          ],
        },
      },
    },
  }),
  makePod("with-db", {
    labels: { app: "web" },
    spec: {
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{
            labelSelector: { matchLabels: { app: "db" } },
            topologyKey: ZONE,
          }],
        },
      },
    },
  }),
  makePod("prefers", {
    labels: { app: "cache" },
    spec: {
      affinity: {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            weight: 50,
            podAffinityTerm: { labelSelector: { matchLabels: { app: "cache" } }, topologyKey: ZONE },
          }],
        },
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            weight: 20,
            podAffinityTerm: {
              labelSelector: { matchLabels: { app: "web" } },
              topologyKey: HOST,
              namespaceSelector: { matchLabels: { team: "a" } },
            },
          }],
        },
      },
    },
  }),
  makePod("spread-ssd", {
    labels: { app: "web" },
    spec: {
      nodeSelector: { disk: "ssd" },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: ZONE,
          whenUnsatisfiable: "DoNotSchedule",
          labelSelector: { matchLabels: { app: "web" } },
          minDomains: 3,
        },
        { maxSkew: 2, topologyKey: HOST, whenUnsatisfiable: "DoNotSchedule", labelSelector: {} },
        {
          maxSkew: 1,
          topologyKey: ZONE,
          whenUnsatisfiable: "ScheduleAnyway",
          labelSelector: { matchLabels: { app: "db" } },
        },
      ],
    },
  }),
  makePod("spread-tainted", {
    namespace: "other",
    labels: { app: "db" },
    spec: {
      tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "disk", operator: "In", values: ["hdd"] }] }],
          },
        },
      },
      topologySpreadConstraints: [{
        maxSkew: 1,
        topologyKey: ZONE,
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: { app: "db" } },
        nodeAffinityPolicy: "Ignore",
        nodeTaintsPolicy: "Honor",
      }],
    },
  }),
  makePod("plain-db", { labels: { app: "db" } }),
];

const FILTERS: FilterPlugin[] = [interPodAffinityFilter, podTopologySpreadFilter];
const SCORES: ScorePlugin[] = [interPodAffinityScore, podTopologySpreadScore, imageLocalityScore];

/** Every plugin's verdict on every listed node and every score, by node name. */
function answers(pod: Pod, snapshot: Snapshot): Record<string, unknown> {
  const names = snapshot.nodes().map((n) => n.name).sort();
  const out: Record<string, unknown> = {};
  for (const plugin of FILTERS) {
    const result = plugin.preFilter(cycleFor(pod, snapshot));
    if (!result) out[`filter ${plugin.name}`] = "skip";
    else if (result.status) out[`filter ${plugin.name}`] = result.status;
    else {
      out[`filter ${plugin.name}`] = Object.fromEntries(names.map((name) => {
        const status = result.filter?.(snapshot.get(name)!);
        return [name, status ? `${status.code}: ${status.reasons.join(", ")}` : "fits"];
      }));
    }
  }
  for (const plugin of SCORES) out[`score ${plugin.name}`] = runScore(plugin, pod, snapshot, names) ?? "skip";
  return out;
}

Deno.test("topology plugins answer the same on an incrementally updated snapshot as on a fresh one", () => {
  for (const seed of [1, 2, 3]) {
    const random = prng(seed);
    const world = new World(random);
    world.setNamespace("default", "a");
    world.setNamespace("other", "b");
    for (let i = 0; i < 50; i++) world.setNode(world.makeNode(`n${i}`));
    for (let i = 0; i < 60; i++) world.addPod(world.makePod(world.pick([...world.nodes.keys()])));
    for (let step = 0; step < 250; step++) {
      world.step();
      // Not every pod asks every cycle, so some sums catch up on many changes at once.
      for (const pod of INCOMING) {
        if (!world.chance(0.6)) continue;
        const incremental = answers(pod, world.snapshot);
        const fresh = answers(pod, world.fresh());
        assert.deepEqual(incremental, fresh, `seed ${seed}, step ${step}, pod ${pod.metadata!.name}`);
      }
    }
  }
});
