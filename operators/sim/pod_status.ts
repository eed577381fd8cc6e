/**
 * The pod status a kubelet reports, without running anything: Running and Ready with IPs, container
 * statuses and conditions once a pod is on a node, and every container terminated when it is deleted.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { Pod } from "@skiff/kinds";
import { formatTime } from "./node_object.ts";

type PodStatus = NonNullable<Pod["status"]>;
type ContainerStatus = NonNullable<PodStatus["containerStatuses"]>[number];
type Container = { name: string; image?: string; restartPolicy?: string };

/**
 * Where a simulated pod runs: its IP (from the node's CIDR, or the node's own for hostNetwork pods) and
 * its node's IP.
 *
 * @example
 * ```ts
 * const placement: PodPlacement = { podIP: "10.244.0.2", hostIP: "172.16.0.2" };
 * ```
 */
export interface PodPlacement {
  podIP: string;
  hostIP: string;
}

/**
 * The status of `pod` running on its node at `now`, as the kubelet reports it once every container has
 * started: phase Running, every condition True, one running (and ready) status per container, completed
 * init containers (running ones for sidecars), and the QoS class the API server set kept. Times already in
 * the status (startTime, PodScheduled) are kept.
 *
 * @example
 * ```ts
 * const status = runningPodStatus(pod, { podIP: "10.244.0.2", hostIP: "172.16.0.2" }, new Date());
 * status.phase; // "Running"
 * ```
 */
export function runningPodStatus(pod: Pod, placement: PodPlacement, now: Date): PodStatus {
  const t = formatTime(now);
  const old = pod.status ?? {};
  const startTime = old.startTime ?? t;
  const scheduled = old.conditions?.find((c) => c.type === "PodScheduled" && c.status === "True");
  const uid = pod.metadata?.uid ?? `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  const spec = pod.spec ?? { containers: [] };
  const initContainers = (spec.initContainers ?? []) as Container[];
  const containers = (spec.containers ?? []) as Container[];
  const status: PodStatus = {
    phase: "Running",
    conditions: [
      condition("PodReadyToStartContainers", t),
      condition("Initialized", t),
      condition("Ready", t),
      condition("ContainersReady", t),
      condition("PodScheduled", scheduled?.lastTransitionTime ?? t),
    ],
    hostIP: placement.hostIP,
    hostIPs: [{ ip: placement.hostIP }],
    podIP: placement.podIP,
    podIPs: [{ ip: placement.podIP }],
    startTime,
    containerStatuses: containers.map((c) =>
      containerStatus(c, uid, { running: { startedAt: startTime } }, true)
    ),
    ...(old.qosClass ? { qosClass: old.qosClass } : {}),
  } as PodStatus;
  if (initContainers.length) {
    status.initContainerStatuses = initContainers.map((c) => {
      // A sidecar (an init container that restarts always) keeps running beside the app containers.
      if (c.restartPolicy === "Always") {
        return containerStatus(c, uid, { running: { startedAt: startTime } }, true);
      }
      const id = containerId(uid, c.name);
      return {
        ...containerStatus(c, uid, {
          terminated: {
            exitCode: 0,
            reason: "Completed",
            startedAt: startTime,
            finishedAt: startTime,
            containerID: id,
          },
        }, true),
        started: false,
      };
    });
  }
  return status;
}

/**
 * The status of `pod` once the kubelet has stopped its containers after a deletion: each container
 * terminated with exit code 0 (reason Completed), nothing ready, phase Succeeded (the kubelet gives
 * deleted pods a terminal phase before it removes them).
 *
 * @example
 * ```ts
 * const status = terminatedPodStatus(pod, new Date());
 * status.containerStatuses![0].state!.terminated!.reason; // "Completed"
 * ```
 */
export function terminatedPodStatus(pod: Pod, now: Date): PodStatus {
  const t = formatTime(now);
  const old = pod.status ?? {};
  const uid = pod.metadata?.uid ?? `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  const byName = new Map((old.containerStatuses ?? []).map((s) => [s.name, s]));
  const containers = (pod.spec?.containers ?? []) as Container[];
  const containerStatuses = containers.map((c) => {
    const startedAt = byName.get(c.name)?.state?.running?.startedAt ?? old.startTime ?? t;
    const containerID = containerId(uid, c.name);
    return {
      ...containerStatus(c, uid, {
        terminated: { exitCode: 0, reason: "Completed", startedAt, finishedAt: t, containerID },
      }, false),
      started: false,
    };
  });
  const notReady = (type: string) => ({
    type,
    status: "False",
    lastTransitionTime: t,
    reason: "PodCompleted",
  });
  const conditions = (old.conditions ?? []).map((c) =>
    c.type === "Ready" || c.type === "ContainersReady"
      ? notReady(c.type)
      : c.type === "PodReadyToStartContainers"
      ? { type: c.type, status: "False", lastTransitionTime: t }
      : c
  );
  return { ...old, phase: "Succeeded", conditions, containerStatuses } as PodStatus;
}

/**
 * Whether `pod` already shows what {@link runningPodStatus} would report (Running, Ready, an IP, a
 * status per container), so nothing needs writing.
 *
 * @example
 * ```ts
 * if (isReportedRunning(pod)) return;
 * ```
 */
export function isReportedRunning(pod: Pod): boolean {
  const s = pod.status;
  if (s?.phase !== "Running" || !s.podIP) return false;
  if (!s.conditions?.some((c) => c.type === "Ready" && c.status === "True")) return false;
  const names = new Set((s.containerStatuses ?? []).map((c) => c.name));
  return (pod.spec?.containers ?? []).every((c) => names.has(c.name));
}

function condition(type: string, lastTransitionTime: string) {
  return { type, status: "True", lastTransitionTime };
}

function containerStatus(
  c: Container,
  podUid: string,
  state: NonNullable<ContainerStatus["state"]>,
  ready: boolean,
): ContainerStatus {
  const image = c.image ?? "";
  return {
    name: c.name,
    state,
    lastState: {},
    ready,
    restartCount: 0,
    image,
    imageID: imageId(image),
    containerID: containerId(podUid, c.name),
    started: ready,
  } as ContainerStatus;
}

/**
 * The imageID a docker-shim era kubelet reports: docker-pullable://REPOSITORY@sha256:DIGEST, the digest
 * derived from the image reference so every node reports the same one.
 *
 * @example
 * ```ts
 * imageId("nginx:1.27"); // "docker-pullable://nginx@sha256:…"
 * ```
 */
export function imageId(image: string): string {
  const at = image.indexOf("@");
  if (at >= 0) return `docker-pullable://${image}`;
  // The tag is a colon after the last slash (a colon before it is a registry port).
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  const repository = colon > slash ? image.slice(0, colon) : image;
  return `docker-pullable://${repository}@sha256:${sha256(image)}`;
}

/**
 * A container's ID: containerd://HASH, stable for a pod uid and container name.
 *
 * @example
 * ```ts
 * containerId("0b6f…", "web"); // "containerd://…" (64 hex digits)
 * ```
 */
export function containerId(podUid: string, container: string): string {
  return `containerd://${sha256(`${podUid}/${container}`)}`;
}

// node:crypto hashes synchronously in ~2 µs; crypto.subtle.digest, a round trip through a worker thread,
// cost ~50 µs of the process's CPU for each of a pod's two digests.
function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
