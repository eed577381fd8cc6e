/**
 * kubectl's printers for the batch/v1 kinds (printJob and printCronJob in
 * kubernetes/pkg/printers/internalversion/printers.go).
 *
 * @module
 */
import { formatSelector } from "../selector/selector.ts";
import * as docs from "./_docs.ts";
import {
  age,
  AGE_COLUMN,
  column,
  containerCells,
  CONTAINERS_COLUMN,
  humanDuration,
  IMAGES_COLUMN,
  type Json,
  NAME_COLUMN,
  num,
  type Printer,
} from "./_printer.ts";

function hasCondition(status: Json | undefined, type: string): boolean {
  return (status?.conditions ?? []).some((c: Json) => c.type === type && c.status === "True");
}

/** A Job's STATUS cell, in printJob's order of precedence. */
export function jobStatus(job: Json): string {
  const status = job.status;
  if (hasCondition(status, "Complete")) return "Complete";
  if (hasCondition(status, "Failed")) return "Failed";
  if (job.metadata?.deletionTimestamp) return "Terminating";
  if (hasCondition(status, "Suspended")) return "Suspended";
  if (hasCondition(status, "FailureTarget")) return "FailureTarget";
  if (hasCondition(status, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
  return "Running";
}

/**
 * Jobs: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. COMPLETIONS is
 * `succeeded/completions`, or for a work queue `succeeded/1` (`succeeded/1 of parallelism` when
 * parallel); DURATION runs from startTime to completionTime, or to now while running.
 *
 * @example
 * ```ts
 * import { jobPrinter } from "@skiff/workloads";
 *
 * jobPrinter.row(job, Date.now()).cells.slice(0, 5); // ["pi", "Complete", "1/1", "8s", "2m"]
 * ```
 */
export const jobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Status", "string", "Status of the job."),
    column("Completions", "string", docs.JOB_SUCCEEDED),
    column("Duration", "string", "Time required to complete the job."),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column("Selector", "string", docs.JOB_SELECTOR, { priority: 1 }),
  ],
  row(job, now) {
    const spec: Json = job.spec ?? {};
    const status: Json = job.status ?? {};
    const succeeded = num(status, "succeeded");
    let completions: string;
    if (typeof spec.completions === "number") completions = `${succeeded}/${spec.completions}`;
    else {
      const parallelism = num(spec, "parallelism");
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    let duration = "";
    if (status.startTime) {
      const start = Date.parse(status.startTime);
      duration = humanDuration((status.completionTime ? Date.parse(status.completionTime) : now) - start);
    }
    const [containers, images] = containerCells(spec.template?.spec);
    return {
      cells: [
        job.metadata?.name ?? "",
        jobStatus(job),
        completions,
        duration,
        age(job.metadata?.creationTimestamp, now),
        containers,
        images,
        formatSelector(spec.selector),
      ],
    };
  },
};

/**
 * CronJobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES SELECTOR.
 * SUSPEND prints `True`/`False` (`<unset>` when absent) as a string, as printBoolPtr does.
 *
 * @example
 * ```ts
 * import { cronJobPrinter } from "@skiff/workloads";
 *
 * cronJobPrinter.row(cj, Date.now()).cells.slice(0, 7); // ["hello", "*\/5 * * * *", "<none>", "False", 0, "3m", "1h"]
 * ```
 */
export const cronJobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Schedule", "string", docs.CRON_JOB_SCHEDULE),
    column("Timezone", "string", docs.CRON_JOB_TIME_ZONE),
    column("Suspend", "boolean", docs.CRON_JOB_SUSPEND),
    column("Active", "integer", docs.CRON_JOB_ACTIVE),
    column("Last Schedule", "string", docs.CRON_JOB_LAST_SCHEDULE),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column("Selector", "string", docs.JOB_SELECTOR, { priority: 1 }),
  ],
  row(cj, now) {
    const spec: Json = cj.spec ?? {};
    const status: Json = cj.status ?? {};
    const jobSpec: Json = spec.jobTemplate?.spec ?? {};
    const [containers, images] = containerCells(jobSpec.template?.spec);
    return {
      cells: [
        cj.metadata?.name ?? "",
        spec.schedule ?? "",
        typeof spec.timeZone === "string" ? spec.timeZone : "<none>",
        typeof spec.suspend === "boolean" ? (spec.suspend ? "True" : "False") : "<unset>",
        Array.isArray(status.active) ? status.active.length : 0,
        status.lastScheduleTime ? age(status.lastScheduleTime, now) : "<none>",
        age(cj.metadata?.creationTimestamp, now),
        containers,
        images,
        formatSelector(jobSpec.selector),
      ],
    };
  },
};
