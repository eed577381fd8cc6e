import assert from "node:assert/strict";
import type { Affinity, Namespace, Pod } from "@skiff/kinds";
import { filterCode, makeNode, makePod, runFilter, runScore } from "../_testing.ts";
import { Snapshot } from "../snapshot.ts";
import { interPodAffinityFilter, interPodAffinityScore } from "./inter_pod_affinity.ts";

const AFFINITY = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

const securityscan = { service: "securityscan" };
const region = { region: "r1", zone: "z11" };

function withAffinity(name: string, affinity: Affinity, options: Parameters<typeof makePod>[1] = {}): Pod {
  return makePod(name, { ...options, spec: { ...options.spec, affinity } });
}

// Cases from interpodaffinity/filtering_test.go (TestRequiredAffinitySingleNode).
const cases: { name: string; pod: Pod; pods?: Pod[]; nodeLabels?: Record<string, string>; want: string }[] = [
  {
    name: "a pod without required pod affinity fits a node without pods",
    pod: makePod("p"),
    nodeLabels: region,
    want: "",
  },
  {
    name: "required affinity with In matching an existing pod in the topology fits",
    pod: withAffinity("p", {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: {
            matchExpressions: [{ key: "service", operator: "In", values: ["securityscan", "value2"] }],
          },
          topologyKey: "region",
        }],
      },
    }),
    pods: [makePod("existing", { labels: securityscan, nodeName: "node1" })],
    nodeLabels: region,
    want: "",
  },
  {
    name: "required affinity with NotIn matching an existing pod fits",
    pod: withAffinity("p", {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: {
            matchExpressions: [{ key: "service", operator: "NotIn", values: ["securityscan3", "value3"] }],
          },
          topologyKey: "region",
        }],
      },
    }),
    pods: [makePod("existing", { labels: securityscan, nodeName: "node1" })],
    nodeLabels: region,
    want: "",
  },
  {
    name: "required affinity does not match a pod in another namespace",
    pod: withAffinity("p", {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: {
            matchExpressions: [{ key: "service", operator: "In", values: ["securityscan", "value2"] }],
          },
          namespaces: ["DiffNameSpace"],
          topologyKey: "region",
        }],
      },
    }, { labels: { app: "other" } }),
    pods: [makePod("existing", { labels: securityscan, nodeName: "node1", namespace: "ns" })],
    nodeLabels: region,
    want: AFFINITY,
  },
  {
    name: "required affinity whose selector matches no existing pod keeps the pod off",
    pod: withAffinity("p", {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: {
            matchExpressions: [{ key: "service", operator: "In", values: ["antivirusscan", "value2"] }],
          },
          topologyKey: "region",
        }],
      },
    }),
    pods: [makePod("existing", { labels: securityscan, nodeName: "node1" })],
    nodeLabels: region,
    want: AFFINITY,
  },
  {
    name: "several required affinity terms must all be satisfied",
    pod: withAffinity("p", {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchExpressions: [{ key: "service", operator: "Exists" }] },
            topologyKey: "region",
          },
          {
            labelSelector: { matchExpressions: [{ key: "wrongkey", operator: "DoesNotExist" }] },
            topologyKey: "region",
          },
        ],
      },
    }),
    pods: [makePod("existing", { labels: securityscan, nodeName: "node1" })],
    nodeLabels: region,
    want: "",
  },
  {
    name: "required anti-affinity matching an existing pod in the topology keeps the pod off",
    pod: withAffinity("p", {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: securityscan },
          topologyKey: "zone",
        }],
      },
    }),
    pods: [makePod("existing", { labels: securityscan, nodeName: "node1" })],
    nodeLabels: region,
    want: ANTI,
  },
  {
    name: "required anti-affinity on a topology key the node lacks is satisfied",
    pod: withAffinity("p", {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: securityscan },
          topologyKey: "rack",
        }],
      },
    }),
    pods: [makePod("existing", { labels: securityscan, nodeName: "node1" })],
    nodeLabels: region,
    want: "",
  },
  {
    name: "an existing pod's anti-affinity selecting the incoming pod keeps it off (symmetry)",
    pod: makePod("p", { labels: securityscan }),
    pods: [withAffinity("existing", {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: securityscan },
          topologyKey: "zone",
        }],
      },
    }, { nodeName: "node1" })],
    nodeLabels: region,
    want: EXISTING,
  },
  {
    name: "the first pod of a group with affinity to itself fits where the topology key exists",
    pod: withAffinity("p", {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: securityscan },
          topologyKey: "region",
        }],
      },
    }, { labels: securityscan }),
    nodeLabels: region,
    want: "",
  },
  {
    name: "the first pod of a group with affinity to itself does not fit a node without the topology key",
    pod: withAffinity("p", {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: securityscan },
          topologyKey: "rack",
        }],
      },
    }, { labels: securityscan }),
    nodeLabels: region,
    want: AFFINITY,
  },
  {
    name: "a pod with affinity to a label it does not have does not fit when no pod matches",
    pod: withAffinity("p", {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: securityscan },
          topologyKey: "region",
        }],
      },
    }),
    nodeLabels: region,
    want: AFFINITY,
  },
];

