/**
 * `skiff operators list | install NAME | uninstall NAME` against a running cluster: it reads and sets the
 * OperatorModule objects that the running `skiff up` acts on, and waits until it has.
 *
 * @module
 */
import { createClient, isNotFound, loadKubeconfig } from "@skiff/sdk";
import type { OperatorModule } from "./api/operator_module.ts";
import { strictArgs, UsageError } from "./args.ts";
import { operatorModulesResource } from "./modules.ts";

/** Usage text of `skiff operators`. */
export const OPERATORS_USAGE = `Usage: skiff operators list|install NAME|uninstall NAME [flags]

Lists the operator modules bundled with a running Skiff, or installs or uninstalls one.

Flags:
  --kubeconfig FILE   the cluster's kubeconfig (default $KUBECONFIG, else .skiff/kubeconfig)
  --timeout SECONDS   how long install and uninstall wait for the module (default 60)
  -h, --help          show this help
`;

/** What `skiff operators` was asked to do. */
export interface OperatorsOptions {
  action: "list" | "install" | "uninstall";
  name?: string;
  kubeconfig: string;
  timeoutSeconds: number;
  help: boolean;
}

/**
 * Parses the arguments after `skiff operators`.
 *
 * @example
 * ```ts
 * parseOperatorsArgs(["install", "workloads"]).name; // "workloads"
 * ```
 */
export function parseOperatorsArgs(args: string[]): OperatorsOptions {
  const parsed = strictArgs(args, {
    kubeconfig: { type: "string" },
    timeout: { type: "string", default: "60" },
    help: { type: "boolean", short: "h", default: false },
  }, true);
  const { values, positionals } = parsed;
  const kubeconfig = values.kubeconfig ?? Deno.env.get("KUBECONFIG") ?? ".skiff/kubeconfig";
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) {
    throw new UsageError(`--timeout must be a positive number of seconds, not "${values.timeout}"`);
  }
  if (values.help) return { action: "list", kubeconfig, timeoutSeconds, help: true };
  const [action, name, ...extra] = positionals;
  if (action === "list" && name === undefined) return { action, kubeconfig, timeoutSeconds, help: false };
  if ((action === "install" || action === "uninstall") && name && !extra.length) {
    return { action, name, kubeconfig, timeoutSeconds, help: false };
  }
  throw new UsageError(
    action === undefined
      ? "say list, install NAME or uninstall NAME"
      : `"${positionals.join(" ")}" is not list, install NAME or uninstall NAME`,
  );
}

/**
 * Runs `skiff operators`; `out` gets what it prints, `log` the progress lines.
 *
 * @example
 * ```ts
 * await operators(parseOperatorsArgs(["list"]), console.log, console.error);
 * ```
 */
export async function operators(
  options: OperatorsOptions,
  out: (line: string) => void,
  log: (line: string) => void,
): Promise<void> {
  const client = createClient(await loadKubeconfig(options.kubeconfig));
  const modules = client.resource(operatorModulesResource);
  if (options.action === "list") {
    const items = (await modules.list()).items;
    const rows = [["NAME", "ENABLED", "PHASE", "KINDS"], ...items.map((m) => row(m))];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) {
      out(r.map((c, i) => i < r.length - 1 ? c.padEnd(widths[i] + 3) : c).join("").trimEnd());
    }
    return;
  }
  const name = options.name!;
  const enabled = options.action === "install";
  try {
    await modules.patch(name, { spec: { enabled } });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    const names = (await modules.list()).items.map((m) => m.metadata?.name).join(", ");
    throw new UsageError(`no module "${name}" is bundled (bundled: ${names || "none"})`);
  }
  log(`${options.action}ing ${name}`);
  const want = enabled ? "Installed" : "NotInstalled";
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  for (;;) {
    const m = await modules.get(name);
    if (m.status?.phase === want) break;
    if (m.status?.phase === "Failed") throw new Error(`module ${name} failed: ${m.status.message}`);
    if (Date.now() > deadline) {
      throw new Error(
        `module ${name} is still ${m.status?.phase ?? "pending"} after ${options.timeoutSeconds} s`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  out(`module ${name} ${enabled ? "installed" : "uninstalled"}`);
}

function row(m: OperatorModule): string[] {
  return [
    m.metadata?.name ?? "",
    String(m.spec?.enabled ?? false),
    m.status?.phase ?? "<pending>",
    (m.status?.kinds ?? []).join(",") || "<none>",
  ];
}
