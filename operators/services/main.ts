/**
 * Runs the services module's controllers on their own:
 * `deno run -A operators/services/main.ts --kubeconfig .skiff/kubeconfig --leader-elect`. The core must
 * serve Services (`skiff up --operators services`, which also runs the allocation inside the API
 * server); this copy keeps the `kubernetes` Service, electing one leader on the Lease
 * kube-system/services with the copy inside `skiff up`.
 *
 * @module
 */
import { operatorFlags, runOperator } from "@skiff/sdk";
import { createServicesOperator } from "./operator.ts";

if (import.meta.main) await runOperator(createServicesOperator(), operatorFlags(Deno.args));