for (const c of cases) {
  Deno.test(`InterPodAffinity filter: ${c.name}`, () => {
    const snapshot = Snapshot.from({
      nodes: [makeNode("node1", { labels: c.nodeLabels })],
      pods: c.pods ?? [],
    });
    assert.equal(runFilter(interPodAffinityFilter, c.pod, snapshot, "node1"), c.want);
  });
}

Deno.test("InterPodAffinity affinity failures are unresolvable and anti-affinity failures are not", () => {
  const existing = makePod("existing", { labels: securityscan, nodeName: "node1" });
  const snapshot = Snapshot.from({ nodes: [makeNode("node1", { labels: region })], pods: [existing] });
  const anti = withAffinity("p", {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: { matchLabels: securityscan },
        topologyKey: "zone",
      }],
    },
  });
  assert.equal(filterCode(interPodAffinityFilter, anti, snapshot, "node1"), "Unschedulable");
  const affinity = withAffinity("p", {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: { matchLabels: { a: "b" } },
        topologyKey: "zone",
      }],
    },
  });
  assert.equal(
    filterCode(interPodAffinityFilter, affinity, snapshot, "node1"),
    "UnschedulableAndUnresolvable",
  );
});

Deno.test("InterPodAffinity matches pods by topology domain, not only on the same node", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("node1", { labels: { zone: "z1" } }),
      makeNode("node2", { labels: { zone: "z1" } }),
      makeNode("node3", { labels: { zone: "z2" } }),
    ],
    pods: [makePod("db", { labels: { app: "db" }, nodeName: "node1" })],
  });
  const pod = withAffinity("web", {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: { matchLabels: { app: "db" } },
        topologyKey: "zone",
      }],
    },
  });
  assert.equal(runFilter(interPodAffinityFilter, pod, snapshot, "node2"), "");
  assert.equal(runFilter(interPodAffinityFilter, pod, snapshot, "node3"), AFFINITY);
});

Deno.test("InterPodAffinity resolves namespaceSelector against namespace labels", () => {
  const namespaces: Namespace[] = [
    { metadata: { name: "team-a", labels: { team: "a" } } },
    { metadata: { name: "team-b", labels: { team: "b" } } },
  ];
  const snapshot = Snapshot.from({
    namespaces,
    nodes: [makeNode("node1", { labels: { zone: "z1" } }), makeNode("node2", { labels: { zone: "z2" } })],
    pods: [
      makePod("db-a", { namespace: "team-a", labels: { app: "db" }, nodeName: "node1" }),
      makePod("db-b", { namespace: "team-b", labels: { app: "db" }, nodeName: "node2" }),
    ],
  });
  const pod = withAffinity("web", {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: { matchLabels: { app: "db" } },
        namespaceSelector: { matchLabels: { team: "b" } },
        topologyKey: "zone",
      }],
    },
  });
  assert.equal(runFilter(interPodAffinityFilter, pod, snapshot, "node1"), AFFINITY);
  assert.equal(runFilter(interPodAffinityFilter, pod, snapshot, "node2"), "");
});

Deno.test("InterPodAffinity: an empty namespaceSelector selects pods of every namespace", () => {
  const snapshot = Snapshot.from({
    nodes: [makeNode("node1", { labels: { zone: "z1" } })],
    pods: [makePod("db", { namespace: "elsewhere", labels: { app: "db" }, nodeName: "node1" })],
  });
  const pod = withAffinity("web", {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: { matchLabels: { app: "db" } },
        namespaceSelector: {},
        topologyKey: "zone",
      }],
    },
  });
  assert.equal(runFilter(interPodAffinityFilter, pod, snapshot, "node1"), ANTI);
});

// Cases from interpodaffinity/scoring_test.go (TestPreferredAffinity).
const nodes = () => [
  makeNode("node1", { labels: { region: "China" } }),
  makeNode("node2", { labels: { region: "India" } }),
  makeNode("node3", { labels: { az: "az1" } }),
];
const preferS1: Affinity = {
  podAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [{
      weight: 5,
      podAffinityTerm: {
        labelSelector: { matchExpressions: [{ key: "security", operator: "In", values: ["S1"] }] },
        topologyKey: "region",
      },
    }],
  },
};

