/**
 * The `skiff` command line.
 *
 * @example
 * ```ts
 * import { main } from "@skiff/cli";
 * Deno.exit(await main(["up", "--port", "6443"]));
 * ```
 *
 * @module
 */
export { main } from "./main.ts";
export { parseUpArgs, type UpOptions, UsageError } from "./args.ts";
export { type Running, up } from "./up.ts";
