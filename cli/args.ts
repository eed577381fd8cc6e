/**
 * Flags of `skiff up`, parsed strictly: an unknown flag or a bad value is a UsageError whose message says
 * what to do, never a stack trace.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** Modules `--operators` can name. Empty until the operator issues add them. */
export const KNOWN_OPERATORS: readonly string[] = [];

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
}

/** A mistake on the command line. */
export class UsageError extends Error {
  override name = "UsageError";
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
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        "data-dir": { type: "string", default: ".skiff" },
        port: { type: "string", default: "6443" },
        etcd: { type: "string" },
        operators: { type: "string", default: "all" },
        "no-node-agent": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    // node:util words these as "Unknown option '--x'. To specify a positional argument ...": keep the
    // first sentence only.
    throw new UsageError((e as Error).message.split(". ")[0].replace(/\.$/, ""));
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a number from 1 to 65535, not "${values.port}"`);
  }
  if (values["data-dir"] === "") throw new UsageError("--data-dir must not be empty");
  return {
    dataDir: values["data-dir"],
    port,
    etcd: values.etcd === undefined ? [] : parseEtcd(values.etcd),
    operators: parseOperators(values.operators),
    nodeAgent: !values["no-node-agent"],
    help: values.help,
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
