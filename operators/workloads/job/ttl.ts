/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * `spec.ttlSecondsAfterFinished` is deleted that many seconds after its Complete or Failed condition's
 * lastTransitionTime, with foreground propagation (its pods go first) and a uid precondition, after a
 * last check of the Job as the API has it (the TTL may have been changed meanwhile).
 *
 * @module
 */
import {
  Controller,
  type ControllerRuntime,
  isNotFound,
  type ReconcileContext,
  type ReconcileResult,
  type Runnable,
} from "@skiff/sdk";
import { jobsResource } from "../resources.ts";
import type { Job } from "./_types.ts";

/**
 * Milliseconds until a finished Job's TTL expires (≤ 0: expired), or undefined when the Job is not
 * finished, has no TTL, or is being deleted.
 *
 * @example
 * ```ts
 * import { jobTimeLeft } from "@skiff/workloads";
 *
 * jobTimeLeft({
 *   spec: { ttlSecondsAfterFinished: 100, template: {} },
 *   status: { conditions: [{ type: "Complete", status: "True", lastTransitionTime: "2024-05-01T10:00:00Z" }] },
 * }, Date.parse("2024-05-01T10:01:00Z")); // 40000
 * ```
 */
export function jobTimeLeft(job: Job, now: number): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (job.metadata?.deletionTimestamp || ttl === undefined || ttl === null) return undefined;
  const finished = job.status?.conditions?.find((c) =>
    (c.type === "Complete" || c.type === "Failed") && c.status === "True"
  );
  if (!finished?.lastTransitionTime) return undefined;
  return Date.parse(finished.lastTransitionTime) + ttl * 1000 - now;
}

/**
 * The TTL-after-finished controller.
 *
 * @example
 * ```ts
 * import { TtlAfterFinishedController } from "@skiff/workloads";
 *
 * manager.add(new TtlAfterFinishedController());
 * ```
 */
export class TtlAfterFinishedController implements Runnable {
  readonly name = "ttl-after-finished";
  #controller: Controller<Job>;
  #now: () => number;

  constructor(options: { workers?: number; now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#controller = new Controller<Job>({
      name: "ttl-after-finished",
      for: jobsResource,
      maxConcurrentReconciles: options.workers ?? 5,
      reconcile: (key, ctx) => this.#processJob(key, ctx),
    });
  }

  /** Called by the manager. */
  setup(runtime: ControllerRuntime): void {
    this.#controller.setup(runtime);
  }

  /** Runs until the signal aborts. */
  start(signal: AbortSignal): Promise<void> {
    return this.#controller.start(signal);
  }

  async #processJob(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    const job = ctx.cache.get(jobsResource, key);
    if (!job) return;
    const left = jobTimeLeft(job, this.#now());
    if (left === undefined) return;
    if (left > 0) return { requeueAfter: left };
    const jobs = ctx.client.resource(jobsResource).namespace(job.metadata!.namespace!);
    let fresh: Job;
    try {
      fresh = await jobs.get(job.metadata!.name!);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    const freshLeft = jobTimeLeft(fresh, this.#now());
    if (freshLeft === undefined) return;
    if (freshLeft > 0) return { requeueAfter: freshLeft };
    ctx.log.info("Cleaning up Job", { job: key });
    try {
      await jobs.delete(fresh.metadata!.name!, {
        propagationPolicy: "Foreground",
        preconditions: { uid: fresh.metadata!.uid },
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
