/**
 * Test helpers for the batch controllers: a stand-in kubelet that finishes pods through pods/status
 * (start the core with `startWorkloadsCore([controllers])` from ../_testing.ts).
 *
 * @module
 */
import type { Pod } from "@skiff/kinds";
import { type Client, podsResource } from "@skiff/sdk";

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
