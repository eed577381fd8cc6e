/**
 * Dispatch of `skiff <command>`, and the one place errors become a one-line message and an exit code.
 *
 * @module
 */
import { StoreUnavailableError } from "@skiff/store";
import { parseSimArgs, parseUpArgs, SIM_USAGE, UP_USAGE, UsageError } from "./args.ts";
import { operators, OPERATORS_USAGE, parseOperatorsArgs } from "./operators.ts";
import { sim } from "./sim.ts";
import { StartupError, up } from "./up.ts";

const USAGE = `Usage: skiff <command> [flags]

Commands:
  up         start Skiff (skiff up --help for its flags)
  sim        add simulated nodes to a running cluster (skiff sim --help)
  operators  list, install or uninstall operator modules of a running cluster (skiff operators --help)
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
    if (command === "sim") return await runSim(rest, log);
    if (command === "operators") return await runOperators(rest, log);
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      const command = ["sim", "operators"].includes(args[0]) ? args[0] : "up";
      log(`${e.message}. Run "skiff ${command} --help" for the flags.`);
      return 2;
    }
    if (e instanceof StoreUnavailableError || e instanceof StartupError) log(e.message);
    else log(`failed: ${(e as Error).message ?? e}`);
    return 1;
  }
}

async function runSim(args: string[], log: (line: string) => void): Promise<number> {
  const options = parseSimArgs(args);
  if (options.help) {
    console.log(SIM_USAGE);
    return 0;
  }
  // Listening first: a signal during registration stops the simulator once its nodes are in.
  const signalled = untilSignal();
  const simulator = await sim(options, log);
  log("ready");
  log(`stopping on ${await signalled}`);
  await simulator.stop();
  log("stopped");
  return 0;
}

async function runOperators(args: string[], log: (line: string) => void): Promise<number> {
  const options = parseOperatorsArgs(args);
  if (options.help) {
    console.log(OPERATORS_USAGE);
    return 0;
  }
  await operators(options, (line) => console.log(line), log);
  return 0;
}

/** Resolves with the first SIGINT or SIGTERM. */
function untilSignal(): Promise<Deno.Signal> {
  const { promise, resolve } = Promise.withResolvers<Deno.Signal>();
  const handlers = (["SIGINT", "SIGTERM"] as Deno.Signal[]).map((s) => [s, () => resolve(s)] as const);
  handlers.forEach(([s, h]) => Deno.addSignalListener(s, h));
  return promise.finally(() => handlers.forEach(([s, h]) => Deno.removeSignalListener(s, h)));
}

async function runUp(args: string[], log: (line: string) => void): Promise<number> {
  const options = parseUpArgs(args);
  if (options.help) {
    console.log(UP_USAGE);
    return 0;
  }
  // Listening first: a signal during start-up stops Skiff once it has started.
  const signalled = untilSignal();
  const skiff = await up(options, log);
  log("ready");
  log(`stopping on ${await signalled}`);
  await skiff.stop();
  log("stopped");
  return 0;
}
