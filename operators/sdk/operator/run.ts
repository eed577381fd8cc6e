/**
 * Runs one operator on its own: connect (kubeconfig, in-cluster, or a given client), install its CRDs,
 * start a manager with its controllers, stop on SIGINT/SIGTERM. What `operators/NAME/main.ts` calls.
 *
 * @module
 */
import { type Client, createClient } from "../client/client.ts";
import { loadConfig, loadKubeconfig } from "../client/config.ts";
import { jsonLogger, type Logger } from "../controller/logger.ts";
import { type LeaderElectionOptions, Manager } from "../manager/manager.ts";
import { installCrds } from "./install.ts";
import type { Operator } from "./operator.ts";

/**
 * Options of {@link runOperator}.
 *
 * @example
 * ```ts
 * const options: RunOperatorOptions = { kubeconfig: ".skiff/kubeconfig", leaderElection: true, healthPort: 8081 };
 * ```
 */
export interface RunOperatorOptions {
  /** A kubeconfig file; without it and without `client`, $KUBECONFIG, in-cluster, or ~/.kube/config. */
  kubeconfig?: string;
  /** A ready client (not closed when the operator stops). */
  client?: Client;
  /** true: the Lease NAME in kube-system, client-go's timings; or the parts to change. */
  leaderElection?: boolean | Partial<LeaderElectionOptions>;
  metricsPort?: number;
  healthPort?: number;
  hostname?: string;
  log?: Logger;
  /** Stops the operator; without one, SIGINT and SIGTERM do. */
  signal?: AbortSignal;
  /** Apply the operator's CRDs before starting (default true). */
  installCrds?: boolean;
  /** Called with the manager before it starts (to read its addresses or metrics in tests). */
  onManager?: (manager: Manager) => void;
}

/**
 * Runs the operator until stopped; resolves after a graceful shutdown, rejects if it cannot start or
 * loses its Lease.
 *
 * @example
 * ```ts
 * // operators/widgets/main.ts
 * import { operatorFlags, runOperator } from "@skiff/sdk";
 * import { widgetsOperator } from "./mod.ts";
 *
 * if (import.meta.main) await runOperator(widgetsOperator, operatorFlags(Deno.args));
 * ```
 */
export async function runOperator(op: Operator, options: RunOperatorOptions = {}): Promise<void> {
  const log = (options.log ?? jsonLogger()).with({ operator: op.name });
  const client = options.client ??
    createClient(options.kubeconfig ? await loadKubeconfig(options.kubeconfig) : await loadConfig());
  const { signal, dispose } = stopSignal(options.signal);
  try {
    // Built-in kinds cannot be installed from outside: the core must already serve them (`skiff up
    // --operators NAME` does), and then both copies run for one Lease, so only one reconciles.
    for (const def of op.builtinKinds?.definitions ?? []) {
      const version = def.versions.find((v) => v.storage)?.name ?? def.versions[0].name;
      const apiVersion = def.group ? `${def.group}/${version}` : version;
      await client.discovery.resolve(apiVersion, def.names.kind).catch(() => {
        throw new Error(
          `the server does not serve ${apiVersion} ${def.names.kind}: start it with --operators ${op.name}`,
        );
      });
    }
    if (options.installCrds !== false && op.crds.length > 0) {
      const results = await installCrds(client, op.crds, { signal });
      log.info("CRDs installed", Object.fromEntries(results));
    }
    const le = options.leaderElection;
    const manager = new Manager({
      client,
      log,
      metricsPort: options.metricsPort,
      healthPort: options.healthPort,
      hostname: options.hostname,
      leaderElection: le
        ? { namespace: "kube-system", name: op.name, ...(le === true ? {} : le) }
        : undefined,
    });
    for (const factory of op.controllers) manager.add(factory(manager));
    options.onManager?.(manager);
    await manager.start(signal);
  } finally {
    dispose();
    if (!options.client) client.close();
  }
}

/**
 * Reads controller-runtime's usual flags: `--kubeconfig FILE`, `--leader-elect`,
 * `--leader-election-namespace NS`, `--leader-election-id NAME`, `--metrics-bind-address [HOST]:PORT`
 * (0 turns it off) and `--health-probe-bind-address [HOST]:PORT`. Unknown flags throw.
 *
 * @example
 * ```ts
 * operatorFlags(["--kubeconfig", "kc.yaml", "--leader-elect", "--health-probe-bind-address=:8081"]);
 * // { kubeconfig: "kc.yaml", leaderElection: {}, healthPort: 8081 }
 * ```
 */
export function operatorFlags(args: string[]): RunOperatorOptions {
  const options: RunOperatorOptions = {};
  const le: Partial<LeaderElectionOptions> = {};
  let elect = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf("=");
    const flag = (eq < 0 ? arg : arg.slice(0, eq)).replace(/^--?/, "");
    const value = () => {
      if (eq >= 0) return arg.slice(eq + 1);
      const next = args[++i];
      if (next === undefined) throw new TypeError(`flag needs an argument: --${flag}`);
      return next;
    };
    switch (flag) {
      case "kubeconfig":
        options.kubeconfig = value();
        break;
      case "leader-elect":
        elect = eq < 0 || arg.slice(eq + 1) !== "false";
        break;
      case "leader-election-namespace":
        le.namespace = value();
        break;
      case "leader-election-id":
        le.name = value();
        break;
      case "metrics-bind-address":
        Object.assign(options, bindAddress(value(), "metricsPort"));
        break;
      case "health-probe-bind-address":
        Object.assign(options, bindAddress(value(), "healthPort"));
        break;
      default:
        throw new TypeError(`unknown flag: ${arg}`);
    }
  }
  if (elect) options.leaderElection = le;
  return options;
}

function bindAddress(address: string, key: "metricsPort" | "healthPort"): Partial<RunOperatorOptions> {
  if (address === "0") return {};
  const colon = address.lastIndexOf(":");
  const port = Number(address.slice(colon + 1));
  if (colon < 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`invalid bind address "${address}": want [HOST]:PORT`);
  }
  const host = address.slice(0, colon);
  return { [key]: port, ...(host ? { hostname: host } : {}) };
}

/** The caller's signal, or one that SIGINT/SIGTERM abort. */
function stopSignal(given?: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  if (given) return { signal: given, dispose: () => {} };
  const abort = new AbortController();
  const stop = () => abort.abort();
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const s of signals) Deno.addSignalListener(s, stop);
  return {
    signal: abort.signal,
    dispose: () => {
      for (const s of signals) Deno.removeSignalListener(s, stop);
    },
  };
}
