/**
 * Helpers for tests against a real core: Nodes registered as a kubelet does (create, then status with
 * allocatable and Ready), a manager running given runnables, and polling.
 *
 * @module
 */
import type { Node, Pod, Taint } from "@skiff/kinds";
import {
  type Client,
  type CoreEvent,
  eventsResource,
  Manager,
  nodesResource,
  type OperatorContext,
  type Runnable,
  silentLogger,
} from "@skiff/sdk";

/** What a test node has. */
export interface TestNodeOptions {
  labels?: Record<string, string>;
  taints?: Taint[];
  allocatable?: Record<string, string>;
}

/** Creates a Node and reports its status (allocatable, Ready=True), as a registering kubelet does. */
export async function registerNode(
  client: Client,
  name: string,
  options: TestNodeOptions = {},
): Promise<Node> {
  const nodes = client.resource(nodesResource);
  const node = await nodes.create({
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...options.labels } },
    spec: options.taints ? { taints: options.taints } : {},
  });
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const allocatable = options.allocatable ?? { cpu: "4", memory: "8Gi", pods: "110" };
  return await nodes.updateStatus({
    ...node,
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{
        type: "Ready",
        status: "True",
        reason: "KubeletReady",
        message: "kubelet is posting ready status",
        lastHeartbeatTime: now,
        lastTransitionTime: now,
      }],
    },
  });
}

/** A pod with one container and whatever spec fields are given. */
export function testPod(
  name: string,
  spec: Partial<NonNullable<Pod["spec"]>> = {},
  labels?: Record<string, string>,
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels },
    spec: { containers: [{ name: "c", image: "app:1" }], ...spec },
  };
}

/** Runs runnables made from a manager's context until `stop()`. */
export async function runWith(
  client: Client,
  ...factories: ((ctx: OperatorContext) => Runnable)[]
): Promise<{ stop(): Promise<void> }> {
  const manager = new Manager({ client, log: silentLogger, gracefulShutdownTimeoutMs: 5000 });
  for (const f of factories) manager.add(f(manager));
  const abort = new AbortController();
  const running = manager.start(abort.signal);
  await manager.informers.waitForSync();
  return {
    async stop() {
      abort.abort();
      await running;
      for (const r of ["default-scheduler", "taint-eviction-controller", "node-controller"]) {
        await manager.recorderFor(r).flush();
      }
    },
  };
}

/** Polls `fn` until it answers something truthy; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T> | T,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The Events about a pod with a given reason. */
export async function eventsFor(client: Client, pod: string, reason: string): Promise<CoreEvent[]> {
  const list = await client.resource(eventsResource).namespace("default").list();
  return (list.items as unknown as CoreEvent[]).filter((e) =>
    e.involvedObject.name === pod && e.reason === reason
  );
}
