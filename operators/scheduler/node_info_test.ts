import assert from "node:assert/strict";
import { makeNode, makePod } from "./_testing.ts";
import { internKey, NodeInfo } from "./node_info.ts";
import { PodInfo } from "./pod_info.ts";

Deno.test("a node info adds and removes its pods' requests, ports and affinity", () => {
  const info = new NodeInfo("n1", makeNode("n1", { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } }));
  const web = new PodInfo(makePod("web", {
    requests: { cpu: "1", memory: "1Gi", "example.com/gpu": "1" },
    spec: {
      containers: [{
        name: "c",
        ports: [{ containerPort: 80, hostPort: 8080 }],
        resources: { requests: { cpu: "1" } },
      }],
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone" }] },
      },
    },
  }));
  info.addPod(web);
  assert.equal(info.requested.milliCPU, 1000);
  assert.equal(info.podsWithAffinity.length, 1);
  assert.equal(info.podsWithRequiredAntiAffinity.length, 1);
  assert.equal(info.portConflicts({ ip: "10.0.0.1", protocol: "TCP", port: 8080 }), true);
  assert.equal(info.removePod(web.key), true);
  assert.equal(info.requested.milliCPU, 0);
  assert.equal(info.podsWithAffinity.length, 0);
  assert.equal(info.usedPorts.size, 0);
  assert.equal(info.removePod(web.key), false);
});

Deno.test("cached answers about a node's pods are dropped when a pod comes or goes", () => {
  const info = new NodeInfo("n1");
  const isWeb = (p: PodInfo) => p.labels?.app === "web";
  assert.equal(info.countPods("web", isWeb), 0);
  const pod = new PodInfo(makePod("a", { labels: { app: "web" } }));
  info.addPod(pod);
  assert.equal(info.countPods("web", isWeb), 1);
  info.removePod(pod.key);
  assert.equal(info.countPods("web", isWeb), 0);
});

Deno.test("a clone of a node info changes without touching the original", () => {
  const info = new NodeInfo("n1", makeNode("n1"));
  const pod = new PodInfo(makePod("a", { requests: { cpu: "1" } }));
  info.addPod(pod);
  const copy = info.clone();
  copy.removePod(pod.key);
  assert.equal(info.pods.length, 1);
  assert.equal(info.requested.milliCPU, 1000);
  assert.equal(copy.requested.milliCPU, 0);
});

Deno.test("interned keys with the same text are the same string", () => {
  const a = internKey(["x", 1].join(":"));
  assert.equal(internKey(["x", 1].join(":")), a);
});
