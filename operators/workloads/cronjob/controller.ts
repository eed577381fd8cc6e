/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go) as a manager Runnable: a
 * CronJob's own events and those of the Jobs it controls enqueue its key; each sync answers when the
 * next scheduled time is due and the queue brings the key back then.
 *
 * @module
 */
import {
  Controller,
  type ControllerRuntime,
  type EventRecorder,
  type Informer,
  type ReconcileContext,
  type ReconcileResult,
  type Runnable,
} from "@skiff/sdk";
import type { CronJob } from "../api/cron_job.ts";
import type { Job } from "../api/job.ts";
import { cronJobsResource, jobsResource } from "../resources.ts";
import { syncCronJob } from "./sync.ts";

/**
 * Options of a {@link CronJobController}.
 *
 * @example
 * ```ts
 * let now = new Date("2024-05-01T10:00:30Z");
 * const options: CronJobControllerOptions = { now: () => now };
 * ```
 */
export interface CronJobControllerOptions {
  /** Workers (--concurrent-cron-job-syncs, 5). */
  workers?: number;
  /** The clock the schedule is read against. */
  now?: () => Date;
}

/**
 * The CronJob controller.
 *
 * @example
 * ```ts
 * import { CronJobController } from "@skiff/workloads";
 *
 * manager.add(new CronJobController());
 * ```
 */
export class CronJobController implements Runnable {
  readonly name = "cronjob";
  #controller: Controller<CronJob>;
  #now: () => Date;
  #cronJobs?: Informer<CronJob>;
  #jobs?: Informer<Job>;
  #recorder?: EventRecorder;

  constructor(options: CronJobControllerOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#controller = new Controller<CronJob>({
      name: "cronjob",
      for: cronJobsResource,
      owns: [jobsResource],
      maxConcurrentReconciles: options.workers ?? 5,
      reconcile: (key, ctx) => this.#reconcile(key, ctx),
    });
  }

  /** Called by the manager: asks for the informers before they start. */
  setup(runtime: ControllerRuntime): void {
    this.#controller.setup(runtime);
    // Events say "cronjob-controller", as kube-controller-manager's do.
    this.#recorder = runtime.recorderFor?.("cronjob-controller");
    this.#cronJobs = runtime.informers.informerFor(cronJobsResource);
    this.#jobs = runtime.informers.informerFor(jobsResource);
  }

  /** Runs until the signal aborts. */
  start(signal: AbortSignal): Promise<void> {
    return this.#controller.start(signal);
  }

  #reconcile(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    return syncCronJob(key, {
      client: ctx.client,
      recorder: this.#recorder ?? ctx.recorder,
      log: ctx.log,
      cronJobs: this.#cronJobs!,
      jobs: this.#jobs!,
      now: this.#now,
    });
  }
}
