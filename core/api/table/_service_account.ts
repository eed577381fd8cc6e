/**
 * ServiceAccounts as `kubectl get serviceaccounts` shows them: NAME SECRETS AGE (printServiceAccount in
 * kubernetes/pkg/printers/internalversion/printers.go). SECRETS counts the listed secrets.
 *
 * @module
 */
import { age } from "./duration.ts";
import { AGE_COLUMN, column, list, NAME_COLUMN, type Printer, str } from "./_printer.ts";

const SECRETS =
  'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret';

/**
 * The ServiceAccount printer.
 *
 * @example
 * ```ts
 * serviceAccountPrinter.row(sa, Date.now()).cells; // ["default", 0, "12d"]
 * ```
 */
export const serviceAccountPrinter: Printer = {
  columns: [NAME_COLUMN, column("Secrets", "string", SECRETS), AGE_COLUMN],
  row: (sa, now) => ({
    cells: [str(sa.metadata, "name"), list(sa, "secrets").length, age(sa.metadata?.creationTimestamp, now)],
  }),
};
