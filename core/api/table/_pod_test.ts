import assert from "node:assert/strict";
import type { KubeObject } from "../admission.ts";
import { podPrinter } from "./_pod.ts";

// Cases from kubernetes/pkg/printers/internalversion/printers_test.go (TestPrintPod,
// TestPrintPodWithRestartableInitContainer, TestPrintPodwide), with Go's time.Now() pinned to NOW.
const NOW = Date.parse("2024-05-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.\d+Z$/, "Z");
const S = 1000, M = 60 * S, D = 24 * 60 * M;

const running = { running: {} };
const waiting = (reason?: string) => ({ waiting: reason ? { reason } : {} });
const terminated = (t: Record<string, unknown> = {}) => ({ terminated: t });
const lastFinished = (ms: number) => ({ terminated: { finishedAt: ago(ms) } });
const containers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}` }));
const sidecar = (name: string) => ({ name, restartPolicy: "Always" });

function pod(
  name: string,
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  meta = {},
): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, ...meta }, spec, status };
}

const deleting = { deletionTimestamp: ago(10 * S) };

const cases: { name: string; pod: KubeObject; cells: unknown[]; completed?: "Succeeded" | "Failed" }[] = [
  {
    name: "counts ready containers and sums restarts",
    pod: pod("test1", { containers: containers(2) }, {
      phase: "podPhase",
      containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }],
    }),
    cells: ["test1", "1/2", "podPhase", "6", "<unknown>"],
  },
  {
    name: "shows a waiting container's reason instead of the phase",
    pod: pod("test2", { containers: containers(2) }, {
      phase: "podPhase",
      containerStatuses: [
        { ready: true, restartCount: 3, state: running },
        { state: waiting("ContainerWaitingReason"), restartCount: 3 },
      ],
    }),
    cells: ["test2", "1/2", "ContainerWaitingReason", "6", "<unknown>"],
  },
  {
    name: "lets the first container's reason win over later ones",
    pod: pod("test3", { containers: containers(2) }, {
      phase: "podPhase",
      containerStatuses: [
        { state: waiting("ContainerWaitingReason"), restartCount: 3 },
        { state: terminated({ reason: "ContainerTerminatedReason" }), restartCount: 3 },
      ],
    }),
    cells: ["test3", "0/2", "ContainerWaitingReason", "6", "<unknown>"],
  },
  {
    name: "does not count a ready container that is not running",
    pod: pod("test4", { containers: containers(2) }, {
      phase: "podPhase",
      containerStatuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }],
    }),
    cells: ["test4", "1/2", "podPhase", "6", "<unknown>"],
  },
  {
    name: "prefers the pod's reason over its phase",
    pod: pod("test5", { containers: containers(2) }, {
      reason: "podReason",
      phase: "podPhase",
      containerStatuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }],
    }),
    cells: ["test5", "1/2", "podReason", "6", "<unknown>"],
  },
  {
    name: "reads NotReady when one container completed and another runs without a Ready condition",
    pod: pod("test6", { containers: containers(2) }, {
      phase: "Running",
      containerStatuses: [
        { ready: true, restartCount: 3, state: terminated({ reason: "Completed", exitCode: 0 }) },
        { ready: true, restartCount: 3, state: running },
      ],
    }),
    cells: ["test6", "1/2", "NotReady", "6", "<unknown>"],
  },
  {
    name: "reads Running when one container completed and another runs with a Ready condition",
    pod: pod("test6", { containers: containers(2) }, {
      phase: "Running",
      containerStatuses: [
        { ready: true, restartCount: 3, state: terminated({ reason: "Completed", exitCode: 0 }) },
        { ready: true, restartCount: 3, state: running },
      ],
      conditions: [{ type: "Ready", status: "True" }],
    }),
    cells: ["test6", "1/2", "Running", "6", "<unknown>"],
  },
  {
    name: "shows init progress and when a restarting init container last ended",
    pod: pod("test7", { initContainers: containers(1), containers: containers(1) }, {
      phase: "podPhase",
      initContainerStatuses: [{ restartCount: 3, state: running, lastState: lastFinished(10 * S) }],
      containerStatuses: [{ restartCount: 0, state: waiting() }],
    }),
    cells: ["test7", "0/1", "Init:0/1", "3 (10s ago)", "<unknown>"],
  },
  {
    name: "counts init progress out of every init container",
    pod: pod("test8", { initContainers: containers(2), containers: containers(1) }, {
      phase: "podPhase",
      initContainerStatuses: [
        { restartCount: 3, state: running, lastState: lastFinished(10 * S) },
        { state: waiting() },
      ],
      containerStatuses: [{ state: waiting() }],
    }),
    cells: ["test8", "0/1", "Init:0/2", "3 (10s ago)", "<unknown>"],
  },
  {
    name: "skips init containers that exited 0",
    pod: pod("test9", { initContainers: containers(2), containers: containers(1) }, {
      phase: "podPhase",
      initContainerStatuses: [
        { state: terminated() },
        { restartCount: 3, state: running, lastState: lastFinished(10 * S) },
      ],
      containerStatuses: [{ state: waiting() }],
    }),
    cells: ["test9", "0/1", "Init:1/2", "3 (10s ago)", "<unknown>"],
  },
  {
    name: "sums init restarts and keeps the latest restart time while initializing",
    pod: pod("test10", { initContainers: containers(2), containers: containers(1) }, {
      phase: "podPhase",
      initContainerStatuses: [
        { restartCount: 2, state: terminated(), lastState: lastFinished(2 * M) },
        { restartCount: 3, state: running, lastState: lastFinished(10 * S) },
      ],
      containerStatuses: [{ state: waiting() }],
    }),
    cells: ["test10", "0/1", "Init:1/2", "5 (10s ago)", "<unknown>"],
  },
  {
    name: "forgets init restarts once initialized",
    pod: pod("test11", { initContainers: containers(1), containers: containers(1) }, {
      phase: "Running",
      initContainerStatuses: [{ restartCount: 2, state: terminated(), lastState: lastFinished(2 * M) }],
      containerStatuses: [{ restartCount: 4, state: running, lastState: lastFinished(20 * S) }],
    }),
    cells: ["test11", "0/1", "Running", "4 (20s ago)", "<unknown>"],
  },
  {
    name: "shows a restart days ago",
    pod: pod("test12", { containers: containers(1) }, {
      phase: "Running",
      containerStatuses: [{ ready: true, restartCount: 3, state: running, lastState: lastFinished(5 * D) }],
    }),
    cells: ["test12", "1/1", "Running", "3 (5d ago)", "<unknown>"],
  },
  {
    name: "dates restarts by the container that restarted",
    pod: pod("test13", { containers: containers(2) }, {
      phase: "Running",
      containerStatuses: [
        { ready: true, restartCount: 0, state: running },
        { ready: true, restartCount: 3, state: running, lastState: lastFinished(10 * D) },
      ],
    }),
    cells: ["test13", "2/2", "Running", "3 (10d ago)", "<unknown>"],
  },
  {
    name: "dates restarts by the most recent one",
    pod: pod("test14", { containers: containers(2) }, {
      phase: "Running",
      containerStatuses: [
        { ready: true, restartCount: 6, state: running, lastState: lastFinished(5 * D) },
        { ready: true, restartCount: 3, state: running, lastState: lastFinished(20 * D) },
      ],
    }),
    cells: ["test14", "2/2", "Running", "9 (5d ago)", "<unknown>"],
  },
  {
    name: "shows SchedulingGated for a pod held by scheduling gates",
    pod: pod("test15", { containers: containers(2) }, {
      phase: "podPhase",
      conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }],
    }),
    cells: ["test15", "0/2", "SchedulingGated", "0", "<unknown>"],
  },
  {
    name: "marks a succeeded pod's row completed",
    pod: pod("test16", { containers: containers(1) }, {
      phase: "Succeeded",
      containerStatuses: [{ restartCount: 0, state: terminated({ reason: "Completed", exitCode: 0 }) }],
    }),
    cells: ["test16", "0/1", "Completed", "0", "<unknown>"],
    completed: "Succeeded",
  },
  {
    name: "marks a failed pod's row completed",
    pod: pod("test17", { containers: containers(1) }, {
      phase: "Failed",
      containerStatuses: [{ restartCount: 0, state: terminated({ reason: "Error", exitCode: 1 }) }],
    }),
    cells: ["test17", "0/1", "Error", "0", "<unknown>"],
    completed: "Failed",
  },
  {
    name: "keeps Completed for a succeeded pod being deleted",
    pod: pod("test18", { containers: containers(1) }, {
      phase: "Succeeded",
      containerStatuses: [{ restartCount: 0, state: terminated({ reason: "Completed", exitCode: 0 }) }],
    }, deleting),
    cells: ["test18", "0/1", "Completed", "0", "<unknown>"],
    completed: "Succeeded",
  },
  {
    name: "shows Terminating for a running pod being deleted",
    pod: pod("test19", { containers: containers(1) }, {
      phase: "Running",
      containerStatuses: [{ restartCount: 0, state: running }],
    }, deleting),
    cells: ["test19", "0/1", "Terminating", "0", "<unknown>"],
  },
  {
    name: "shows Terminating for a pending pod being deleted",
    pod: pod("test20", { containers: containers(1) }, { phase: "Pending" }, deleting),
    cells: ["test20", "0/1", "Terminating", "0", "<unknown>"],
  },
  {
    name: "shows Unknown for a pod of a lost node being deleted",
    pod: pod("lost", { containers: containers(1) }, { phase: "Running", reason: "NodeLost" }, deleting),
    cells: ["lost", "0/1", "Unknown", "0", "<unknown>"],
  },
  {
    name: "names the init container's failure",
    pod: pod("initfail", { initContainers: containers(1), containers: containers(1) }, {
      phase: "Pending",
      initContainerStatuses: [{ state: terminated({ exitCode: 2 }) }],
    }),
    cells: ["initfail", "0/1", "Init:ExitCode:2", "0", "<unknown>"],
  },
  {
    name: "names the init container's waiting reason",
    pod: pod("initwait", { initContainers: containers(1), containers: containers(1) }, {
      phase: "Pending",
      initContainerStatuses: [{ state: waiting("ImagePullBackOff") }],
    }),
    cells: ["initwait", "0/1", "Init:ImagePullBackOff", "0", "<unknown>"],
  },
  {
    name: "names a container killed by a signal",
    pod: pod("signal", { containers: containers(1) }, {
      phase: "Running",
      containerStatuses: [{ state: terminated({ signal: 9, exitCode: 137 }) }],
    }),
    cells: ["signal", "0/1", "Signal:9", "0", "<unknown>"],
  },
  // Sidecars (restartable init containers).
  {
    name: "counts sidecars as containers and shows init progress while a sidecar is not started",
    pod: pod("side1", {
      initContainers: [sidecar("restartable-init-1"), sidecar("restartable-init-2")],
      containers: containers(1),
    }, {
      phase: "Pending",
      initContainerStatuses: [
        {
          name: "restartable-init-1",
          restartCount: 3,
          state: running,
          started: false,
          lastState: lastFinished(10 * S),
        },
        { name: "restartable-init-2", state: waiting(), started: false },
      ],
      containerStatuses: [{ restartCount: 0, state: waiting() }],
      conditions: [{ type: "Initialized", status: "False" }],
    }),
    cells: ["side1", "0/3", "Init:0/2", "3 (10s ago)", "<unknown>"],
  },
  {
    name: "moves past a started sidecar",
    pod: pod("side2", {
      initContainers: [sidecar("restartable-init-1"), sidecar("restartable-init-2")],
      containers: containers(1),
    }, {
      phase: "Pending",
      initContainerStatuses: [
        {
          name: "restartable-init-1",
          restartCount: 3,
          state: running,
          started: true,
          lastState: lastFinished(10 * S),
        },
        { name: "restartable-init-2", state: running, started: false },
      ],
      containerStatuses: [{ restartCount: 0, state: waiting() }],
      conditions: [{ type: "Initialized", status: "False" }],
    }),
    cells: ["side2", "0/3", "Init:1/2", "3 (10s ago)", "<unknown>"],
  },
  {
    name: "keeps sidecar restarts once initialized",
    pod: pod("side3", {
      initContainers: [sidecar("restartable-init-1"), sidecar("restartable-init-2")],
      containers: containers(1),
    }, {
      phase: "Running",
      initContainerStatuses: [
        {
          name: "restartable-init-1",
          restartCount: 3,
          state: running,
          started: true,
          lastState: lastFinished(10 * S),
        },
        { name: "restartable-init-2", state: running, started: true },
      ],
      containerStatuses: [{ ready: true, restartCount: 4, state: running, lastState: lastFinished(20 * S) }],
      conditions: [{ type: "Initialized", status: "True" }],
    }),
    cells: ["side3", "1/3", "Running", "7 (10s ago)", "<unknown>"],
  },
  {
    name: "shows Completed for a succeeded pod whose sidecars were killed",
    pod: pod("side4", {
      initContainers: [sidecar("restartable-init-1"), sidecar("restartable-init-2")],
      containers: containers(1),
    }, {
      phase: "Succeeded",
      initContainerStatuses: [
        {
          name: "restartable-init-1",
          restartCount: 3,
          state: terminated({ reason: "Error", exitCode: 137 }),
          started: false,
          lastState: lastFinished(10 * S),
        },
        { name: "restartable-init-2", state: terminated({ reason: "Error", exitCode: 137 }), started: false },
      ],
      containerStatuses: [{
        restartCount: 4,
        state: terminated({ reason: "Completed", exitCode: 0 }),
        lastState: lastFinished(20 * S),
      }],
      conditions: [{ type: "Initialized", status: "True" }],
    }),
    cells: ["side4", "0/3", "Completed", "7 (10s ago)", "<unknown>"],
    completed: "Succeeded",
  },
  {
    name: "ignores statuses of containers the spec does not have",
    pod: pod("side5", {
      initContainers: [{ name: "init1", image: "initimage" }, {
        ...sidecar("sidecar1"),
        image: "sidecarimage",
      }],
      containers: [{ name: "container1", image: "containerimage" }],
    }, {
      phase: "Running",
      initContainerStatuses: [{ name: "initinvalid" }, { name: "init1" }, { name: "sidecar1" }],
      containerStatuses: [{ name: "containerinvalid" }, { name: "container1" }],
    }),
    cells: ["side5", "0/2", "Init:0/2", "0", "<unknown>"],
  },
];

for (const c of cases) {
  Deno.test(`pod printer ${c.name}`, () => {
    const row = podPrinter.row(c.pod, NOW);
    assert.deepEqual(row.cells.slice(0, 5), c.cells);
    assert.equal(row.conditions?.[0].reason, c.completed);
  });
}

Deno.test("pod printer fills the wide columns: IP, node, nominated node, passing readiness gates", () => {
  const gates = [{ conditionType: "condition1" }, { conditionType: "condition2" }, {
    conditionType: "condition3",
  }];
  const status = {
    phase: "podPhase",
    conditions: [{ type: "condition1", status: "False" }, { type: "condition2", status: "True" }],
    containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }],
    nominatedNodeName: "node1",
  };
  const one = pod("test1", { containers: containers(2), nodeName: "test1", readinessGates: gates }, {
    ...status,
    podIPs: [{ ip: "1.1.1.1" }],
  });
  const dual = pod("test1", { containers: containers(2), nodeName: "test1", readinessGates: gates }, {
    ...status,
    podIP: "1.1.1.1",
    podIPs: [{ ip: "1.1.1.1" }, { ip: "2001:db8::" }],
  });
  const wide = ["test1", "1/2", "podPhase", "6", "<unknown>", "1.1.1.1", "test1", "node1", "1/3"];
  assert.deepEqual(podPrinter.row(one, NOW).cells, wide);
  assert.deepEqual(podPrinter.row(dual, NOW).cells, wide);
  const bare = pod("test2", { containers: containers(2) }, {
    phase: "podPhase",
    containerStatuses: [
      { ready: true, restartCount: 3, state: running },
      { state: waiting("ContainerWaitingReason"), restartCount: 3 },
    ],
  });
  assert.deepEqual(podPrinter.row(bare, NOW).cells, [
    "test2",
    "1/2",
    "ContainerWaitingReason",
    "6",
    "<unknown>",
    "<none>",
    "<none>",
    "<none>",
    "<none>",
  ]);
});

Deno.test("pod printer ages a pod from its creation timestamp", () => {
  const p = pod("web", { containers: containers(1) }, { phase: "Pending" }, {
    creationTimestamp: ago(90 * S),
  });
  assert.equal(podPrinter.row(p, NOW).cells[4], "90s");
});

Deno.test("pod printer's columns are kubectl's, with the wide ones at priority 1", () => {
  assert.deepEqual(
    podPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ["Name", "string", "name", 0],
      ["Ready", "string", "", 0],
      ["Status", "string", "", 0],
      ["Restarts", "string", "", 0],
      ["Age", "string", "", 0],
      ["IP", "string", "", 1],
      ["Node", "string", "", 1],
      ["Nominated Node", "string", "", 1],
      ["Readiness Gates", "string", "", 1],
    ],
  );
});
