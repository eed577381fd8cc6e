/**
 * A Job's pod writes: claiming (getPodsForJob, adopting with the tracking finalizer), creating from the
 * template (RealPodControl with the Job's events), deleting, and removing the tracking finalizer.
 *
 * @module
 */
import { isNotFound, newControllerRef, type OwnerReference, podsResource } from "@skiff/sdk";
import { claimObjects } from "../controller/claim.ts";
import { isPodReady } from "../controller/pods.ts";
import { jobsResource } from "../resources.ts";
import { matchesSelector } from "../selector/selector.ts";
import { hasTrackingFinalizer, JOB_TRACKING_FINALIZER, type JobDeps } from "./_context.ts";
import type { Job, Pod, PodTemplateSpec } from "./_types.ts";

/**
 * getPodsForJob: every pod of the namespace the Job's selector matches or that it controls, after
 * adopting matching orphans (adding the tracking finalizer) and releasing controlled pods that no
 * longer match.
 */
export async function podsForJob(job: Job, deps: JobDeps): Promise<Pod[]> {
  const ns = job.metadata!.namespace!;
  const pods = deps.client.resource(podsResource).namespace(ns);
  const candidates = deps.pods.store.byIndex("namespace", ns);
  const uid = job.metadata!.uid!;
  return await claimObjects(candidates, {
    owner: job,
    // No selector selects nothing (LabelSelectorAsSelector(nil)); the API always generates one.
    matches: (pod) => !!job.spec?.selector && matchesSelector(job.spec.selector, pod.metadata?.labels ?? {}),
    setOwners: (pod, refs) => {
      const adopting = refs?.some((r) => r.uid === uid) ?? false;
      const finalizers = adopting && !hasTrackingFinalizer(pod)
        ? [...(pod.metadata?.finalizers ?? []), JOB_TRACKING_FINALIZER]
        : undefined;
      return pods.patch(pod.metadata!.name!, {
        metadata: {
          ownerReferences: refs,
          resourceVersion: pod.metadata!.resourceVersion,
          ...(finalizers ? { finalizers } : {}),
        },
      }, { type: "merge" });
    },
    async canAdopt() {
      const fresh = await deps.client.resource(jobsResource).namespace(ns).get(job.metadata!.name!);
      if (fresh.metadata?.uid !== uid) {
        throw new Error(
          `original Job ${ns}/${job.metadata!.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${uid}`,
        );
      }
      if (fresh.metadata?.deletionTimestamp) {
        throw new Error(`Job ${ns}/${job.metadata!.name} has just been deleted`);
      }
    },
  });
}

/** metav1.NewControllerRef(job, batch/v1 Job). */
export function controllerRef(job: Job): OwnerReference {
  return newControllerRef(job, { apiVersion: "batch/v1", kind: "Job" });
}

/**
 * CreatePodsWithGenerateName: a pod from `template` named `generateName` (default "NAME-"), controlled
 * by the Job; records SuccessfulCreate "Created pod: NAME" or FailedCreate "Error creating: …".
 */
export async function createPod(
  job: Job,
  template: PodTemplateSpec,
  generateName: string | undefined,
  deps: JobDeps,
) {
  const ns = job.metadata!.namespace!;
  const meta = template.metadata ?? {};
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: generateName ?? `${job.metadata!.name}-`,
      namespace: ns,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(job)],
    },
    spec: template.spec,
  } as Pod;
  try {
    const created = await deps.client.resource(podsResource).namespace(ns).create(pod);
    await deps.recorder.event(job, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata?.name}`);
    return created;
  } catch (e) {
    if (!isNamespaceTerminating(e)) {
      await deps.recorder.event(job, "Warning", "FailedCreate", `Error creating: ${(e as Error).message}`);
    }
    throw e;
  }
}

/** Whether a create failed only because the namespace is going away. */
export function isNamespaceTerminating(e: unknown): boolean {
  const err = e as { status?: { details?: { causes?: { reason?: string }[] } } };
  return err?.status?.details?.causes?.some((c) => c.reason === "NamespaceTerminating") ?? false;
}

/** RealPodControl.DeletePod: records SuccessfulDelete "Deleted pod: NAME" or FailedDelete. */
export async function deletePod(job: Job, pod: Pod, deps: JobDeps): Promise<void> {
  try {
    await deps.client.resource(podsResource).namespace(pod.metadata!.namespace!).delete(pod.metadata!.name!);
    await deps.recorder.event(job, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata?.name}`);
  } catch (e) {
    if (!isNotFound(e)) {
      await deps.recorder.event(job, "Warning", "FailedDelete", `Error deleting: ${(e as Error).message}`);
    }
    throw e;
  }
}

/** removeTrackingFinalizerPatch, sent as a strategic merge patch. */
export async function removeTrackingFinalizer(pod: Pod, deps: JobDeps): Promise<void> {
  if (!hasTrackingFinalizer(pod)) return;
  await deps.client.resource(podsResource).namespace(pod.metadata!.namespace!).patch(pod.metadata!.name!, {
    metadata: { "$deleteFromPrimitiveList/finalizers": [JOB_TRACKING_FINALIZER] },
  }, { type: "strategic" });
}

/**
 * deleteActivePods: deletes pods keeping their finalizers (the status tracking removes them); answers
 * how many ready pods and how many pods in all went, and the first error.
 */
export async function deleteActivePods(job: Job, pods: readonly Pod[], deps: JobDeps) {
  let deleted = 0, deletedReady = 0;
  let error: unknown;
  await Promise.all(pods.map(async (pod) => {
    try {
      await deletePod(job, pod, deps);
      deleted++;
    } catch (e) {
      if (isNotFound(e)) deleted++;
      else error ??= e;
    }
    if (isPodReady(pod)) deletedReady++;
  }));
  return { deleted, deletedReady, error };
}

/**
 * deleteJobPods: removes each pod's finalizer, then deletes it, lowering the deletion expectations for
 * the ones that fail; answers like {@link deleteActivePods}.
 */
export async function deleteJobPods(job: Job, key: string, pods: readonly Pod[], deps: JobDeps) {
  let deleted = 0, deletedReady = 0;
  let error: unknown;
  await Promise.all(pods.map(async (pod) => {
    const podKey = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
    try {
      await removeTrackingFinalizer(pod, deps);
      await deletePod(job, pod, deps);
      deleted++;
    } catch (e) {
      deps.expectations.deletionObserved(key, podKey);
      if (isNotFound(e)) deleted++;
      else error ??= e;
    }
    if (isPodReady(pod)) deletedReady++;
  }));
  return { deleted, deletedReady, error };
}
