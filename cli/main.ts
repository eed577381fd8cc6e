/**
 * Dispatch of `skiff <command>`, and the one place errors become a one-line message and an exit code.
 *
 * @module
 */
import { StoreUnavailableError } from "@skiff/store";
import { parseUpArgs, UP_USAGE, UsageError } from "./args.ts";
import { StartupError, up } from "./up.ts";

const USAGE = `Usage: skiff <command> [flags]

Commands:
  up      start Skiff (skiff up --help for its flags)
`;

/**
 * Runs the command line and resolves to the exit code.
 *
 * @example
 * ```ts
 * const code = await main(["up", "--help"]); // prints usage, 0
 * ```
 */
export async function main(args: string[]): Promise<number> {
  const log = (line: string) => console.error(`skiff: ${line}`);
  try {
    const [command, ...rest] = args;
    if (command === "up") return await runUp(rest, log);
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      log(`${e.message}. Run "skiff up --help" for the flags.`);
      return 2;
    }
    if (e instanceof StoreUnavailableError || e instanceof StartupError) log(e.message);
    else log(`failed: ${(e as Error).message ?? e}`);
    return 1;
  }
}

async function runUp(args: string[], log: (line: string) => void): Promise<number> {
  const options = parseUpArgs(args);
  if (options.help) {
    console.log(UP_USAGE);
    return 0;
  }
  const skiff = await up(options, log);
  log("ready");
  const { promise: signalled, resolve } = Promise.withResolvers<Deno.Signal>();
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  const handlers = signals.map((s) => [s, () => resolve(s)] as const);
  handlers.forEach(([s, h]) => Deno.addSignalListener(s, h));
  log(`stopping on ${await signalled}`);
  handlers.forEach(([s, h]) => Deno.removeSignalListener(s, h));
  await skiff.stop();
  log("stopped");
  return 0;
}
