/**
 * The websites operator module: the Website CRD and its controller, declared once. `runOperator` runs it on
 * its own (main.ts); a test or another program runs it in-process with a client.
 *
 * @module
 */
import { defineOperator, type Operator } from "@skiff/sdk";
import { websiteCrd } from "./api.ts";
import { websiteController } from "./controller.ts";

/**
 * The websites operator.
 *
 * @example
 * ```ts
 * import { runOperator } from "@skiff/sdk";
 * import { websitesOperator } from "@skiff/example-website";
 *
 * await runOperator(websitesOperator, { kubeconfig: ".skiff/kubeconfig" });
 * ```
 */
export const websitesOperator: Operator = defineOperator({
  name: "websites",
  crds: [websiteCrd],
  controllers: [websiteController],
});
