/**
 * Test helpers: a real core with the workloads module installed the way `skiff up` installs it, and a
 * stand-in kubelet that marks pods Running and Ready through pods/status.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { type Client, podsResource, type ResourceRef, type Runnable } from "@skiff/sdk";
import { type ModuleCore, startModuleCore } from "../../cli/module_core.ts";
import { workloadsOperator } from "./operator.ts";

/** A core serving the workloads module, with its controllers running. */
export type WorkloadsCore = ModuleCore;

/**
 * Starts a core and installs the workloads module in it: its kinds and admission always, and either all
 * its controllers or only `controllers` (built, say, with a test's short timings).
 */
export async function startWorkloadsCore(controllers?: (() => Runnable)[]): Promise<WorkloadsCore> {
  const operator = controllers ? { ...workloadsOperator, controllers } : workloadsOperator;
  return await startModuleCore({ workloads: () => Promise.resolve(operator) });
}

/** Marks a pod Running and Ready, as a kubelet would once its containers started. */
export async function markReady(client: Client, pod: Pod): Promise<void> {
  const pods = client.resource(podsResource).namespace(pod.metadata!.namespace!);
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const fresh = await pods.get(pod.metadata!.name!);
  await pods.updateStatus({
    ...fresh,
    status: {
      ...fresh.status,
      phase: "Running",
      conditions: [
        { type: "Initialized", status: "True", lastTransitionTime: now },
        { type: "ContainersReady", status: "True", lastTransitionTime: now },
        { type: "Ready", status: "True", lastTransitionTime: now },
      ],
    },
  });
}

/** The namespace's pods that are not being deleted. */
export async function livePods(client: Client, namespace = "default"): Promise<Pod[]> {
  const list = await client.resource(podsResource).namespace(namespace).list();
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}

/**
 * A stand-in kubelet: every `periodMs` marks pods that are not ready yet Ready (only those `accept`
 * lets through). Answers a function that stops it.
 */
export function readyLoop(
  client: Client,
  options: { periodMs?: number; accept?: (pod: Pod) => boolean; namespace?: string } = {},
): () => Promise<void> {
  let stopped = false;
  const run = (async () => {
    while (!stopped) {
      for (const pod of await livePods(client, options.namespace).catch(() => [])) {
        const ready = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
        if (!ready && (options.accept?.(pod) ?? true)) await markReady(client, pod).catch(() => {});
      }
      await new Promise((r) => setTimeout(r, options.periodMs ?? 200));
    }
  })();
  return async () => {
    stopped = true;
    await run;
  };
}

/**
 * What {@link recordChanges} answers: the events seen so far, and how to stop watching.
 *
 * @example
 * ```ts
 * const pods = await recordChanges(client, podsResource);
 * // ... act ...
 * await pods.stop();
 * const added = pods.events.filter((e) => e.type === "ADDED").length;
 * ```
 */
export interface Recording<T> {
  /** The objects there were when the recording started. */
  readonly initial: T[];
  /** Every ADDED, MODIFIED and DELETED event since the recording started, in the order the store made them. */
  readonly events: { type: "ADDED" | "MODIFIED" | "DELETED"; object: T }[];
  /** Ends the watch; throws what broke it, if something did. */
  stop(): Promise<void>;
}

/**
 * Records every change of a kind in a namespace from now on, through a watch from the current
 * resourceVersion: a test reads the whole sequence of states afterwards instead of polling for a
 * transient one, which a poll on a loaded machine can step over.
 *
 * @example
 * ```ts
 * const sets = await recordChanges(client, replicaSetsResource);
 * await eventually("available", () => sets.events.some((e) => e.object.status?.availableReplicas === 1));
 * await sets.stop();
 * ```
 */
export async function recordChanges<T extends { metadata?: { resourceVersion?: string } }>(
  client: Client,
  resource: ResourceRef<T>,
  namespace = "default",
): Promise<Recording<T>> {
  const api = client.resource(resource).namespace(namespace);
  const list = await api.list();
  const { resourceVersion } = list.metadata;
  const events: Recording<T>["events"] = [];
  const abort = new AbortController();
  let failure: unknown;
  const run = (async () => {
    let from = resourceVersion;
    // The server may end a watch (its timeout): go on from the last event seen.
    while (!abort.signal.aborted) {
      for await (const e of api.watch({ resourceVersion: from, signal: abort.signal })) {
        if (e.type === "ERROR") throw new Error(`watch failed: ${e.object.message}`);
        if (e.type === "BOOKMARK") continue;
        from = e.object.metadata?.resourceVersion ?? from;
        events.push(e);
      }
    }
  })().catch((error) => {
    if (!abort.signal.aborted) failure = error;
  });
  return {
    initial: list.items,
    events,
    stop: async () => {
      abort.abort();
      await run;
      if (failure) throw failure;
    },
  };
}