Deno.test("InterPodAffinity score: a pod without affinity skips scoring when no pod has affinity", () => {
  const snapshot = Snapshot.from({ nodes: nodes() });
  assert.equal(runScore(interPodAffinityScore, makePod("p"), snapshot), undefined);
});

Deno.test("InterPodAffinity score: the node whose topology holds matching pods scores highest", () => {
  const snapshot = Snapshot.from({
    nodes: nodes(),
    pods: [
      makePod("a", { labels: { security: "S1" }, nodeName: "node1" }),
      makePod("b", { labels: { security: "S2" }, nodeName: "node2" }),
    ],
  });
  assert.deepEqual(runScore(interPodAffinityScore, withAffinity("p", preferS1), snapshot), {
    node1: 100,
    node2: 0,
    node3: 0,
  });
});

Deno.test("InterPodAffinity score: preferred anti-affinity scores the matching topology lowest", () => {
  const snapshot = Snapshot.from({
    nodes: nodes(),
    pods: [makePod("a", { labels: { security: "S1" }, nodeName: "node1" })],
  });
  const anti: Affinity = { podAntiAffinity: preferS1.podAffinity };
  assert.deepEqual(runScore(interPodAffinityScore, withAffinity("p", anti), snapshot), {
    node1: 0,
    node2: 100,
    node3: 100,
  });
});

Deno.test("InterPodAffinity score: an existing pod's required affinity to the incoming pod attracts it", () => {
  const snapshot = Snapshot.from({
    nodes: nodes(),
    pods: [withAffinity("a", {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchLabels: securityscan },
          topologyKey: "region",
        }],
      },
    }, { nodeName: "node2" })],
  });
  assert.deepEqual(runScore(interPodAffinityScore, makePod("p", { labels: securityscan }), snapshot), {
    node1: 0,
    node2: 100,
    node3: 0,
  });
});

Deno.test("InterPodAffinity sees a namespace's new labels in the next cycle", () => {
  const snapshot = Snapshot.from({
    namespaces: [{ metadata: { name: "team-a", labels: { team: "a" } } }],
    nodes: [makeNode("node1", { labels: { zone: "z1" } })],
    pods: [makePod("db", { namespace: "team-a", labels: { app: "db" }, nodeName: "node1" })],
  });
  const pod = withAffinity("web", {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: { matchLabels: { app: "db" } },
        namespaceSelector: { matchLabels: { team: "b" } },
        topologyKey: "zone",
      }],
    },
  });
  assert.equal(runFilter(interPodAffinityFilter, pod, snapshot, "node1"), "");
  snapshot.setNamespace({ metadata: { name: "team-a", labels: { team: "b" } } });
  assert.equal(runFilter(interPodAffinityFilter, pod, snapshot, "node1"), ANTI);
});

Deno.test("InterPodAffinity score follows a node's new labels", () => {
  const snapshot = Snapshot.from({
    nodes: nodes(),
    pods: [makePod("a", { labels: { security: "S1" }, nodeName: "node1" })],
  });
  const pod = withAffinity("p", preferS1);
  assert.deepEqual(runScore(interPodAffinityScore, pod, snapshot), { node1: 100, node2: 0, node3: 0 });
  snapshot.updateNode(makeNode("node1", { labels: { region: "India" } }));
  assert.deepEqual(runScore(interPodAffinityScore, pod, snapshot), { node1: 100, node2: 100, node3: 0 });
});

Deno.test("InterPodAffinity score: pods with the same preferred selector but another topology key score by their own key", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("a1", { labels: { zone: "a" } }),
      makeNode("a2", { labels: { zone: "a" } }),
      makeNode("b1", { labels: { zone: "b" } }),
    ],
    pods: [makePod("s1", { labels: { security: "S1" }, nodeName: "a1" })],
  });
  const prefer = (topologyKey: string): Affinity => ({
    podAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 5,
        podAffinityTerm: { labelSelector: { matchLabels: { security: "S1" } }, topologyKey },
      }],
    },
  });
  assert.deepEqual(
    runScore(interPodAffinityScore, withAffinity("p", prefer("kubernetes.io/hostname")), snapshot),
    {
      a1: 100,
      a2: 0,
      b1: 0,
    },
  );
  // The same selector by zone: a2 shares a1's zone.
  assert.deepEqual(runScore(interPodAffinityScore, withAffinity("q", prefer("zone")), snapshot), {
    a1: 100,
    a2: 100,
    b1: 0,
  });
});
