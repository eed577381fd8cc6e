import assert from "node:assert/strict";
import type { KubeObject } from "../admission.ts";
import { nodePrinter } from "./_node.ts";

// Cases from kubernetes/pkg/printers/internalversion/printers_test.go (TestPrintNodeStatus,
// TestPrintNodeRole, TestPrintNodeOSImage, TestPrintNodeExternalIP, TestPrintNodeInternalIP, ...).
const NOW = Date.parse("2024-05-01T12:00:00Z");

function node(
  name: string,
  options: { labels?: Record<string, string>; spec?: object; status?: object } = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, ...(options.labels ? { labels: options.labels } : {}) },
    spec: options.spec ?? {},
    status: options.status ?? {},
  };
}
const conditions = (...cs: object[]) => ({ conditions: cs });

const cases: { name: string; node: KubeObject; cells: unknown[] }[] = [
  {
    name: "reads Ready from a true Ready condition",
    node: node("foo1", { status: conditions({ type: "Ready", status: "True" }) }),
    cells: ["foo1", "Ready", "<none>", "<unknown>", ""],
  },
  {
    name: "adds SchedulingDisabled for a cordoned node",
    node: node("foo2", {
      spec: { unschedulable: true },
      status: conditions({ type: "Ready", status: "True" }),
    }),
    cells: ["foo2", "Ready,SchedulingDisabled", "<none>", "<unknown>", ""],
  },
  {
    name: "prints a repeated Ready condition once",
    node: node("foo3", {
      status: conditions({ type: "Ready", status: "True" }, { type: "Ready", status: "True" }),
    }),
    cells: ["foo3", "Ready", "<none>", "<unknown>", ""],
  },
  {
    name: "reads NotReady from a false Ready condition",
    node: node("foo4", { status: conditions({ type: "Ready", status: "False" }) }),
    cells: ["foo4", "NotReady", "<none>", "<unknown>", ""],
  },
  {
    name: "reads NotReady,SchedulingDisabled for a cordoned node that is not ready",
    node: node("foo5", {
      spec: { unschedulable: true },
      status: conditions({ type: "Ready", status: "False" }),
    }),
    cells: ["foo5", "NotReady,SchedulingDisabled", "<none>", "<unknown>", ""],
  },
  {
    name: "reads Unknown without a Ready condition",
    node: node("foo6", { status: conditions({ type: "InvalidValue", status: "True" }) }),
    cells: ["foo6", "Unknown", "<none>", "<unknown>", ""],
  },
  {
    name: "reads Unknown from an empty condition",
    node: node("foo7", { status: conditions({}) }),
    cells: ["foo7", "Unknown", "<none>", "<unknown>", ""],
  },
  {
    name: "reads Unknown,SchedulingDisabled for a cordoned node without a Ready condition",
    node: node("foo8", {
      spec: { unschedulable: true },
      status: conditions({ type: "InvalidValue", status: "True" }),
    }),
    cells: ["foo8", "Unknown,SchedulingDisabled", "<none>", "<unknown>", ""],
  },
  {
    name: "sorts roles from role labels and the legacy role label",
    node: node("foo10", {
      labels: {
        "node-role.kubernetes.io/master": "",
        "node-role.kubernetes.io/control-plane": "",
        "node-role.kubernetes.io/proxy": "",
        "kubernetes.io/role": "node",
      },
    }),
    cells: ["foo10", "Unknown", "control-plane,master,node,proxy", "<unknown>", ""],
  },
  {
    name: "reads a role from the legacy role label alone",
    node: node("foo11", { labels: { "kubernetes.io/role": "node" } }),
    cells: ["foo11", "Unknown", "node", "<unknown>", ""],
  },
  {
    name: "prints an empty name as it is",
    node: node(""),
    cells: ["", "Unknown", "<none>", "<unknown>", ""],
  },
];

for (const c of cases) {
  Deno.test(`node printer ${c.name}`, () => {
    assert.deepEqual(nodePrinter.row(c.node, NOW).cells.slice(0, 5), c.cells);
  });
}

const wide: { name: string; node: KubeObject; cells: unknown[] }[] = [
  {
    name: "shows the OS image and <unknown> for the kernel and runtime it lacks",
    node: node("foo1", {
      status: {
        nodeInfo: { osImage: "fake-os-image" },
        addresses: [{ type: "ExternalIP", address: "1.1.1.1" }],
      },
    }),
    cells: [
      "foo1",
      "Unknown",
      "<none>",
      "<unknown>",
      "",
      "<none>",
      "1.1.1.1",
      "fake-os-image",
      "<unknown>",
      "<unknown>",
    ],
  },
  {
    name: "shows the kernel version",
    node: node("foo2", {
      status: {
        nodeInfo: { kernelVersion: "fake-kernel-version" },
        addresses: [{ type: "ExternalIP", address: "1.1.1.1" }],
      },
    }),
    cells: [
      "foo2",
      "Unknown",
      "<none>",
      "<unknown>",
      "",
      "<none>",
      "1.1.1.1",
      "<unknown>",
      "fake-kernel-version",
      "<unknown>",
    ],
  },
  {
    name: "shows the container runtime",
    node: node("foo1", {
      status: {
        nodeInfo: { containerRuntimeVersion: "foo://1.2.3" },
        addresses: [{ type: "ExternalIP", address: "1.1.1.1" }],
      },
    }),
    cells: [
      "foo1",
      "Unknown",
      "<none>",
      "<unknown>",
      "",
      "<none>",
      "1.1.1.1",
      "<unknown>",
      "<unknown>",
      "foo://1.2.3",
    ],
  },
  {
    name: "takes the first address of each type",
    node: node("foo3", {
      status: {
        addresses: [
          { type: "ExternalIP", address: "2.2.2.2" },
          { type: "InternalIP", address: "3.3.3.3" },
          { type: "ExternalIP", address: "4.4.4.4" },
        ],
      },
    }),
    cells: [
      "foo3",
      "Unknown",
      "<none>",
      "<unknown>",
      "",
      "3.3.3.3",
      "2.2.2.2",
      "<unknown>",
      "<unknown>",
      "<unknown>",
    ],
  },
  {
    name: "shows the kubelet version and the internal address of a live node",
    node: node("worker-1", {
      status: {
        conditions: [{ type: "MemoryPressure", status: "False" }, { type: "Ready", status: "True" }],
        addresses: [{ type: "InternalIP", address: "10.0.0.5" }, { type: "Hostname", address: "worker-1" }],
        nodeInfo: {
          kubeletVersion: "v1.31.0",
          osImage: "Debian GNU/Linux 12 (bookworm)",
          kernelVersion: "6.1.0-18-amd64",
          containerRuntimeVersion: "containerd://1.7.13",
        },
      },
    }),
    cells: [
      "worker-1",
      "Ready",
      "<none>",
      "<unknown>",
      "v1.31.0",
      "10.0.0.5",
      "<none>",
      "Debian GNU/Linux 12 (bookworm)",
      "6.1.0-18-amd64",
      "containerd://1.7.13",
    ],
  },
];

for (const c of wide) {
  Deno.test(`node printer ${c.name}`, () => {
    assert.deepEqual(nodePrinter.row(c.node, NOW).cells, c.cells);
  });
}
