/**
 * Runs the websites operator on its own:
 * `deno run -A operators/examples/website/main.ts --kubeconfig .skiff/kubeconfig [--leader-elect]`.
 * It installs the Website CRD, then reconciles until SIGINT or SIGTERM.
 *
 * @module
 */
import { operatorFlags, runOperator } from "@skiff/sdk";
import { websitesOperator } from "./operator.ts";

if (import.meta.main) await runOperator(websitesOperator, operatorFlags(Deno.args));
