/**
 * Runs the scheduler and the node lifecycle controller on their own:
 * `deno run -A operators/scheduler/main.ts --kubeconfig .skiff/kubeconfig --leader-elect`. The core must serve
 * the module's kinds (`skiff up --operators scheduler`); this copy and the one inside `skiff up` elect one
 * leader on the Lease kube-system/scheduler, so only one reconciles at a time.
 *
 * @module
 */
import { operatorFlags, runOperator } from "@skiff/sdk";
import { schedulerOperator } from "./operator.ts";

if (import.meta.main) await runOperator(schedulerOperator, operatorFlags(Deno.args));
