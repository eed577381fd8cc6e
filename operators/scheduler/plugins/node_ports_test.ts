import assert from "node:assert/strict";
import type { ContainerPort, Pod } from "@skiff/kinds";
import { makeNode, makePod, runFilter } from "../_testing.ts";
import { Snapshot } from "../snapshot.ts";
import { nodePorts } from "./node_ports.ts";

/** A pod binding host ports written "PROTOCOL/IP/PORT", as Kubernetes' newPod helper takes them. */
function podWithPorts(name: string, nodeName: string | undefined, ...specs: string[]): Pod {
  const ports: ContainerPort[] = specs.map((s) => {
    const [protocol, hostIP, port] = s.split("/");
    return {
      protocol: protocol as ContainerPort["protocol"],
      hostIP,
      hostPort: Number(port),
      containerPort: Number(port),
    };
  });
  return makePod(name, { nodeName, spec: { containers: [{ name: "c", ports }] } });
}

// Cases from nodeports/node_ports_test.go (TestNodePorts).
const cases: { name: string; pod: string[]; existing: string[]; fits: boolean }[] = [
  { name: "a pod without host ports fits", pod: [], existing: [], fits: true },
  { name: "another port fits", pod: ["UDP/127.0.0.1/8080"], existing: ["UDP/127.0.0.1/9090"], fits: true },
  {
    name: "the same udp port conflicts",
    pod: ["UDP/127.0.0.1/8080"],
    existing: ["UDP/127.0.0.1/8080"],
    fits: false,
  },
  {
    name: "the same tcp port conflicts",
    pod: ["TCP/127.0.0.1/8080"],
    existing: ["TCP/127.0.0.1/8080"],
    fits: false,
  },
  { name: "another host ip fits", pod: ["TCP/127.0.0.1/8080"], existing: ["TCP/127.0.0.2/8080"], fits: true },
  {
    name: "another protocol fits",
    pod: ["UDP/127.0.0.1/8080"],
    existing: ["TCP/127.0.0.1/8080"],
    fits: true,
  },
  {
    name: "a conflict on the second udp port rejects the node",
    pod: ["UDP/127.0.0.1/8000", "UDP/127.0.0.1/8080"],
    existing: ["UDP/127.0.0.1/8080"],
    fits: false,
  },
  {
    name: "a conflict on the first tcp port rejects the node",
    pod: ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8080"],
    existing: ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8081"],
    fits: false,
  },
  {
    name: "a port on 0.0.0.0 conflicts with the same port on one address",
    pod: ["TCP/0.0.0.0/8001"],
    existing: ["TCP/127.0.0.1/8001"],
    fits: false,
  },
  {
    name: "a port on one address conflicts with the same port on 0.0.0.0",
    pod: ["TCP/10.0.10.10/8001", "TCP/0.0.0.0/8001"],
    existing: ["TCP/0.0.0.0/8001"],
    fits: false,
  },
  {
    name: "a port on 127.0.0.1 conflicts with the same port taken on 0.0.0.0",
    pod: ["TCP/127.0.0.1/8001"],
    existing: ["TCP/0.0.0.0/8001"],
    fits: false,
  },
  {
    name: "another protocol on 0.0.0.0 fits",
    pod: ["UDP/0.0.0.0/8001"],
    existing: ["TCP/0.0.0.0/8001"],
    fits: true,
  },
  {
    name: "a udp port on 0.0.0.0 conflicts with the udp port on one address",
    pod: ["UDP/0.0.0.0/8001"],
    existing: ["TCP/0.0.0.0/8001", "UDP/127.0.0.1/8001"],
    fits: false,
  },
];

for (const c of cases) {
  Deno.test(`NodePorts: ${c.name}`, () => {
    const snapshot = Snapshot.from({
      nodes: [makeNode("n1")],
      pods: c.existing.length ? [podWithPorts("existing", "n1", ...c.existing)] : [],
    });
    const want = c.fits ? "" : "node(s) didn't have free ports for the requested pod ports";
    assert.equal(runFilter(nodePorts, podWithPorts("p", undefined, ...c.pod), snapshot, "n1"), want);
  });
}

Deno.test("NodePorts frees a port when the pod holding it goes", () => {
  const existing = podWithPorts("existing", "n1", "TCP/0.0.0.0/80");
  const snapshot = Snapshot.from({ nodes: [makeNode("n1")], pods: [existing] });
  const pod = podWithPorts("p", undefined, "TCP/0.0.0.0/80");
  assert.notEqual(runFilter(nodePorts, pod, snapshot, "n1"), "");
  snapshot.removePod(existing);
  assert.equal(runFilter(nodePorts, pod, snapshot, "n1"), "");
});
