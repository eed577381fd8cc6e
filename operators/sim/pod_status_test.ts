import assert from "node:assert/strict";
import type { Pod } from "@skiff/kinds";
import {
  containerId,
  imageId,
  isReportedRunning,
  runningPodStatus,
  terminatedPodStatus,
} from "./pod_status.ts";

const placement = { podIP: "10.244.0.2", hostIP: "172.16.0.2" };
const now = new Date("2026-11-23T10:00:00.123Z");

function pod(spec: Record<string, unknown>, status: Record<string, unknown> = {}): Pod {
  return { metadata: { name: "p", namespace: "default", uid: "u-1" }, spec, status } as Pod;
}

Deno.test("a running pod keeps its QoS class, start time and PodScheduled time from before", () => {
  const p = pod({ containers: [{ name: "a", image: "nginx" }] }, {
    phase: "Pending",
    qosClass: "Guaranteed",
    startTime: "2026-11-23T09:00:00Z",
    conditions: [{ type: "PodScheduled", status: "True", lastTransitionTime: "2026-11-23T08:00:00Z" }],
  });
  const s = runningPodStatus(p, placement, now);
  assert.equal(s.qosClass, "Guaranteed");
  assert.equal(s.startTime, "2026-11-23T09:00:00Z");
  assert.equal(
    s.conditions?.find((c) => c.type === "PodScheduled")?.lastTransitionTime,
    "2026-11-23T08:00:00Z",
  );
  assert.equal(s.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime, "2026-11-23T10:00:00Z");
  assert.equal(s.containerStatuses?.[0].state?.running?.startedAt, "2026-11-23T09:00:00Z");
});

Deno.test("init containers report Completed, and sidecars (restartPolicy Always) report running", () => {
  const p = pod({
    initContainers: [{ name: "setup", image: "busybox" }, {
      name: "proxy",
      image: "envoy",
      restartPolicy: "Always",
    }],
    containers: [{ name: "a", image: "nginx" }],
  });
  const [setup, proxy] = (runningPodStatus(p, placement, now)).initContainerStatuses!;
  assert.equal(setup.state?.terminated?.reason, "Completed");
  assert.equal(setup.ready, true);
  assert.equal(setup.started, false);
  assert.equal(setup.state?.terminated?.containerID, setup.containerID);
  assert.ok(proxy.state?.running);
  assert.equal(proxy.started, true);
});

Deno.test("image and container IDs are stable and shaped as a kubelet reports them", () => {
  assert.equal(imageId("nginx:1.27"), imageId("nginx:1.27"));
  assert.notEqual(imageId("nginx:1.27"), imageId("nginx:1.28"));
  assert.match(imageId("nginx:1.27"), /^docker-pullable:\/\/nginx@sha256:[0-9a-f]{64}$/);
  assert.match(imageId("localhost:5000/app"), /^docker-pullable:\/\/localhost:5000\/app@sha256:/);
  assert.equal(imageId("nginx@sha256:abc"), "docker-pullable://nginx@sha256:abc");
  assert.equal(containerId("u", "a"), containerId("u", "a"));
  assert.notEqual(containerId("u", "a"), containerId("u", "b"));
});

Deno.test("a deleted pod's containers end Completed, it is no longer ready, and its phase is Succeeded", () => {
  const p = pod({ containers: [{ name: "a", image: "nginx" }] });
  const running = { ...p, status: runningPodStatus(p, placement, now) } as Pod;
  const s = terminatedPodStatus(running, new Date("2026-11-23T10:05:00Z"));
  assert.equal(s.phase, "Succeeded");
  const t = s.containerStatuses?.[0].state?.terminated;
  assert.equal(t?.exitCode, 0);
  assert.equal(t?.reason, "Completed");
  assert.equal(t?.startedAt, "2026-11-23T10:00:00Z");
  assert.equal(t?.finishedAt, "2026-11-23T10:05:00Z");
  assert.equal(s.containerStatuses?.[0].ready, false);
  const conditions = Object.fromEntries(s.conditions!.map((c) => [c.type, c.status]));
  assert.equal(conditions.Ready, "False");
  assert.equal(conditions.ContainersReady, "False");
  assert.equal(conditions.PodScheduled, "True");
  assert.equal(s.podIP, "10.244.0.2", "the IP stays until the pod is gone");
});

Deno.test("only a pod already reported Running and Ready with every container counts as reported", () => {
  const p = pod({ containers: [{ name: "a", image: "nginx" }, { name: "b", image: "x" }] });
  assert.equal(isReportedRunning(p), false);
  const running = { ...p, status: runningPodStatus(p, placement, now) } as Pod;
  assert.equal(isReportedRunning(running), true);
  const missing = {
    ...running,
    status: { ...running.status, containerStatuses: running.status!.containerStatuses!.slice(0, 1) },
  };
  assert.equal(isReportedRunning(missing as Pod), false);
});
