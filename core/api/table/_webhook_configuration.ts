/**
 * Webhook configurations as `kubectl get validatingwebhookconfigurations` (and mutating) shows them:
 * NAME WEBHOOKS AGE (printValidatingWebhookConfiguration and printMutatingWebhookConfiguration in
 * kubernetes/pkg/printers/internalversion/printers.go).
 *
 * @module
 */
import { age } from "./duration.ts";
import { AGE_COLUMN, column, NAME_COLUMN, type Printer, str } from "./_printer.ts";

/**
 * The admissionregistration.k8s.io Validating- and MutatingWebhookConfiguration printer.
 *
 * @example
 * ```ts
 * webhookConfigurationPrinter.row(config, Date.now()).cells; // ["policy", 2, "5m"]
 * ```
 */
export const webhookConfigurationPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column(
      "Webhooks",
      "integer",
      "Webhooks indicates the number of webhooks registered in this configuration",
    ),
    AGE_COLUMN,
  ],
  row: (config, now) => ({
    cells: [
      str(config.metadata, "name"),
      Array.isArray(config.webhooks) ? config.webhooks.length : 0,
      age(config.metadata?.creationTimestamp, now),
    ],
  }),
};
