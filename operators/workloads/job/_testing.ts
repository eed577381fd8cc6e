/**
 * Test helpers for the batch controllers: a real core serving the workloads kinds (as `skiff up` installs
 * them) with only the controllers a test names, built with its short timings, and a stand-in kubelet
 * that finishes pods through pods/status.
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { type Client, podsResource, type Runnable, startTestCore } from "@skiff/sdk";
import { ModuleHost } from "../../../cli/modules.ts";
import type { WorkloadsCore } from "../_testing.ts";
import { workloadsOperator } from "../operator.ts";

/** Starts a core with the workloads kinds and admission, running only `controllers`. */
export async function startBatchCore(controllers: (() => Runnable)[]): Promise<WorkloadsCore> {
  const core = await startTestCore();
  const host = new ModuleHost(core.api, () => core.inProcessClient, () => {}, {
    workloads: () => Promise.resolve({ ...workloadsOperator, controllers }),
  });
  try {
    await host.install("workloads");
  } catch (e) {
    await core.close();
    throw e;
  }
  return {
    core,
    client: core.client,
    async close() {
      await host.stopAll();
      await core.close();
    },
  };
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

/**
 * Finishes a pod as a kubelet reports it: every container terminated with `exitCode` (Completed for 0,
 * Error otherwise), phase Succeeded or Failed.
 */
export async function finishPod(client: Client, pod: Pod, exitCode = 0): Promise<void> {
  const pods = client.resource(podsResource).namespace(pod.metadata!.namespace!);
  const fresh = await pods.get(pod.metadata!.name!);
  const t = now();
  await pods.updateStatus({
    ...fresh,
    status: {
      ...fresh.status,
      phase: exitCode === 0 ? "Succeeded" : "Failed",
      conditions: [{ type: "Ready", status: "False", lastTransitionTime: t, reason: "PodCompleted" }],
      containerStatuses: (fresh.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? "",
        imageID: "",
        ready: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode,
            reason: exitCode === 0 ? "Completed" : "Error",
            startedAt: t,
            finishedAt: t,
          },
        },
      })),
    },
  } as Pod);
}
