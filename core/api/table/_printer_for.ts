/**
 * Which printer serves a resource, in kube-apiserver's order: the built-in kinds Skiff serves have
 * kubectl's printers (those a module registers with its kinds included); any other kind with additionalPrinterColumns, and every custom resource, prints
 * through its columns (NAME AGE without any); a built-in kind with neither gets NAME CREATED AT.
 *
 * @module
 */
import type { PrinterColumn } from "@skiff/schema";
import type { Resource } from "../registry.ts";
import { customPrinter } from "./_custom.ts";
import { defaultPrinter } from "./_default.ts";
import { eventPrinter, eventsV1Printer } from "./_event.ts";
import { leasePrinter } from "./_lease.ts";
import { namespacePrinter } from "./_namespace.ts";
import { nodePrinter } from "./_node.ts";
import { podPrinter } from "./_pod.ts";
import type { Printer } from "./_printer.ts";
import { serviceAccountPrinter } from "./_service_account.ts";
import { clusterRoleBindingPrinter, roleBindingPrinter } from "./_role_binding.ts";
import { webhookConfigurationPrinter } from "./_webhook_configuration.ts";

/** Printers by `group/Kind` (`core` for the legacy group), as pkg/printers registers them. */
const BUILTIN = new Map<string, Printer>([
  ["core/Pod", podPrinter],
  ["core/Node", nodePrinter],
  ["core/Namespace", namespacePrinter],
  ["core/Event", eventPrinter],
  ["core/ServiceAccount", serviceAccountPrinter],
  ["coordination.k8s.io/Lease", leasePrinter],
  ["events.k8s.io/Event", eventsV1Printer],
  ["rbac.authorization.k8s.io/RoleBinding", roleBindingPrinter],
  ["rbac.authorization.k8s.io/ClusterRoleBinding", clusterRoleBindingPrinter],
  ["admissionregistration.k8s.io/ValidatingWebhookConfiguration", webhookConfigurationPrinter],
  ["admissionregistration.k8s.io/MutatingWebhookConfiguration", webhookConfigurationPrinter],
  // apiextensions-apiserver serves CRDs with the default convertor.
  ["apiextensions.k8s.io/CustomResourceDefinition", defaultPrinter],
]);

// Parsing JSONPaths once per served version: a Resource keeps its printerColumns array until the
// definition changes.
const custom = new WeakMap<readonly PrinterColumn[], Printer>();

/**
 * The printer of a resource.
 *
 * @example
 * ```ts
 * printerFor(registry.lookup("", "v1", "pods")!).columns[1].name; // "Ready"
 * ```
 */
export function printerFor(
  res: Pick<Resource, "group" | "kind" | "builtin" | "printerColumns" | "printer">,
): Printer {
  if (res.printer) return res.printer;
  const known = BUILTIN.get(`${res.group || "core"}/${res.kind}`);
  if (known) return known;
  if (res.builtin && res.printerColumns.length === 0) return defaultPrinter;
  let printer = custom.get(res.printerColumns);
  if (!printer) custom.set(res.printerColumns, printer = customPrinter(res.printerColumns));
  return printer;
}
