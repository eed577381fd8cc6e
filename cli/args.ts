/**
 * Flags of `skiff up`, parsed strictly: an unknown flag or a bad value is a UsageError whose message says
 * what to do, never a stack trace.
 *
 * @module
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { BUNDLED_MODULES } from "./bundled.ts";

/** Modules `--operators` can name: the bundled ones. */
export const KNOWN_OPERATORS: readonly string[] = Object.keys(BUNDLED_MODULES).sort();

/** What `skiff up` was asked to do. */
export interface UpOptions {
  dataDir: string;
  port: number;
  /** etcd client URLs; empty for the embedded store. */
  etcd: string[];
  /** Operator modules to install. */
  operators: string[];
  nodeAgent: boolean;
  help: boolean;
  /** A second HTTPS port that asks clients for certificates (Deno.serve cannot); off unless given. */
  clientCertPort?: number;
  /** Simulated nodes to register and play the kubelet of, in-process (0 or absent: none). */
  simulatedNodes?: number;
}

/** A mistake on the command line. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * node:util's parseArgs, strict, with its errors as one-line UsageErrors: node words them as "Unknown
 * option '--x'. To specify a positional argument ...", so only the first sentence is kept.
 *
 * @example
 * ```ts
 * strictArgs(["--nodes", "3"], { nodes: { type: "string" } }).values.nodes; // "3"
 * ```
 */
export function strictArgs<T extends ParseArgsOptionsConfig>(
  args: string[],
  options: T,
  allowPositionals = false,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: boolean }>> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError((e as Error).message.split(". ")[0].replace(/\.$/, ""));
  }
}

/** Usage text of `skiff up`. */
export const UP_USAGE = `Usage: skiff up [flags]

Starts Skiff: the store, the API server and the chosen operator modules.

Flags:
  --data-dir DIR          where state lives (default .skiff)
  --port N                HTTPS port of the API server (default 6443)
  --etcd URL[,URL...]     use etcd at these client URLs instead of the embedded store
  --operators LIST        comma-separated modules to install, or all (default) or none
  --no-node-agent         do not run the node agent in this process
  --client-cert-port N    also serve HTTPS on port N, accepting client certificates signed by the CA
  --simulated-nodes N     register N simulated nodes (sim-node-0 ...) whose pods run without containers
  -h, --help              show this help
`;

/**
 * Parses the arguments after `skiff up`.
 *
 * @example
 * ```ts
 * parseUpArgs(["--port", "7443", "--etcd", "http://127.0.0.1:2379"]).port; // 7443
 * ```
 */
export function parseUpArgs(args: string[]): UpOptions {
  const { values } = strictArgs(args, {
    "data-dir": { type: "string", default: ".skiff" },
    port: { type: "string", default: "6443" },
    etcd: { type: "string" },
    operators: { type: "string", default: "all" },
    "no-node-agent": { type: "boolean", default: false },
    "client-cert-port": { type: "string" },
    "simulated-nodes": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a number from 1 to 65535, not "${values.port}"`);
  }
  if (values["data-dir"] === "") throw new UsageError("--data-dir must not be empty");
  const certPort = values["client-cert-port"];
  if (certPort !== undefined && (!/^\d+$/.test(certPort) || +certPort < 1 || +certPort > 65535)) {
    throw new UsageError(`--client-cert-port must be a number from 1 to 65535, not "${certPort}"`);
  }
  return {
    dataDir: values["data-dir"],
    port,
    etcd: values.etcd === undefined ? [] : parseEtcd(values.etcd),
    operators: parseOperators(values.operators),
    nodeAgent: !values["no-node-agent"],
    help: values.help,
    ...(certPort === undefined ? {} : { clientCertPort: Number(certPort) }),
    ...(values["simulated-nodes"] === undefined
      ? {}
      : { simulatedNodes: parseNodeCount("--simulated-nodes", values["simulated-nodes"]) }),
  };
}

function parseEtcd(list: string): string[] {
  const urls = list.split(",").map((s) => s.trim()).filter(Boolean);
  if (urls.length === 0) throw new UsageError("--etcd needs at least one URL, such as http://127.0.0.1:2379");
  for (const u of urls) {
    let url: URL;
    try {
      url = new URL(u);
    } catch {
      throw new UsageError(`--etcd: "${u}" is not a URL; write it as http://HOST:PORT`);
    }
    if (!["http:", "https:"].includes(url.protocol) || !url.port) {
      throw new UsageError(`--etcd: "${u}" must be http(s)://HOST:PORT, such as http://127.0.0.1:2379`);
    }
  }
  return urls;
}

function parseOperators(list: string): string[] {
  if (list === "all") return [...KNOWN_OPERATORS];
  if (list === "none") return [];
  const names = list.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !KNOWN_OPERATORS.includes(n));
  if (unknown.length) {
    const known = KNOWN_OPERATORS.length ? KNOWN_OPERATORS.join(", ") : "none are bundled yet";
    throw new UsageError(`--operators: unknown module ${unknown.map((n) => `"${n}"`).join(", ")} (${known})`);
  }
  return names;
}

/** Most simulated nodes one simulator gives addresses to (see operators/sim/addresses.ts). */
const MAX_SIM_NODES = 19_456;

function parseNodeCount(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || +value > MAX_SIM_NODES) {
    throw new UsageError(`${flag} must be a number from 0 to ${MAX_SIM_NODES}, not "${value}"`);
  }
  return Number(value);
}

/** What `skiff sim` was asked to do. */
export interface SimOptions {
  /** How many nodes to simulate. */
  nodes: number;
  /** The kubeconfig of the cluster to join; $KUBECONFIG, else ~/.kube/config, when absent. */
  kubeconfig?: string;
  /** Nodes are PREFIX-0 … PREFIX-(N-1). */
  prefix: string;
  help: boolean;
}

/** Usage text of `skiff sim`. */
export const SIM_USAGE = `Usage: skiff sim --nodes N [flags]

Registers N simulated nodes in a running cluster and plays their kubelets, as kwok does: they report
Ready and renew their leases, and pods bound to them run (Running and Ready, with IPs) without containers.

Flags:
  --nodes N               how many nodes to simulate (required)
  --kubeconfig FILE       the cluster to join (default $KUBECONFIG, else ~/.kube/config)
  --prefix NAME           name nodes NAME-0, NAME-1, ... (default sim-node)
  -h, --help              show this help
`;

/**
 * Parses the arguments after `skiff sim`.
 *
 * @example
 * ```ts
 * parseSimArgs(["--nodes", "100", "--kubeconfig", ".skiff/kubeconfig"]).nodes; // 100
 * ```
 */
export function parseSimArgs(args: string[]): SimOptions {
  const { values } = strictArgs(args, {
    nodes: { type: "string" },
    kubeconfig: { type: "string" },
    prefix: { type: "string", default: "sim-node" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) return { nodes: 0, prefix: values.prefix, help: true };
  if (values.nodes === undefined) throw new UsageError("--nodes is required: how many nodes to simulate");
  // A node name is a DNS subdomain; the prefix and "-N" must make one.
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(values.prefix) || values.prefix.length > 240) {
    throw new UsageError(`--prefix must be lower-case letters, digits, "-" or ".", not "${values.prefix}"`);
  }
  return {
    nodes: parseNodeCount("--nodes", values.nodes),
    prefix: values.prefix,
    help: false,
    ...(values.kubeconfig === undefined ? {} : { kubeconfig: values.kubeconfig }),
  };
}
