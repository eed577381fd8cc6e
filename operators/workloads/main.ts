/**
 * Runs the workloads controllers (Deployments, ReplicaSets, ReplicationControllers) on their own:
 * `deno run -A operators/workloads/main.ts --kubeconfig .skiff/kubeconfig --leader-elect`. The core must serve
 * the module's kinds (`skiff up --operators workloads`); this copy and the one inside `skiff up` elect one
 * leader on the Lease kube-system/workloads, so only one reconciles at a time.
 *
 * @module
 */
import { operatorFlags, runOperator } from "@skiff/sdk";
import { workloadsOperator } from "./operator.ts";

if (import.meta.main) await runOperator(workloadsOperator, operatorFlags(Deno.args));
